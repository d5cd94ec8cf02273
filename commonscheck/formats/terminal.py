# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The human view: rich tables, most important first, long lists cut with a count of the rest."""

from __future__ import annotations

import io
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from commonscheck.model import ScanReport

_MAX_ROWS = 40


def _console(color: bool, width: int) -> tuple[Console, io.StringIO]:
    buf = io.StringIO()
    return Console(file=buf, force_terminal=color, no_color=not color, width=width, highlight=False), buf


def scan_terminal(
    report: ScanReport, *, color: bool = False, width: int = 100, show_all: bool = False
) -> str:
    """The scan as tables: declared license, licenses found, files (licensed ones, or every file with
    `show_all`), REUSE verdict, what could not be read."""
    con, buf = _console(color, width)
    s = report.summary
    declared = report.declared_license
    con.print(Text.assemble(("Declared license: ", "bold"), declared.expression or "none found"))
    for src in declared.sources:
        con.print(f"  {src.path}: {src.expression} ({src.kind})")
    con.print(
        f"{s.files} files, {s.files_read} read, {s.files_with_license} with license evidence "
        f"({s.license_coverage:.0%}), {s.files_with_copyright} with a copyright statement"
    )
    if s.expressions:
        table = Table(title="Licenses found", title_justify="left")
        table.add_column("expression")
        table.add_column("files", justify="right")
        for expr, n in s.expressions[:_MAX_ROWS]:
            table.add_row(expr, str(n))
        con.print(table)
        if len(s.expressions) > _MAX_ROWS:
            con.print(f"  ... and {len(s.expressions) - _MAX_ROWS} more expressions")
    rows = [f for f in report.files if show_all or f.findings]
    if rows:
        table = Table(title="Files", title_justify="left")
        table.add_column("path", overflow="fold")
        table.add_column("expression", overflow="fold")
        table.add_column("evidence")
        table.add_column("copyright", overflow="fold")
        for f in rows[: _MAX_ROWS * 5 if show_all else _MAX_ROWS]:
            kinds = ", ".join(sorted({x.kind for x in f.findings})) or (f.skipped or "")
            holders = "; ".join(dict.fromkeys(c.holder for c in f.copyrights))
            table.add_row(f.path, f.expression or "-", kinds, holders[:80])
        con.print(table)
        shown = min(len(rows), _MAX_ROWS * 5 if show_all else _MAX_ROWS)
        if len(rows) > shown:
            con.print(f"  ... and {len(rows) - shown} more files (--format json or lines lists all)")
    if s.skipped:
        reasons: dict[str, list[str]] = {}
        for path, reason in s.skipped:
            reasons.setdefault(reason, []).append(path)
        con.print("Skipped: " + ", ".join(f"{len(v)} {k}" for k, v in sorted(reasons.items())))
        for reason in sorted(set(reasons) - {"binary"}):
            # binaries are expected; anything else left unread is worth a name
            for p in reasons[reason][:_MAX_ROWS]:
                con.print(f"  {p} ({reason})")
    if s.conflicting_files:
        con.print(
            Text(f"{len(s.conflicting_files)} files name licenses the declared license does not:", "yellow")
        )
        for p in s.conflicting_files[:_MAX_ROWS]:
            con.print(f"  {p}")
    if s.unknown_references:
        con.print(Text(f"{len(s.unknown_references)} references to unknown licenses:", "yellow"))
        for u in s.unknown_references[:_MAX_ROWS]:
            con.print(f"  {u}")
    r = report.reuse
    if r is not None:
        con.print(
            Text("REUSE 3.3: compliant", "green")
            if r.compliant
            else Text("REUSE 3.3: not compliant", "bold red")
        )
        for label, items in (
            ("no license information", r.missing_licensing),
            ("no copyright information", r.missing_copyright),
            ("unused licenses", r.unused_licenses),
            ("bad licenses", r.bad_licenses),
            ("deprecated licenses", r.deprecated_licenses),
            ("license files without extension", r.licenses_without_extension),
            ("read errors", r.read_errors),
            ("configuration errors", r.config_errors),
        ):
            if items:
                con.print(
                    f"  {label} ({len(items)}): "
                    + ", ".join(items[:20])
                    + (" ..." if len(items) > 20 else "")
                )
        for path, exprs in r.invalid_expressions:
            con.print(f"  invalid SPDX expression in {path}: " + "; ".join(exprs))
        for lic, paths in r.missing_licenses:
            con.print(f"  missing license {lic}, used by: " + ", ".join(paths[:10]))
    if report.errors:
        con.print(Text(f"{len(report.errors)} could not be read:", "red"))
        for e in report.errors[:_MAX_ROWS]:
            con.print(f"  {e.path}: {e.message}")
    return buf.getvalue()


