# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Policy: which licenses a project accepts in and gives out, beyond what compatibility allows.

A policy is a TOML table (the presets live in rules/policies/, a project may name one and extend it
in its configuration):

    name = "permissive-only"
    description = "..."
    source = "..."                      # where the policy's idea comes from (presets)
    [inbound]
    allow = ["MIT", "BSD-*"]            # ids (globs) that pass whatever their class
    allow_classes = ["permissive"]      # commons classes (commons.CLASSES) that pass
    warn = ["MPL-2.0"]                  # ids that pass, but a person should look (a warning)
    warn_classes = []
    deny = ["AGPL-*"]                   # ids that never pass
    deny_classes = ["source-available"]
    require = ["fsf_free"]              # flags a license must have: fsf_free, osi_approved
    otherwise = "deny"                  # what becomes of a license no list names: allow, warn, deny
    [outbound]                          # the same keys, applied to the project's own license
    [severity]                          # the severity of each compatibility status that is not clean
    incompatible = "error"
    conditional = "warning"
    unknown = "warning"

Order of decision for one license id: deny, then allow, then warn (ids before classes), then the
required flags (false denies; no source saying is a warning), then `otherwise` (default: deny when
an allow list exists, else allow). `X WITH E` is judged as X unless a list names the whole of it.
An OR passes when one branch does (the best branch is taken, or the branch the project recorded as
its choice); an AND needs every part: a permissive branch never hides an AND'ed part.

Exceptions (configuration only) excuse one package or path, optionally for one license, with a
reason and an expiry date; an expired exception excuses nothing and is itself a finding.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from fnmatch import fnmatchcase
from functools import cache
from pathlib import Path
from typing import Any

from license_expression import AND, OR, ExpressionError, LicenseSymbol, LicenseWithExceptionSymbol

from commonscheck.audit import commons
from commonscheck.audit.expressions import licensing
from commonscheck.resources import rules_dir

OUTCOMES = ("allow", "warn", "deny")
"""A policy's answer for a license, best first."""

SEVERITIES = ("error", "warning", "note")
FLAGS = ("fsf_free", "osi_approved")
_RANK = {outcome: i for i, outcome in enumerate(OUTCOMES)}
_STATUS_DEFAULTS = {"incompatible": "error", "conditional": "warning", "unknown": "warning"}


class PolicyError(ValueError):
    """A policy file or table that cannot be used; the message names the file and the key."""


@dataclass(frozen=True, slots=True)
class Rules:
    """The lists of one side (inbound or outbound) of a policy."""

    allow: tuple[str, ...] = ()
    allow_classes: tuple[str, ...] = ()
    warn: tuple[str, ...] = ()
    warn_classes: tuple[str, ...] = ()
    deny: tuple[str, ...] = ()
    deny_classes: tuple[str, ...] = ()
    require: tuple[str, ...] = ()
    otherwise: str | None = None

    @property
    def empty(self) -> bool:
        """True when this side says nothing: every license passes."""
        return self == Rules()

    def extended(self, other: Rules) -> Rules:
        """These lists with another's added (the other's `otherwise` wins when it sets one)."""
        return Rules(
            allow=(*self.allow, *other.allow),
            allow_classes=(*self.allow_classes, *other.allow_classes),
            warn=(*self.warn, *other.warn),
            warn_classes=(*self.warn_classes, *other.warn_classes),
            deny=(*self.deny, *other.deny),
            deny_classes=(*self.deny_classes, *other.deny_classes),
            require=tuple(dict.fromkeys((*self.require, *other.require))),
            otherwise=other.otherwise or self.otherwise,
        )


@dataclass(frozen=True, slots=True)
class Policy:
    """A named policy: inbound and outbound rules, and the severity of each compatibility status."""

    name: str
    description: str = ""
    source: str = ""
    inbound: Rules = Rules()
    outbound: Rules = Rules()
    severity: Mapping[str, str] = field(default_factory=lambda: dict(_STATUS_DEFAULTS))


