# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""What every dependency source is: a reader of one kind of manifest or lockfile.

Modelled on pip-audit's stages: a small abstract base per stage, each implementation a pure
function from bytes to frozen `Package` records. Sources never run anything, never touch the
network and never read other files than the one they are given (installed environments are read
by their own entry points, see python.read_installed / npm.read_node_modules).
"""

from __future__ import annotations

import json
import re
import tomllib
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from pathlib import PurePosixPath
from typing import Any

from packageurl import PackageURL

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

    def defines(self, path: str, data: bytes) -> frozenset[str]:
        """The names of the packages this manifest itself defines (the root package, a workspace
        member), as the ecosystem writes them in dependency lists. Another manifest of the same
        tree that names one of them without a version points at a sibling (an npm workspace
        asked for with "*"), which is the project's own code, not a dependency. Default: none;
        only called after `read` succeeded on the same data."""
        return frozenset()


def purl(
    kind: str,
    name: str,
    version: str | None,
    namespace: str | None = None,
    qualifiers: Mapping[str, str] | None = None,
) -> str | None:
    """The package URL (purl spec) of one package of type `kind`; None for a name or version no purl
    can carry (packageurl-python refuses it), which a reader reports as a package without a purl
    rather than losing the package."""
    try:
        return str(
            PackageURL(
                type=kind,
                namespace=namespace or None,
                name=name,
                version=version,
                qualifiers=dict(qualifiers or {}),
            ).to_string()
        )
    except ValueError:
        return None


def file_name(path: str) -> str:
    """The last component of a POSIX path."""
    return PurePosixPath(path).name


def manifest_text(data: bytes) -> str:
    """A manifest's text: SourceError for what is too large, binary (NUL bytes) or not UTF-8, which
    every format read here requires; a leading byte-order mark (Windows editors) is dropped."""
    if len(data) > MAX_MANIFEST_BYTES:
        raise SourceError(f"file is larger than {MAX_MANIFEST_BYTES // (1024 * 1024)} MiB, not read")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # A UTF-16 byte-order mark (Windows editors, PowerShell's Out-File): text, but not in the
        # encoding every format read here requires, and the tools themselves refuse it too.
        raise SourceError("UTF-16 text (byte-order mark), not UTF-8, which this format requires")
    if b"\x00" in data:
        raise SourceError("binary content (NUL bytes), not a text file")
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise SourceError(f"not UTF-8 text (byte {exc.start})") from None


def json_object(text: str) -> dict[str, Any]:
    """A JSON document whose top level is an object, or SourceError naming where it breaks."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SourceError(f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    except RecursionError:
        raise SourceError("invalid JSON: nested too deeply") from None
    if not isinstance(doc, dict):
        raise SourceError("invalid JSON: the top level is not an object")
    return doc


_TOML_POS = re.compile(r"\s*\(at (line \d+, column \d+|end of document)\)\s*$")


def toml_document(text: str) -> dict[str, Any]:
    """A TOML document, or SourceError with the line and column tomllib gives."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = " ".join(str(exc).split())
        m = _TOML_POS.search(msg)
        if m:
            raise SourceError(f"invalid TOML at {m[1]}: {msg[: m.start()]}") from None
        raise SourceError(f"invalid TOML: {msg}") from None
    except RecursionError:
        raise SourceError("invalid TOML: nested too deeply") from None
