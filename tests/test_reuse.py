# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Cross-check `lint` against the real `reuse lint --json` on real git repositories."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import conftest
from commonscheck.audit.reuse import lint
from commonscheck.model import ReuseReport
from conftest import license_text

# Tag names are assembled so that REUSE does not read this test file's fixtures as its own tags.
LIC = "SPDX" + "-License-Identifier: "
CPR = "SPDX" + "-FileCopyrightText: "


def header(expression: str, holder: str = "2024 Jane Doe <jane@example.com>") -> str:
    return f"# {CPR}{holder}\n#\n# {LIC}{expression}\n"


def make_repo(root: Path, files: dict[str, str | bytes]) -> list[str]:
    """Write `files`, commit them in a fresh git repository, return `git ls-files`."""
    repo = conftest.make_repo(root, files, "fixture")
    return [p for p in repo.git.ls_files().splitlines() if p]


def reuse_lint(root: Path) -> tuple[int, dict[str, object] | None]:
    """Run the real reuse tool; (exit code, parsed JSON or None when it refused to lint)."""
    env = dict(os.environ, _SUPPRESS_DEP5_WARNING="1")
    proc = subprocess.run(
        [sys.executable, "-m", "reuse", "--root", str(root), "lint", "--json"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    try:
        return proc.returncode, json.loads(proc.stdout)
    except json.JSONDecodeError:
        return proc.returncode, None


def _rel(root: Path, items: object) -> set[str]:
    assert isinstance(items, list)
    out = set()
    for item in items:
        path = Path(str(item))
        out.add(path.relative_to(root).as_posix() if path.is_absolute() else path.as_posix())
    return out


def assert_agrees(root: Path, ours: ReuseReport) -> dict[str, object]:
    """Our report and reuse's agree item by item; returns reuse's JSON for extra assertions."""
    code, data = reuse_lint(root)
    assert data is not None, f"reuse refused to lint (exit {code})"
    nc = data["non_compliant"]
    assert isinstance(nc, dict)
    resolved = root.resolve()
    assert set(ours.missing_licensing) == _rel(resolved, nc["missing_licensing_info"])
    assert set(ours.missing_copyright) == _rel(resolved, nc["missing_copyright_info"])
    assert {lic for lic, _files in ours.missing_licenses} == set(nc["missing_licenses"])
    assert set(ours.unused_licenses) == set(nc["unused_licenses"])
    assert set(ours.bad_licenses) == set(nc["bad_licenses"])
    assert set(ours.deprecated_licenses) == set(nc["deprecated_licenses"])
    assert set(ours.licenses_without_extension) == set(nc["licenses_without_extension"])
    assert set(ours.read_errors) == _rel(resolved, nc["read_errors"])
    summary = data["summary"]
    assert isinstance(summary, dict)
    assert ours.compliant == summary["compliant"] == (code == 0)
    return data


def check(tmp_path: Path, files: dict[str, str | bytes]) -> ReuseReport:
    root = tmp_path / "repo"
    paths = make_repo(root, files)
    ours = lint(root, paths)
    assert_agrees(root, ours)
    return ours


def base() -> dict[str, str | bytes]:
    return {
        "LICENSES/MIT.txt": license_text("mit"),
        "LICENSES/GPL-3.0-or-later.txt": license_text("gpl-3.0-plus"),
        "src/app.py": header("GPL-3.0-or-later") + "print('hi')\n",
        "src/util.c": f"/* {CPR}2023 ACME Inc. */\n/* {LIC}MIT */\nint x;\n",
        "README.md": f"<!-- {CPR}2024 Jane Doe -->\n<!-- {LIC}MIT -->\n# Readme\n",
        "LICENSE": license_text("gpl-3.0-plus"),  # ignored by REUSE
        "empty.txt": "",  # zero-byte files are not covered
    }


def test_compliant_repository(tmp_path: Path) -> None:
    report = check(tmp_path, base())
    assert report.compliant
    assert report.missing_licensing == report.missing_copyright == ()
    assert report.config_errors == ()


def test_missing_copyright_and_licensing(tmp_path: Path) -> None:
    files = base()
    files["src/nocopy.py"] = f"# {LIC}MIT\n"
    files["src/nolicense.py"] = f"# {CPR}2020 Bob\n"
    files["docs/plain.txt"] = "just text\n"
    report = check(tmp_path, files)
    assert not report.compliant
    assert report.missing_copyright == ("docs/plain.txt", "src/nocopy.py")
    assert report.missing_licensing == ("docs/plain.txt", "src/nolicense.py")


def test_missing_unused_bad_and_deprecated_licenses(tmp_path: Path) -> None:
    files = base()
    files["src/apache.py"] = header("Apache-2.0 OR LicenseRef-Mine") + "x = 1\n"
    files["src/plus.py"] = header("GPL-2.0+") + "x = 2\n"  # needs LICENSES/GPL-2.0.txt
    files["LICENSES/BSD-3-Clause.txt"] = license_text("bsd-new")  # unused
    files["LICENSES/NotALicense.txt"] = "made up\n"  # bad
    files["LICENSES/GPL-3.0.txt"] = license_text("gpl-3.0")  # deprecated (and unused)
    files["LICENSES/Apache-2.0"] = license_text("apache-2.0")  # without extension
    report = check(tmp_path, files)
    assert dict(report.missing_licenses) == {
        "GPL-2.0+": ("src/plus.py",),
        "LicenseRef-Mine": ("src/apache.py",),
    }
    assert "BSD-3-Clause" in report.unused_licenses
    assert report.bad_licenses == ("NotALicense",)
    assert report.deprecated_licenses == ("GPL-3.0",)
    assert report.licenses_without_extension == ("Apache-2.0",)


def test_or_later_plus_uses_base_license_file(tmp_path: Path) -> None:
    files = base()
    files["LICENSES/GPL-2.0-only.txt"] = license_text("gpl-2.0")
    files["src/old.py"] = header("GPL-2.0-only+") + "x = 1\n"
    report = check(tmp_path, files)
    assert report.missing_licenses == ()
    assert "GPL-2.0-only" not in report.unused_licenses


def test_sidecar_license_files(tmp_path: Path) -> None:
    files = base()
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)
    files["img/logo.png"] = png
    files["img/logo.png.license"] = header("MIT")
    files["img/other.png"] = png  # no sidecar: binary, so nothing found
    # A sidecar wins over the file's own tags: this one declares a license that is missing.
    files["src/side.py"] = header("MIT") + "x = 1\n"
    files["src/side.py.license"] = header("LicenseRef-Side")
    report = check(tmp_path, files)
    assert report.missing_licensing == ("img/other.png",)
    assert dict(report.missing_licenses) == {"LicenseRef-Side": ("src/side.py",)}


def test_reuse_ignore_blocks_and_strings(tmp_path: Path) -> None:
    files = base()
    files["src/ignored.py"] = (
        header("MIT")
        + "# REUSE-IgnoreStart\n"
        + f"TEMPLATE = '# {LIC}LicenseRef-Nope'\n"
        + "# REUSE-IgnoreEnd\n"
        + "MENTION = 'SPDX-License-Identifier without a colon'\n"
    )
    files["src/only_ignored.py"] = "# REUSE-IgnoreStart\n" + header("MIT") + "# REUSE-IgnoreEnd\n"
    report = check(tmp_path, files)
    assert report.missing_licenses == ()
    assert set(report.missing_licensing) == {"src/only_ignored.py"}


def test_reuse_toml_precedences(tmp_path: Path) -> None:
    files = base()
    files["REUSE.toml"] = (
        "version = 1\n\n"
        "[[annotations]]\n"
        'path = ["data/**", "assets/*.json"]\n'
        'precedence = "aggregate"\n'
        'SPDX-FileCopyrightText = "2022 Data People"\n'
        'SPDX-License-Identifier = "LicenseRef-Data"\n\n'
        "[[annotations]]\n"
        'path = "vendor/**"\n'
        'precedence = "override"\n'
        'SPDX-FileCopyrightText = ["2010 Vendor"]\n'
        'SPDX-License-Identifier = "MIT"\n\n'
        "[[annotations]]\n"
        'path = "docs/**"\n'
        'SPDX-FileCopyrightText = "2024 Docs"\n'
        'SPDX-License-Identifier = "CC0-1.0"\n'
    )
    files["LICENSES/CC0-1.0.txt"] = license_text("cc0-1.0")
    files["LICENSES/LicenseRef-Data.txt"] = "Data license.\n"
    files["data/sub/table.csv"] = "a,b\n1,2\n"
    files["data/tagged.py"] = header("GPL-3.0-or-later") + "x = 1\n"
    files["assets/x.json"] = "{}\n"
    files["assets/deep/y.json"] = "{}\n"  # '*' does not cross directories: uncovered
    # override: the file's own (missing) license is not even read
    files["vendor/lib.py"] = header("LicenseRef-Vendor") + "x = 1\n"
    # closest: own tags win; a file with only copyright takes the licensing from REUSE.toml
    files["docs/own.md"] = f"<!-- {CPR}2024 Jane -->\n<!-- {LIC}MIT -->\n"
    files["docs/partial.md"] = f"<!-- {CPR}2024 Jane -->\ntext\n"
    files["docs/nothing.md"] = "text\n"
    files["sub/REUSE.toml"] = (
        'version = 1\n[[annotations]]\npath = "**"\nSPDX-FileCopyrightText = "2020 Sub"\n'
        'SPDX-License-Identifier = "MIT"\n'
    )
    files["sub/deep/file.txt"] = "sub\n"
    report = check(tmp_path, files)
    assert report.missing_licensing == ("assets/deep/y.json",)
    assert report.missing_licenses == ()
    assert "CC0-1.0" not in report.unused_licenses


def test_nested_override_and_closest(tmp_path: Path) -> None:
    files = base()
    files["REUSE.toml"] = (
        'version = 1\n[[annotations]]\npath = "pkg/**"\nSPDX-License-Identifier = "MIT"\n'
        'SPDX-FileCopyrightText = "2020 Top"\n'
    )
    files["pkg/REUSE.toml"] = (
        'version = 1\n[[annotations]]\npath = "*.txt"\nSPDX-License-Identifier = "LicenseRef-Deep"\n'
    )
    files["pkg/a.txt"] = "a\n"  # licensing from the deeper file, copyright from the top one
    files["pkg/b.dat"] = "b\n"
    report = check(tmp_path, files)
    assert dict(report.missing_licenses) == {"LicenseRef-Deep": ("pkg/a.txt",)}
    assert report.missing_copyright == ()


def test_dep5(tmp_path: Path) -> None:
    files = base()
    files[".reuse/dep5"] = (
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
        "Upstream-Name: demo\n\n"
        "Files: data/*\n"
        "Copyright: 2019 Data Corp\n"
        "License: MIT\n\n"
        "Files: data/special/*.bin\n"
        "Copyright: 2018 Special\n"
        "License: LicenseRef-Special\n\n"
        "Files: src/*.py\n"
        "Copyright: 2017 Aggregated\n"
        "License: Apache-2.0\n"
    )
    files["data/a/b.csv"] = "x\n"
    files["data/special/s.bin"] = b"\x00\x01"
    report = check(tmp_path, files)
    # dep5 aggregates: src/app.py now also needs Apache-2.0.
    assert dict(report.missing_licenses) == {
        "Apache-2.0": ("src/app.py",),
        "LicenseRef-Special": ("data/special/s.bin",),
    }


@pytest.mark.parametrize(
    "toml",
    [
        'version = 1\n[[annotations]]\npath = "x"\nprecedence = "nearest"\n',
        '[[annotations]]\npath = "x"\n',
        "version = 1\n[[annotations]]\nprecedence = 'closest'\n",
        "version = 1\n[[annotations]\n",
    ],
)
def test_config_errors_stop_reuse_and_are_reported(tmp_path: Path, toml: str) -> None:
    files = base()
    files["REUSE.toml"] = toml
    root = tmp_path / "repo"
    report = lint(root, make_repo(root, files))
    code, data = reuse_lint(root)
    assert data is None and code != 0
    assert not report.compliant
    assert report.config_errors and all("REUSE.toml" in e for e in report.config_errors)


def test_symlinks_are_not_covered_and_not_followed(tmp_path: Path) -> None:
    """A deliberate difference: reuse reads a sidecar symlinked out of the tree; we do not."""
    outside = tmp_path / "secret.txt"
    outside.write_text(f"# {LIC}LicenseRef-Secret\n", encoding="utf-8")
    files = base()
    root = tmp_path / "repo"
    root.mkdir()
    (root / "link.txt").symlink_to(outside)
    (root / "src").mkdir()
    (root / "src" / "side.py.license").symlink_to(outside)
    files["src/side.py"] = header("MIT") + "x = 1\n"
    paths = make_repo(root, files)
    assert "link.txt" in paths and "src/side.py.license" in paths
    report = lint(root, paths)
    assert report.compliant
    assert not any("Secret" in lic for lic, _ in report.missing_licenses)
    code, data = reuse_lint(root)
    assert data is not None and code != 0  # reuse followed the link and found LicenseRef-Secret
    assert "LicenseRef-Secret" in data["non_compliant"]["missing_licenses"]  # type: ignore[index]


def test_invalid_expressions_are_named(tmp_path: Path) -> None:
    files = base()
    files["src/bad.py"] = header("MIT AND AND GPL-3.0-or-later") + "x = 1\n"
    ours = check(tmp_path, files)
    assert not ours.compliant
    assert ours.invalid_expressions == (("src/bad.py", ("MIT AND AND GPL-3.0-or-later",)),)
    _code, data = reuse_lint(tmp_path / "repo")
    assert data is not None
    # reuse lists invalid expressions per file, with is_valid false.
    files = data["files"]
    assert isinstance(files, list)
    theirs = {
        (Path(str(f["path"])).name, e["value"])
        for f in files
        for e in f["spdx_expressions"]
        if not e["is_valid"]
    }
    assert theirs == {("bad.py", "MIT AND AND GPL-3.0-or-later")}
