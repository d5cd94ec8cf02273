# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Benchmark of `commonscheck deps` against judges on real installed projects, and its speed.

1. Python: a throwaway venv with the pinned projects of bench/make_evalset.py (PACKAGES, wheels,
   no dependencies) against `pip-licenses --format=json --with-license-file --no-license-path
   --with-system` (pip-licenses in a venv of its own, pointed at the bench venv with --python).
2. npm: a project with a pinned package.json installed by `npm install --ignore-scripts`, against
   the package-lock.json's package list and the npm `license-checker` package (installed in a
   folder of its own).
3. Cargo.lock and go.mod + vendor/ of real projects given as paths (never committed): the package
   set against the lockfile's [[package]] list (minus workspace members) and vendor/modules.txt /
   go.mod's requires.
4. Speed: generated 1,000-package package-lock.json v3, uv.lock and poetry.lock, parsed by
   `collect()` in process and by the whole CLI, beside the floor (`commonscheck --version`).

Everything is built under --work (default /tmp/commonscheck-deps-bench), outside the repository.
Run with the project's venv: ``/work/venv/bin/python bench/deps_bench.py --cargo DIR --go DIR``.
"""

from __future__ import annotations

import argparse
import email.parser
import hashlib
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
import tomllib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from license_expression import ExpressionError, get_spdx_licensing

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_WORK = Path("/tmp/commonscheck-deps-bench")
COMMONSCHECK = Path(sys.executable).parent / "commonscheck"
PIP_LICENSES = "pip-licenses==5.5.5"
LICENSE_CHECKER = "license-checker@25.0.1"
SEED = 20261128

# Left out on both sides: the venv's own installers (pip, setuptools, wheel; python -m venv puts
# pip and setuptools there). The judge lives in a venv of its own and reads this one with --python.
PY_EXCLUDED = frozenset({"pip", "setuptools", "wheel"})

# The npm project: direct dependencies pinned; npm resolves the rest into package-lock.json.
NPM_PACKAGE_JSON: dict[str, Any] = {
    "name": "commonscheck-deps-bench",
    "version": "1.0.0",
    "private": True,
    "license": "GPL-3.0-or-later",
    "dependencies": {
        "express": "4.21.2",
        "axios": "1.7.9",
        "lodash": "4.17.21",
        "chalk": "4.1.2",
        "yargs": "17.7.2",
    },
    "devDependencies": {
        "eslint": "8.57.1",
        "webpack": "5.97.1",
        "webpack-cli": "5.1.4",
        "typescript": "5.7.2",
        "prettier": "3.4.2",
    },
}

# Trove classifier names (the part after "License :: OSI Approved :: " or "License :: ") that name
# exactly one SPDX license. Sources: the classifier list at https://pypi.org/classifiers/ (the
# name states license, version and "or later" where it applies) and the SPDX ids at
# https://spdx.org/licenses/. Version-less names ("BSD License", "Apache Software License",
# "GNU General Public License (GPL)", "Public Domain", ...) are ambiguous and on purpose absent
# (PEP 639, "Mapping License Classifiers to SPDX Identifiers": a tool must not guess them).
# A "vN" name without "or later" is taken as "-only", the classifier's literal wording. The
# LGPLv2 / LGPLv2+ classifiers are left out: "v2" may be 2.0 or 2.1 (PEP 639 lists them as ambiguous).
CLASSIFIER_ALIASES: dict[str, str] = {
    "MIT License": "MIT",
    "MIT No Attribution License (MIT-0)": "MIT-0",
    "ISC License (ISCL)": "ISC",
    "Zero-Clause BSD (0BSD)": "0BSD",
    "The Unlicense (Unlicense)": "Unlicense",
    "Mozilla Public License 1.1 (MPL 1.1)": "MPL-1.1",
    "Mozilla Public License 2.0 (MPL 2.0)": "MPL-2.0",
    "Eclipse Public License 2.0 (EPL-2.0)": "EPL-2.0",
    "Boost Software License 1.0 (BSL-1.0)": "BSL-1.0",
    # https://spdx.org/licenses/PSF-2.0.html is the "PSF License Agreement" the classifier names
    "Python Software Foundation License": "PSF-2.0",
    "GNU General Public License v2 (GPLv2)": "GPL-2.0-only",
    "GNU General Public License v2 or later (GPLv2+)": "GPL-2.0-or-later",
    "GNU General Public License v3 (GPLv3)": "GPL-3.0-only",
    "GNU General Public License v3 or later (GPLv3+)": "GPL-3.0-or-later",
    "GNU Lesser General Public License v3 (LGPLv3)": "LGPL-3.0-only",
    "GNU Lesser General Public License v3 or later (LGPLv3+)": "LGPL-3.0-or-later",
    "GNU Affero General Public License v3 (AGPLv3)": "AGPL-3.0-only",
    "GNU Affero General Public License v3 or later (AGPLv3+)": "AGPL-3.0-or-later",
}

LICENSING = get_spdx_licensing()

# The second reading of the same judge follows PEP 639 (appendix "Mapping License Classifiers to SPDX
# Identifiers", https://peps.python.org/pep-0639/appendix-mapping-classifiers): it lists the "vN"
# classifiers without "or later" (GPLv2, LGPLv3, AGPLv3, ...) among those from which "tools MUST NOT
# attempt to automatically infer a License-Expression"; the aliases that remain are the ones it maps.
PEP639_CLASSIFIERS: dict[str, str] = {k: v for k, v in CLASSIFIER_ALIASES.items() if not v.endswith("-only")}

# pip-licenses --from=all: its three readings of a distribution, in the order PEP 639 gives the
# fields (License-Expression, then License, then the deprecated classifiers).
PEP639_FIELDS = ("License-Expression", "License-Metadata", "License-Classifier")

DEFAULT_SCANCODE_PYTHON = Path("/tmp/commonscheck-scancode-venv/bin/python")

# Run in ScanCode's own venv: each text read by ScanCode's license matcher, as SPDX, or null unless
# its matches cover the whole of a short text exactly; a long one (a pasted license text, over 50
# tokens) needs 90 % of its tokens matched, each match 90 % of its rule: such texts carry their own
# copyright line and small rewordings (traitlets' BSD-3-Clause text matches its rule at 96.5 %).
SCANCODE_READER = """
import json, sys
from licensedcode.cache import build_spdx_license_expression, get_index
idx = get_index()
out = {}
for text in json.load(sys.stdin):
    matches = idx.match(query_string=text)
    if not matches:
        out[text] = None
        continue
    tokens = len(matches[0].query.tokens)
    covered = set()
    for m in matches:
        covered |= set(m.qspan)
    short = tokens <= 50
    need, least = (tokens, 99) if short else (0.9 * tokens, 90)
    exprs = [build_spdx_license_expression(m.rule.license_expression) for m in matches]
    whole = all(m.coverage() >= least for m in matches) and len(covered) >= need
    out[text] = " AND ".join(dict.fromkeys(exprs)) if whole else None
