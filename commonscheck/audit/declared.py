# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The project's declared license: what its manifests, its root license files and its README say.

A manifest's expression wins, since only it can say OR where two license files sit side by side;
then the root license files (AND of what they hold); then a statement in the README. Every source
that was read is kept, so a reader can see where declaration and files disagree.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Sequence
from pathlib import Path

from commonscheck.audit.expressions import combine, normalise_known
from commonscheck.audit.files import decode_text, read_file
from commonscheck.model import DeclaredLicense, FileResult, LicenseFinding, ReadError

_LICENSE_FILE = re.compile(
    r"^(?:un)?licen[cs]e(?:s)?(?:[-_.].*)?$|^copying(?:[-_.].*)?$|^(?:mit|apache|bsd|gpl|mpl)[-_.]?licen[cs]e.*$",
    re.IGNORECASE,
)
_README = re.compile(r"^readme(?:\.[a-z]+)?$", re.IGNORECASE)
_MANIFEST_MAX = 1024 * 1024


def is_license_file(name: str) -> bool:
    """Whether a root file name is one projects use for their license (LICENSE, COPYING, ...)."""
    return bool(_LICENSE_FILE.match(name)) and not name.lower().endswith(".license")


def _as_expression(raw: str) -> str:
    """Normalise a manifest's license string; what is no valid expression is kept visibly as a
    LicenseRef built from the raw text, never dropped."""
    try:
        return normalise_known(raw)
    except ValueError:
        slug = re.sub(r"[^A-Za-z0-9.]+", "-", raw).strip("-")[:60] or "empty"
        return f"LicenseRef-declared-{slug}"


def _manifest_findings(root: Path, listed: set[str], errors: list[ReadError]) -> list[LicenseFinding]:
    found: list[LicenseFinding] = []

    def add(path: str, raw: object, field: str) -> None:
        if isinstance(raw, str) and raw.strip():
            # The rule names the field and keeps the text as written: a LicenseRef made from a
            # free-text name must not be the only trace of what the manifest said.
            rule = f"{field} = {raw.strip()!r}"
            found.append(LicenseFinding(path, _as_expression(raw.strip()), "declared", 0, 0, 100.0, rule))

    def load(name: str) -> bytes | None:
        # Only what the scan covers: an untracked or excluded manifest declares nothing.
        if name not in listed:
            return None
        try:
            return read_file(root, name, _MANIFEST_MAX)
        except OSError as exc:
            errors.append(ReadError(name, exc.strerror or str(exc)))
            return None

    data = load("pyproject.toml")
    if data is not None:
        try:
            project = tomllib.loads(decode_text(data)).get("project", {})
            lic = project.get("license") if isinstance(project, dict) else None
            if isinstance(lic, str):
                add("pyproject.toml", lic, "project.license")
            elif isinstance(lic, dict) and isinstance(lic.get("text"), str):
                add("pyproject.toml", lic["text"], "project.license.text")
        except tomllib.TOMLDecodeError as exc:
            errors.append(ReadError("pyproject.toml", f"invalid TOML: {exc}"))
    data = load("Cargo.toml")
    if data is not None:
        try:
            package = tomllib.loads(decode_text(data)).get("package", {})
            if isinstance(package, dict):
                add("Cargo.toml", package.get("license"), "package.license")
        except tomllib.TOMLDecodeError as exc:
            errors.append(ReadError("Cargo.toml", f"invalid TOML: {exc}"))
    for name in ("package.json", "composer.json"):
        data = load(name)
        if data is None:
            continue
        try:
            doc = json.loads(decode_text(data))
        except ValueError as exc:
            errors.append(ReadError(name, f"invalid JSON: {exc}"))
            continue
        if not isinstance(doc, dict):
            continue
        lic = doc.get("license")
        if isinstance(lic, list) and all(isinstance(x, str) for x in lic) and lic:
            # composer.json: a list of licenses means the user may choose (its documented meaning).
            add(name, " OR ".join(f"({x})" for x in lic), "license")
        elif isinstance(lic, str):
            add(name, lic, "license")
    data = load("setup.cfg")
    if data is not None:
        m = re.search(r"^\[metadata\][^\[]*?^license\s*=\s*(.+)$", decode_text(data), re.M | re.S)
        if m:
            add("setup.cfg", m.group(1).strip(), "metadata.license")
    return found


def declared_license(root: Path, files: Sequence[FileResult], errors: list[ReadError]) -> DeclaredLicense:
    """The declared license of the project at `root`, from manifests, root license files and README
    statements (in that order of authority), with every source that contributed."""
    listed = {f.path for f in files if f.skipped is None}
    manifest = _manifest_findings(root, listed, errors)
    root_files = [f for f in files if "/" not in f.path]
    license_files = [
        finding
        for f in root_files
        if is_license_file(f.path)
        for finding in f.findings
        if finding.kind in ("text", "notice", "reference", "tag")
    ]
    readme = [
        finding
        for f in root_files
        if _README.match(f.path)
        for finding in f.findings
        if finding.kind in ("notice", "reference", "tag", "text")
    ]
    everything = (*manifest, *license_files, *readme)
    for group in (manifest, license_files, readme):
        if group:
            return DeclaredLicense(combine(f.expression for f in group), everything)
    return DeclaredLicense(None, ())
