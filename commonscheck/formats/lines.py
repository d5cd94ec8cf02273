# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""One finding a line, `path:line: expression (kind)`, for grep and editors' quickfix lists."""

from __future__ import annotations

from typing import Any

from commonscheck.model import ScanReport


def scan_lines(report: ScanReport) -> str:
    """Every license finding as `path:line: expression (kind)`, then the REUSE problems and the
    read errors in the same shape."""
    out: list[str] = []
    for f in report.files:
        for x in f.findings:
            # Line 0 means the evidence has no line of its own (REUSE.toml, a file name).
            line = max(x.start_line, 1) if x.path == f.path else 1
            where = "" if x.path == f.path else f" [from {x.path}]"
            out.append(f"{f.path}:{line}: {x.expression} ({x.kind}){where}")
    r = report.reuse
    if r is not None:
        out.extend(f"{p}:1: no license information (reuse)" for p in r.missing_licensing)
        out.extend(f"{p}:1: no copyright information (reuse)" for p in r.missing_copyright)
        for lic, paths in r.missing_licenses:
            out.extend(f"{p}:1: {lic} has no file in LICENSES/ (reuse)" for p in paths)
        out.extend(f"LICENSES/{lic}:1: unused license (reuse)" for lic in r.unused_licenses)
        out.extend(f"{lic}:1: bad license (reuse)" for lic in r.bad_licenses)
        out.extend(f"{lic}:1: deprecated license (reuse)" for lic in r.deprecated_licenses)
        for path, exprs in r.invalid_expressions:
            out.extend(f"{path}:1: invalid SPDX expression {e!r} (reuse)" for e in exprs)
    out.extend(f"{e.path}:0: error: {e.message}" for e in report.errors)
    return "\n".join(out) + ("\n" if out else "")


def check_lines(report: Any) -> str:
    """Every check finding as `path:line: severity: message [rule]` (a compiler's shape, which
    editors and CI log parsers read); suppressed findings say so; no location gives `-:0`."""
    out: list[str] = []
    for f in report.findings:
        where = f"{f.path}:{max(f.line, 1)}" if f.path else "-:0"
        tail = f" (suppressed: {f.suppressed})" if f.suppressed else ""
        out.append(f"{where}: {f.severity}: {f.message} [{f.rule}]{tail}")
    return "\n".join(out) + ("\n" if out else "")
