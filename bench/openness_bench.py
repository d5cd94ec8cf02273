# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The openness index and co-creation model on public repositories, against what their governance
documents and contributor lists show.

Each repository is given with the model a reader of its governance documents would place it in
(the `expected` part, written down before running) and, optionally, the company's domain:

    python bench/openness_bench.py \\
        --repo "commons-based peer production::/tmp/repos/click" \\
        --repo "company-led co-creation:stripe.com:/tmp/repos/stripe-python" ... [--json FILE]

(the repositories are clones of mirrors brought by the search tool's `fetch`; nothing is written
into them). For each: the index, every component with its confidence, the model and its evidence.
Then: how many placements agree, and the index ordering check (every repository expected to be
peer production should score above every repository expected to be company-led or crowdsourced),
with each inverted pair listed.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

COMMONSCHECK = str(Path(sys.executable).with_name("commonscheck"))
COMMUNITY = "commons-based peer production"


def run_one(path: Path, org: str) -> tuple[dict[str, Any], float]:
    """The openness document of one repository and the wall time it took."""
    cmd = [COMMONSCHECK, "openness", str(path), "--format", "json", "-q"]
    if org:
        cmd += ["--org", org]
    started = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"{path}: exit {proc.returncode}: {proc.stderr.strip()}")
    return json.loads(proc.stdout), time.perf_counter() - started


def main() -> None:
    """Run every repository, print the table, the agreement and the ordering check."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--repo", action="append", required=True, help="EXPECTED_MODEL:ORG:PATH")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    rows = []
    for spec in args.repo:
        expected, org, path = spec.split(":", 2)
        doc, seconds = run_one(Path(path), org)
        repo = doc["repositories"][0]
        commits = next(c for c in repo["components"] if c["name"] == "participation")["evidence"]
        rows.append(
            {
                "repository": Path(path).name,
                "expected": expected,
                "model": repo["model"]["name"] if repo["model"] else None,
                "evidence": repo["model"]["evidence"] if repo["model"] else [],
                "index": repo["score"],
                "company": doc["organizations"],
                "components": {c["name"]: (c["score"], c["confidence"]) for c in repo["components"]},
                "participation": commits,
                "seconds": round(seconds, 2),
            }
        )
    names = ["open_inputs", "commons_output", "compatibility", "participation", "influence", "governance"]
    print("| repository | company | expected | placed | index | " + " | ".join(names) + " |")
    print("|---" * (5 + len(names)) + "|")
    for r in rows:
        cells = []
        for n in names:
            score, confidence = r["components"][n]
            cells.append(f"{'n/a' if score is None else f'{score:.0f}'} ({confidence})")
        index = "n/a" if r["index"] is None else f"{r['index']:.1f}"
        print(
            f"| {r['repository']} | {', '.join(r['company']) or '-'} | {r['expected']} | {r['model']} | "
            f"{index} | " + " | ".join(cells) + " |"
        )
    agree = sum(1 for r in rows if r["model"] == r["expected"])
    print(f"\nplacement agrees: {agree}/{len(rows)}")
    community = [r for r in rows if r["expected"] == COMMUNITY and r["index"] is not None]
    company = [r for r in rows if r["expected"] != COMMUNITY and r["index"] is not None]
    pairs = [(a, b) for a in community for b in company]
    inverted = [(a, b) for a, b in pairs if a["index"] <= b["index"]]
    print(f"index ordering (community above company-led): {len(pairs) - len(inverted)}/{len(pairs)} pairs")
    for a, b in inverted:
        print(f"  inverted: {a['repository']} {a['index']} <= {b['repository']} {b['index']}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n")


if __name__ == "__main__":
    main()
