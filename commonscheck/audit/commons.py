# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Commons orientation of licenses: how far a license keeps a work in the commons.

One class per license, from least to most commons-oriented (`CLASSES`), plus "unknown":

    proprietary         proprietary, or no license at all (all rights reserved)
    source-available    the source can be read but not freely used (BUSL, SSPL, Elastic, PolyForm, ...)
    restricted          non-commercial, no-derivatives and other field-of-use restrictions (CC BY-NC/ND)
    permissive          public domain and permissive (MIT, BSD, Apache-2.0, CC0, CC-BY, ...)
    weak-reciprocal     copyleft that stops at a file or library boundary (LGPL, MPL, EPL, CDDL)
    strong-reciprocal   copyleft over the whole derived work (GPL, CC BY-SA, ODbL, CERN-OHL-S, GFDL)
    network-reciprocal  copyleft that offering the work over a network also triggers (AGPL, OSL-3.0, ...)
    copyfair            commons-based reciprocity: commercial use reserved to the commons' own
                        (Peer Production License, CoopCycle License)

Where a class comes from, in order: an entry of rules/licenses.toml (each with its source), else the
category of ScanCode's license database bundled with license-expression, mapped by `CATEGORY_CLASSES`,
else "unknown". An id neither source knows is never guessed. OSI approval and FSF status come from
the SPDX License List as copied into rules/licenses.toml, and are None where no source says.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from functools import cache
from typing import Any

from license_expression import (
    AND,
    OR,
    ExpressionError,
    LicenseSymbol,
    LicenseWithExceptionSymbol,
    get_license_index,
)

from commonscheck.audit.expressions import licensing
from commonscheck.resources import rules_dir

# Least to most commons-oriented. The order is the project's judgement (DESIGN.md: open inputs,
# commons-oriented output): each step keeps more of the derived work, and more of its use, in the
# commons; copyfair comes last because it also keeps the commercial fruits with the commons' members.
CLASSES: tuple[str, ...] = (
    "proprietary",
    "source-available",
    "restricted",
    "permissive",
    "weak-reciprocal",
    "strong-reciprocal",
    "network-reciprocal",
    "copyfair",
)
UNKNOWN = "unknown"
DOMAINS: tuple[str, ...] = ("software", "content", "data", "hardware", "font", "documentation")

# ScanCode license categories (the `category` field of its license database; definitions in
# https://scancode-licensedb.aboutcode.org/help.html and ScanCode's docs "License categories") mapped to
# our classes. Categories that do not describe a license of a work (a contributor agreement, a patent
# grant) or that say nothing ("Unstated License": unknown, see-license, free-unknown, ...) map to
# unknown rather than to a guess; rules/licenses.toml names the exceptions (no-license: proprietary).
CATEGORY_CLASSES: Mapping[str, str] = {
    "Public Domain": "permissive",
    "Permissive": "permissive",
    "Copyleft Limited": "weak-reciprocal",
    "Copyleft": "strong-reciprocal",
    "Free Restricted": "restricted",
    "Source-available": "source-available",
    # "Proprietary software that may not require a commercial license" (ScanCode): free of charge,
    # but the licensor keeps the rights a commons needs (change, share).
    "Proprietary Free": "proprietary",
    "Commercial": "proprietary",
    "Unstated License": UNKNOWN,
    "CLA": UNKNOWN,
    "Patent License": UNKNOWN,
}

_LICENSES_TOML = "licenses.toml"


@dataclass(frozen=True)
class CommonsInfo:
    """The commons orientation of one license, or of a whole expression.

    `cls` is one of `CLASSES` or "unknown". `osi_approved` and `fsf_free` are None where no source
    says. `domain` is one of `DOMAINS`, or None when unknown. `basis` says in a sentence how the class
    was found; `sources` lists the sources relied on. For an expression, `operator` is "OR" or "AND",
    `parts` holds one CommonsInfo per operand and `governing` is the operand that decides the class
    (the chosen OR branch, the least open AND part). `exception` is the WITH exception, if any.
    """

    expression: str
    cls: str
    osi_approved: bool | None
    fsf_free: bool | None
    domain: str | None
    basis: str
    sources: tuple[str, ...] = ()
    exception: str | None = None
    operator: str | None = None
    parts: tuple[CommonsInfo, ...] = ()
    governing: str | None = None

    @property
    def rank(self) -> int:
        """Position in `CLASSES` (higher is more commons-oriented); -1 for unknown."""
        return rank(self.cls)


