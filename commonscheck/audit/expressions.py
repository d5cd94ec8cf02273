# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""SPDX expressions: one shared parser, and the few operations the pipeline needs on them.

Combination deduplicates but never simplifies as Boolean algebra would: `MIT AND (MIT OR Apache-2.0)`
is not `MIT` to a lawyer (the choice was the licensee's to make), so absorption is not applied.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from license_expression import ExpressionError, Licensing, get_spdx_licensing


@cache
def licensing() -> Licensing:
    """The SPDX licensing of license-expression, built once per process."""
    return get_spdx_licensing()


@cache
def normalise(expression: str) -> str:
    """The normalised rendering of an SPDX expression (known ids in their SPDX case, deprecated
    `+` forms as `-or-later`); ValueError when it does not parse."""
    try:
        parsed = licensing().parse(expression)
    except ExpressionError as exc:
        raise ValueError(str(exc)) from None
    if parsed is None:
        raise ValueError("empty expression")
    return str(parsed.render())


def combine(expressions: Iterable[str]) -> str | None:
    """AND of the distinct expressions, deduplicated, in a stable order; None when there are none."""
    unique = sorted(set(expressions))
    if not unique:
        return None
    if len(unique) == 1:
        return unique[0]
    joined = " AND ".join(f"({e})" if " " in e else e for e in unique)
    try:
        return str(licensing().dedup(joined).render())
    except ExpressionError:
        return joined


def combine_evidence(pairs: Iterable[tuple[str, str]]) -> str | None:
    """Combine one file's (expression, kind) findings: AND of the distinct expressions, except
    that a license text whose licenses a choice in the same file offers ("you may use it under
    either A or B", then the texts of A and B) is the text of an option, not a further
    obligation: `A OR B`, not `A AND B AND (A OR B)`."""
    pairs = list(pairs)
    choices = [symbols(e) for e, _ in pairs if " OR " in e and " AND " not in e]
    if not choices:
        return combine(e for e, _ in pairs)
    kept = [
        e
        for e, kind in pairs
        if not (kind == "text" and " OR " not in e and any(symbols(e) <= c for c in choices))
    ]
    return combine(kept)


@cache
def normalise_known(expression: str) -> str:
    """Like `normalise`, but ValueError also when the expression names an id that is neither on the
    SPDX list nor a `LicenseRef-`/`DocumentRef-` (a free-text name such as "SEE LICENSE IN x")."""
    rendered = normalise(expression)
    info = licensing().validate(rendered)
    unknown = [s for s in info.invalid_symbols if not str(s).startswith(("LicenseRef-", "DocumentRef-"))]
    if unknown:
        raise ValueError(f"not SPDX ids: {', '.join(map(str, unknown))}")
    return rendered


@cache
def symbols(expression: str) -> frozenset[str]:
    """The license and exception ids an expression names; empty when it does not parse."""
    try:
        parsed = licensing().parse(expression)
    except ExpressionError:
        return frozenset()
    if parsed is None:
        return frozenset()
    return frozenset(str(s.key) for s in licensing().license_symbols(parsed, decompose=True))
