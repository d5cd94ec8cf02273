# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The machine-readable JSON documents of DESIGN.md's contract: sorted, deterministic, one schema
name per command and major version."""

from __future__ import annotations

import json
from typing import Any

from commonscheck import __version__
from commonscheck.model import Copyright, FileResult, LicenseFinding, Package, ReuseReport, ScanReport

SCAN_SCHEMA = "commonscheck.scan/1"
DEPS_SCHEMA = "commonscheck.deps/1"


def _finding(f: LicenseFinding, file_path: str) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "expression": f.expression,
        "kind": f.kind,
        "start_line": f.start_line,
        "end_line": f.end_line,
        "score": f.score,
        "rule": f.rule,
    }
    if f.path != file_path:
        # Evidence that lives in another file (a .license sidecar, REUSE.toml) says where.
        doc["source"] = f.path
    return doc


def _copyright(c: Copyright) -> dict[str, Any]:
    return {
        "statement": c.statement,
        "holder": c.holder,
        "years": c.years,
        "start_line": c.start_line,
        "end_line": c.end_line,
    }


def _file(f: FileResult) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "path": f.path,
        "blob": f.blob or None,
        "expression": f.expression,
        "findings": [_finding(x, f.path) for x in f.findings],
        "copyrights": [_copyright(c) for c in f.copyrights],
    }
    if f.skipped:
        doc["skipped"] = f.skipped
    return doc


def _reuse(r: ReuseReport) -> dict[str, Any]:
    return {
        "compliant": r.compliant,
        "missing_licensing": list(r.missing_licensing),
        "missing_copyright": list(r.missing_copyright),
        "missing_licenses": {lic: list(paths) for lic, paths in r.missing_licenses},
        "unused_licenses": list(r.unused_licenses),
        "bad_licenses": list(r.bad_licenses),
        "deprecated_licenses": list(r.deprecated_licenses),
        "licenses_without_extension": list(r.licenses_without_extension),
        "read_errors": list(r.read_errors),
        "config_errors": list(r.config_errors),
        "invalid_expressions": {path: list(exprs) for path, exprs in r.invalid_expressions},
    }


def scan_document(report: ScanReport) -> dict[str, Any]:
    """The `commonscheck.scan/1` document of a scan report."""
    s = report.summary
    doc: dict[str, Any] = {
        "schema": SCAN_SCHEMA,
        "tool": {"name": "commonscheck", "version": __version__, "data_version": report.data_version},
        "root": report.root,
        "declared_license": report.declared_license.expression,
        "declared_license_sources": [
            {**_finding(f, ""), "source": f.path} for f in report.declared_license.sources
        ],
        "files": [_file(f) for f in report.files],
        "summary": {
            "files": s.files,
            "files_read": s.files_read,
            "files_with_license": s.files_with_license,
            "files_with_copyright": s.files_with_copyright,
            "license_coverage": s.license_coverage,
            "conflicting_files": list(s.conflicting_files),
            "unknown_references": list(s.unknown_references),
            "expressions": {e: n for e, n in s.expressions},
            "skipped": [{"path": p, "reason": r} for p, r in s.skipped],
        },
        "errors": [{"path": e.path, "message": e.message} for e in report.errors],
    }
    if report.reuse is not None:
        doc["reuse"] = _reuse(report.reuse)
    return doc


PACKAGE_FIELDS = (
    "ecosystem",
    "name",
    "version",
    "purl",
    "scope",
    "direct",
    "declared",
    "detected",
    "source",
    "declared_raw",
)


def package_record(p: Package) -> dict[str, Any]:
    """A package as the deps document and the CSV write it."""
    return {f: getattr(p, f) for f in PACKAGE_FIELDS}


def deps_document(report: Any) -> dict[str, Any]:
    """The `commonscheck.deps/1` document of a deps report."""
    packages = list(report.packages)
    by_ecosystem: dict[str, int] = {}
    by_scope: dict[str, int] = {}
    for p in packages:
        by_ecosystem[p.ecosystem] = by_ecosystem.get(p.ecosystem, 0) + 1
        by_scope[p.scope] = by_scope.get(p.scope, 0) + 1
    unknown = [p for p in packages if p.declared is None and p.detected is None]
    return {
        "schema": DEPS_SCHEMA,
        "tool": {"name": "commonscheck", "version": __version__},
        "root": report.root,
        "packages": [package_record(p) for p in packages],
        "manifests": list(report.manifests),
        "summary": {
            "packages": len(packages),
            "direct": sum(1 for p in packages if p.direct),
            "ecosystems": dict(sorted(by_ecosystem.items())),
            "scopes": dict(sorted(by_scope.items())),
            "without_license": len(unknown),
        },
        "errors": [{"path": e.path, "message": e.message} for e in report.errors],
    }


def verdict_record(v: Any) -> dict[str, Any]:
    """A compatibility verdict as the explain and check documents write it."""
    return {
        "subject": v.subject,
        "inbound": v.inbound,
        "outbound": v.outbound,
        "context": v.context,
        "status": v.status,
        "reasons": list(v.reasons),
        "sources": list(v.sources),
    }


def render_json(doc: dict[str, Any]) -> str:
    """Serialise a document: one top-level key a line and one list item a line.

    Line-oriented output stays readable and diffs well, and each line goes through the C encoder:
    json's indent option falls back to a pure-Python encoder, several times slower on a report of
    tens of thousands of files.
    """
    dump = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode
    lines = ["{"]
    items = list(doc.items())
    for i, (key, value) in enumerate(items):
        comma = "," if i < len(items) - 1 else ""
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            lines.append(f"  {dump(key)}: [")
            lines.extend(f"    {dump(v)}," for v in value[:-1])
            lines.append(f"    {dump(value[-1])}")
            lines.append(f"  ]{comma}")
        else:
            lines.append(f"  {dump(key)}: {dump(value)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


CHECK_SCHEMA = "commonscheck.check/1"


def finding_record(f: Any) -> dict[str, Any]:
    """A check finding as the check document writes it."""
    return {
        "rule": f.rule,
        "severity": f.severity,
        "message": f.message,
        "subject": f.subject,
        "path": f.path,
        "line": f.line,
        "license": f.license,
        "suppressed": f.suppressed,
    }


def check_document(report: Any, fail_on: str) -> dict[str, Any]:
    """The `commonscheck.check/1` document: outbound license, one verdict a subject, the findings,
    and whether the run passes at `fail_on`."""
    from commonscheck.audit.check import fails

    cls = report.outbound_class
    return {
        "schema": CHECK_SCHEMA,
        "tool": {"name": "commonscheck", "version": __version__},
        "root": report.root,
        "outbound": report.outbound,
        "outbound_origin": report.outbound_origin,
        "outbound_class": None
        if cls is None
        else {
            "class": cls.cls,
            "osi_approved": cls.osi_approved,
            "fsf_free": cls.fsf_free,
            "domain": cls.domain,
            "basis": cls.basis,
        },
        "declared_license": report.declared,
        "policy": report.policy,
        "fail_on": fail_on,
        "passed": not fails(report.findings, fail_on),
        "summary": {
            "subjects": len(report.subjects),
            "files": sum(1 for s in report.subjects if s.kind == "file"),
            "packages": sum(1 for s in report.subjects if s.kind == "package"),
            "verdicts": report.statuses(),
            "findings": report.counts(),
            "suppressed": sum(1 for f in report.findings if f.suppressed is not None),
        },
        "verdicts": [verdict_record(v) for v in report.verdicts],
        "findings": [finding_record(f) for f in report.findings],
        "contexts": [
            {"subject": s.subject, "context": s.context} for s in report.subjects if s.context != "static"
        ],
        "errors": [
            {"path": e.path, "message": e.message} for e in (*report.scan.errors, *report.deps.errors)
        ],
    }


GRAPH_SCHEMA = "commonscheck.graph/1"


def iso_time(epoch: int | None) -> str | None:
    """Seconds since the epoch as ISO 8601 in UTC (`2026-11-28T15:16:08Z`); None stays None."""
    if epoch is None:
        return None
    from datetime import UTC, datetime

    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _json_safe(value: Any) -> Any:
    if isinstance(value, tuple | list):
        return [_json_safe(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, float):
        return round(value, 6)
    return value


def graph_document(report: Any) -> dict[str, Any]:
    """The `commonscheck.graph/1` document: what was read of the history, the contributors (their
    commits, bots included, add up to `history.commits`), organizations and metrics."""
    s = report.stats
    result = report.result
    return {
        "schema": GRAPH_SCHEMA,
        "tool": {"name": "commonscheck", "version": __version__},
        "root": report.root,
        "history": {
            "commits": s.commits,
            "merges": s.merges,
            "first": iso_time(s.first),
            "last": iso_time(s.last),
            "incomplete": s.incomplete,
            "shallow": s.shallow,
            "from_cache": s.from_cache,
            "errors": list(s.errors),
        },
        "contributors": [
            {
                "id": c.id,
                "name": c.name,
                "emails": list(c.emails),
                "organization": c.organization,
                "bot": c.bot,
                "commits": c.commits,
                "lines_added": c.lines_added,
                "lines_deleted": c.lines_deleted,
                "first": iso_time(c.first),
                "last": iso_time(c.last),
            }
            for c in result.contributors
        ],
        "organizations": [
            {"name": o.name, "domains": list(o.domains), "contributors": o.contributors, "commits": o.commits}
            for o in result.organizations
        ],
        "metrics": {
            name: {"value": _json_safe(m.value), **{k: _json_safe(v) for k, v in m.details}}
            for name, m in sorted(result.metrics.items())
        },
        "identity_merges": list(report.identities.merges),
    }


OPENNESS_SCHEMA = "commonscheck.openness/1"
AUDIT_SCHEMA = "commonscheck.audit/1"


def component_record(c: Any) -> dict[str, Any]:
    """An openness component: name, score, weight, confidence and its raw inputs."""
    return {
        "name": c.name,
        "score": c.score,
        "weight": c.weight,
        "confidence": c.confidence,
        "evidence": _json_safe(dict(c.evidence)),
    }


def model_record(m: Any) -> dict[str, Any] | None:
    """A co-creation model with its evidence, or None."""
    return None if m is None else {"name": m.name, "evidence": list(m.evidence)}


def openness_document(report: Any) -> dict[str, Any]:
    """The `commonscheck.openness/1` document: the company's index, components and model, and a row
    per repository."""
    company = report.company_openness
    return {
        "schema": OPENNESS_SCHEMA,
        "tool": {"name": "commonscheck", "version": __version__},
        "organizations": list(report.company),
        "score": company.score,
        "components": [component_record(c) for c in company.components],
        "model": model_record(company.model),
        "repositories": [
            {
                "path": r.path,
                "score": r.openness.score,
                "components": [component_record(c) for c in r.openness.components],
                "model": model_record(r.openness.model),
                "errors": [{"path": e.path, "message": e.message} for e in r.errors],
            }
            for r in report.repositories
        ],
    }


_NETWORK_NODES = 150


def _network(result: Any) -> dict[str, Any]:
    """The contributor network for a picture: the most active people (bots left out) and the shared-file
    and relation links among them, weighted."""
    people = [c for c in result.contributors if not c.bot and c.commits][:_NETWORK_NODES]
    keep = {c.id for c in people}
    weights: dict[tuple[str, str], int] = {}
    for a, b, n in result.shared_files:
        if a in keep and b in keep:
            weights[(a, b)] = weights.get((a, b), 0) + n
    for r in result.relations:
        if r.source in keep and r.target in keep and r.source != r.target:
            key = (min(r.source, r.target), max(r.source, r.target))
            weights[key] = weights.get(key, 0) + r.commits
    return {
        "nodes": [
            {
                "id": c.id,
                "label": c.name,
                "organization": c.organization or "independent",
                "commits": c.commits,
            }
            for c in people
        ],
        "edges": [{"source": a, "target": b, "weight": w} for (a, b), w in sorted(weights.items())],
    }


def _over_time(report: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Organization share of commits and newcomers per period, from the activity metric's details
    and the contributors (newcomers: first commit in the period; outside: not the company's)."""
    from commonscheck.graph.metrics import RETENTION_SECONDS, period_index, period_label

    result = report.graph.result
    period = report.graph.period
    shares: dict[str, dict[str, int]] = {}
    for label, who, n in result.period_organizations:
        shares.setdefault(label, {})[who] = n
    newcomers: dict[int, dict[str, Any]] = {}
    company = set(report.evidence.company)
    last = result.history.last or 0
    for c in result.contributors:
        if c.bot or not c.commits:
            continue
        index = period_index(c.first, period)
        row = newcomers.setdefault(index, {"newcomers": 0, "outside": 0, "retained": 0, "judged": 0})
        row["newcomers"] += 1
        row["outside"] += c.organization not in company
        if last - c.first >= RETENTION_SECONDS:
            row["judged"] += 1
            row["retained"] += c.last - c.first >= RETENTION_SECONDS
    org_share = [{"period": label, "commits": dict(sorted(v.items()))} for label, v in shares.items()]
    arrivals = [
        {
            "period": period_label(i, period),
            "newcomers": v["newcomers"],
            "outside": v["outside"],
            "retained": v["retained"] if v["judged"] else None,
        }
        for i, v in sorted(newcomers.items())
    ]
    return org_share, arrivals