@dataclass(frozen=True)
class _Entry:
    """One [[license]] entry of rules/licenses.toml."""

    id: str | None
    match: str | None
    cls: str | None
    domain: str | None
    osi_approved: bool | None
    fsf_free: bool | None
    exception: bool
    source: str

    def fits(self, spdx_id: str) -> bool:
        if self.id is not None:
            return self.id == spdx_id
        return self.match is not None and fnmatchcase(spdx_id, self.match)


@dataclass(frozen=True)
class _Finding:
    """One [[finding]] entry: a generic detector rule that is in truth a named license."""

    rule: str
    detected: str
    spdx: str
    source: str


@dataclass(frozen=True)
class _Data:
    """rules/licenses.toml, read."""

    spdx_version: str
    listed: frozenset[str]
    osi_approved: frozenset[str]
    fsf_libre: frozenset[str]
    fsf_not_libre: frozenset[str]
    entries: tuple[_Entry, ...]
    findings: tuple[_Finding, ...]
    spdx_source: str = field(default="")


def rank(cls: str) -> int:
    """Position of a class in `CLASSES` (higher is more commons-oriented); -1 for unknown.
    ValueError for a name that is no class."""
    if cls == UNKNOWN:
        return -1
    return CLASSES.index(cls)


def _optional_bool(raw: Mapping[str, Any], key: str) -> bool | None:
    value = raw.get(key)
    if value is None or isinstance(value, bool):
        return value
    raise ValueError(f"{_LICENSES_TOML}: {key} must be true or false, not {value!r}")


def _parse_entry(raw: Mapping[str, Any]) -> _Entry:
    entry = _Entry(
        id=raw.get("id"),
        match=raw.get("match"),
        cls=raw.get("class"),
        domain=raw.get("domain"),
        osi_approved=_optional_bool(raw, "osi_approved"),
        fsf_free=_optional_bool(raw, "fsf_free"),
        exception=bool(raw.get("exception", False)),
        source=str(raw.get("source", "")).strip(),
    )
    # A malformed entry is a bug in shipped data: fail loudly instead of classifying wrongly.
    name = entry.id or entry.match
    if (entry.id is None) == (entry.match is None):
        raise ValueError(f"{_LICENSES_TOML}: an entry needs exactly one of id and match: {raw!r}")
    if entry.cls is not None and entry.cls not in CLASSES:
        raise ValueError(f"{_LICENSES_TOML}: {name}: unknown class {entry.cls!r}")
    if entry.domain is not None and entry.domain not in DOMAINS:
        raise ValueError(f"{_LICENSES_TOML}: {name}: unknown domain {entry.domain!r}")
    if not entry.source:
        raise ValueError(f"{_LICENSES_TOML}: {name}: no source")
    return entry


@cache
def _data() -> _Data:
    with (rules_dir() / _LICENSES_TOML).open("rb") as handle:
        raw = tomllib.load(handle)
    spdx = raw["spdx"]
    return _Data(
        spdx_version=str(spdx["version"]),
        listed=frozenset(spdx["listed"]),
        osi_approved=frozenset(spdx["osi_approved"]),
        fsf_libre=frozenset(spdx["fsf_libre"]),
        fsf_not_libre=frozenset(spdx["fsf_not_libre"]),
        entries=tuple(_parse_entry(e) for e in raw.get("license", [])),
        findings=tuple(
            _Finding(rule=f["rule"], detected=f["detected"], spdx=f["spdx"], source=f["source"].strip())
            for f in raw.get("finding", [])
        ),
        spdx_source=(
            f"SPDX License List {spdx['version']} (isOsiApproved, isFsfLibre), "
            "https://github.com/spdx/license-list-data, as copied into rules/licenses.toml"
        ),
    )


