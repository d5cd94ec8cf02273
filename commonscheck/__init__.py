# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""commonscheck: audit a repository's licenses, dependencies and contributor network."""

# The one place the version is written: hatchling reads it from here for the package metadata,
# and reading it here costs nothing at start-up (importlib.metadata costs ~60 ms).
__version__ = "0.1.0"
