# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""What every dependency source is: a reader of one kind of manifest or lockfile.

Modelled on pip-audit's stages: a small abstract base per stage, each implementation a pure
function from bytes to frozen `Package` records. Sources never run anything, never touch the
network and never read other files than the one they are given (installed environments are read
by their own entry points, see python.read_installed / npm.read_node_modules).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from pathlib import PurePosixPath

from commonscheck.model import Package

# Manifests and lockfiles are small; a larger one is refused rather than loaded.
MAX_MANIFEST_BYTES = 64 * 1024 * 1024

SCOPES = ("runtime", "dev", "optional", "build")


class SourceError(Exception):
    """A file could not be parsed; the message is one line naming the problem (not the file:
    the caller adds the path)."""


class DependencySource(ABC):
    """Reads one family of files (by name) into packages."""

    ecosystem: str = ""

    @abstractmethod
    def handles(self, path: str) -> bool:
        """Whether this source reads the file at `path` (POSIX, relative to the scanned root)."""

    @abstractmethod
    def read(self, path: str, data: bytes) -> Sequence[Package]:
        """The packages `data` (the content of `path`) declares or locks.

        `Package.source` is "<path>" or "<path>:<line>" where a line is known. Raises
        SourceError for content that cannot be parsed; never returns a partial guess silently.
        """


def file_name(path: str) -> str:
    """The last component of a POSIX path."""
    return PurePosixPath(path).name