json.dump(out, sys.stdout)
"""


# ---------------------------------------------------------------------------------------------
# helpers


def run(
    cmd: Sequence[str | Path],
    *,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    check: bool = True,
) -> subprocess.CompletedProcess[str]:
    """Run a command, capture its output; raise with its stderr when it fails and `check`."""
    proc = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True)
    if check and proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(map(str, cmd))}\n{proc.stderr[-3000:]}")
    return proc


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    """Wall times of `repeat` calls of fn, in seconds."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return times


def spdx(text: str | None) -> str | None:
    """`text` normalised as an SPDX expression, or None when it is not a valid one."""
    if not text:
        return None
    try:
        info = LICENSING.validate(text)
    except (ExpressionError, AttributeError):  # license-expression 30.x trips over some errors
        return None
    if info.errors or info.invalid_symbols:
        return None
    return str(info.normalized_expression) if info.normalized_expression else None


def equivalent(a: str | None, b: str | None) -> bool:
    """Whether two SPDX expressions mean the same (order of OR/AND terms ignored)."""
    if a is None or b is None:
        return False
    try:
        return bool(LICENSING.is_equivalent(LICENSING.parse(a), LICENSING.parse(b)))
    except ExpressionError:
        return False


def commonscheck_json(args: Sequence[str | Path]) -> tuple[dict[str, Any], float]:
    """`commonscheck deps ARGS --format json -q`: the document and the wall time."""
    t0 = time.perf_counter()
    proc = run([COMMONSCHECK, "deps", *args, "--format", "json", "-q"], check=False)
    wall = time.perf_counter() - t0
    if proc.returncode not in (0, 1):
        raise SystemExit(f"commonscheck deps {args} exited {proc.returncode}: {proc.stderr[-2000:]}")
    return json.loads(proc.stdout), wall


def canon_py(name: str) -> str:
    """PEP 503 normalised project name."""
    return re.sub(r"[-_.]+", "-", name).lower()


@dataclass
class Comparison:
    """One ecosystem's result: set equality and license agreement with the judge."""

    name: str
    ours: int = 0
    expected: int = 0
    only_ours: list[str] = field(default_factory=list)
    only_expected: list[str] = field(default_factory=list)
    compared: int = 0
    agree: int = 0
    disagreements: list[dict[str, str]] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def categories(self) -> Counter[str]:
        """Disagreements counted per category."""
        return Counter(d["category"] for d in self.disagreements)

    def summary(self) -> dict[str, Any]:
        """A JSON-able summary."""
        return {
            "name": self.name,
            "ours": self.ours,
            "expected": self.expected,
            "set_equal": not self.only_ours and not self.only_expected,
            "only_ours": self.only_ours,
            "only_expected": self.only_expected,
            "compared": self.compared,
            "agree": self.agree,
            "agreement": self.agree / self.compared if self.compared else None,
            "categories": dict(self.categories()),
            "disagreements": self.disagreements,
            **self.extra,
        }


# ---------------------------------------------------------------------------------------------
# 1. Python


def setup_python(work: Path, python: str) -> Path:
    """A venv with make_evalset.PACKAGES (wheels, no deps) and a judge venv with pip-licenses."""
    sys.path.insert(0, str(HERE))
    from make_evalset import PACKAGES  # the same pinned list as the scan benchmark

    venv, judge = work / "pyvenv", work / "judgevenv"
    if not (venv / "pyvenv.cfg").exists():
        run([python, "-m", "venv", venv])
        run([venv / "bin" / "pip", "install", "-q", "--no-deps", "--only-binary=:all:", *PACKAGES])
    if not (judge / "bin" / "pip-licenses").exists():
        run([python, "-m", "venv", judge])
        run([judge / "bin" / "pip", "install", "-q", PIP_LICENSES])
    return venv


def read_metadata(venv: Path) -> dict[str, dict[str, Any]]:
    """Per canonical name: the License-Expression, License and license classifiers of METADATA,
    read here independently of commonscheck, to say which field a judge's string came from."""
    out: dict[str, dict[str, Any]] = {}
    for meta in venv.glob("lib/python*/site-packages/*.dist-info/METADATA"):
        msg = email.parser.BytesHeaderParser().parse(meta.open("rb"))
        classifiers = [
            c.split(" :: ")[-1] for c in msg.get_all("Classifier", []) or [] if c.startswith("License ::")
        ]
        out[canon_py(str(msg["Name"]))] = {
            "expression": msg.get("License-Expression"),
            "license": msg.get("License"),
            "classifiers": classifiers,
        }
    return out


# Where pip-licenses looks: "mixed" (its default: the classifiers when there are any, else the
# metadata fields) or "meta" (License-Expression / License fields only, what PEP 639 reads first).
JUDGE_FROM = "mixed"


