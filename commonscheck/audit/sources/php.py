# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The PHP ecosystem: composer.json and composer.lock.

Read statically: Composer is never run, nothing is fetched. composer.lock carries each package's
`license` list, which is what makes it the declared license here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from commonscheck.audit.expressions import normalise_known
from commonscheck.audit.licnames import normalise_license
from commonscheck.audit.sources.base import (
    DependencySource,
    SourceError,
    file_name,
    json_object,
    manifest_text,
    purl,
)
from commonscheck.model import Package

ECOSYSTEM = "composer"

# Composer's platform packages (Composer\Repository\PlatformRepository::PLATFORM_PACKAGE_REGEX): the
# PHP runtime, its extensions and system libraries, and Composer's own APIs. They are requirements
# on the machine, not packages anyone installs from a repository.
_PLATFORM = re.compile(
    r"^(?:php(?:-64bit|-ipv6|-zts|-debug)?|hhvm|(?:ext|lib)-[a-z0-9](?:[_.-]?[a-z0-9]+)*"
    r"|composer(?:-(?:plugin|runtime)-api)?|composer)$",
    re.IGNORECASE,
)


_text = manifest_text


_json = json_object


def is_platform_package(name: str) -> bool:
    """Whether a Composer requirement names the platform (php, ext-*, lib-*, composer-*-api)."""
    return _PLATFORM.match(name) is not None


def _purl(name: str, version: str | None) -> str | None:
    vendor, _, project = name.rpartition("/")
    return purl("composer", project, version, vendor)


def _package(
    name: str,
    version: str | None,
    scope: str,
    direct: bool,
    source: str,
    declared: str | None = None,
    raw: str | None = None,
) -> Package:
    # Composer treats package names case-insensitively and writes them lowercase.
    name = name.lower()
    return Package(
        ecosystem=ECOSYSTEM,
        name=name,
        version=version,
        purl=_purl(name, version),
        scope=scope,
        direct=direct,
        declared=declared,
        detected=None,
        source=source,
        declared_raw=raw,
    )


_KEY_LINE = re.compile(r'^(\s*)"((?:[^"\\]|\\.)*)"\s*:')


def _section_lines(text: str, sections: tuple[str, ...]) -> dict[tuple[str, str], int]:
    """Lines of the keys inside the named top-level objects of pretty-printed JSON (Composer
    writes one key a line), by (section, key). Minified JSON yields none; sources then give the
    bare path."""
    found: dict[tuple[str, str], int] = {}
    current: str | None = None
    depth_indent = -1
    for number, line in enumerate(text.splitlines(), 1):
        m = _KEY_LINE.match(line)
        if m is None:
            if (
                current is not None
                and line.strip().startswith("}")
                and len(line) - len(line.lstrip()) <= depth_indent
            ):
                current = None
            continue
        indent, key = len(m.group(1)), m.group(2)
        if current is None:
            if key in sections and line.rstrip().endswith("{"):
                current, depth_indent = key, indent
            continue
        if indent <= depth_indent:
            current = key if key in sections and line.rstrip().endswith("{") else None
            continue
        found.setdefault((current, key.lower()), number)
    return found


def _requires(doc: Mapping[str, Any]) -> list[tuple[str, str, str]]:
    """(name, constraint, section) of composer.json's require and require-dev, platform packages left
    out; SourceError for lists that are not objects of strings."""
    out: list[tuple[str, str, str]] = []
    for section in ("require", "require-dev"):
        listed = doc.get(section)
        if listed is None:
            continue
        if not isinstance(listed, dict):
            raise SourceError(f'"{section}" is not an object')
        for name, constraint in listed.items():
            if not isinstance(constraint, str):
                raise SourceError(f'"{section}" entry {name!r} is not a string')
            if not is_platform_package(name):
                out.append((name, constraint, section))
    return out


class ComposerJsonSource(DependencySource):
    """composer.json: the packages `require` (runtime) and `require-dev` (dev) name, all direct,
    without a version (a constraint is no version; composer.lock has them). The package's own
    `license` is not a dependency. composer.json files inside vendor/ belong to installed packages
    and are not read."""

    ecosystem = ECOSYSTEM

    def handles(self, path: str) -> bool:
        """composer.json outside vendor/."""
        return file_name(path) == "composer.json" and not f"/{path}".count("/vendor/")

    def read(self, path: str, data: bytes) -> list[Package]:
        """The direct requirements; see the class."""
        text = _text(data)
        doc = _json(text)
        lines = _section_lines(text, ("require", "require-dev"))
        out: dict[str, Package] = {}
        for name, _constraint, section in _requires(doc):
            scope = "runtime" if section == "require" else "dev"
            line = lines.get((section, name.lower()))
            # No version even for an exact constraint: "4.0.1" installs the tag "v4.0.1", which is
            # the version composer.lock records, and the two must not look like two releases.
            package = _package(name, None, scope, True, f"{path}:{line}" if line else path)
            # A name in both lists is needed at runtime: require wins over require-dev.
            if package.name not in out or scope == "runtime":
                out[package.name] = package
        return sorted(out.values(), key=lambda p: p.name)

    def defines(self, path: str, data: bytes) -> frozenset[str]:
        """The package's own `name` (lowercase, as Composer compares names)."""
        name = _json(_text(data)).get("name")
        return frozenset({name.lower()}) if isinstance(name, str) and name else frozenset()


