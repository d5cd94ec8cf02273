# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""How long `commonscheck audit` takes on a repository of 20k commits and 500 dependencies, caches
warm (the issue's target: under 5 s).

The repository: a synthetic history written with `git fast-import` (graph_bench.make_synthetic:
company, freemail and bot identities, renames, trailers, merges), then one more commit adding a
package.json and package-lock.json v3 with --packages entries (deps_bench.make_npm_lock) and a
LICENSE. Timed with the installed CLI in the same run, each the median of --repeat runs: the start-up
floor (`--version`), `git log --numstat` (the history floor), `graph`, `check` and `audit` with caches
warm, and `audit` with an empty cache (first run). Nothing is written outside --work.

    python bench/audit_bench.py [--commits 20000] [--packages 500] [--repeat 3] [--json FILE]
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
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
COMMONSCHECK = str(Path(sys.executable).with_name("commonscheck"))


def _load(name: str) -> Any:
    spec = importlib.util.spec_from_file_location(name, HERE / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def build(work: Path, commits: int, packages: int) -> Path:
    """The synthetic repository with its lockfile commit (made once per work folder)."""
    repo = work / f"audit-{commits}-{packages}"
    if (repo / "package-lock.json").exists():
        return repo
    shutil.rmtree(repo, ignore_errors=True)
    _load("graph_bench").make_synthetic(repo, commits)
    _load("deps_bench").make_npm_lock(repo, packages)
    mit = "MIT License\n\nCopyright (c) 2026 ACME\n\nPermission is hereby granted, free of charge, ...\n"
    (repo / "LICENSE").write_text(mit)
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Bench",
        "GIT_AUTHOR_EMAIL": "bench@acme.com",
        "GIT_COMMITTER_NAME": "Bench",
        "GIT_COMMITTER_EMAIL": "bench@acme.com",
    }
    added = ["package.json", "package-lock.json", "LICENSE"]
    subprocess.run(["git", "-C", str(repo), "add", *added], check=True)
    subprocess.run(["git", "-C", str(repo), "commit", "-q", "-m", "dependencies"], check=True, env=env)
    return repo


def timed(cmd: list[str], env: dict[str, str], repeat: int) -> float:
    """Median wall time of `repeat` runs (exit codes 0 and 1 are results, anything else fails)."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        proc = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
        times.append(time.perf_counter() - started)
        if proc.returncode not in (0, 1):
            sys.stderr.write(proc.stderr.decode("utf-8", "replace"))
            raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}")
    return statistics.median(times)


def main() -> None:
    """Build the repository, time the commands, print the figures (and --json)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--commits", type=int, default=20000)
    parser.add_argument("--packages", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    default_work = Path(tempfile.gettempdir()) / "commonscheck-audit-bench"
    parser.add_argument("--work", type=Path, default=default_work)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    repo = build(args.work, args.commits, args.packages)
    cache = args.work / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    env = {**os.environ, "COMMONSCHECK_CACHE_DIR": str(cache)}
    out = [COMMONSCHECK, "audit", str(repo), "--format", "json", "-q", "-o", os.devnull]
    figures: dict[str, Any] = {"commits": args.commits, "packages": args.packages, "repeat": args.repeat}
    figures["audit_first_s"] = timed(out, env, 1)
    figures["floor_s"] = timed([COMMONSCHECK, "--version"], env, args.repeat)
    figures["git_log_numstat_s"] = timed(["git", "-C", str(repo), "log", "--numstat"], env, args.repeat)
    figures["graph_warm_s"] = timed(
        [COMMONSCHECK, "graph", str(repo), "--format", "json", "-q", "-o", os.devnull], env, args.repeat
    )
    figures["check_warm_s"] = timed(
        [COMMONSCHECK, "check", str(repo), "--format", "json", "-q", "-o", os.devnull], env, args.repeat
    )
    figures["audit_warm_s"] = timed(out, env, args.repeat)
    html = [COMMONSCHECK, "audit", str(repo), "--format", "html", "-q", "-o", str(args.work / "audit.html")]
    figures["audit_html_warm_s"] = timed(html, env, args.repeat)
    audit_json = [COMMONSCHECK, "audit", str(repo), "--format", "json", "-q"]
    doc = json.loads(subprocess.run(audit_json, env=env, capture_output=True, check=True).stdout)
    repo_doc = doc["repositories"][0]
    figures["history_commits"] = repo_doc["graph"]["history"]["commits"]
    figures["packages_judged"] = sum(repo_doc["licenses"]["packages"].values())
    figures["index"] = doc["company"]["score"]
    print(f"repository: {figures['history_commits']} commits, {figures['packages_judged']} packages ({repo})")
    for key in ("floor_s", "git_log_numstat_s", "graph_warm_s", "check_warm_s", "audit_first_s"):
        print(f"  {key:22} {figures[key]:.2f} s")
    print(f"  {'audit_warm_s':22} {figures['audit_warm_s']:.2f} s  (target < 5 s)")
    print(f"  {'audit_html_warm_s':22} {figures['audit_html_warm_s']:.2f} s")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