def audit_document(report: Any) -> dict[str, Any]:
    """The `commonscheck.audit/1` document: the company's index, and per repository its licenses,
    verdicts, findings, contributor network and openness (the shape formats/html.py renders)."""
    from collections import Counter

    from commonscheck.audit import commons

    repos = []
    for r in report.repositories:
        check = r.check
        files = Counter(s.license for s in check.subjects if s.kind == "file" and s.license)
        packages = Counter(s.license or "unknown" for s in check.subjects if s.kind == "package")
        classes: Counter[str] = Counter()
        for s in check.subjects:
            try:
                classes[commons.classify(s.license).cls if s.license else "unknown"] += 1
            except ValueError:
                classes["unknown"] += 1
        graph: dict[str, Any] | None = None
        if r.graph is not None:
            g = graph_document(r.graph)
            org_share, arrivals = _over_time(r)
            graph = {
                "history": g["history"],
                "contributors": g["contributors"][:50],
                "organizations": g["organizations"],
                "metrics": g["metrics"],
                "network": _network(r.graph.result),
                "org_share_over_time": org_share,
                "newcomers_over_time": arrivals,
            }
        repos.append(
            {
                "path": r.path,
                "declared_license": check.declared,
                "outbound": check.outbound,
                "outbound_class": check.outbound_class.cls if check.outbound_class else None,
                "licenses": {
                    "files": dict(files.most_common()),
                    "packages": dict(packages.most_common()),
                    "classes": dict(sorted(classes.items())),
                },
                "verdicts": check.statuses(),
                "findings": [finding_record(f) for f in check.findings],
                "graph": graph,
                "openness": {
                    "score": r.openness.score,
                    "components": [component_record(c) for c in r.openness.components],
                    "model": model_record(r.openness.model),
                },
                "errors": [{"path": e.path, "message": e.message} for e in r.errors],
            }
        )
    company = report.company_openness
    return {
        "schema": AUDIT_SCHEMA,
        "tool": {"name": "commonscheck", "version": __version__},
        "company": {
            "score": company.score,
            "components": [component_record(c) for c in company.components],
            "model": model_record(company.model),
            "organizations": list(report.company),
        },
        "repositories": repos,
    }