def deps_terminal(report: Any, *, color: bool = False, width: int = 100) -> str:
    """Packages as a table (ecosystem, name, version, scope, direct, license), then what could not
    be read."""
    con, buf = _console(color, width)
    packages = list(report.packages)
    con.print(
        f"{len(packages)} packages ({sum(1 for p in packages if p.direct)} direct) "
        f"from {len(report.manifests)} manifests and lockfiles"
    )
    if packages:
        table = Table(title="Dependencies", title_justify="left")
        for col in ("ecosystem", "name", "version", "scope", "direct", "license", "source"):
            table.add_column(col, overflow="fold")
        for p in packages[: _MAX_ROWS * 5]:
            lic = p.declared or p.detected or (f"? {p.declared_raw}" if p.declared_raw else "-")
            table.add_row(
                p.ecosystem, p.name, p.version or "-", p.scope, "yes" if p.direct else "", lic, p.source
            )
        con.print(table)
        if len(packages) > _MAX_ROWS * 5:
            con.print(f"  ... and {len(packages) - _MAX_ROWS * 5} more (--format json or csv lists all)")
    unknown = [p for p in packages if p.declared is None and p.detected is None]
    if unknown:
        con.print(Text(f"{len(unknown)} packages without a known license", "yellow"))
    if report.errors:
        con.print(Text(f"{len(report.errors)} could not be read:", "red"))
        for e in report.errors[:_MAX_ROWS]:
            con.print(f"  {e.path}: {e.message}")
    return buf.getvalue()


_STATUS_STYLE = {
    "compatible": "green",
    "conditional": "yellow",
    "unknown": "magenta",
    "incompatible": "bold red",
}


def explain_terminal(verdicts: Any, classes: Any, *, color: bool = False, width: int = 100) -> str:
    """Each verdict with its reasons and sources, then the commons class of each license named."""
    con, buf = _console(color, width)
    for v in verdicts:
        con.print(
            Text.assemble(
                (f"{v.inbound}", "bold"),
                " into ",
                (f"{v.outbound}", "bold"),
                f" ({v.context}): ",
                (v.status, _STATUS_STYLE.get(v.status, "")),
            )
        )
        for reason in v.reasons:
            con.print(f"  - {reason}")
        for source in v.sources:
            con.print(Text(f"    source: {source}", "dim"))
    if classes:
        con.print()
        for info in classes:
            flags = []
            if info.osi_approved is not None:
                flags.append("OSI-approved" if info.osi_approved else "not OSI-approved")
            if info.fsf_free is not None:
                flags.append("FSF free" if info.fsf_free else "not FSF free")
            if info.domain:
                flags.append(info.domain)
            con.print(f"{info.expression}: {info.cls}" + (f" ({', '.join(flags)})" if flags else ""))
    return buf.getvalue()


