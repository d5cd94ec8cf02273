# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The check report as GitHub-flavoured Markdown, for a pull-request comment or a job summary.

Layout: a heading that says pass or fail, a summary table (outbound license and where it came from,
its commons class, the policy, findings by severity, verdicts by status), the findings table (most
serious first, suppressed ones after, each with the reason of its exception), and a collapsed
`<details>` with the reasons and sources of every verdict that is not compatible.

The text comes from the scanned repository (paths, package names, license names) and so is untrusted:
names are set in code spans (no Markdown inside, no @-mentions of scoped package names), other cell
text has Markdown punctuation escaped, and `|` and line breaks never leave their cell.

GitHub refuses comments over 65536 characters: the document is kept under `max_chars`, cutting the
findings table (then the details) with a line saying how many were left out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from commonscheck.audit.check import CheckReport, fails
from commonscheck.model import CheckFinding, Verdict

GITHUB_COMMENT_LIMIT = 65536
# A message cell is a summary; the whole message is in the json, lines and sarif formats.
_MESSAGE_CELL_CHARS = 300
_REASON_CHARS = 1000
# Markdown punctuation that could start emphasis, a link, HTML, a table cell or an entity.
_ESCAPE = re.compile(r"([\\`*_{}\[\]<>|~]|&(?=#?\w+;)|^#)")
_NEWLINES = re.compile(r"\r\n|\r|\n")
# URLs (the sources of verdicts) stay as they are, so that GitHub links them; only what would end the
# table cell or open HTML is encoded.
_URL = re.compile(r"https?://[^\s<>|]+")


def _escape(value: str) -> str:
    out: list[str] = []
    pos = 0
    for m in _URL.finditer(value):
        out.append(_ESCAPE.sub(r"\\\1", value[pos : m.start()]))
        out.append(m.group(0))
        pos = m.end()
    out.append(_ESCAPE.sub(r"\\\1", value[pos:]))
    return "".join(out)


def _text(value: str, limit: int | None = None) -> str:
    """Plain text for a table cell or a list item: punctuation escaped (URLs kept as they are),
    line breaks as <br>."""
    value = value.strip()
    if limit is not None and len(value) > limit:
        value = value[: limit - 1].rstrip() + "…"
    return _NEWLINES.sub("<br>", _escape(value))