def judge_python(work: Path, venv: Path, source: str | None = None) -> list[dict[str, str]]:
    """pip-licenses' records for the venv, read `--from` source (default: --judge-from)."""
    proc = run(
        [
            work / "judgevenv" / "bin" / "pip-licenses",
            "--python",
            venv / "bin" / "python",
            f"--from={source or JUDGE_FROM}",
            "--format=json",
            "--with-license-file",
            "--no-license-path",
            "--with-system",
        ]
    )
    records: list[dict[str, str]] = json.loads(proc.stdout)
    return records


def judge_expression(judge: str) -> tuple[str | None, str]:
    """The judge's string as SPDX (after the classifier aliases) and how it was read."""
    if judge in CLASSIFIER_ALIASES:
        return CLASSIFIER_ALIASES[judge], "classifier alias"
    as_spdx = spdx(judge)
    if as_spdx is not None:
        return as_spdx, "SPDX"
    return None, "not SPDX"


def python_category(
    judge: str, ours: str | None, raw: str | None, detected: str | None, meta: dict[str, Any]
) -> str:
    """A one-line reason for a disagreement between pip-licenses and us on one package: which
    field the judge's string comes from (read here from METADATA), then what we did."""
    classifiers = meta.get("classifiers", [])
    if meta.get("expression"):
        if judge != meta["expression"]:
            return "judge reports something other than License-Expression (to investigate)"
        return "both read License-Expression, yet differ (commonscheck bug)"
    # pip-licenses sorts the classifier names before joining them
    if classifiers and sorted(judge.split("; ")) == sorted(classifiers):
        if len(classifiers) > 1:
            theirs = "judge: several classifiers joined with ';' (no AND/OR)"
        elif judge in CLASSIFIER_ALIASES:
            theirs = "judge: a classifier with a version but no only/or-later"
        else:
            theirs = "judge: an ambiguous classifier (no version or variant)"
    elif judge == str(meta.get("license") or "").split("\n")[0].strip():
        theirs = "judge: the License field, free text, not SPDX"
    else:
        theirs = "judge: a string from no field read here"
    license_field = str(meta.get("license") or "")
    if ours is None:
        if "\n" in license_field.strip():
            ours_side = f"we: License field is a pasted license text, detected as {detected}"
        else:
            ours_side = "we: unknown, raw text kept (no guess)"
    elif raw and raw == license_field.strip():
        how = "an SPDX id" if spdx(raw) else "free text mapped by rules/license_names.toml"
        ours_side = f"we: the License field ({how}, PEP 639 order: before classifiers)"
    elif raw and raw.startswith("License ::"):
        ours_side = "we: the classifiers"
    else:
        ours_side = "we: another field or file"
    return f"{theirs}; {ours_side}"


def bench_python(work: Path, python: str, scancode_python: Path | None) -> tuple[Comparison, Comparison]:
    """Package set and declared-license agreement against pip-licenses, read two ways: its
    default string (`--from=mixed`, or --judge-from) and its three fields in PEP 639 order."""
    venv = setup_python(work, python)
    empty = work / "empty"
    empty.mkdir(exist_ok=True)
    doc, wall = commonscheck_json([empty, "--env", venv])
    ours = {
        canon_py(p["name"]): p
        for p in doc["packages"]
        if p["ecosystem"] == "pypi" and canon_py(p["name"]) not in PY_EXCLUDED
    }
    judge = {
        canon_py(j["Name"]): j for j in judge_python(work, venv) if canon_py(j["Name"]) not in PY_EXCLUDED
    }
    meta = read_metadata(venv)
    cmp = Comparison("python")
    cmp.ours, cmp.expected = len(ours), len(judge)
    ours_set = {f"{n}=={p['version']}" for n, p in ours.items()}
    judge_set = {f"{n}=={j['Version']}" for n, j in judge.items()}
    cmp.only_ours, cmp.only_expected = sorted(ours_set - judge_set), sorted(judge_set - ours_set)
    how: Counter[str] = Counter()
    definite = definite_agree = 0
    for name in sorted(ours.keys() & judge.keys()):
        p, j = ours[name], judge[name]
        cmp.compared += 1
        expr, read_as = judge_expression(j["License"])
        how[read_as] += 1
        definite += expr is not None
        if expr is not None and equivalent(expr, p["declared"]):
            cmp.agree += 1
            definite_agree += 1
            continue
        cmp.disagreements.append(
            {
                "package": f"{name}=={p['version']}",
                "judge": j["License"],
                "ours": str(p["declared"]),
                "declared_raw": str(p.get("declared_raw")),
                "detected": str(p.get("detected")),
                "category": python_category(
                    j["License"], p["declared"], p.get("declared_raw"), p.get("detected"), meta.get(name, {})
                ),
            }
        )
    cmp.extra = {
        "cli_wall_s": wall,
        "judge_read_as": dict(how),
        "judge_definite": definite,
        "judge_definite_agree": definite_agree,
        "with_license_expression": sum(1 for n in judge if meta.get(n, {}).get("expression")),
    }
    return cmp, bench_python_pep639(work, venv, ours, scancode_python)


def pep639_reading(record: dict[str, str]) -> tuple[str, str]:
    """(field, text): the first of pip-licenses' `--from=all` fields that says something, in PEP
    639 order; ("none", "UNKNOWN") when none does."""
    for name in PEP639_FIELDS:
        text = str(record.get(name) or "").strip()
        if text and text != "UNKNOWN":
            return name, text
    return "none", "UNKNOWN"