@dataclass(frozen=True, slots=True)
class Waiver:
    """A policy exception (a waiver): one package or path (glob), optionally for one license only,
    excused until `expires`, for a stated reason."""

    reason: str
    expires: date
    package: str | None = None
    path: str | None = None
    license: str | None = None
    # where it was written, for findings about the exception itself
    origin: str = ""

    def expired(self, today: date) -> bool:
        """True from the day after `expires`."""
        return today > self.expires

    def covers(self, *, path: str | None, names: Sequence[str], license: str | None) -> bool:
        """True when this exception names the subject (a path, or a package by one of `names`:
        name, `ecosystem:name`, purl) and, if it names a license, that license."""
        if self.license is not None:
            from commonscheck.audit.expressions import normalise

            if license is None:
                # an exception for one license says nothing about a subject whose license is unknown
                return False
            try:
                if normalise(self.license) != normalise(license):
                    return False
            except ValueError:
                return False
        if self.package is not None:
            return any(fnmatchcase(n, self.package) for n in names)
        if self.path is not None and path is not None:
            return fnmatchcase(path, self.path) or fnmatchcase(path, self.path.rstrip("/") + "/*")
        return False


@dataclass(frozen=True, slots=True)
class Decision:
    """A policy's answer for an expression, and why (which ids or classes decided, which branch)."""

    outcome: str
    reasons: tuple[str, ...]
    chosen: str | None = None


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise PolicyError(f"{where}: expected a list of strings")


_RULE_KEYS = {
    "allow",
    "allow_classes",
    "warn",
    "warn_classes",
    "deny",
    "deny_classes",
    "require",
    "otherwise",
}


def parse_rules(table: Any, where: str) -> Rules:
    """One side of a policy from its TOML table; PolicyError naming the key when it is wrong."""
    if not isinstance(table, dict):
        raise PolicyError(f"{where}: expected a table")
    values: dict[str, Any] = {}
    for key, value in table.items():
        name = key.replace("-", "_")
        if name not in _RULE_KEYS:
            raise PolicyError(f"{where}: unknown key '{key}' (known: {', '.join(sorted(_RULE_KEYS))})")
        if name == "otherwise":
            if value not in OUTCOMES:
                raise PolicyError(f"{where}.otherwise: expected one of {', '.join(OUTCOMES)}, got {value!r}")
            values[name] = value
            continue
        items = _strings(value, f"{where}.{key}")
        if name.endswith("_classes"):
            bad = [c for c in items if c not in (*commons.CLASSES, commons.UNKNOWN)]
            if bad:
                raise PolicyError(
                    f"{where}.{key}: unknown class {bad[0]!r} "
                    f"(known: {', '.join((*commons.CLASSES, commons.UNKNOWN))})"
                )
        if name == "require":
            bad = [f for f in items if f not in FLAGS]
            if bad:
                raise PolicyError(f"{where}.require: unknown flag {bad[0]!r} (known: {', '.join(FLAGS)})")
        values[name] = items
    return Rules(**values)


