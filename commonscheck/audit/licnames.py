# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Free-text license names, as manifests write them, to SPDX expressions.

Order: a valid SPDX expression is taken as it is (normalised); then the table of common spellings
in rules/license_names.toml (each mapping with its evidence); then a split on " or " / " and " /
"," where every part is known. What is still unknown stays visible: the raw text is always kept,
and the expression is None, never a guess.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache

from commonscheck.audit.expressions import normalise_known
from commonscheck.resources import rules_dir


@dataclass(frozen=True, slots=True)
class LicenseName:
    """A declared license: the SPDX expression it means (None when unknown) and the text as written."""

    expression: str | None
    raw: str


_KEY = re.compile(r"[^a-z0-9+]+")
# "SEE LICENSE IN <file>" (npm), "See LICENSE file", "LICENSE.txt": the license is in a file.
_SEE_FILE = re.compile(
    r"^\s*(?:see\s+(?:license\s+in\s+)?|license\s+in\s+)?\S*licen[cs]e\S*(?:\s+file)?\s*$", re.I
)
_SPLIT_OR = re.compile(r"\s+or\s+|\s*/\s*(?=[A-Za-z])|\s*\|\s*", re.IGNORECASE)
_SPLIT_AND = re.compile(r"\s+and\s+|\s*,\s*|\s*;\s*", re.IGNORECASE)


def _key(text: str) -> str:
    return _KEY.sub(" ", text.lower()).strip()


@cache
def _table() -> dict[str, str]:
    """Spelling (folded) -> SPDX expression, from rules/license_names.toml."""
    with (rules_dir() / "license_names.toml").open("rb") as fh:
        data = tomllib.load(fh)
    out: dict[str, str] = {}
    for entry in data.get("name", []):
        for spelling in entry["spellings"]:
            out[_key(spelling)] = entry["spdx"]
    return out


def lookup(text: str) -> str | None:
    """The SPDX expression one license name means, or None when it is not known."""
    stripped = text.strip().strip("\"'")
    if not stripped:
        return None
    if _spells_spdx_ids(stripped):
        try:
            return normalise_known(stripped)
        except ValueError:
            pass
    return _table().get(_key(stripped))


_ID = re.compile(r"[A-Za-z0-9.+:-]+")
_OPERATORS = frozenset({"and", "or", "with"})


@cache
def _known_ids() -> frozenset[str]:
    from commonscheck.audit.tags import spdx_ids

    current, deprecated = spdx_ids()
    # Former ids carry a version (GPL-2.0, LGPL-2.1+); bare family names such as "GPL" that the
    # data also lists as aliases name no particular license.
    versioned = {d for d in deprecated if any(ch.isdigit() for ch in d)}
    return frozenset(i.lower() for i in current | versioned)


def _spells_spdx_ids(text: str) -> bool:
    """Whether every id in `text` is written as an SPDX id (any case, `+` allowed) or a
    LicenseRef: the expression parser also accepts looser aliases ("GPL"), which PEP 639 and
    common sense say must not be read as a particular license."""
    known = _known_ids()
    for word in _ID.findall(text):
        low = word.lower()
        if low in _OPERATORS or low.startswith(("licenseref-", "documentref-")):
            continue
        if low.removesuffix("+") not in known:
            return False
    return True


def normalise_license(raw: str | None) -> LicenseName | None:
    """The SPDX meaning of a declared license string; None when there is no string at all."""
    if raw is None or not raw.strip():
        return None
    text = " ".join(raw.split())
    found = lookup(text)
    if found is not None:
        return LicenseName(found, raw)
    if _SEE_FILE.match(text):
        # "SEE LICENSE IN LICENSE.md": the license is whatever that file holds (detected, not declared)
        return LicenseName(None, raw)
    for splitter, op in ((_SPLIT_OR, " OR "), (_SPLIT_AND, " AND ")):
        parts = [p for p in splitter.split(text) if p.strip()]
        if len(parts) > 1:
            mapped = [lookup(p) for p in parts]
            if all(m is not None for m in mapped):
                joined = op.join(f"({m})" if " " in str(m) else str(m) for m in mapped)
                return LicenseName(normalise_known(joined), raw)
    return LicenseName(None, raw)


def from_classifiers(classifiers: list[str]) -> str | None:
    """The SPDX id of a Python package's `License ::` trove classifier, or None.

    None when there is none, when it is one of the classifiers PEP 639 calls ambiguous ("BSD
    License", "Apache Software License", ...: absent from the table), or when there are several
    different ones: PEP 639's appendix on classifiers says their relationship "is ambiguous", so
    neither OR nor AND is assumed.
    """
    found = {_table().get(_key(c)) for c in classifiers if c.startswith("License ::")}
    if len(found) != 1:
        return None
    return found.pop()
