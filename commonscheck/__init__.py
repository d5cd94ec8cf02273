# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""commonscheck: audit a repository's licenses, dependencies and contributor network."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("commonscheck")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0.0.0+checkout"