@cache
def _scancode() -> dict[str, tuple[str, str]]:
    """SPDX id (and ScanCode's alias ids) -> (ScanCode key, category), from license-expression's
    bundled ScanCode index; a current entry wins over a deprecated one that shares an id."""
    found: dict[str, tuple[str, str]] = {}
    deprecated: dict[str, tuple[str, str]] = {}
    for entry in get_license_index():
        target = deprecated if entry.get("is_deprecated") else found
        value = (str(entry["license_key"]), str(entry.get("category") or ""))
        for spdx_id in (entry.get("spdx_license_key"), *(entry.get("other_spdx_license_keys") or ())):
            if spdx_id:
                target.setdefault(str(spdx_id), value)
    return {**deprecated, **found}


def _lookup(spdx_id: str, attribute: str) -> _Entry | None:
    """The entry that decides `attribute` for an id: an exact id first, then patterns in file order."""
    entries = _data().entries
    for entry in entries:
        if entry.id == spdx_id and getattr(entry, attribute) is not None:
            return entry
    for entry in entries:
        if entry.match is not None and entry.fits(spdx_id) and getattr(entry, attribute) is not None:
            return entry
    return None


def _flags(spdx_id: str) -> tuple[bool | None, bool | None, list[str]]:
    """OSI approval and FSF status: an entry of rules/licenses.toml, else the SPDX list copy."""
    data = _data()
    sources: list[str] = []
    osi: bool | None = None
    fsf: bool | None = None
    if spdx_id in data.listed:
        osi = spdx_id in data.osi_approved
        fsf = True if spdx_id in data.fsf_libre else False if spdx_id in data.fsf_not_libre else None
        sources.append(data.spdx_source)
    for attribute in ("osi_approved", "fsf_free"):
        entry = _lookup(spdx_id, attribute)
        if entry is None:
            continue
        if attribute == "osi_approved":
            osi = entry.osi_approved
        else:
            fsf = entry.fsf_free
        if entry.source not in sources:
            sources.append(entry.source)
    return osi, fsf, sources


@cache
def _classify_id(spdx_id: str) -> CommonsInfo:
    """Class, flags and domain of one license id (no operators)."""
    osi, fsf, sources = _flags(spdx_id)
    entry = _lookup(spdx_id, "cls")
    scancode = _scancode().get(spdx_id)
    if entry is not None and entry.cls is not None:
        cls = entry.cls
        basis = f"rules/licenses.toml entry {entry.id or entry.match!r}"
        if entry.source not in sources:
            sources.insert(0, entry.source)
    elif spdx_id == "NOASSERTION":
        # SPDX's "no assertion": the author of the data did not say; nothing to classify.
        cls, basis = UNKNOWN, "NOASSERTION: no license information was asserted"
    elif scancode is not None and CATEGORY_CLASSES.get(scancode[1], UNKNOWN) != UNKNOWN:
        key, category = scancode
        cls = CATEGORY_CLASSES[category]
        basis = f"ScanCode category {category!r} of license key {key!r}"
        sources.insert(
            0, f"ScanCode LicenseDB as bundled with license-expression: {key}, category {category}"
        )
    else:
        cls = UNKNOWN
        basis = (
            f"ScanCode category {scancode[1]!r} of license key {scancode[0]!r} says nothing about the class"
            if scancode is not None
            else "not in rules/licenses.toml nor in ScanCode's license database"
        )
    domain_entry = _lookup(spdx_id, "domain")
    if domain_entry is not None:
        domain: str | None = domain_entry.domain
        if domain_entry.source not in sources:
            sources.append(domain_entry.source)
    else:
        # ScanCode's database and the SPDX list are, apart from the families named in
        # rules/licenses.toml, software licenses; an id nobody knows has no known domain.
        domain = "software" if scancode is not None and cls != UNKNOWN else None
    return CommonsInfo(
        expression=spdx_id,
        cls=cls,
        osi_approved=osi,
        fsf_free=fsf,
        domain=domain,
        basis=basis,
        sources=tuple(sources),
    )