def _code(value: str) -> str:
    """A code span: shown literally, never a mention or a link; `|` escaped for the table (GFM
    splits cells before it reads code spans) and line breaks as spaces (a span is one line)."""
    value = _NEWLINES.sub(" ", value).replace("|", "\\|")
    longest = max((len(run) for run in re.findall(r"`+", value)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if value.startswith("`") or value.endswith("`") or not value.strip() else ""
    return f"{fence}{pad}{value}{pad}{fence}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _location(f: CheckFinding) -> str:
    if f.path is None:
        return "—"
    return _code(f"{f.path}:{f.line}" if f.line >= 1 else f.path)


def _row(f: CheckFinding) -> str:
    severity = f"**{f.severity}**" if f.suppressed is None else f"~~{f.severity}~~ suppressed"
    message = _text(f.message, _MESSAGE_CELL_CHARS)
    if f.suppressed is not None:
        message = f"{message}<br>*Suppressed:* {_text(f.suppressed, _MESSAGE_CELL_CHARS)}"
    cells = [
        severity,
        _code(f.rule),
        _code(f.subject),
        _location(f),
        _code(f.license) if f.license else "—",
        message,
    ]
    return "| " + " | ".join(cells) + " |"


def _verdict_block(v: Verdict) -> str:
    lines = [
        f"**{_code(v.subject)}**: {_code(v.inbound)} into {_code(v.outbound)} "
        f"({_text(v.context)}): **{_text(v.status)}**",
        "",
    ]
    lines.extend(f"- {_text(r, _REASON_CHARS)}" for r in v.reasons)
    if v.sources:
        lines.append("- Sources: " + "; ".join(_text(s, _REASON_CHARS) for s in v.sources))
    else:
        lines.append("- Sources: none recorded")
    return "\n".join(lines) + "\n"


def _head(report: CheckReport, fail_on: str) -> list[str]:
    failed = fails(report.findings, fail_on)
    counts = report.counts()
    summary = ", ".join(_plural(n, s) for s, n in counts.items())
    suppressed = sum(1 for f in report.findings if f.suppressed is not None)
    out = [
        "## commonscheck: license check " + ("failed" if failed else "passed"),
        "",
        (f"**FAIL**: {summary}" if failed else f"**PASS**: {summary}")
        + f" (failing on {fail_on}"
        + (f"; {suppressed} suppressed by exceptions)" if suppressed else ")"),
        "",
        "| | |",
        "|---|---|",
    ]
    if report.outbound:
        origin = f" ({_text(report.outbound_origin)})" if report.outbound_origin else ""
        out.append(f"| Outbound license | {_code(report.outbound)}{origin} |")
        cls = report.outbound_class.cls if report.outbound_class else "unknown"
        out.append(f"| Commons class | {_text(cls)} |")
    else:
        out.append("| Outbound license | none: all rights reserved |")
    if report.declared and report.declared != report.outbound:
        out.append(f"| Declared by the project | {_code(report.declared)} |")
    out.append(f"| Policy | {_code(report.policy)} |")
    out.append(
        "| Findings | " + ", ".join(_plural(n, s) for s, n in counts.items()) + f", {suppressed} suppressed |"
    )
    out.append("| Verdicts | " + ", ".join(f"{n} {s}" for s, n in report.statuses().items()) + " |")
    files = sum(1 for s in report.subjects if s.kind == "file")
    out.append(f"| Judged | {_plural(files, 'file')}, {_plural(len(report.subjects) - files, 'package')} |")
    return out


_TABLE_HEAD = "| Severity | Rule | Subject | Location | License | Message |\n|---|---|---|---|---|---|\n"


def _fit(blocks: Sequence[str], budget: int, reserve: int) -> tuple[list[str], int]:
    """As many blocks, in order, as fit in `budget` characters while keeping `reserve` free."""
    taken: list[str] = []
    used = 0
    for b in blocks:
        if used + len(b) > budget - reserve:
            break
        taken.append(b)
        used += len(b)
    return taken, used


def check_markdown(
    report: CheckReport, *, fail_on: str = "error", max_chars: int = GITHUB_COMMENT_LIMIT
) -> str:
    """The check report as GitHub-flavoured Markdown of at most `max_chars` characters: pass/fail
    heading (by `fail_on`, as the command's exit code decides it), summary, findings table (cut with
    a line saying how many were left out when it would not fit), and a collapsed section with the
    reasons and sources of verdicts that are not compatible."""
    head = "\n".join(_head(report, fail_on)) + "\n"
    ordered = [f for f in report.findings if f.suppressed is None] + [
        f for f in report.findings if f.suppressed is not None
    ]
    rows = [_row(f) + "\n" for f in ordered]
    bad = sorted(
        (v for v in report.verdicts if v.status != "compatible"), key=lambda v: (v.status, v.subject)
    )
    blocks = [_verdict_block(v) + "\n" for v in bad]
    details_open = (
        f"\n<details>\n<summary>Reasons and sources of {_plural(len(bad), 'verdict')} that "
        f"{'is' if len(bad) == 1 else 'are'} not compatible</summary>\n\n"
    )
    details_close = "</details>\n"
    # room for a "left out" line after the table and after the details
    note_room = 160

    out = head
    if rows:
        title = f"\n### Findings ({len(rows)})\n\n"
        # keep room for the details' frame and at least its note line
        frame = len(details_open) + len(details_close) + note_room if blocks else 0
        budget = max_chars - len(out) - len(title) - len(_TABLE_HEAD)
        taken, _ = _fit(rows, budget, note_room + frame)
        out += title + _TABLE_HEAD + "".join(taken)
        left = len(rows) - len(taken)
        if left:
            out += (
                f"\n*{_plural(left, 'more finding')} left out to keep this comment under "
                f"{max_chars} characters; `commonscheck check --format json` lists them all.*\n"
            )
    else:
        out += "\nNo findings.\n"
    if blocks:
        budget = max_chars - len(out) - len(details_open) - len(details_close)
        taken, _ = _fit(blocks, budget, note_room)
        out += details_open + "".join(taken)
        left = len(blocks) - len(taken)
        if left:
            out += f"*{_plural(left, 'more verdict')} left out.*\n\n"
        out += details_close
    return out


def _component_rows(components: Sequence[object]) -> list[str]:
    rows = ["| component | score | weight | confidence |", "|---|---:|---:|---|"]
    for c in components:
        score = getattr(c, "score", None)
        shown = "n/a" if score is None else f"{score:.0f}"
        name = str(getattr(c, "name", "")).replace("_", " ")
        rows.append(f"| {name} | {shown} | {getattr(c, 'weight', 0):g} | {getattr(c, 'confidence', '')} |")
    return rows


def audit_markdown(report: Any, *, max_chars: int = GITHUB_COMMENT_LIMIT) -> str:
    """The audit as Markdown: the company's index, components and model, then per repository its
    outbound license, verdicts, history and index. Bounded by `max_chars`."""
    company = report.company_openness
    orgs = ", ".join(_code(o) for o in report.company) or "none found"
    score = company.score
    lines = [
        "## commonscheck audit",
        "",
        f"**Openness index: {'n/a' if score is None else f'{score:.0f} / 100'}**; company: {orgs}",
    ]
    if company.model is not None:
        lines.append(f"Co-creation model: **{_text(company.model.name)}**")
    lines += ["", *_component_rows(company.components), ""]
    for r in report.repositories:
        check = r.check
        statuses = ", ".join(f"{n} {s}" for s, n in check.statuses().items() if n) or "no verdicts"
        lines += [
            f"### {_code(r.path)}",
            "",
            f"- outbound license: {_code(check.outbound) if check.outbound else 'none (all rights reserved)'}"
            + (f" ({check.outbound_class.cls})" if check.outbound_class else ""),
            f"- verdicts: {statuses}; findings: " + ", ".join(f"{n} {s}" for s, n in check.counts().items()),
        ]
        if r.graph is not None:
            h = r.graph.result.history
            lines.append(f"- history: {h.commits} commits, {len(r.graph.result.contributors)} contributors")
        o = r.openness
        lines.append(
            f"- openness: {'n/a' if o.score is None else f'{o.score:.0f}'}"
            + (f"; model: {_text(o.model.name)}" if o.model else "")
        )
        if o.model is not None:
            lines += [f"  - {_text(e)}" for e in o.model.evidence]
        lines += ["", *_component_rows(o.components), ""]
    text = "\n".join(lines) + "\n"
    if len(text) > max_chars:
        cut = text[: max_chars - 80].rsplit("\n", 1)[0]
        text = cut + "\n\n_(cut to fit; the json format has everything)_\n"
    return text
