# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The check report as SARIF 2.1.0, in the subset GitHub code scanning ingests.

Shape: one run; `tool.driver` names commonscheck and lists every rule of `check.RULES` (with its
default level), so `ruleIndex` of a result points into that list; one result a finding.

What GitHub asks of a file, and what we do about it:
- every result needs at least one location with an artifact URI, or the whole upload is rejected
  ("locationFromSarifResult: expected at least one location"; github/codeql-action#1738, #2459).
  Findings about the project as a whole that check could not place (`path` None: no configuration
  file, an input with no path) are anchored at the file that declares the project's license, else at
  a manifest, README or other file at the root; the location's message says it is an anchor. Only
  when the scan saw no file at all does a result go without locations (then there is nothing for
  code scanning to show anyway).
- URIs are relative to the repository root, which is what GitHub resolves them against, with
  `uriBaseId` "%SRCROOT%"; path segments are percent-encoded (RFC 3986), ':' included, so that no
  relative path reads as a scheme.
- `partialFingerprints` keep an alert the same alert across runs: "commonscheckFindingHash/v1" is a
  SHA-256 of the rule, the subject and the license, never of the line, so it survives edits that
  move the line; findings that would share one get an occurrence suffix (":1", ":2", as GitHub's own
  primaryLocationLineHash does).
- at most 25,000 results a run, or the upload is rejected (GitHub's "SARIF results exceed hard
  limit"): the most serious are kept and `run.properties.resultsLeftOut` says how many were not.
- no `security-severity`: these are license findings, not vulnerabilities; GitHub then files them
  by `level` (error, warning, note) instead of as security alerts.

Findings excused by a policy exception carry a SARIF suppression of kind "external" (the exception
lives in the configuration, not in the file) with the exception's reason as justification.

Determinism: results in the report's order (severity, rule, path, line), no timestamps, no absolute
paths: `originalUriBaseIds` describes %SRCROOT% without an absolute URI, which SARIF allows
(§3.14.14: the base is then left to the consumer; GitHub uses the repository root).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

from commonscheck import __version__
from commonscheck.audit.check import RULES, SEVERITY_ORDER, CheckReport, RuleInfo
from commonscheck.model import CheckFinding

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SARIF_VERSION = "2.1.0"
TOOL_NAME = "commonscheck"
# [project.urls] Source in pyproject.toml
INFORMATION_URI = "https://example.invalid/commonscheck"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "commonscheckFindingHash/v1"
RULE_TAGS = ("license", "compliance")
GITHUB_MAX_RESULTS = 25_000

# RFC 3986 pchar minus ':' (a first segment with ':' would read as a scheme) and '%' (always encoded)
_SEGMENT_SAFE = "!$&'()*+,;=@"

# Files at the root that speak for the project as a whole, in the order we anchor at them.
_ANCHOR_PREFIXES = ("pyproject.toml", "package.json", "Cargo.toml", "go.mod", "pom.xml", "README", "LICENSE")


def artifact_uri(path: str, root: str = "") -> str:
    """A repository-relative POSIX path as a relative URI reference: each segment percent-encoded,
    '/' kept. An absolute path under `root` is made relative to it; any other absolute path loses its
    leading '/' (a SARIF file for code scanning never points outside the repository)."""
    p = PurePosixPath(path)
    if p.is_absolute():
        base = PurePosixPath(root) if root else None
        if base is not None and base.is_absolute() and p.is_relative_to(base):
            p = p.relative_to(base)
        else:
            p = PurePosixPath(*p.parts[1:])
    return "/".join(quote(seg, safe=_SEGMENT_SAFE) for seg in p.parts)


def _plain(markdown: str) -> str:
    # The rule help is written in Markdown with code spans only.
    return markdown.replace("`", "")


def _descriptor(rule: RuleInfo) -> dict[str, Any]:
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.short},
        "fullDescription": {"text": _plain(rule.help)},
        "help": {"text": _plain(rule.help), "markdown": rule.help},
        "defaultConfiguration": {"level": rule.default},
        "properties": {"tags": list(RULE_TAGS)},
    }


