# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Packages as CSV, one row a package, for spreadsheets and procurement forms."""

from __future__ import annotations

import csv
import io
from typing import Any

from commonscheck.formats.jsondoc import PACKAGE_FIELDS, package_record


def deps_csv(report: Any) -> str:
    """A header row, then one row per package; empty cells for unknown values, true/false for
    booleans, so that the file reads the same in every spreadsheet."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(PACKAGE_FIELDS)
    for p in report.packages:
        rec = package_record(p)
        writer.writerow(
            ["true" if v is True else "false" if v is False else "" if v is None else v for v in rec.values()]
        )
    return buf.getvalue()