def licenses_terminal(known: Any, *, color: bool = False, width: int = 100) -> str:
    """Known licenses as a table: id, class, OSI, FSF, domain, other ids."""
    con, buf = _console(color, width)

    def flag(value: bool | None) -> str:
        return "yes" if value else "no" if value is False else "?"

    table = Table(title=f"{len(known)} licenses", title_justify="left")
    for col in ("id", "class", "OSI", "FSF", "domain", "other ids"):
        table.add_column(col, overflow="fold")
    for k in known:
        i = k.info
        kind = " (exception)" if k.is_exception else ""
        table.add_row(
            k.spdx_id + kind,
            i.cls,
            flag(i.osi_approved),
            flag(i.fsf_free),
            i.domain or "?",
            ", ".join(k.aliases),
        )
    con.print(table)
    return buf.getvalue()


_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "note": "cyan"}


def check_terminal(report: Any, fail_on: str, *, color: bool = False, width: int = 100) -> str:
    """The check: outbound license and where it came from, verdict counts, the findings (most
    serious first, cut at a count), suppressed ones last, and the pass/fail line."""
    from commonscheck.audit.check import fails

    con, buf = _console(color, width)
    if report.outbound:
        cls = report.outbound_class.cls if report.outbound_class else "unknown"
        con.print(
            Text.assemble("outbound: ", (report.outbound, "bold"), f" ({cls}; {report.outbound_origin})")
        )
    else:
        con.print(Text("outbound: none (all rights reserved)", "bold red"))
    con.print(f"policy: {report.policy}")
    statuses = report.statuses()
    files = sum(1 for s in report.subjects if s.kind == "file")
    verdicts = ", ".join(f"{n} {s}" for s, n in statuses.items() if n) or "no verdicts"
    con.print(f"judged: {files} files, {len(report.subjects) - files} packages; {verdicts}")
    active = [f for f in report.findings if f.suppressed is None]
    waived = [f for f in report.findings if f.suppressed is not None]
    if active:
        table = Table(title=f"{len(active)} findings", title_justify="left")
        for col in ("severity", "where", "finding"):
            table.add_column(col, overflow="fold")
        for f in active[:_MAX_ROWS]:
            where = f"{f.path}:{f.line}" if f.path and f.line else (f.path or f.subject)
            table.add_row(Text(f.severity, _SEVERITY_STYLE[f.severity]), where, f"{f.message} [{f.rule}]")
        con.print(table)
        if len(active) > _MAX_ROWS:
            con.print(f"... and {len(active) - _MAX_ROWS} more (--format lines or json lists them all)")
    for f in waived[:_MAX_ROWS]:
        con.print(Text(f"suppressed: {f.subject}: {f.rule} ({f.suppressed})", "dim"))
    counts = report.counts()
    summary = ", ".join(f"{n} {s}{'s' if n != 1 else ''}" for s, n in counts.items())
    if fails(report.findings, fail_on):
        con.print(Text(f"FAIL ({summary}; failing on {fail_on})", "bold red"))
    else:
        con.print(Text(f"PASS ({summary}; failing on {fail_on})", "bold green"))
    return buf.getvalue()


