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