def _with_exception(license_id: str, exception_id: str) -> CommonsInfo:
    """`license WITH exception`: the license's class. An exception normally grants extra
    permissions (linking, as Classpath-exception-2.0 and LLVM-exception do), which changes what a
    combination may do (compat.py's business) but not how far the license keeps the work in the
    commons. An exception that takes rights away (the Commons Clause) brings its own class down."""
    base = _classify_id(license_id)
    expression = f"{license_id} WITH {exception_id}"
    restricting = _lookup(exception_id, "cls")
    if restricting is not None and restricting.cls is not None and rank(restricting.cls) < base.rank:
        osi, fsf, sources = _flags(exception_id)
        return CommonsInfo(
            expression=expression,
            cls=restricting.cls,
            # The license's own flags say nothing about it once restricted: only the exception's count.
            osi_approved=osi,
            fsf_free=fsf,
            domain=base.domain,
            basis=f"the exception {exception_id} restricts {license_id}: rules/licenses.toml",
            sources=(*sources, *(s for s in base.sources if s not in sources)),
            exception=exception_id,
        )
    return CommonsInfo(
        expression=expression,
        cls=base.cls,
        osi_approved=base.osi_approved,
        fsf_free=base.fsf_free,
        domain=base.domain,
        basis=f"{base.basis}; the exception {exception_id} grants extra permissions and keeps the class",
        sources=base.sources,
        exception=exception_id,
    )


def _all_flag(values: list[bool | None]) -> bool | None:
    """A combination is approved/free when every part is; not when one part is not; else unknown."""
    if any(v is False for v in values):
        return False
    if all(v is True for v in values):
        return True
    return None


def _combine(operator: str, parts: list[CommonsInfo], expression: str) -> CommonsInfo:
    known = [p for p in parts if p.cls != UNKNOWN]
    sources = tuple(dict.fromkeys(s for p in parts for s in p.sources))
    if operator == "OR":
        # The licensee may pick any branch, so the work can always be used under the most
        # commons-oriented known one: that branch decides. An unknown branch cannot be relied on.
        if not known:
            return CommonsInfo(
                expression=expression,
                cls=UNKNOWN,
                osi_approved=None,
                fsf_free=None,
                domain=None,
                basis="OR: no branch has a known class",
                sources=sources,
                operator="OR",
                parts=tuple(parts),
            )
        chosen = max(known, key=lambda p: p.rank)
        return CommonsInfo(
            expression=expression,
            cls=chosen.cls,
            osi_approved=chosen.osi_approved,
            fsf_free=chosen.fsf_free,
            domain=chosen.domain,
            basis=f"OR: the most commons-oriented branch the licensee may choose is {chosen.expression}",
            sources=sources,
            operator="OR",
            parts=tuple(parts),
            governing=chosen.expression,
        )
    # AND: every part binds at once. A restriction on use (proprietary, source-available, restricted)
    # binds the whole work, so the most restrictive such part governs; among free parts the strongest
    # reciprocity governs, because its obligations reach the combined work (a permissive part never
    # hides an AND'ed copyleft part). Either way the least open part decides: the one that leaves the
    # recipient the fewest choices. A part of unknown class might be more restrictive than all known
    # parts, so the answer is unknown unless a known part is already proprietary, the bottom.
    restricting = [p for p in known if p.rank < rank("permissive")]
    governing: CommonsInfo | None
    if restricting:
        governing = min(restricting, key=lambda p: p.rank)
    else:
        governing = max(known, key=lambda p: p.rank) if known else None
    osi = _all_flag([p.osi_approved for p in parts])
    fsf = _all_flag([p.fsf_free for p in parts])
    if governing is None or (len(known) < len(parts) and governing.rank > 0):
        unknown_parts = ", ".join(p.expression for p in parts if p.cls == UNKNOWN)
        return CommonsInfo(
            expression=expression,
            cls=UNKNOWN,
            osi_approved=osi,
            fsf_free=fsf,
            domain=None,
            basis=f"AND: the class of {unknown_parts} is unknown, and it may be the least open part",
            sources=sources,
            operator="AND",
            parts=tuple(parts),
        )
    why = "restricts use of the whole" if restricting else "has the strongest reciprocity, binding the whole"
    return CommonsInfo(
        expression=expression,
        cls=governing.cls,
        osi_approved=osi,
        fsf_free=fsf,
        domain=governing.domain,
        basis=f"AND: every part applies; {governing.expression} {why}",
        sources=sources,
        operator="AND",
        parts=tuple(parts),
        governing=governing.expression,
    )


def _classify_node(node: Any) -> CommonsInfo:
    if isinstance(node, LicenseWithExceptionSymbol):
        return _with_exception(str(node.license_symbol.key), str(node.exception_symbol.key))
    if isinstance(node, LicenseSymbol):
        return _classify_id(str(node.key))
    if isinstance(node, AND | OR):
        operator = "AND" if isinstance(node, AND) else "OR"
        parts = [_classify_node(arg) for arg in node.args]
        return _combine(operator, parts, str(node.render()))
    raise ValueError(f"unexpected expression node {node!r}")


