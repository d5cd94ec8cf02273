# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Renderers: each a pure function from a Report to text. Formats never compute."""

from __future__ import annotations

from enum import StrEnum


class Format(StrEnum):
    """The output formats a command can be asked for with --format."""

    terminal = "terminal"
    json = "json"
    lines = "lines"
    csv = "csv"
    spdx_json = "spdx-json"
    cyclonedx_json = "cyclonedx-json"
    markdown = "markdown"
    sarif = "sarif"
    html = "html"


# Which formats each command can write; asking for another is a usage error.
FORMATS_OF = {
    "scan": (Format.terminal, Format.json, Format.lines),
    "deps": (Format.terminal, Format.json, Format.csv, Format.spdx_json, Format.cyclonedx_json),
    "check": (Format.terminal, Format.json, Format.lines, Format.markdown, Format.sarif),
    "explain": (Format.terminal, Format.json),
    "graph": (Format.terminal, Format.json),
    "openness": (Format.terminal, Format.json),
    "audit": (Format.terminal, Format.json, Format.markdown, Format.html),
    "licenses": (Format.terminal, Format.json),
}
