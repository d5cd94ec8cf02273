# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Agreement of `commonscheck.audit.compat.judge` with the compatibility evaluation table.

What it measures: for every row of bench/compat_pairs.tsv (inbound, outbound, context, expected, source,
note), the verdict status `judge(inbound, outbound, context)` returns, compared with `expected`, which
was read from the public source the row names (FSF license list, GPL FAQ, ASF third-party license
policy, MPL-2.0, EUPL-1.2, Creative Commons, the GNU/CERN/ODbL/CDLA license texts), never from the
OSADL matrix the tool itself reads. A row agrees when the status is exactly the expected one
(compatible, conditional or incompatible); `unknown` and errors count as disagreements.

Prints the agreement overall and per source, every disagreement with the tool's first reason, and the
judged pairs per second (one pass, caches cold at start; for information only, nothing depends on it).

    /work/venv/bin/python bench/compat_eval.py [--table FILE] [--json FILE]

`--table` (alias `--pairs`) picks the table; bench/compat_pairs_heldout.tsv is the held-out one, built
after the rules were tuned on compat_pairs.tsv and not used for tuning.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

from commonscheck.audit.compat import judge, matrix_version

HERE = Path(__file__).resolve().parent
COLUMNS = ["inbound", "outbound", "context", "expected", "source", "note"]
EXPECTED = {"compatible", "conditional", "incompatible"}

# Source families for the per-source figures: the first matching address prefix names the row's family.
FAMILIES = [
    ("https://www.gnu.org/licenses/license-list.html", "FSF license list"),
    ("https://www.gnu.org/licenses/quick-guide-gplv3.html", "GNU quick guide to GPLv3"),
    ("https://www.gnu.org/licenses/gpl-faq.html", "GPL FAQ"),
    ("https://www.gnu.org/licenses/why-affero-gpl.html", "GNU license texts"),
    ("https://www.gnu.org/licenses/", "GNU license texts"),
    ("https://www.apache.org/legal/", "ASF 3rd party license policy"),
    ("https://www.mozilla.org/en-US/MPL/2.0/", "MPL-2.0"),
    ("https://interoperable-europe.ec.europa.eu/collection/eupl/", "EUPL-1.2"),
    ("https://creativecommons.org/", "Creative Commons"),
    ("https://opendatacommons.org/", "data licenses (ODbL, CDLA)"),
    ("https://cdla.dev/", "data licenses (ODbL, CDLA)"),
    ("https://ohwr.org/", "CERN-OHL v2"),
    ("https://dwheeler.com/essays/floss-license-slide.html", "Wheeler FLOSS license slide"),
    ("https://www.eclipse.org/legal/epl-2.0/", "EPL-2.0"),
]


@dataclass
class Row:
    inbound: str
    outbound: str
    context: str
    expected: str
    source: str
    note: str
    got: str = ""
    reason: str = ""

    @property
    def family(self) -> str:
        for prefix, name in FAMILIES:
            if self.source.startswith(prefix):
                return name
        return "license texts (source-available)"


def read_pairs(path: Path) -> list[Row]:
    """The table's rows; ValueError for a malformed row (wrong columns, unknown expected value)."""
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        if reader.fieldnames != COLUMNS:
            raise ValueError(f"{path}: header must be {COLUMNS}, got {reader.fieldnames}")
        for number, raw in enumerate(reader, start=2):
            if None in raw or any(raw[c] is None or not raw[c].strip() for c in COLUMNS):
                raise ValueError(f"{path}:{number}: every column must be filled")
            if raw["expected"] not in EXPECTED:
                raise ValueError(f"{path}:{number}: expected must be one of {sorted(EXPECTED)}")
            rows.append(Row(**{c: raw[c] for c in COLUMNS}))
    keys = Counter((r.inbound, r.outbound, r.context) for r in rows)
    twice = [k for k, n in keys.items() if n > 1]
    if twice:
        raise ValueError(f"{path}: pairs listed twice: {twice}")
    return rows


def evaluate(rows: list[Row]) -> float:
    """Judge every row in place; returns the seconds the judging took."""
    start = time.perf_counter()
    for row in rows:
        try:
            verdict = judge(row.inbound, row.outbound, row.context)
        except ValueError as exc:
            row.got, row.reason = "error", str(exc)
            continue
        row.got = verdict.status
        row.reason = verdict.reasons[0] if verdict.reasons else ""
    return time.perf_counter() - start


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "n/a"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--table",
        "--pairs",
        dest="pairs",
        type=Path,
        default=HERE / "compat_pairs.tsv",
        help="the evaluation table (default compat_pairs.tsv; held-out: compat_pairs_heldout.tsv)",
    )
    parser.add_argument("--json", type=Path, help="also write the figures and disagreements to FILE")
    args = parser.parse_args(argv)

    rows = read_pairs(args.pairs)
    seconds = evaluate(rows)
    agree = [r for r in rows if r.got == r.expected]
    missed = [r for r in rows if r.got != r.expected]

    print(f"compatibility evaluation: {args.pairs} ({len(rows)} pairs), {matrix_version()}")
    print(f"agreement: {len(agree)}/{len(rows)} = {percent(len(agree), len(rows))}")
    families: dict[str, list[Row]] = {}
    for row in rows:
        families.setdefault(row.family, []).append(row)
    per_source = {}
    print("\nper source:")
    for name, members in sorted(families.items(), key=lambda item: -len(item[1])):
        ok = sum(r.got == r.expected for r in members)
        per_source[name] = {"agree": ok, "pairs": len(members)}
        print(f"  {name:36} {ok:4}/{len(members):<4} {percent(ok, len(members))}")
    print("\nper context:")
    for context in ("static", "dynamic", "aggregate", "network", "dev"):
        members = [r for r in rows if r.context == context]
        ok = sum(r.got == r.expected for r in members)
        print(f"  {context:36} {ok:4}/{len(members):<4} {percent(ok, len(members))}")
    confusion = Counter((r.expected, r.got) for r in missed)
    print(f"\ndisagreements ({len(missed)}):" if missed else "\ndisagreements: none")
    for (expected, got), count in sorted(confusion.items()):
        print(f"  expected {expected}, judged {got}: {count}")
    for row in missed:
        print(f"- {row.inbound} -> {row.outbound} [{row.context}]: expected {row.expected}, judged {row.got}")
        print(f"    source: {row.source}")
        print(f"    table:  {row.note}")
        print(f"    tool:   {row.reason}")
    rate = len(rows) / seconds if seconds else float("inf")
    print(f"\nspeed (information only): {len(rows)} pairs in {seconds:.3f} s = {rate:,.0f} judged pairs/s")

    if args.json:
        figures = {
            "pairs": len(rows),
            "agree": len(agree),
            "agreement_percent": round(100 * len(agree) / len(rows), 2) if rows else None,
            "per_source": per_source,
            "matrix": matrix_version(),
            "seconds": round(seconds, 4),
            "disagreements": [asdict(r) for r in missed],
        }
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
