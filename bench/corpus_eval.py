# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Development benchmark: license detection accuracy and speed on the license-dev corpus.

Reads the corpus in place (never copy it into the project):

    python bench/corpus_eval.py [CORPUS_DIR] [--misses] [--build] [--cache-dir DIR]

CORPUS_DIR defaults to ../shared/corpus/license-dev relative to the repository. The scores are
development scores: the detector was tuned on this corpus.
"""

from __future__ import annotations

import argparse
import re
import resource
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from license_expression import ExpressionError, get_spdx_licensing  # noqa: E402

from commonscheck.audit import licensedb  # noqa: E402
from commonscheck.audit import scan as scan_pipeline  # noqa: E402
from commonscheck.cache import default_cache_dir  # noqa: E402

_BARE_GNU = re.compile(r"\b((?:A|L)?GPL-[123]\.0|LGPL-2\.1|GFDL-1\.[123])(?![-.\w+])")
_LICENSING = get_spdx_licensing()


@dataclass
class Row:
    path: str
    expected: str
    found: str
    seconds: float
    verdict: str  # "exact", "near", "wrong", "none-ok", "false-alarm", "missed"


def read_text(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def scan(path: str, text: str) -> str:
    """The file's expression exactly as `commonscheck scan` computes it: SPDX tags (tags.py), the
    detector with matches on tag lines dropped, combined as the scan combines them."""
    record = scan_pipeline.analyse_text(path, text)
    return str(record["x"] or "NONE")


def _collapse_bare(expr: str) -> str:
    return _BARE_GNU.sub(r"\1-only", expr)


def equivalent(a: str, b: str) -> bool:
    try:
        return bool(_LICENSING.is_equivalent(a, b))
    except ExpressionError:
        return a == b


def judge(expected: str, found: str) -> str:
    if expected == "NONE":
        return "none-ok" if found == "NONE" else "false-alarm"
    if found == "NONE":
        return "missed"
    exp, got = _collapse_bare(expected), _collapse_bare(found)
    if equivalent(exp, got):
        return "exact"
    if equivalent(exp.replace("-or-later", "-only"), got.replace("-or-later", "-only")):
        return "near"
    return "wrong"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=REPO.parent / "shared/corpus/license-dev")
    ap.add_argument("--misses", action="store_true", help="list the files not matched exactly")
    ap.add_argument("--build", action="store_true", help="also time a fresh index build")
    ap.add_argument("--cache-dir", type=Path, default=None)
    ap.add_argument("--only", default="", help="substring filter on paths")
    args = ap.parse_args(argv)

    build_s = None
    if args.build:
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            licensedb.load_index(Path(tmp))
            build_s = time.perf_counter() - t0
        licensedb._loaded.clear()
    cache_dir = args.cache_dir or default_cache_dir()
    licensedb.load_index(cache_dir)  # makes sure a cache exists
    licensedb._loaded.clear()
    t0 = time.perf_counter()
    index = licensedb.load_index(cache_dir)
    load_s = time.perf_counter() - t0
    scan_pipeline._INDEX = index  # the pipeline's per-process index, already loaded

    truth = (args.corpus / "truth.tsv").read_text(encoding="utf-8").splitlines()[1:]
    rows: list[Row] = []
    for line in truth:
        rel, expected, *_ = line.split("\t")
        if args.only and args.only not in rel:
            continue
        text = read_text(args.corpus / rel)
        t = time.perf_counter()
        found = scan(rel, text)
        rows.append(Row(rel, expected, found, time.perf_counter() - t, ""))
        rows[-1].verdict = judge(expected, found)

    licensed = [r for r in rows if r.expected != "NONE"]
    nones = [r for r in rows if r.expected == "NONE"]
    exact = sum(r.verdict == "exact" for r in licensed)
    near = sum(r.verdict == "near" for r in licensed)
    found_any = sum(r.found != "NONE" for r in licensed)
    alarms = sum(r.verdict == "false-alarm" for r in nones)
    times = sorted(r.seconds * 1000 for r in rows)
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))] if times else 0.0
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    def pct(n: int, d: int) -> str:
        return f"{n}/{d} = {100.0 * n / d:.1f}%" if d else "n/a"

    print(f"corpus                 {args.corpus}")
    print(f"data version           {index.data_version}")
    print(f"exact expression       {pct(exact, len(licensed))}")
    print(f"near miss (only/later) {pct(near, len(licensed))}")
    print(f"any license found      {pct(found_any, len(licensed))}")
    print(f"false alarms on NONE   {pct(alarms, len(nones))}")
    print(f"per file median / p95  {statistics.median(times):.2f} ms / {p95:.2f} ms")
    if build_s is not None:
        print(f"index build            {build_s:.2f} s")
    print(f"index load (cached)    {load_s:.2f} s")
    print(f"peak RSS               {rss_mb:.0f} MB")
    if args.misses:
        print()
        for r in rows:
            if r.verdict in ("wrong", "missed", "false-alarm", "near"):
                print(f"{r.verdict:11} {r.path}")
                print(f"            expected {r.expected}\n            found    {r.found}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