def judge_spdx_pep639(source: str, text: str) -> str | None:
    """The judge's text as SPDX the way PEP 639 allows: an expression as itself; a one-line
    License field that parses as SPDX; classifiers only through PEP639_CLASSIFIERS (one license,
    or several that all name the same one). None for everything else."""
    if source == "License-Classifier":
        named = {PEP639_CLASSIFIERS.get(c.strip()) for c in text.split(";")}
        return named.pop() if len(named) == 1 and None not in named else None
    if source == "License-Metadata" and "\n" in text:
        return None  # a pasted license text is no expression
    found = spdx(text)
    if found is None or source == "License-Expression":
        return found
    # A free-text field reads as SPDX only when every id is written out in it: license-expression
    # also resolves aliases ("GPL" to GPL-1.0-or-later), which would put words in the judge's mouth.
    keys = LICENSING.license_keys(LICENSING.parse(found))
    return found if all(k.casefold() in text.casefold() for k in keys) else None


def same_text(source: str, judge: str, raw: str | None) -> bool:
    """Whether our `declared_raw` is the text the judge printed: the same classifier names (pip-
    licenses prints the last part of each, sorted), or the same field (its first line, for a
    pasted license text of which we keep the first line). Case and spacing aside."""
    if raw is None:
        return judge == "UNKNOWN"

    def norm(t: str) -> str:
        return " ".join(t.split()).casefold()

    if source == "License-Classifier":
        theirs = sorted(norm(c) for c in judge.split(";"))
        ours = sorted(norm(c.split(" :: ")[-1]) for c in raw.split(";"))
        return theirs == ours
    first = next((ln for ln in judge.splitlines() if ln.strip()), judge)
    return norm(raw) in (norm(judge), norm(first), norm(first)[: len(norm(raw))])


