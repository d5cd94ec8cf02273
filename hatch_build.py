# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Wheel build hook: ship the license index prebuilt, so the first scan after install does not build it.

The index is built from the `licensedcode-data` of the build environment by the source tree's own
`commonscheck.audit.licensedb` and written exactly as `load_index` caches it
(`licensedb-<data_version>.pickle`), then added to the wheel as `commonscheck/_index/<that name>`.
At run time `load_index` uses it only when that name matches the installed data. Editable installs
get no index: they build it once into the user cache, as before.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

# Run in a fresh interpreter: it imports licensedb from the source tree for certain (not some
# commonscheck already imported or installed), and the ~300 MB the build holds go with it.
_BUILD_INDEX = """
import sys
from pathlib import Path

from commonscheck.audit import licensedb

root, out = Path(sys.argv[1]).resolve(), Path(sys.argv[2])
if not Path(licensedb.__file__).resolve().is_relative_to(root):
    sys.exit(f"imported {licensedb.__file__}, not the source tree's licensedb under {root}")
licensedb.save_index(licensedb.build_index(), out / licensedb.index_file_name())
"""


class CustomBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    """Build the license index and force-include it into a regular (not editable) wheel."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        self._tmp = tempfile.mkdtemp(prefix="commonscheck-index-")
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (self.root, env.get("PYTHONPATH")) if p)
        # no __pycache__ written into the source tree (it would land in the wheel), and a fixed
        # string hash order so the pickled frozensets, and so the wheel, come out the same each build
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        env["PYTHONHASHSEED"] = "0"
        done = subprocess.run(
            [sys.executable, "-c", _BUILD_INDEX, self.root, self._tmp],
            cwd=self.root,
            env=env,
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            # A wheel without its index would quietly cost every user the build on first scan.
            raise RuntimeError(
                "building the license index for the wheel failed; the build environment needs the "
                f"packages in [build-system] requires:\n{done.stderr}"
            )
        built = sorted(Path(self._tmp).glob("licensedb-*.pickle"))
        if len(built) != 1:
            raise RuntimeError(f"the license index build left {[p.name for p in built]} in {self._tmp}")
        build_data["force_include"][str(built[0])] = f"commonscheck/_index/{built[0].name}"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        tmp = getattr(self, "_tmp", None)
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
