# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Where the shipped data lives: `rules/` in a checkout, `commonscheck/_rules` in a wheel."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def rules_dir() -> Path:
    """The folder of rules data, from an installed wheel or from a checkout (editable install)."""
    for candidate in (_PACKAGE / "_rules", _PACKAGE.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"rules data not found next to {_PACKAGE}")