def graph_terminal(report: Any, *, color: bool = False, width: int = 100, top: int = 15) -> str:
    """The contributor network in a screen: history read, top contributors and organizations, and
    each metric with its value and the variant used."""
    from commonscheck.formats.jsondoc import iso_time

    con, buf = _console(color, width)
    s = report.stats
    first, last = (iso_time(s.first) or "?")[:10], (iso_time(s.last) or "?")[:10]
    con.print(
        Text.assemble(
            ("history: ", "bold"),
            f"{s.commits} commits ({s.merges} merges) from {first} to {last}",
            f"; {s.incomplete} without line counts" if s.incomplete else "",
            "; shallow clone" if s.shallow else "",
        )
    )
    for err in s.errors:
        con.print(Text(f"  {err}", "yellow"))
    result = report.result
    people = [c for c in result.contributors if not c.bot]
    bots = [c for c in result.contributors if c.bot]
    table = Table(title=f"{len(people)} contributors, {len(bots)} bots", title_justify="left")
    for col in ("name", "organization", "commits", "+lines", "-lines", "first", "last"):
        table.add_column(col, overflow="fold")
    for c in result.contributors[:top]:
        name = c.name + (" (bot)" if c.bot else "")
        table.add_row(
            name,
            c.organization or "-",
            str(c.commits),
            str(c.lines_added),
            str(c.lines_deleted),
            (iso_time(c.first) or "")[:10],
            (iso_time(c.last) or "")[:10],
        )
    con.print(table)
    if len(result.contributors) > top:
        con.print(f"... and {len(result.contributors) - top} more (--format json lists them all)")
    if result.organizations:
        orgs = Table(title=f"{len(result.organizations)} organizations", title_justify="left")
        for col in ("organization", "domains", "people", "commits"):
            orgs.add_column(col, overflow="fold")
        for o in result.organizations[:top]:
            orgs.add_row(o.name, ", ".join(o.domains), str(o.contributors), str(o.commits))
        con.print(orgs)
    metrics = Table(title="metrics", title_justify="left")
    for col in ("metric", "value", "how"):
        metrics.add_column(col, overflow="fold")
    for name, metric in sorted(result.metrics.items()):
        value = metric.value
        shown = "n/a" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)
        details = dict(metric.details)
        # the variant, and the share of commits no organization can be named for, matter for reading
        how = str(details.get("variant", ""))
        if isinstance(details.get("unknown_share"), float):
            how += f"; independent or unknown: {details['unknown_share']:.0%} of commits"
        metrics.add_row(name.replace("_", " "), shown, how)
    con.print(metrics)
    return buf.getvalue()


def openness_terminal(report: Any, *, color: bool = False, width: int = 100) -> str:
    """The company's index and model, its components with their confidence and key inputs, then a
    row per repository."""
    con, buf = _console(color, width)
    company = report.company_openness
    score = "n/a" if company.score is None else f"{company.score:.0f} / 100"
    orgs = ", ".join(report.company) or "no organization found"
    con.print(Text.assemble(("openness index: ", "bold"), (score, "bold"), f"  (company: {orgs})"))
    if company.model is not None:
        con.print(Text.assemble("co-creation model: ", (company.model.name, "bold")))
    table = Table(title="components", title_justify="left")
    for col in ("component", "score", "weight", "confidence"):
        table.add_column(col)
    for c in company.components:
        table.add_row(
            c.name.replace("_", " "),
            "n/a" if c.score is None else f"{c.score:.0f}",
            f"{c.weight:g}",
            c.confidence,
        )
    con.print(table)
    rows = Table(title=f"{len(report.repositories)} repositories", title_justify="left")
    for col in ("repository", "index", *(c.name.replace("_", " ") for c in company.components), "model"):
        rows.add_column(col, overflow="fold")
    for r in report.repositories:
        cells = ["n/a" if c.score is None else f"{c.score:.0f}" for c in r.openness.components]
        index = "n/a" if r.openness.score is None else f"{r.openness.score:.0f}"
        rows.add_row(r.path, index, *cells, r.openness.model.name if r.openness.model else "-")
    con.print(rows)
    for r in report.repositories:
        if r.openness.model is not None:
            con.print(Text(f"{r.path}: {r.openness.model.name}", "bold"))
            for e in r.openness.model.evidence:
                con.print(f"  - {e}")
        for err in r.errors:
            con.print(Text(f"  {err.path}: {err.message}", "yellow"))
    return buf.getvalue()


def audit_terminal(report: Any, *, color: bool = False, width: int = 100) -> str:
    """The audit in a screen: the openness view, then per repository its licenses and findings."""
    parts = [openness_terminal(report, color=color, width=width)]
    for r in report.repositories:
        parts.append(f"\n== {r.path}\n")
        parts.append(check_terminal(r.check, "error", color=color, width=width))
    return "".join(parts)