def scancode_readings(texts: Iterable[str], scancode_python: Path | None) -> dict[str, str | None]:
    """Each text read by ScanCode's license matcher (an independent reader of free-text license
    names), as SPDX; empty when ScanCode is not installed there."""
    wanted = sorted(set(texts))
    if not wanted or scancode_python is None or not scancode_python.exists():
        return {}
    proc = subprocess.run(
        [str(scancode_python), "-c", SCANCODE_READER],
        input=json.dumps(wanted),
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        print(f"ScanCode reader failed: {proc.stderr[-1000:]}", file=sys.stderr)
        return {}
    readings: dict[str, str | None] = json.loads(proc.stdout)
    return readings


def bench_python_pep639(
    work: Path, venv: Path, ours: dict[str, dict[str, Any]], scancode_python: Path | None
) -> Comparison:
    """Declared-license agreement with pip-licenses' `--from=all` fields taken in PEP 639 order.

    Agreement, per package: the judge's text names an SPDX expression (PEP 639's way, above) and
    ours is equivalent; or it names none and we report unknown with the same text (both surface the
    same declaration and neither turns it into an id); or it is a free-text License field that we
    map to an expression and ScanCode's matcher, reading the judge's text on its own, finds the
    same. ScanCode is never used to read classifiers: its readings of ambiguous ones are guesses."""
    judge = {
        canon_py(j["Name"]): j
        for j in judge_python(work, venv, "all")
        if canon_py(j["Name"]) not in PY_EXCLUDED
    }
    cmp = Comparison("python, PEP 639 reading of pip-licenses --from=all")
    cmp.ours, cmp.expected = len(ours), len(judge)
    ours_set = {f"{n}=={p['version']}" for n, p in ours.items()}
    judge_set = {f"{n}=={j['Version']}" for n, j in judge.items()}
    cmp.only_ours, cmp.only_expected = sorted(ours_set - judge_set), sorted(judge_set - ours_set)
    names = sorted(ours.keys() & judge.keys())
    readings = {n: pep639_reading(judge[n]) for n in names}
    free_text = [
        text
        for n, (source, text) in readings.items()
        if source == "License-Metadata" and ours[n]["declared"] and judge_spdx_pep639(source, text) is None
    ]
    scancode = scancode_readings(free_text, scancode_python)
    how: Counter[str] = Counter()
    confirmed: list[str] = []
    for name in names:
        p, (source, text) = ours[name], readings[name]
        cmp.compared += 1
        expr = judge_spdx_pep639(source, text)
        if expr is not None:
            if equivalent(expr, p["declared"]):
                cmp.agree += 1
                how[f"{source}: the same SPDX expression"] += 1
                continue
            category = f"{source}: names {expr}; we say {p['declared']}"
        elif p["declared"] is None:
            if same_text(source, text, p.get("declared_raw")):
                cmp.agree += 1
                how[f"{source}: no SPDX license named; both report the same text, unknown"] += 1
                continue
            category = f"{source}: no SPDX license named; we report unknown with another text"
        else:
            sc = scancode.get(text)
            if sc is not None and equivalent(sc, p["declared"]):
                cmp.agree += 1
                how[f"{source}: free text; ScanCode reads it as ours"] += 1
                confirmed.append(f"{name}: {text.splitlines()[0]!r} -> {sc}")
                continue
            category = f"{source}: free text that ScanCode reads as {sc}; we map it to {p['declared']}"
        cmp.disagreements.append(
            {
                "package": f"{name}=={p['version']}",
                "judge": text.splitlines()[0] if text else text,
                "ours": str(p["declared"]),
                "declared_raw": str(p.get("declared_raw")),
                "detected": str(p.get("detected")),
                "category": category,
            }
        )
    cmp.extra = {
        "agree_how": dict(how),
        "judge_field": dict(Counter(source for source, _ in readings.values())),
        "scancode_read": len(scancode),
        "scancode_confirmed": confirmed,
    }
    return cmp


# ---------------------------------------------------------------------------------------------
# 2. npm


def setup_npm(work: Path) -> tuple[Path, Path]:
    """The npm project (installed with --ignore-scripts) and license-checker in its own folder."""
    proj, judge = work / "npmproj", work / "judge-npm"
    proj.mkdir(parents=True, exist_ok=True)
    wanted = json.dumps(NPM_PACKAGE_JSON, indent=2) + "\n"
    pj = proj / "package.json"
    if (
        not pj.exists()
        or json.loads(pj.read_text()) != NPM_PACKAGE_JSON
        or not (proj / "node_modules").is_dir()
    ):
        pj.write_text(wanted)
        run(["npm", "install", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=proj)
    checker = judge / "node_modules" / "license-checker" / "bin" / "license-checker"
    if not checker.exists():
        judge.mkdir(parents=True, exist_ok=True)
        run(["npm", "init", "-y"], cwd=judge)
        run(["npm", "install", "--ignore-scripts", "--no-audit", "--no-fund", LICENSE_CHECKER], cwd=judge)
    return proj, checker


def lockfile_packages(lock: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """name@version -> entry for every installed package in a v2/v3 package-lock.json."""
    out: dict[str, dict[str, Any]] = {}
    for key, entry in lock["packages"].items():
        if key == "" or entry.get("link"):
            continue
        name = entry.get("name") or key.rsplit("node_modules/", 1)[-1]
        out.setdefault(f"{name}@{entry['version']}", entry)
    return out


def npm_category(judge: Any, ours: str | None, lock_license: str | None) -> str:
    """A one-line reason for a disagreement between license-checker and us on one package."""
    if isinstance(judge, list):
        return "judge lists legacy `licenses` entries without AND/OR"
    text = str(judge)
    if text.endswith("*"):
        return "judge guessed from a license/readme file (no `license` field); " + (
            "we leave the declared license unknown" if ours is None else "we declare something"
        )
    if text.startswith("Custom:"):
        return "judge reports 'Custom: <url or file>'"
    if text == "UNKNOWN":
        return "judge finds no license"
    if lock_license is not None and spdx(lock_license) and equivalent(spdx(lock_license), ours):
        return "judge string is not SPDX; ours equals the `license` field the lockfile carries"
    if spdx(text) is None:
        return "judge string is not an SPDX expression (free text in package.json)"
    return "both SPDX, different (to investigate)"


def bench_npm(work: Path) -> Comparison:
    """Package set against package-lock.json, declared licenses against license-checker."""
    proj, checker = setup_npm(work)
    lock = json.loads((proj / "package-lock.json").read_text())
    expected = lockfile_packages(lock)
    doc, wall = commonscheck_json([proj, "--env", proj])
    root = NPM_PACKAGE_JSON["name"]
    ours = {
        f"{p['name']}@{p['version']}": p
        for p in doc["packages"]
        if p["ecosystem"] == "npm" and p["name"] != root
    }
    judged = json.loads(run(["node", checker, "--json", "--start", proj]).stdout)
    judged.pop(f"{root}@{NPM_PACKAGE_JSON['version']}", None)
    cmp = Comparison("npm")
    cmp.ours, cmp.expected = len(ours), len(expected)
    cmp.only_ours = sorted(ours.keys() - expected.keys())
    cmp.only_expected = sorted(expected.keys() - ours.keys())
    installed = sum(1 for k, e in lock["packages"].items() if k and not e.get("link"))
    for key in sorted(ours.keys() & judged.keys()):
        p, j = ours[key], judged[key]["licenses"]
        cmp.compared += 1
        expr = spdx(j) if isinstance(j, str) else None
        if expr is not None and equivalent(expr, p["declared"]):
            cmp.agree += 1
            continue
        cmp.disagreements.append(
            {
                "package": key,
                "judge": json.dumps(j),
                "ours": str(p["declared"]),
                "declared_raw": str(p.get("declared_raw")),
                "category": npm_category(j, p["declared"], expected.get(key, {}).get("license")),
            }
        )
    cmp.extra = {
        "cli_wall_s": wall,
        "lockfile_entries": installed,
        "judge_packages": len(judged),
        "not_judged": sorted(ours.keys() - judged.keys()),
        "no_version": sorted(p["name"] for p in doc["packages"] if p["version"] is None),
        "errors": doc.get("errors", []),
    }
    return cmp


# ---------------------------------------------------------------------------------------------
# 3. Cargo and Go


def wired(module: str) -> bool:
    """Whether deps.default_sources() already includes a source from sources/<module>.py."""
    from commonscheck.audit.deps import default_sources

    return any(type(s).__module__.endswith(f".sources.{module}") for s in default_sources())


def deps_packages(root: Path, module: str) -> tuple[list[dict[str, Any]], str]:
    """Packages read from `root`: through the CLI when the source is wired into deps, else by
    collect() with the source module's classes added by hand; ([], reason) when it does not exist."""
    import importlib
    import inspect

    if wired(module):
        doc, _ = commonscheck_json([root])
        return doc["packages"], "commonscheck deps CLI"
    try:
        mod = importlib.import_module(f"commonscheck.audit.sources.{module}")
    except ImportError as exc:
        return [], f"commonscheck.audit.sources.{module} not available ({exc})"
    from commonscheck.audit.deps import DepsOptions, collect, default_sources
    from commonscheck.audit.sources.base import DependencySource

    extra = [
        cls()
        for _n, cls in sorted(vars(mod).items())
        if inspect.isclass(cls)
        and issubclass(cls, DependencySource)
        and not inspect.isabstract(cls)
        and cls.__module__ == mod.__name__
    ]
    report = collect(root, DepsOptions(), sources=[*default_sources(), *extra])
    return (
        [
            {
                "ecosystem": p.ecosystem,
                "name": p.name,
                "version": p.version,
                "declared": p.declared,
                "detected": p.detected,
                "source": p.source,
            }
            for p in report.packages
        ],
        f"collect() with {module}.py classes added (not wired)",
    )


def bench_cargo(root: Path) -> Comparison:
    """The package set against the [[package]] lists of every Cargo.lock in the tree (ripgrep has
    a second one in fuzz/) minus local packages (workspace members and path crates: no `source`)."""
    locks = sorted(p for p in root.rglob("Cargo.lock") if "target" not in p.relative_to(root).parts)
    entries = [e for lock in locks for e in tomllib.loads(lock.read_text())["package"]]
    members = {e["name"] for e in entries if "source" not in e}
    expected = {f"{e['name']}@{e['version']}" for e in entries if "source" in e}
    packages, how = deps_packages(root, "cargo")
    cargo = [p for p in packages if p["ecosystem"] in ("cargo", "crates", "rust")]
    ours = {f"{p['name']}@{p['version']}" for p in cargo if p["name"] not in members}
    cmp = Comparison("cargo", ours=len(ours), expected=len(expected))
    cmp.only_ours, cmp.only_expected = sorted(ours - expected), sorted(expected - ours)
    cmp.extra = {
        "how": how,
        "lockfiles": [str(p.relative_to(root)) for p in locks],
        "workspace_members": sorted(members),
        "members_reported": sorted({p["name"] for p in cargo if p["name"] in members}),
        "declared_known": sum(1 for p in cargo if p["declared"]),
        "ecosystems": dict(Counter(p["ecosystem"] for p in packages)),
    }
    return cmp


def go_expected(root: Path) -> tuple[set[str], set[str]]:
    """(vendor/modules.txt modules, go.mod requires) as path@version; replaced modules under
    their original path and version, as go.mod names them."""
    vendored: set[str] = set()
    for line in (root / "vendor" / "modules.txt").read_text().splitlines():
        m = re.match(r"^# (\S+) (v\S+)", line)
        if m:
            vendored.add(f"{m[1]}@{m[2]}")
    required: set[str] = set()
    block = False
    for raw in (root / "go.mod").read_text().splitlines():
        line = raw.split("//", 1)[0].strip()
        if line.startswith("require ("):
            block = True
            continue
        if block and line == ")":
            block = False
            continue
        parts = line.removeprefix("require ").split() if (block or line.startswith("require ")) else []
        if len(parts) == 2:
            required.add(f"{parts[0]}@{parts[1]}")
    return vendored, required


def bench_go(root: Path) -> Comparison:
    """The package set against vendor/modules.txt and go.mod's requires."""
    vendored, required = go_expected(root)
    packages, how = deps_packages(root, "golang")
    go = [p for p in packages if p["ecosystem"] in ("golang", "go")]
    ours = {f"{p['name']}@{p['version']}" for p in go}
    cmp = Comparison("go", ours=len(ours), expected=len(vendored))
    cmp.only_ours, cmp.only_expected = sorted(ours - vendored), sorted(vendored - ours)
    cmp.extra = {
        "how": how,
        "go_mod_requires": len(required),
        "requires_not_vendored": sorted(required - vendored),
        "only_ours_from": dict(
            Counter(p["source"].split(":")[0] for p in go if f"{p['name']}@{p['version']}" not in vendored)
        ),
        "vendored_not_required": sorted(vendored - required),
        "declared_or_detected_known": sum(1 for p in go if p.get("declared") or p.get("detected")),
        "ecosystems": dict(Counter(p["ecosystem"] for p in packages)),
    }
    return cmp


# ---------------------------------------------------------------------------------------------
# 4. Speed on 1,000-package lockfiles


def fake_hash(*parts: object) -> str:
    """A deterministic sha256 hex digest, for lockfile hashes."""
    return hashlib.sha256("/".join(map(str, parts)).encode()).hexdigest()


def names(n: int, rng: random.Random) -> list[str]:
    """n distinct realistic package names (a few scoped for npm callers to use)."""
    words = [
        "core",
        "utils",
        "parser",
        "http",
        "stream",
        "config",
        "cli",
        "async",
        "json",
        "path",
        "color",
        "date",
        "crypto",
        "fs",
        "test",
        "log",
        "cache",
        "plugin",
        "loader",
        "types",
    ]
    out: set[str] = set()
    while len(out) < n:
        out.add(f"{rng.choice(words)}-{rng.choice(words)}-{rng.randrange(10_000)}")
    return sorted(out)


LICENSES = [
    "MIT",
    "MIT",
    "MIT",
    "ISC",
    "Apache-2.0",
    "BSD-3-Clause",
    "BSD-2-Clause",
    "(MIT OR Apache-2.0)",
    "MPL-2.0",
    "0BSD",
    "BlueOak-1.0.0",
    "Python-2.0",
]


def make_npm_lock(folder: Path, n: int) -> None:
    """A package-lock.json v3 with n packages (some nested, some scoped, some dev) + package.json."""
    rng = random.Random(SEED)
    pkgs = names(n, rng)
    direct = pkgs[:40]
    packages: dict[str, Any] = {
        "": {
            "name": "big-app",
            "version": "1.0.0",
            "license": "MIT",
            "dependencies": {d: f"^{i % 5 + 1}.0.0" for i, d in enumerate(direct[:30])},
            "devDependencies": {d: "^1.0.0" for d in direct[30:]},
        }
    }
    for i, name in enumerate(pkgs):
        full = f"@scope{i % 7}/{name}" if i % 10 == 3 else name
        key = f"node_modules/{full}"
        if i % 9 == 5 and i > 40:  # nested copy under an earlier package
            key = f"node_modules/{pkgs[i % 40]}/node_modules/{full}"
        version = f"{i % 5 + 1}.{i % 13}.{i % 7}"
        deps = {pkgs[(i * 7 + k) % n]: "^1.0.0" for k in range(1, i % 4 + 1)}
        entry: dict[str, Any] = {
            "version": version,
            "resolved": f"https://registry.npmjs.org/{full}/-/{name}-{version}.tgz",
            "integrity": "sha512-" + fake_hash(full, version)[:86] + "==",
            "license": LICENSES[i % len(LICENSES)],
        }
        if deps:
            entry["dependencies"] = deps
        if i % 6 == 0:
            entry["dev"] = True
        if i % 25 == 0:
            entry["engines"] = {"node": ">=14"}
        packages[key] = entry
    lock = {
        "name": "big-app",
        "version": "1.0.0",
        "lockfileVersion": 3,
        "requires": True,
        "packages": packages,
    }
    root = packages[""]
    (folder / "package.json").write_text(
        json.dumps(
            {
                "name": "big-app",
                "version": "1.0.0",
                "license": "MIT",
                "dependencies": root["dependencies"],
                "devDependencies": root["devDependencies"],
            },
            indent=2,
        )
    )
    (folder / "package-lock.json").write_text(json.dumps(lock, indent=2))


def make_uv_lock(folder: Path, n: int) -> None:
    """A uv.lock (version 1) with the project and n registry packages, and its pyproject.toml."""
    rng = random.Random(SEED + 1)
    pkgs = names(n, rng)
    direct = pkgs[:30]
    lines = ["version = 1", "revision = 2", 'requires-python = ">=3.11"', ""]
    lines += [
        "[[package]]",
        'name = "big-app"',
        'version = "1.0.0"',
        'source = { editable = "." }',
        "dependencies = [",
    ]
    lines += [f'    {{ name = "{d}" }},' for d in direct] + ["]", ""]
    lines += ["[package.metadata]", "requires-dist = ["]
    lines += [f'    {{ name = "{d}", specifier = ">=1" }},' for d in direct] + ["]", ""]
    for i, name in enumerate(pkgs):
        version = f"{i % 5 + 1}.{i % 13}.{i % 7}"
        wheel = name.replace("-", "_")
        lines += [
            "[[package]]",
            f'name = "{name}"',
            f'version = "{version}"',
            'source = { registry = "https://pypi.org/simple" }',
        ]
        deps = [pkgs[(i * 7 + k) % n] for k in range(1, i % 4 + 1)]
        if deps:
            lines += ["dependencies = ["] + [f'    {{ name = "{d}" }},' for d in deps] + ["]"]
        lines += [
            f'sdist = {{ url = "https://files.pythonhosted.org/packages/{name}-{version}.tar.gz", '
            f'hash = "sha256:{fake_hash(name, version, "sdist")}", size = {1000 + i} }}',
            "wheels = [",
            f'    {{ url = "https://files.pythonhosted.org/packages/{wheel}-{version}-py3-none-any.whl", '
            f'hash = "sha256:{fake_hash(name, version)}", size = {2000 + i} }},',
            "]",
            "",
        ]
    (folder / "uv.lock").write_text("\n".join(lines))
    (folder / "pyproject.toml").write_text(
        '[project]\nname = "big-app"\nversion = "1.0.0"\nrequires-python = ">=3.11"\ndependencies = [\n'
        + "".join(f'    "{d}>=1",\n' for d in direct)
        + "]\n"
    )


def make_poetry_lock(folder: Path, n: int) -> None:
    """A poetry.lock (lock-version 2.1) with n packages, and its pyproject.toml."""
    rng = random.Random(SEED + 2)
    pkgs = names(n, rng)
    direct = pkgs[:30]
    lines = ["# This file is automatically @generated by Poetry 2.1.3 and should not be changed by hand.", ""]
    for i, name in enumerate(pkgs):
        version = f"{i % 5 + 1}.{i % 13}.{i % 7}"
        wheel = name.replace("-", "_")
        lines += [
            "[[package]]",
            f'name = "{name}"',
            f'version = "{version}"',
            f'description = "The {name} package"',
            "optional = false",
            'python-versions = ">=3.8"',
            f'groups = ["{"dev" if i % 6 == 0 else "main"}"]',
            "files = [",
            f'    {{file = "{wheel}-{version}-py3-none-any.whl", '
            f'hash = "sha256:{fake_hash(name, version)}"}},',
            f'    {{file = "{wheel}-{version}.tar.gz", hash = "sha256:{fake_hash(name, version, "s")}"}},',
            "]",
            "",
        ]
        deps = [pkgs[(i * 7 + k) % n] for k in range(1, i % 4 + 1)]
        if deps:
            lines += ["[package.dependencies]"] + [f'{d} = ">=1.0"' for d in deps] + [""]
    lines += [
        "[metadata]",
        'lock-version = "2.1"',
        'python-versions = "^3.11"',
        f'content-hash = "{fake_hash("big-app")}"',
        "",
    ]
    (folder / "poetry.lock").write_text("\n".join(lines))
    (folder / "pyproject.toml").write_text(
        '[tool.poetry]\nname = "big-app"\nversion = "1.0.0"\ndescription = ""\nauthors = []\n\n'
        '[tool.poetry.dependencies]\npython = "^3.11"\n' + "".join(f'{d} = ">=1"\n' for d in direct)
    )


def bench_speed(work: Path, n: int, repeat: int) -> dict[str, Any]:
    """collect() in process and the whole CLI on each generated lockfile; the start-up floor."""
    from commonscheck.audit.deps import DepsOptions, collect

    floor = timed(lambda: run([COMMONSCHECK, "--version"]), repeat)
    empty = work / "empty"
    empty.mkdir(exist_ok=True)
    deps_empty = timed(
        lambda: run([COMMONSCHECK, "deps", empty, "--format", "json", "-q", "-o", os.devnull], check=False),
        repeat,
    )
    out: dict[str, Any] = {
        "floor_s": statistics.median(floor),
        "deps_empty_s": statistics.median(deps_empty),
        "n": n,
        "repeat": repeat,
        "files": {},
    }
    makers: dict[str, Callable[[Path, int], None]] = {
        "package-lock.json v3": make_npm_lock,
        "uv.lock": make_uv_lock,
        "poetry.lock": make_poetry_lock,
    }
    for label, make in makers.items():
        folder = work / "speed" / re.sub(r"\W+", "-", label)
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        make(folder, n)
        lockfile = next(
            p for p in folder.iterdir() if p.name != "package.json" and p.name != "pyproject.toml"
        )
        report = collect(folder, DepsOptions())
        locked = [p for p in report.packages if p.version is not None and p.name != "big-app"]
        inproc = timed(partial(collect, folder, DepsOptions()), repeat)
        cli_cmd: list[str | Path] = [COMMONSCHECK, "deps", folder, "--format", "json", "-q", "-o", os.devnull]
        cli = timed(partial(run, cli_cmd, check=False), repeat)
        out["files"][label] = {
            "bytes": lockfile.stat().st_size,
            "packages": len(locked),
            "errors": [e.message for e in report.errors],
            "collect_s": statistics.median(inproc),
            "cli_s": statistics.median(cli),
        }
    return out


# ---------------------------------------------------------------------------------------------
# report


def print_comparison(cmp: Comparison) -> None:
    """Human-readable lines for one comparison."""
    s = cmp.summary()
    print(f"\n== {cmp.name}: ours {s['ours']}, expected {s['expected']}, set equal: {s['set_equal']}")
    for k, v in cmp.extra.items():
        if isinstance(v, list) and len(v) > 12:
            v = [*v[:12], f"... ({len(v)} in all)"]
        print(f"   {k}: {v}")
    if s["only_ours"]:
        print(f"   only ours ({len(s['only_ours'])}): {s['only_ours'][:20]}")
    if s["only_expected"]:
        print(f"   only expected ({len(s['only_expected'])}): {s['only_expected'][:20]}")
    if cmp.compared:
        share = 100 * cmp.agree / cmp.compared
        print(f"   declared-license agreement: {cmp.agree}/{cmp.compared} = {share:.1f} %")
        for cat, count in cmp.categories().most_common():
            print(f"   {count:4d}  {cat}")
        for d in cmp.disagreements:
            print(
                f"      {d['package']}: judge {d['judge']!r} / ours {d['ours']!r} (raw {d['declared_raw']!r})"
            )


def main(argv: Iterable[str] | None = None) -> int:
    """Run the selected parts and print the figures; --json writes them all."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--work", type=Path, default=DEFAULT_WORK, help="work folder (outside the repo)")
    ap.add_argument("--python", default="python3.11", help="interpreter for the bench venvs")
    ap.add_argument("--cargo", type=Path, help="a Rust project with Cargo.lock")
    ap.add_argument("--go", type=Path, help="a Go project with go.mod and vendor/modules.txt")
    ap.add_argument(
        "--only", nargs="*", default=["python", "npm", "cargo", "go", "speed"], help="parts to run"
    )
    ap.add_argument("--size", type=int, default=1000, help="packages in the generated lockfiles")
    ap.add_argument("--repeat", type=int, default=5, help="timed runs per measurement (median)")
    ap.add_argument("--json", type=Path, help="write every figure and disagreement here")
    ap.add_argument(
        "--judge-from",
        choices=("mixed", "meta", "classifier", "all"),
        default="mixed",
        help="pip-licenses' --from: mixed (its default, classifiers first) or meta (the metadata fields)",
    )
    ap.add_argument(
        "--scancode-python",
        type=Path,
        default=DEFAULT_SCANCODE_PYTHON,
        help="the python of a ScanCode Toolkit venv (bench/scan_vs_scancode.py installs one), used to "
        "read the judge's free-text License fields; without it those count as disagreements",
    )
    args = ap.parse_args(list(argv) if argv is not None else None)
    global JUDGE_FROM
    JUDGE_FROM = args.judge_from
    args.work.mkdir(parents=True, exist_ok=True)
    head = run(["git", "-C", REPO, "rev-parse", "--short=12", "HEAD"]).stdout.strip()
    dirty = run(["git", "-C", REPO, "status", "--porcelain", "commonscheck"]).stdout.strip()
    version = run([COMMONSCHECK, "--version"]).stdout.strip()
    print(f"commonscheck {version} at {head}{' (work tree has uncommitted changes)' if dirty else ''}")
    figures: dict[str, Any] = {"head": head, "dirty": bool(dirty), "date": time.strftime("%Y-%m-%d %H:%M %Z")}
    if "python" in args.only:
        cmp, pep639 = bench_python(args.work, args.python, args.scancode_python)
        print_comparison(cmp)
        figures["python"] = cmp.summary()
        print_comparison(pep639)
        figures["python_pep639"] = pep639.summary()
    if "npm" in args.only:
        cmp = bench_npm(args.work)
        print_comparison(cmp)
        figures["npm"] = cmp.summary()
    if "cargo" in args.only and args.cargo:
        cmp = bench_cargo(args.cargo)
        print_comparison(cmp)
        figures["cargo"] = cmp.summary()
    if "go" in args.only and args.go:
        cmp = bench_go(args.go)
        print_comparison(cmp)
        figures["go"] = cmp.summary()
    if "speed" in args.only:
        speed = bench_speed(args.work, args.size, args.repeat)
        figures["speed"] = speed
        print(
            f"\n== speed ({args.size} packages, median of {args.repeat}); floors: "
            f"`commonscheck --version` {speed['floor_s']:.3f} s, "
            f"`commonscheck deps <empty folder>` {speed['deps_empty_s']:.3f} s"
        )
        for label, f in speed["files"].items():
            print(
                f"   {label}: {f['bytes'] / 1e6:.2f} MB, {f['packages']} packages read, collect() "
                f"{f['collect_s']:.3f} s, CLI {f['cli_s']:.3f} s (minus empty-folder floor "
                f"{f['cli_s'] - speed['deps_empty_s']:.3f} s)"
                f"{', errors: ' + str(f['errors']) if f['errors'] else ''}"
            )
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
