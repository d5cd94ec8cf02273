# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""`commonscheck scan` side by side with ScanCode Toolkit on the evaluation set, in one run.

Build the set first (``python bench/make_evalset.py``), then::

    /work/venv/bin/python bench/scan_vs_scancode.py [--evalset DIR] [--jobs 2] [--misses [FILE]]

What it does, in order:

* installs ScanCode Toolkit in its own venv (default /tmp/commonscheck-scancode-venv) unless it is
  there, and checks that ``scancode --version`` runs;
* times ScanCode's own license index build (``scancode-reindex-licenses``; skip with
  ``--no-scancode-reindex``), then ``scancode --license --timing --strip-root -n N --json-pp`` on the
  files, twice (ScanCode has no result cache: the second run is its "rescan");
* times commonscheck: ``commonscheck scan DIR --jobs N --format json -o OUT`` with
  COMMONSCHECK_CACHE_DIR pointing at a fresh empty folder (cold, index build included); the index
  build alone in another fresh folder; a scan with that prebuilt index but no cached results; and a
  rescan of the unchanged tree (warm cache); plus an in-process loop over the per-file analysis for
  per-file median / p95 (the CLI reports no per-file time);
* for every run: wall time, the largest single process' max RSS (wait4 rusage) and the peak of the
  process tree's summed PSS and RSS (sampled from /proc every 50 ms);
* scores both tools against truth.tsv: exact-expression accuracy (equivalence through
  license-expression's SPDX licensing), the same ignoring -only / -or-later ("family"), share of
  licensed files with any license found, false alarms on NONE files; per category too;
* prints a Markdown table with ratios and the targets, and with ``--misses`` the disagreements.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from license_expression import ExpressionError, Licensing, get_spdx_licensing

DEFAULT_EVALSET = Path("/tmp/commonscheck-evalset")
DEFAULT_SCANCODE_VENV = Path("/tmp/commonscheck-scancode-venv")
DEFAULT_WORK = Path("/tmp/commonscheck-bench-work")
SCANCODE_REQUIREMENTS = ("scancode-toolkit==32.5.0", "pluggy<1.6")  # pluggy 1.6+ breaks plugincode
DEFAULT_COMMONSCHECK = Path(sys.executable).with_name("commonscheck")
CATEGORIES = ("license-file", "header", "reflowed", "markdown", "html", "none")

SPDX = get_spdx_licensing()
PLAIN = Licensing()


# ------------------------------------------------------------------------------ measuring runs


@dataclass
class Run:
    """One timed command: wall seconds, memory peaks in MB, exit code and captured stderr tail."""

    label: str
    command: list[str]
    wall: float = 0.0
    cpu: float = 0.0  # user + system seconds of the process and its waited-for children
    max_rss_mb: float = 0.0  # largest single process (wait4 rusage, includes waited-for children)
    tree_pss_mb: float = 0.0  # peak of the summed PSS of the whole process tree
    tree_rss_mb: float = 0.0  # peak of the summed RSS of the whole process tree
    returncode: int = 0
    stderr_tail: str = ""


def _children(pid: int) -> list[int]:
    # /proc/PID/task/TID/children is cheap; scanning all of /proc every tick would steal a core's
    # worth of time from the tools being measured on a 2-core machine.
    kids: list[int] = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as fh:
                kids.extend(int(k) for k in fh.read().split())
    except OSError:
        pass
    return kids


def _tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(_children(p))
    return out


def _memory_kb(pid: int) -> tuple[int, int]:
    """(PSS, RSS) of one process in kB; (0, 0) when it is gone."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            pss = rss = 0
            for line in fh:
                if line.startswith("Pss:"):
                    pss = int(line.split()[1])
                elif line.startswith("Rss:"):
                    rss = int(line.split()[1])
            return pss, rss
    except (OSError, ValueError):
        return 0, 0


def measure(
    label: str, command: list[str], env: dict[str, str] | None = None, cwd: Path | None = None
) -> Run:
    """Run `command` to completion, timing it and sampling its process tree's memory."""
    run = Run(label, command)
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err)
        peak = [0, 0]
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                pss = rss = 0
                for p in _tree(proc.pid):
                    a, b = _memory_kb(p)
                    pss += a
                    rss += b
                peak[0] = max(peak[0], pss)
                peak[1] = max(peak[1], rss)
                done.wait(0.05)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        run.wall = time.perf_counter() - start
        done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        run.returncode = proc.returncode
        run.max_rss_mb = usage.ru_maxrss / 1024
        run.cpu = usage.ru_utime + usage.ru_stime
        run.tree_pss_mb, run.tree_rss_mb = peak[0] / 1024, peak[1] / 1024
        err.seek(0)
        run.stderr_tail = err.read().decode("utf-8", "replace")[-2000:]
    status_note = "" if run.returncode == 0 else f"  EXIT {run.returncode}"
    print(
        f"  {label}: {run.wall:.2f} s (CPU {run.cpu:.2f} s), max RSS {run.max_rss_mb:.0f} MB, "
        f"tree PSS {run.tree_pss_mb:.0f} MB{status_note}",
        file=sys.stderr,
    )
    return run