def parse_policy(data: Mapping[str, Any], where: str) -> Policy:
    """A policy from its TOML document; PolicyError for unknown keys, classes, flags or severities."""
    known = {"name", "description", "source", "inbound", "outbound", "severity"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise PolicyError(f"{where}: unknown key '{unknown[0]}' (known: {', '.join(sorted(known))})")
    severity = dict(_STATUS_DEFAULTS)
    raw_severity = data.get("severity", {})
    if not isinstance(raw_severity, dict):
        raise PolicyError(f"{where}: severity: expected a table")
    for status, level in raw_severity.items():
        if status not in _STATUS_DEFAULTS:
            raise PolicyError(f"{where}: severity.{status}: expected one of {', '.join(_STATUS_DEFAULTS)}")
        if level not in SEVERITIES:
            raise PolicyError(f"{where}: severity.{status}: expected one of {', '.join(SEVERITIES)}")
        severity[status] = level
    return Policy(
        name=str(data.get("name", Path(where).stem)),
        description=str(data.get("description", "")),
        source=str(data.get("source", "")),
        inbound=parse_rules(data.get("inbound", {}), f"{where}: inbound"),
        outbound=parse_rules(data.get("outbound", {}), f"{where}: outbound"),
        severity=severity,
    )


def presets() -> list[str]:
    """The names of the shipped policy presets (files of rules/policies/)."""
    return sorted(p.stem for p in (rules_dir() / "policies").glob("*.toml"))


@cache
def load_policy(name_or_path: str, base: Path | None = None) -> Policy:
    """A shipped preset by name, or a policy file by path (relative to `base`, the folder of the
    configuration that names it). PolicyError when it is neither, or not a valid policy."""
    preset = rules_dir() / "policies" / f"{name_or_path}.toml"
    if "/" not in name_or_path and not name_or_path.endswith(".toml"):
        if not preset.is_file():
            raise PolicyError(
                f"policy {name_or_path!r}: no such preset (presets: {', '.join(presets())}; "
                "or give the path of a policy file)"
            )
        path = preset
    else:
        path = Path(name_or_path)
        if not path.is_absolute() and base is not None:
            path = base / path
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise PolicyError(f"{path}: cannot read policy ({exc.strerror or exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(f"{path}: invalid TOML ({exc})") from None
    return parse_policy(data, str(path))


def _names(patterns: Sequence[str], license_id: str, whole: str) -> str | None:
    for pattern in patterns:
        if fnmatchcase(license_id, pattern) or fnmatchcase(whole, pattern):
            return pattern
    return None


@cache
def _decide_leaf(rules: Rules, license_id: str, exception: str | None) -> Decision:
    whole = f"{license_id} WITH {exception}" if exception else license_id
    info = commons.classify(whole)
    cls = info.cls
    hit = _names(rules.deny, license_id, whole) if not exception else _names(rules.deny, whole, whole)
    if exception and hit is None:
        # The bare license's denial stands unless an allow list names the whole `X WITH E`.
        bare_deny = _names(rules.deny, license_id, license_id)
        if bare_deny is not None and _names(rules.allow, whole, whole) is None:
            hit = bare_deny
    if hit is not None:
        return Decision("deny", (f"{whole}: denied by the policy ('{hit}' in deny).",))
    # An exception that takes rights away (the Commons Clause) makes another license: allowing the
    # bare license does not allow it, only naming the whole `X WITH E` does.
    restricted = exception is not None and info.rank < commons.classify(license_id).rank
    hit = _names(rules.allow, whole, whole) if restricted else _names(rules.allow, license_id, whole)
    if hit is not None:
        return Decision("allow", (f"{whole}: allowed ('{hit}' in allow).",))
    hit = _names(rules.warn, license_id, whole)
    if hit is not None:
        return Decision("warn", (f"{whole}: allowed with review ('{hit}' in warn).",))
    if cls in rules.deny_classes:
        return Decision("deny", (f"{whole} is {cls}: denied by the policy (deny_classes).",))
    if cls in rules.allow_classes and not rules.require:
        return Decision("allow", (f"{whole} is {cls}: allowed (allow_classes).",))
    if cls in rules.warn_classes:
        return Decision("warn", (f"{whole} is {cls}: allowed with review (warn_classes).",))
    if rules.require and (cls in rules.allow_classes or not rules.allow_classes):
        values = {"fsf_free": info.fsf_free, "osi_approved": info.osi_approved}
        failing = [f for f in rules.require if values[f] is False]
        unsaid = [f for f in rules.require if values[f] is None]
        label = {"fsf_free": "free per the FSF", "osi_approved": "OSI-approved"}
        if failing:
            return Decision("deny", (f"{whole}: not {label[failing[0]]} (required by the policy).",))
        if unsaid:
            return Decision(
                "warn", (f"{whole}: no source says whether it is {label[unsaid[0]]} (required).",)
            )
        said = " and ".join(label[f] for f in rules.require)
        return Decision("allow", (f"{whole}: {said}, as the policy requires.",))
    otherwise = rules.otherwise or ("deny" if rules.allow or rules.allow_classes else "allow")
    listed = "named by no list of the policy" if not rules.empty else "no policy list applies"
    verb = {"allow": "allowed", "warn": "needs review", "deny": "not allowed"}[otherwise]
    return Decision(otherwise, (f"{whole} ({cls}): {listed}, so {verb} (otherwise = {otherwise}).",))


def _split(node: Any) -> tuple[str, str | None]:
    if isinstance(node, LicenseWithExceptionSymbol):
        return str(node.license_symbol.key), str(node.exception_symbol.key)
    if isinstance(node, LicenseSymbol):
        return str(node.key), None
    raise ValueError(f"unexpected expression part {node!r}")


def _walk(rules: Rules, node: Any, chosen: str | None) -> Decision:
    if isinstance(node, AND):
        parts = [_walk(rules, arg, None) for arg in node.args]
        worst = max(parts, key=lambda d: _RANK[d.outcome])
        return Decision(worst.outcome, tuple(r for d in parts for r in d.reasons))
    if isinstance(node, OR):
        branches = {str(arg.render()): arg for arg in node.args}
        if chosen is not None and chosen in branches:
            decision = _walk(rules, branches[chosen], None)
            why = f"{node.render()}: the chosen branch {chosen!r} is {decision.outcome}."
            return Decision(decision.outcome, (*decision.reasons, why), chosen)
        judged = [(name, _walk(rules, arg, None)) for name, arg in branches.items()]
        name, best = min(judged, key=lambda item: _RANK[item[1].outcome])
        why = f"{node.render()}: a choice (OR); branch {name!r} is {best.outcome}."
        return Decision(best.outcome, (*best.reasons, why), name)
    license_id, exception = _split(node)
    return _decide_leaf(rules, license_id, exception)


def decide(rules: Rules, expression: str, chosen: str | None = None) -> Decision:
    """The policy's answer (allow, warn or deny) for an SPDX expression, with the reasons.

    `chosen` names the branch of a top-level OR the project chose; otherwise the best branch is
    taken. Empty rules allow everything. ValueError when the expression does not parse.
    """
    if rules.empty:
        return Decision("allow", ())
    try:
        parsed = licensing().parse(expression)
    except ExpressionError as exc:
        raise ValueError(f"invalid license expression {expression!r}: {exc}") from None
    if parsed is None:
        raise ValueError("empty license expression")
    return _walk(rules, parsed, chosen)


def parse_exceptions(items: Any, where: str) -> tuple[Waiver, ...]:
    """`[[exceptions]]` entries of a configuration: each names exactly one of `package` and `path`,
    a `reason` and an `expires` date (a TOML date, or a YYYY-MM-DD string), optionally a `license`."""
    if not isinstance(items, list):
        raise PolicyError(f"{where}: expected an array of tables ([[exceptions]])")
    out = []
    for i, raw in enumerate(items, 1):
        here = f"{where}[{i}]"
        if not isinstance(raw, dict):
            raise PolicyError(f"{here}: expected a table")
        unknown = sorted(set(raw) - {"package", "path", "license", "reason", "expires"})
        if unknown:
            raise PolicyError(f"{here}: unknown key '{unknown[0]}'")
        if ("package" in raw) == ("path" in raw):
            raise PolicyError(f"{here}: name exactly one of 'package' and 'path'")
        reason = raw.get("reason")
        if not isinstance(reason, str) or not reason.strip():
            raise PolicyError(f"{here}: 'reason' is required: say why the exception is granted")
        expires = raw.get("expires")
        if isinstance(expires, str):
            try:
                expires = date.fromisoformat(expires)
            except ValueError:
                raise PolicyError(f"{here}: 'expires' must be a date (YYYY-MM-DD)") from None
        if isinstance(expires, datetime):
            # A TOML datetime is a datetime, which is also a date: keep its day, as the key means.
            expires = expires.date()
        if not isinstance(expires, date):
            raise PolicyError(f"{here}: 'expires' is required: a date (YYYY-MM-DD) when it lapses")
        for key in ("package", "path", "license"):
            if key in raw and not isinstance(raw[key], str):
                raise PolicyError(f"{here}: '{key}' must be a string")
        if "license" in raw:
            from commonscheck.audit.expressions import normalise

            try:
                normalise(raw["license"])
            except ValueError as exc:
                raise PolicyError(f"{here}: 'license' is not a valid expression ({exc})") from None
        label = raw.get("package") or raw.get("path")
        out.append(
            Waiver(
                reason=reason.strip(),
                expires=expires,
                package=raw.get("package"),
                path=raw.get("path"),
                license=raw.get("license"),
                origin=f"{here} ({label})",
            )
        )
    return tuple(out)
