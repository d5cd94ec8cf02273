# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""How long `commonscheck check` takes on a project with 1,000 packages, scan cache warm.

The project: the files of a real tree (default: this checkout's HEAD, exported with `git archive`;
or any repository given with --tree, e.g. one brought by `fetch`) plus a generated package.json and
package-lock.json v3 with --packages entries (deps_bench.make_npm_lock: realistic names, scoped and
nested packages, dev flags, a mix of licenses including OR expressions), committed into a fresh git
repository under --work. Nothing is written into the tree given.

Measured in the same run, each the median of --repeat runs of the installed CLI:
- floor: `commonscheck --version` (interpreter and import start-up);
- deps: `commonscheck deps` on the project (lockfile parsing alone);
- scan warm: `commonscheck scan` with the cache warm;
- check cold: the first `check` with an empty cache (the scan's detection included);
- check warm: `check` again, the target of the issue (< 3 s), and its ratio to the floor.

    python bench/check_bench.py [--tree PATH] [--packages 1000] [--repeat 5] [--json FILE]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
COMMONSCHECK = str(Path(sys.executable).with_name("commonscheck"))


def _deps_bench() -> Any:
    spec = importlib.util.spec_from_file_location("deps_bench", HERE / "deps_bench.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["deps_bench"] = module
    spec.loader.exec_module(module)
    return module


def git(cwd: Path, *args: str) -> str:
    """Run git with a fixed identity; return stdout."""
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "bench",
        "GIT_AUTHOR_EMAIL": "bench@example.org",
        "GIT_COMMITTER_NAME": "bench",
        "GIT_COMMITTER_EMAIL": "bench@example.org",
    }
    return subprocess.run(
        ["git", "-C", str(cwd), *args], check=True, capture_output=True, text=True, env=env
    ).stdout


def build_project(tree: Path, work: Path, packages: int) -> Path:
    """A git repository with the files of `tree` at HEAD and a generated npm lockfile."""
    project = work / "project"
    shutil.rmtree(project, ignore_errors=True)
    project.mkdir(parents=True)
    archive = work / "tree.tar"
    with archive.open("wb") as fh:
        subprocess.run(["git", "-C", str(tree), "archive", "HEAD"], check=True, stdout=fh)
    with tarfile.open(archive) as tar:
        tar.extractall(project, filter="data")
    archive.unlink()
    _deps_bench().make_npm_lock(project, packages)
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "--all")
    git(project, "commit", "-q", "-m", "bench project")
    return project


def timed(cmd: list[str], env: dict[str, str], repeat: int) -> tuple[float, int]:
    """Median wall time of `repeat` runs, and the last exit code."""
    times = []
    code = 0
    for _ in range(repeat):
        started = time.perf_counter()
        proc = subprocess.run(cmd, env=env, capture_output=True, check=False)
        times.append(time.perf_counter() - started)
        code = proc.returncode
        if code not in (0, 1):
            sys.stderr.write(proc.stderr.decode("utf-8", "replace"))
            raise SystemExit(f"{' '.join(cmd)} exited {code}")
    return statistics.median(times), code


def main() -> None:
    """Build the project, time the commands, print the figures (and --json)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--tree", type=Path, default=HERE.parent, help="a git repository whose files to use")
    parser.add_argument("--packages", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--work", type=Path, default=None, help="working folder (default: a temporary one)")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="commonscheck-check-bench-"))
    project = build_project(args.tree.resolve(), work, args.packages)
    cache = work / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    env = {**os.environ, "COMMONSCHECK_CACHE_DIR": str(cache)}
    check_cmd = [COMMONSCHECK, "check", str(project), "--format", "json", "-q", "-o", os.devnull]
    cold, _ = timed(check_cmd, env, 1)
    figures: dict[str, Any] = {
        "tree": str(args.tree),
        "packages": args.packages,
        "files": int(git(project, "ls-files", "-z").count("\0")),
        "repeat": args.repeat,
        "cpus": os.cpu_count(),
        "floor_s": timed([COMMONSCHECK, "--version"], env, args.repeat)[0],
        "deps_s": timed(
            [COMMONSCHECK, "deps", str(project), "--format", "json", "-q", "-o", os.devnull], env, args.repeat
        )[0],
        "check_cold_s": cold,
    }
    figures["scan_warm_s"] = timed(
        [COMMONSCHECK, "scan", str(project), "--format", "json", "-q", "-o", os.devnull], env, args.repeat
    )[0]
    warm, code = timed(check_cmd, env, args.repeat)
    figures["check_warm_s"] = warm
    figures["check_exit"] = code
    json_cmd = [COMMONSCHECK, "check", str(project), "--format", "json", "-q"]
    out = subprocess.run(json_cmd, env=env, capture_output=True, text=True, check=False).stdout
    doc = json.loads(out)
    figures["subjects"] = doc["summary"]["subjects"]
    figures["judged_packages"] = doc["summary"]["packages"]
    figures["verdicts"] = doc["summary"]["verdicts"]
    print(f"project: {figures['files']} files + {figures['judged_packages']} packages ({work})")
    print(f"floor (commonscheck --version):  {figures['floor_s']:.2f} s")
    print(f"deps:                            {figures['deps_s']:.2f} s")
    print(f"scan, cache warm:                {figures['scan_warm_s']:.2f} s")
    print(f"check, cache cold:               {figures['check_cold_s']:.2f} s")
    print(
        f"check, cache warm:               {warm:.2f} s  (target < 3 s; "
        f"{warm / figures['floor_s']:.1f}x the start-up floor)"
    )
    print(f"verdicts: {figures['verdicts']}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