# ------------------------------------------------------------------------------ tools


def ensure_scancode(venv: Path) -> Path:
    """Install ScanCode Toolkit into `venv` if needed; return the scancode executable."""
    exe = venv / "bin" / "scancode"
    if not exe.exists():
        print(f"installing ScanCode Toolkit into {venv} ...", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        subprocess.run([*pip, *SCANCODE_REQUIREMENTS], check=True)
    version = subprocess.run([str(exe), "--version"], capture_output=True, text=True)
    if version.returncode != 0:
        raise SystemExit(f"scancode --version failed:\n{version.stderr[-2000:]}")
    print(version.stdout.strip().replace("\n", "; "), file=sys.stderr)
    return exe


def scancode_results(path: Path) -> tuple[dict[str, str | None], dict[str, float]]:
    """Per-file SPDX expression (None: nothing found) and per-file license-scan seconds."""
    data = json.loads(path.read_text(encoding="utf-8"))
    expressions: dict[str, str | None] = {}
    timings: dict[str, float] = {}
    for f in data.get("files", []):
        if f.get("type") != "file":
            continue
        expressions[f["path"]] = f.get("detected_license_expression_spdx") or None
        t = (f.get("scan_timings") or {}).get("licenses")
        if t is not None:
            timings[f["path"]] = float(t)
    return expressions, timings


def commonscheck_results(path: Path) -> dict[str, str | None]:
    """Per-file SPDX expression from a commonscheck.scan/1 JSON document."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if not str(data.get("schema", "")).startswith("commonscheck.scan/"):
        raise SystemExit(f"{path}: not a commonscheck scan document")
    return {f["path"]: f.get("expression") or None for f in data.get("files", [])}


def inprocess_timings(files: Path, cache_dir: Path, python: Path) -> dict[str, float]:
    """Seconds per file of commonscheck's per-file analysis, timed in one process (index loaded)."""
    code = r"""
import json, sys, time
from pathlib import Path
from commonscheck.audit import licensedb, scan
from commonscheck.audit.files import decode_text
scan._INDEX = licensedb.load_index(Path(sys.argv[2]))
out = {}
for p in sorted(Path(sys.argv[1]).iterdir()):
    raw = p.read_bytes()
    t0 = time.perf_counter()
    text = decode_text(raw)
    if text is not None:
        scan.analyse_text(p.name, text)
    out[p.name] = time.perf_counter() - t0
json.dump(out, sys.stdout)
"""
    done = subprocess.run(
        [str(python), "-c", code, str(files), str(cache_dir)], capture_output=True, text=True
    )
    if done.returncode != 0:
        print(f"in-process timing failed: {done.stderr[-1500:]}", file=sys.stderr)
        return {}
    result: dict[str, float] = json.loads(done.stdout)
    return result


# ------------------------------------------------------------------------------ scoring


def _parse(expression: str, licensing: Licensing) -> Any:
    return licensing.parse(expression, validate=False, strict=False)


def same(truth: str | None, found: str | None) -> bool:
    """Whether `found` is equivalent to `truth` (None on either side: both must be None)."""
    if truth is None or found is None:
        return truth is None and found is None
    try:
        return bool(SPDX.is_equivalent(_parse(truth, SPDX), _parse(found, SPDX)))
    except ExpressionError:
        return truth.strip() == found.strip()


_VERSION_SUFFIX = re.compile(r"-(?:only|or-later)\b|\+", re.IGNORECASE)


def same_family(truth: str | None, found: str | None) -> bool:
    """Like `same`, but GPL-2.0-only, GPL-2.0-or-later and GPL-2.0+ count as one license."""
    if truth is None or found is None:
        return truth is None and found is None
    try:
        a = _parse(_VERSION_SUFFIX.sub("", str(_parse(truth, SPDX))), PLAIN)
        b = _parse(_VERSION_SUFFIX.sub("", str(_parse(found, SPDX))), PLAIN)
        return bool(PLAIN.is_equivalent(a, b))
    except ExpressionError:
        return False


@dataclass
class Score:
    """Accuracy figures of one tool over one slice of the evaluation set."""

    files: int = 0
    exact: int = 0
    family: int = 0
    licensed: int = 0
    licensed_found: int = 0
    none_files: int = 0
    false_alarms: int = 0
    misses: list[str] = field(default_factory=list)

    def pct(self, n: int, d: int) -> str:
        """n/d as a percentage string."""
        return f"{100 * n / d:.1f} %" if d else "n/a"


def score(
    truth: dict[str, tuple[str | None, str]], found: dict[str, str | None], only: str | None = None
) -> Score:
    """Score `found` against `truth` (path -> (expression or None, category)); `only`: one category."""
    s = Score()
    for path, (expected, category) in sorted(truth.items()):
        if only and category != only:
            continue
        got = found.get(path)
        s.files += 1
        ok = same(expected, got)
        s.exact += ok
        s.family += same_family(expected, got)
        if expected is None:
            s.none_files += 1
            s.false_alarms += got is not None
        else:
            s.licensed += 1
            s.licensed_found += got is not None
        if not ok:
            s.misses.append(path)
    return s


def read_truth(evalset: Path) -> tuple[dict[str, tuple[str | None, str]], dict[str, str]]:
    """truth.tsv -> path -> (expression or None, category); sources.tsv -> path -> origin."""
    truth: dict[str, tuple[str | None, str]] = {}
    for line in (evalset / "truth.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        path, expected, category = line.split("\t")
        truth[path] = (None if expected == "NONE" else expected, category)
    sources: dict[str, str] = {}
    src = evalset / "sources.tsv"
    if src.is_file():
        for line in src.read_text(encoding="utf-8").splitlines()[1:]:
            path, origin = line.split("\t", 1)
            sources[path] = origin
    return truth, sources


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0..100) by nearest rank; 0.0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, round(q / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


# ------------------------------------------------------------------------------ main


def source_state() -> str:
    """Which commonscheck source was measured: commit of this checkout and whether the package differs."""
    repo = Path(__file__).resolve().parent.parent
    head = subprocess.run(
        ["git", "-C", str(repo), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    )
    dirty = subprocess.run(
        ["git", "-C", str(repo), "status", "--porcelain", "--", "commonscheck", "rules"],
        capture_output=True,
        text=True,
    )
    if head.returncode != 0:
        return "commonscheck source: unknown commit"
    changed = len(dirty.stdout.splitlines())
    state = f"{changed} uncommitted changes in commonscheck/ and rules/" if changed else "clean"
    return f"commonscheck at commit {head.stdout.strip()} ({state})"


def install_snapshot(rev: str, work: Path) -> tuple[Path, str]:
    """Install commonscheck as committed at `rev` (git archive, not the live work tree) into its own
    venv under `work`, so edits landing during a run cannot change what is measured.

    Returns the CLI path and a description of what was installed."""
    repo = Path(__file__).resolve().parent.parent
    commit = subprocess.run(
        ["git", "-C", str(repo), "rev-parse", "--verify", f"{rev}^{{commit}}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    dest = work / f"commonscheck-{commit[:12]}"
    exe = dest / "venv" / "bin" / "commonscheck"
    if not exe.exists():
        print(f"installing commonscheck {commit[:12]} into {dest / 'venv'} ...", file=sys.stderr)
        src = fresh(dest / "src")
        archive = subprocess.run(
            ["git", "-C", str(repo), "archive", "--format=tar", commit], capture_output=True, check=True
        )
        subprocess.run(["tar", "-x", "-C", str(src)], input=archive.stdout, check=True)
        subprocess.run([sys.executable, "-m", "venv", str(dest / "venv")], check=True)
        pip = [
            str(dest / "venv" / "bin" / "python"),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
        ]
        subprocess.run([*pip, str(src)], check=True)
    return exe, f"commonscheck at commit {commit[:12]} (installed from git archive)"


def fresh(path: Path) -> Path:
    """An empty folder at `path` (removed first if it exists)."""
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)
    return path


def main(argv: list[str] | None = None) -> int:
    """Run both tools, print the comparison; exit 1 if a tool failed."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--evalset", type=Path, default=DEFAULT_EVALSET, help="folder made by make_evalset.py")
    ap.add_argument("--jobs", "-n", type=int, default=2, help="processes for both tools (default 2)")
    ap.add_argument("--work", type=Path, default=DEFAULT_WORK, help="scratch folder for outputs and caches")
    ap.add_argument("--scancode-venv", type=Path, default=DEFAULT_SCANCODE_VENV)
    ap.add_argument("--commonscheck", type=Path, default=DEFAULT_COMMONSCHECK, help="the commonscheck CLI")
    ap.add_argument(
        "--at",
        metavar="REV",
        help="measure commonscheck as committed at REV, in a venv of its own (default: --commonscheck)",
    )
    ap.add_argument("--no-scancode-reindex", action="store_true", help="don't time ScanCode's index build")
    ap.add_argument(
        "--skip-scancode", action="store_true", help="reuse <work>/scancode.json from a previous run"
    )
    ap.add_argument("--misses", nargs="?", const="-", help="list disagreements (to FILE, or stdout)")
    ap.add_argument("--json", type=Path, help="also write all figures to this JSON file")
    ap.add_argument(
        "--big-tree",
        type=Path,
        help="also time commonscheck alone, cold (prebuilt index) and warm, on this larger tree",
    )
    args = ap.parse_args(argv)

    files = (args.evalset / "files").resolve()
    if not files.is_dir():
        raise SystemExit(f"{files}: no evaluation set; run bench/make_evalset.py first")
    truth, sources = read_truth(args.evalset)
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    n = args.jobs
    runs: dict[str, Run] = {}
    if args.at:
        args.commonscheck, state = install_snapshot(args.at, work)
    else:
        state = source_state()

    # ScanCode
    sc_json = work / "scancode.json"
    if not args.skip_scancode:
        scancode = ensure_scancode(args.scancode_venv)
        if not args.no_scancode_reindex:
            reindex = scancode.with_name("scancode-reindex-licenses")
            runs["sc_index"] = measure("ScanCode index build", [str(reindex)])
        sc_cmd = [str(scancode), "--license", "--timing", "--strip-root", "-q", "-n", str(n), "--json-pp"]
        runs["sc_cold"] = measure("ScanCode scan", [*sc_cmd, str(sc_json), str(files)])
        runs["sc_rescan"] = measure(
            "ScanCode rescan", [*sc_cmd, str(work / "scancode-rescan.json"), str(files)]
        )
    sc_found, sc_times = scancode_results(sc_json)

    # commonscheck
    cc = str(args.commonscheck)
    cc_cmd = [cc, "scan", "--jobs", str(n), "--format", "json", "--quiet", "-o"]
    cold_cache = fresh(work / "cc-cache-cold")
    env = {**os.environ, "COMMONSCHECK_CACHE_DIR": str(cold_cache)}
    runs["cc_cold"] = measure(
        "commonscheck cold (index build included)", [*cc_cmd, str(work / "cc-cold.json"), str(files)], env
    )
    index_cache = fresh(work / "cc-cache-index")
    python = Path(args.commonscheck).with_name("python")
    build = "import sys; from pathlib import Path; from commonscheck.audit import licensedb; "
    build += "licensedb.load_index(Path(sys.argv[1]))"
    runs["cc_index"] = measure("commonscheck index build", [str(python), "-c", build, str(index_cache)])
    env = {**os.environ, "COMMONSCHECK_CACHE_DIR": str(index_cache)}
    runs["cc_prebuilt"] = measure(
        "commonscheck cold (prebuilt index)", [*cc_cmd, str(work / "cc.json"), str(files)], env
    )
    runs["cc_rescan"] = measure(
        "commonscheck rescan (warm)", [*cc_cmd, str(work / "cc-rescan.json"), str(files)], env
    )
    # The floor of any rescan: process start, imports and one cached file.
    tiny = fresh(work / "tiny")
    (tiny / "hello.txt").write_text("hello\n", encoding="utf-8")
    measure(
        "commonscheck warm-up of the 1-file folder", [*cc_cmd, str(work / "cc-tiny.json"), str(tiny)], env
    )
    runs["cc_floor"] = measure(
        "commonscheck rescan of a 1-file folder (floor)",
        [*cc_cmd, str(work / "cc-tiny.json"), str(tiny)],
        env,
    )
    if args.big_tree:
        big_cache = work / "cc-cache-big"
        fresh(big_cache)
        shutil.copy(next(index_cache.glob("licensedb-*")), big_cache)  # prebuilt index, no results
        big_env = {**os.environ, "COMMONSCHECK_CACHE_DIR": str(big_cache)}
        big = str(args.big_tree.resolve())
        runs["big_cold"] = measure(
            "big tree cold (prebuilt index)", [*cc_cmd, str(work / "big.json"), big], big_env
        )
        runs["big_rescan"] = measure(
            "big tree rescan", [*cc_cmd, str(work / "big-rescan.json"), big], big_env
        )
    if not args.at and source_state() != state:
        print(
            f"WARNING: the measured source changed during the run (was: {state}); use --at", file=sys.stderr
        )
    failed = [r.label for r in runs.values() if r.returncode != 0]
    for r in runs.values():
        if r.returncode != 0:
            print(f"{r.label} failed ({r.returncode}):\n{r.stderr_tail}", file=sys.stderr)
    cc_found = commonscheck_results(work / "cc.json")
    if commonscheck_results(work / "cc-rescan.json") != cc_found:
        print("WARNING: the warm rescan gave different results from the cold scan", file=sys.stderr)
    cc_times = inprocess_timings(files, index_cache, python)

    # Scores
    total = {"commonscheck": score(truth, cc_found), "ScanCode": score(truth, sc_found)}
    cc_s, sc_s = total["commonscheck"], total["ScanCode"]
    nfiles = len(truth)

    def ratio(a: float, b: float) -> str:
        return f"{a / b:.1f}x" if b else "n/a"

    def verdict(ok: bool) -> str:
        return "met" if ok else "NOT met"

    sc_cold = runs.get("sc_cold")
    lines = [
        f"Evaluation set: {nfiles} files ({args.evalset}), {n} processes each; {state}.",
        "",
        "| measure | commonscheck | ScanCode | ratio / difference | target |",
        "|---|---|---|---|---|",
    ]
    acc_cc, acc_sc = cc_s.exact / cc_s.files, sc_s.exact / sc_s.files
    lines.append(
        f"| exact-expression accuracy | {cc_s.pct(cc_s.exact, cc_s.files)} "
        f"| {sc_s.pct(sc_s.exact, sc_s.files)} "
        f"| {100 * (acc_cc - acc_sc):+.1f} points | >= ScanCode: {verdict(acc_cc >= acc_sc)} |"
    )
    lines.append(
        f"| same ignoring -only/-or-later | {cc_s.pct(cc_s.family, cc_s.files)} "
        f"| {sc_s.pct(sc_s.family, sc_s.files)} "
        f"| {100 * (cc_s.family - sc_s.family) / nfiles:+.1f} points | |"
    )
    lines.append(
        f"| licensed files with any license found | {cc_s.pct(cc_s.licensed_found, cc_s.licensed)} "
        f"| {sc_s.pct(sc_s.licensed_found, sc_s.licensed)} "
        f"| {100 * (cc_s.licensed_found - sc_s.licensed_found) / max(1, cc_s.licensed):+.1f} points | |"
    )
    lines.append(
        f"| false alarms on NONE files | {cc_s.false_alarms} / {cc_s.none_files} "
        f"| {sc_s.false_alarms} / {sc_s.none_files} | | |"
    )
    if sc_cold:
        for key, label in (("cc_cold", "cold incl. index build"), ("cc_prebuilt", "cold, prebuilt index")):
            r = runs[key]
            lines.append(
                f"| wall time, {label} | {r.wall:.2f} s | {sc_cold.wall:.2f} s | ScanCode/ours "
                f"{ratio(sc_cold.wall, r.wall)} | <= 1/20: {verdict(r.wall * 20 <= sc_cold.wall)} |"
            )
        for key, label in (("cc_cold", "cold incl. index build"), ("cc_prebuilt", "cold, prebuilt index")):
            r = runs[key]
            lines.append(
                f"| CPU time (user+sys), {label} | {r.cpu:.2f} s | {sc_cold.cpu:.2f} s | ScanCode/ours "
                f"{ratio(sc_cold.cpu, r.cpu)} | |"
            )
        if "sc_index" in runs:
            lines.append(
                f"| license index build alone | {runs['cc_index'].wall:.2f} s "
                f"| {runs['sc_index'].wall:.2f} s "
                f"| {ratio(runs['sc_index'].wall, runs['cc_index'].wall)} | |"
            )
        sc_re = runs["sc_rescan"]
        lines.append(
            f"| wall time, rescan of unchanged tree | {runs['cc_rescan'].wall:.2f} s | {sc_re.wall:.2f} s "
            f"| {ratio(sc_re.wall, runs['cc_rescan'].wall)} | |"
        )
    speedup = runs["cc_prebuilt"].wall / runs["cc_rescan"].wall
    speedup_all = runs["cc_cold"].wall / runs["cc_rescan"].wall
    lines.append(
        f"| rescan speed-up over cold (prebuilt index / incl. index) | {speedup:.1f}x / {speedup_all:.1f}x "
        f"| {ratio(sc_cold.wall, runs['sc_rescan'].wall) if sc_cold else 'n/a'} | "
        f"| >= 50x: {verdict(speedup >= 50)} |"
    )
    lines.append(
        f"| floor: rescan of a 1-file folder (start-up) | {runs['cc_floor'].wall:.2f} s | | "
        f"rescan minus floor {runs['cc_rescan'].wall - runs['cc_floor'].wall:.2f} s | |"
    )
    if "big_cold" in runs:
        big_files = len(json.loads((work / "big.json").read_text(encoding="utf-8")).get("files", []))
        cold_big, warm_big = runs["big_cold"], runs["big_rescan"]
        lines.append(
            f"| larger tree ({big_files} files): cold, prebuilt index -> rescan | {cold_big.wall:.2f} s -> "
            f"{warm_big.wall:.2f} s = {cold_big.wall / warm_big.wall:.1f}x | "
            f"| peak PSS {cold_big.tree_pss_mb:.0f} MB "
            f"| >= 50x: {verdict(cold_big.wall >= 50 * warm_big.wall)} |"
        )
    cc_t, sc_t = list(cc_times.values()), list(sc_times.values())
    if cc_t and sc_t:
        lines.append(
            f"| per-file time median / p95 | {1000 * statistics.median(cc_t):.2f} / "
            f"{1000 * percentile(cc_t, 95):.2f} ms | {1000 * statistics.median(sc_t):.2f} / "
            f"{1000 * percentile(sc_t, 95):.2f} ms "
            f"| {ratio(statistics.median(sc_t), statistics.median(cc_t))} "
            f"(median) | |"
        )
    if sc_cold:
        lines.append(
            f"| wall time per file, cold | {1000 * runs['cc_prebuilt'].wall / nfiles:.1f} ms "
            f"| {1000 * sc_cold.wall / nfiles:.1f} ms | | |"
        )
        for key, label in (("cc_cold", "cold incl. index build"), ("cc_prebuilt", "cold, prebuilt index")):
            r = runs[key]
            lines.append(
                f"| peak memory, {label}: tree PSS (largest process RSS) | {r.tree_pss_mb:.0f} MB "
                f"({r.max_rss_mb:.0f} MB) | {sc_cold.tree_pss_mb:.0f} MB ({sc_cold.max_rss_mb:.0f} MB) "
                f"| {ratio(sc_cold.tree_pss_mb, r.tree_pss_mb)} | < 400 MB: {verdict(r.tree_pss_mb < 400)} |"
            )
        if "sc_index" in runs:
            lines.append(
                f"| peak memory, index build: largest process RSS | {runs['cc_index'].max_rss_mb:.0f} MB "
                f"| {runs['sc_index'].max_rss_mb:.0f} MB | | |"
            )
    lines += [
        "",
        "Exact-expression accuracy per category:",
        "",
        "| category | files | commonscheck | ScanCode |",
    ]
    lines.append("|---|---|---|---|")
    for category in CATEGORIES:
        c, s = score(truth, cc_found, category), score(truth, sc_found, category)
        if c.files:
            lines.append(
                f"| {category} | {c.files} | {c.pct(c.exact, c.files)} | {s.pct(s.exact, s.files)} |"
            )
    print("\n".join(lines))

    if args.misses:
        rows = ["path\tcategory\texpected\tcommonscheck\tscancode\tsource"]
        for path in sorted(set(cc_s.misses) | set(sc_s.misses)):
            expected, category = truth[path]
            rows.append(
                f"{path}\t{category}\t{expected or 'NONE'}\t{cc_found.get(path) or 'NONE'}"
                f"\t{sc_found.get(path) or 'NONE'}\t{sources.get(path, '')}"
            )
        text = "\n".join(rows) + "\n"
        if args.misses == "-":
            print("\nDisagreements with truth (either tool):\n" + text)
        else:
            Path(args.misses).write_text(text, encoding="utf-8")
    if args.json:
        figures = {
            "files": nfiles,
            "jobs": n,
            "runs": {k: vars(r) | {"stderr_tail": None} for k, r in runs.items()},
            "scores": {k: {f: v for f, v in vars(s).items() if f != "misses"} for k, s in total.items()},
            "per_file_ms": {
                "commonscheck": [1000 * statistics.median(cc_t), 1000 * percentile(cc_t, 95)]
                if cc_t
                else None,
                "ScanCode": [1000 * statistics.median(sc_t), 1000 * percentile(sc_t, 95)] if sc_t else None,
            },
        }
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