def _anchor(report: CheckReport) -> str | None:
    """Where a finding with no path of its own is shown: a file declaring the project's license,
    else a manifest, README or license file at the root, else the first file scanned."""
    declared = sorted({s.path for s in report.scan.declared_license.sources if s.path})
    if declared:
        return declared[0]
    paths = sorted(f.path for f in report.scan.files)
    root_files = [p for p in paths if "/" not in p]
    for prefix in _ANCHOR_PREFIXES:
        for name in root_files:
            if name.startswith(prefix):
                return name
    if root_files:
        return root_files[0]
    return paths[0] if paths else None


def _location(path: str, line: int, root: str, message: str | None = None) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(path, root), "uriBaseId": SRCROOT}}
    if line >= 1:
        physical["region"] = {"startLine": line}
    location: dict[str, Any] = {"physicalLocation": physical}
    if message:
        location["message"] = {"text": message}
    return location


def _fingerprint_base(f: CheckFinding) -> str:
    parts = [f.rule, f.subject, f.license or ""]
    if f.subject == "project":
        # Findings about the project (an exception that expired, the outbound license) are told apart
        # by what they say, not by what they are about.
        parts.append(f.message)
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def _result(
    f: CheckFinding, rule_index: dict[str, int], anchor: str | None, root: str, fingerprint: str
) -> dict[str, Any]:
    result: dict[str, Any] = {"ruleId": f.rule}
    if f.rule in rule_index:
        result["ruleIndex"] = rule_index[f.rule]
    result["level"] = f.severity
    result["message"] = {"text": f.message}
    if f.path is not None:
        result["locations"] = [_location(f.path, f.line, root)]
    elif anchor is not None:
        result["locations"] = [
            _location(anchor, 0, root, "The finding concerns the project as a whole; shown at this file.")
        ]
    result["partialFingerprints"] = {FINGERPRINT_KEY: fingerprint}
    if f.suppressed is not None:
        result["suppressions"] = [{"kind": "external", "justification": f.suppressed}]
    props: dict[str, Any] = {"subject": f.subject}
    if f.license is not None:
        props["license"] = f.license
    if f.verdict is not None:
        v = f.verdict
        props["verdict"] = {
            "inbound": v.inbound,
            "outbound": v.outbound,
            "context": v.context,
            "status": v.status,
            "reasons": list(v.reasons),
            "sources": list(v.sources),
        }
    result["properties"] = props
    return result


def check_sarif(
    report: CheckReport, *, tool_version: str | None = None, max_results: int = GITHUB_MAX_RESULTS
) -> str:
    """The check report as one SARIF 2.1.0 log (JSON text ending in a newline) that GitHub code
    scanning accepts: every rule described, one result a finding (suppressed ones included, marked;
    the `max_results` most serious when there are more), stable fingerprints, relative URIs, no
    timestamps. Valid with no findings (`results: []`)."""
    version = tool_version or __version__
    rule_index = {r.id: i for i, r in enumerate(RULES)}
    anchor = _anchor(report) if any(f.path is None for f in report.findings) else None
    findings = sorted(
        report.findings,
        key=lambda f: (SEVERITY_ORDER.index(f.severity), f.rule, f.path or "", f.line, f.subject, f.message),
    )
    seen: Counter[str] = Counter()
    results = []
    for f in findings:
        base = _fingerprint_base(f)
        seen[base] += 1
        results.append(_result(f, rule_index, anchor, report.root, f"{base}:{seen[base]}"))
    left_out = max(0, len(results) - max_results)
    results = results[:max_results]
    properties: dict[str, Any] = {
        "outbound": report.outbound,
        "outboundOrigin": report.outbound_origin,
        "outboundClass": report.outbound_class.cls if report.outbound_class else None,
        "declared": report.declared,
        "policy": report.policy,
        "counts": report.counts(),
        "verdicts": report.statuses(),
    }
    if left_out:
        properties["resultsLeftOut"] = left_out
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": TOOL_NAME,
                "version": version,
                "semanticVersion": version,
                "informationUri": INFORMATION_URI,
                "rules": [_descriptor(r) for r in RULES],
            }
        },
        "originalUriBaseIds": {
            SRCROOT: {"description": {"text": "The root of the scanned repository."}},
        },
        "results": results,
        "properties": properties,
    }
    log = {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