def _lock_license(value: object) -> tuple[str | None, str | None]:
    """(SPDX expression, raw text) of a composer.lock package's `license`.

    A list is a choice: Composer's schema documentation says "For a package, when there is a choice
    between licenses ("disjunctive license"), multiple can be specified as an array."
    (https://getcomposer.org/doc/04-schema.md#license), and the same page allows an expression with
    "or" / "and" in one string. So entries are joined with OR; if any entry is unknown the whole is
    None, with the raw text kept. "proprietary" (Composer's word for closed source) is such a name.
    """
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return None, None
    items = [v.strip() for v in value if isinstance(v, str) and v.strip()]
    if not items:
        return None, None
    raw = " OR ".join(items)
    names = [normalise_license(i) for i in items]
    exprs = [n.expression for n in names if n is not None and n.expression is not None]
    if len(exprs) != len(items):
        return None, raw
    if len(exprs) == 1:
        return exprs[0], raw
    try:
        return normalise_known(" OR ".join(f"({e})" for e in exprs)), raw
    except ValueError:
        return None, raw


class ComposerLockSource(DependencySource):
    """composer.lock: `packages` (runtime) and `packages-dev` (dev), each with its declared license.

    The lockfile does not say which packages the project asked for; the composer.json beside it
    does, passed as `manifest` (its bytes). Without it nothing is marked direct (unknown is not
    guessed). `manifest_name` tells the orchestrator which sibling file that is.
    """

    ecosystem = ECOSYSTEM
    manifest_name = "composer.json"

    def handles(self, path: str) -> bool:
        """composer.lock outside vendor/."""
        return file_name(path) == "composer.lock" and not f"/{path}".count("/vendor/")

    def read(self, path: str, data: bytes, manifest: bytes | None = None) -> list[Package]:
        """Every locked package; SourceError for a file that is not a composer.lock, is cut short,
        or has a package without name or version, and for a manifest that cannot be read."""
        text = _text(data)
        doc = _json(text)
        if "packages" not in doc:
            raise SourceError('no "packages" list: not a composer.lock (truncated file?)')
        direct: set[str] = set()
        if manifest is not None:
            try:
                manifest_doc = _json(_text(manifest))
                # A package.json handed over by mistake (Laravel projects have both) names no
                # Composer package: it is ignored rather than read as one.
                if (
                    "require" in manifest_doc
                    or "require-dev" in manifest_doc
                    or "dependencies" not in manifest_doc
                ):
                    direct = {name.lower() for name, _, _ in _requires(manifest_doc)}
            except SourceError as exc:
                raise SourceError(f"the composer.json beside it cannot be read: {exc}") from None
        name_lines = _package_name_lines(text)
        out: dict[tuple[str, str], Package] = {}
        for section, scope in (("packages", "runtime"), ("packages-dev", "dev")):
            listed = doc.get(section)
            if listed is None:
                continue
            if not isinstance(listed, list):
                raise SourceError(f'"{section}" is not a list')
            for i, entry in enumerate(listed):
                if not isinstance(entry, dict):
                    raise SourceError(f'"{section}" entry {i + 1} is not an object')
                name, version = entry.get("name"), entry.get("version")
                if not isinstance(name, str) or not name:
                    raise SourceError(f'"{section}" entry {i + 1} has no name (truncated file?)')
                if not isinstance(version, str) or not version:
                    raise SourceError(f'"{section}" package {name!r} has no version (truncated file?)')
                declared, raw = _lock_license(entry.get("license"))
                line = name_lines.get((section, name))
                package = _package(
                    name,
                    version,
                    scope,
                    name.lower() in direct,
                    f"{path}:{line}" if line else path,
                    declared,
                    raw,
                )
                key = (package.name, version)
                if key not in out or scope == "runtime":
                    out[key] = package
        return sorted(out.values(), key=lambda p: (p.name, p.version or ""))


_NAME_LINE = re.compile(r'^ {12}"name"\s*:\s*"((?:[^"\\]|\\.)*)"')
_SECTION_LINE = re.compile(r'^\s*"(packages|packages-dev|[^"]+)"\s*:\s*[\[{]?')


def _package_name_lines(text: str) -> dict[tuple[str, str], int]:
    """Lines of each package's `"name"` in a pretty-printed composer.lock, by (section, name):
    Composer writes the top-level keys with 4 spaces of indent and each package's keys with 12."""
    found: dict[tuple[str, str], int] = {}
    section: str | None = None
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith('    "') and not line.startswith("     "):
            m = _SECTION_LINE.match(line)
            section = m.group(1) if m and m.group(1) in ("packages", "packages-dev") else None
            continue
        if section is None:
            continue
        m = _NAME_LINE.match(line)
        if m is not None:
            found.setdefault((section, m.group(1)), number)
    return found