@cache
def classify(expression: str) -> CommonsInfo:
    """The commons orientation of an SPDX id or expression.

    A single id (SPDX id or LicenseRef) gets its class from rules/licenses.toml, else from ScanCode's
    category, else "unknown". `A OR B`: the most commons-oriented known branch, which the licensee may
    choose (`governing` names it; `parts` keeps every branch). `A AND B`: all apply at once, so the
    least open part governs: the most restrictive part when one restricts use (proprietary,
    source-available, restricted), else the strongest reciprocity, whose obligations reach the whole
    (`MIT AND GPL-2.0-only` is strong-reciprocal: a permissive part never hides a copyleft one);
    unknown when a part is unknown and no known part is already proprietary.
    `A WITH E`: the class of A (exceptions relax linking; a restricting one such as the Commons Clause
    lowers it). Ids are normalised first (`GPL-2.0+` is `GPL-2.0-or-later`). ValueError when the
    expression does not parse.
    """
    try:
        parsed = licensing().parse(expression)
    except ExpressionError as exc:
        raise ValueError(str(exc)) from None
    if parsed is None:
        raise ValueError("empty expression")
    return _classify_node(parsed)


def classify_each(expression: str) -> list[CommonsInfo]:
    """One CommonsInfo per license (and `license WITH exception`) the expression names, in order of
    first appearance, without combining them. ValueError when the expression does not parse."""
    try:
        parsed = licensing().parse(expression)
    except ExpressionError as exc:
        raise ValueError(str(exc)) from None
    if parsed is None:
        raise ValueError("empty expression")
    seen: dict[str, CommonsInfo] = {}
    # license_symbols keeps the order of appearance (a Boolean expression's .symbols is a set).
    for symbol in licensing().license_symbols(parsed, unique=False, decompose=False):
        info = _classify_node(symbol)
        seen.setdefault(info.expression, info)
    return list(seen.values())


def recognise_finding(expression: str, rule: str | None) -> str:
    """The expression a detector finding really means. ScanCode's reference data files some texts
    under a generic key (the Peer Production License and the CoopCycle License under
    `proprietary-license`); rules/licenses.toml names those rules, and their findings are given the
    license's own id (`PPL`, `LicenseRef-CoopCycle`). Any other finding is returned unchanged."""
    if rule is None:
        return expression
    for finding in _data().findings:
        if finding.rule == rule and finding.detected == expression:
            return finding.spdx
    return expression


def spdx_list_version() -> str:
    """The SPDX License List version the OSI and FSF flags were copied from."""
    return _data().spdx_version


@dataclass(frozen=True, slots=True)
class KnownLicense:
    """A license commonscheck knows: its SPDX id, ScanCode key, other ids and commons class."""

    spdx_id: str
    scancode_key: str
    aliases: tuple[str, ...]
    is_exception: bool
    info: CommonsInfo


def known_licenses(query: str = "") -> list[KnownLicense]:
    """Every current license and exception of the reference data, with its class and flags.

    `query` keeps those whose id, ScanCode key or other ids contain it (any case), or whose commons
    class or domain equals it ("copyfair", "data"). Sorted by SPDX id.
    """
    from license_expression import get_license_index

    wanted = query.strip().lower()
    out: list[KnownLicense] = []
    for entry in get_license_index():
        spdx_id = entry.get("spdx_license_key") or ""
        if not spdx_id or entry.get("is_deprecated") or " " in spdx_id:
            continue
        try:
            info = classify(spdx_id)
        except ValueError:
            continue
        aliases = tuple(a for a in entry.get("other_spdx_license_keys") or () if " " not in a)
        names = (spdx_id.lower(), str(entry.get("license_key", "")).lower(), *(a.lower() for a in aliases))
        if wanted and not (any(wanted in n for n in names) or wanted in (info.cls, info.domain)):
            continue
        out.append(
            KnownLicense(
                spdx_id, str(entry.get("license_key", "")), aliases, bool(entry.get("is_exception")), info
            )
        )
    return sorted(out, key=lambda k: k.spdx_id.lower())
