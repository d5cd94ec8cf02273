# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Java ecosystem: Maven's pom.xml, Gradle's dependency lockfiles, and the licenses the POMs of a
local Maven repository (`--m2 PATH`) declare.

Everything is read statically: Maven and Gradle are never run, nothing is downloaded. A POM is
untrusted XML, so it is parsed by defusedxml with DTDs refused outright (a POM never needs one):
external entities, entity expansion (billion laughs) and DTDs fail with one line, "unsafe XML
refused: ...", and never reach the expat parser's expansion or a file:// read.

What Maven would compute from repositories we do not have is not guessed: a version that comes from
a parent POM outside the tree, an imported BOM or a property nobody defines is None.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, ParseError, TreeBuilder

from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import DefusedXMLParser

from commonscheck.audit.expressions import normalise_known
from commonscheck.audit.licnames import LicenseName, normalise_license
from commonscheck.audit.sources.base import (
    MAX_MANIFEST_BYTES,
    DependencySource,
    SourceError,
    file_name,
    manifest_text,
    purl,
)
from commonscheck.model import Package, ReadError

ECOSYSTEM = "maven"

# Maven scopes to ours. compile and runtime are packaged with what the project ships. test is only
# for the project's own tests. provided (the container supplies it: servlet-api) and system (a jar on
# the build machine) are compiled against but never packaged by Maven into the artifact, so the
# project does not distribute them: "build" says that, and keeps them visible.
_SCOPES = {"compile": "runtime", "runtime": "runtime", "test": "dev", "provided": "build", "system": "build"}
_RANK = {"runtime": 0, "optional": 1, "build": 2, "dev": 3}

# A parent chain longer than this is a loop or hostile; Maven projects rarely nest more than 5 deep.
_MAX_PARENTS = 32
# Property expansion is bounded: ${a} = ${b}${b}, ${b} = ${c}${c}, ... would otherwise be a
# billion laughs through properties, which no XML parser would see.
_MAX_EXPANDED = 4096
_MAX_DEPTH = 16

_PROPERTY = re.compile(r"\$\{([^}]*)\}")


# ---------------------------------------------------------------- XML


def _local(tag: object) -> str:
    """A tag without its namespace: POMs are written with and without xmlns, and Maven reads both."""
    text = str(tag)
    return text.rsplit("}", 1)[-1]


class _LineBuilder(TreeBuilder):
    """A tree builder that remembers the line each element starts on (for `source`)."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: dict[int, int] = {}
        self.position: Callable[[], int] = lambda: 0

    def start(self, tag: Any, attrs: Any) -> Element:
        element = super().start(tag, attrs)
        self.lines[id(element)] = self.position()
        return element


def parse_xml(data: bytes) -> tuple[Element, dict[int, int]]:
    """The root element of an untrusted XML document and the line of each element (by id), or
    SourceError: "unsafe XML refused: ..." for DTDs and entities, "invalid XML: ..." otherwise."""
    if len(data) > MAX_MANIFEST_BYTES:
        raise SourceError(f"file is larger than {MAX_MANIFEST_BYTES // (1024 * 1024)} MiB, not read")
    builder = _LineBuilder()
    parser = DefusedXMLParser(target=builder, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    expat = parser.parser  # defusedxml builds on the pure-Python XMLParser, which exposes expat
    builder.position = lambda: int(expat.CurrentLineNumber)
    try:
        parser.feed(data)
        root = parser.close()
    except DTDForbidden as exc:
        raise SourceError(f"unsafe XML refused: a DTD (<!DOCTYPE {exc.name}>), which no POM needs") from None
    except EntitiesForbidden as exc:
        raise SourceError(f"unsafe XML refused: an entity declaration ({exc.name!r})") from None
    except ExternalReferenceForbidden as exc:
        raise SourceError(
            f"unsafe XML refused: an external reference ({_one_line(str(exc.sysid))})"
        ) from None
    except DefusedXmlException as exc:
        raise SourceError(f"unsafe XML refused: {type(exc).__name__}") from None
    except ParseError as exc:
        raise SourceError(f"invalid XML: {_one_line(str(exc))}") from None
    except (ValueError, RecursionError) as exc:
        raise SourceError(f"invalid XML: {_one_line(str(exc))}") from None
    if not isinstance(root, Element):
        raise SourceError("invalid XML: no document element")
    return root, builder.lines


def _one_line(text: str) -> str:
    return " ".join(text.split())[:200]


def _child(element: Element | None, name: str) -> Element | None:
    if element is None:
        return None
    for sub in element:
        if _local(sub.tag) == name:
            return sub
    return None


def _children(element: Element | None, name: str) -> list[Element]:
    if element is None:
        return []
    return [sub for sub in element if _local(sub.tag) == name]


def _text_of(element: Element | None, name: str) -> str | None:
    sub = _child(element, name)
    if sub is None or sub.text is None:
        return None
    text = sub.text.strip()
    return text or None


# ---------------------------------------------------------------- the POM model


@dataclass(frozen=True, slots=True)
class _Dep:
    group: str
    artifact: str
    version: str | None
    scope: str | None
    optional: bool
    type: str
    classifier: str | None
    line: int


@dataclass(slots=True)
class _Pom:
    """What one POM file says, before inheritance and interpolation."""

    group: str | None
    artifact: str | None
    version: str | None
    parent: tuple[str | None, str | None, str | None, str | None] | None  # g, a, v, relativePath
    properties: dict[str, str]
    managed: dict[tuple[str, str, str, str | None], _Dep]
    deps: list[_Dep]
    licenses: list[tuple[str | None, str | None]] = field(default_factory=list)  # (name, url)


def _deps_of(element: Element | None, lines: Mapping[int, int]) -> list[_Dep]:
    out: list[_Dep] = []
    for dep in _children(_child(element, "dependencies"), "dependency"):
        group, artifact = _text_of(dep, "groupId"), _text_of(dep, "artifactId")
        if group is None or artifact is None:
            raise SourceError(f"line {lines.get(id(dep), 0)}: a dependency without groupId or artifactId")
        out.append(
            _Dep(
                group=group,
                artifact=artifact,
                version=_text_of(dep, "version"),
                scope=_text_of(dep, "scope"),
                optional=(_text_of(dep, "optional") or "").lower() == "true",
                type=_text_of(dep, "type") or "jar",
                classifier=_text_of(dep, "classifier"),
                line=lines.get(id(dep), 0),
            )
        )
    return out


def _managed_key(dep: _Dep) -> tuple[str, str, str, str | None]:
    # Maven's management key: groupId:artifactId:type[:classifier]
    return (dep.group, dep.artifact, dep.type, dep.classifier)


def read_pom(data: bytes) -> _Pom:
    """The coordinates, parent, properties, managed and declared dependencies and licenses of one POM
    (SourceError when it is not a readable POM)."""
    root, lines = parse_xml(data)
    if _local(root.tag) != "project":
        raise SourceError(f"not a Maven POM: the document element is <{_local(root.tag)}>, not <project>")
    parent_el = _child(root, "parent")
    parent = None
    if parent_el is not None:
        rel = _child(parent_el, "relativePath")
        # <relativePath/> (empty) tells Maven not to look in the tree; absent means ../pom.xml.
        relative = "../pom.xml" if rel is None else (rel.text or "").strip()
        parent = (
            _text_of(parent_el, "groupId"),
            _text_of(parent_el, "artifactId"),
            _text_of(parent_el, "version"),
            relative,
        )
    properties: dict[str, str] = {}
    for prop in list(_child(root, "properties") or []):
        if isinstance(prop.tag, str):
            properties[_local(prop.tag)] = (prop.text or "").strip()
    managed = {_managed_key(d): d for d in _deps_of(_child(root, "dependencyManagement"), lines)}
    licenses = [
        (_text_of(lic, "name"), _text_of(lic, "url"))
        for lic in _children(_child(root, "licenses"), "license")
    ]
    return _Pom(
        group=_text_of(root, "groupId"),
        artifact=_text_of(root, "artifactId"),
        version=_text_of(root, "version"),
        parent=parent,
        properties=properties,
        managed=managed,
        deps=_deps_of(root, lines),
        licenses=licenses,
    )


@dataclass(slots=True)
class _Effective:
    """A POM with what it inherits: coordinates, properties, managed dependencies."""

    group: str | None
    artifact: str | None
    version: str | None
    parent_group: str | None
    parent_version: str | None
    properties: dict[str, str]
    managed: dict[tuple[str, str, str, str | None], _Dep]
    licenses: list[tuple[str | None, str | None]]


def _effective(pom: _Pom, parents: list[_Pom]) -> _Effective:
    """Inheritance as Maven does it: each child overrides its parents (nearest parent first in
    `parents`); coordinates missing in the child come from its <parent> element."""
    properties: dict[str, str] = {}
    managed: dict[tuple[str, str, str, str | None], _Dep] = {}
    licenses: list[tuple[str | None, str | None]] = []
    for p in reversed(parents):
        properties.update(p.properties)
        managed.update(p.managed)
        licenses = p.licenses or licenses
    properties.update(pom.properties)
    managed.update(pom.managed)
    licenses = pom.licenses or licenses
    pg, _pa, pv, _rel = pom.parent or (None, None, None, None)
    return _Effective(
        group=pom.group or pg,
        artifact=pom.artifact,
        version=pom.version or pv,
        parent_group=pg,
        parent_version=pv,
        properties=properties,
        managed=managed,
        licenses=licenses,
    )


def _interpolate(value: str | None, eff: _Effective) -> str | None:
    """`value` with ${...} replaced, or None when a property cannot be resolved here (env.*,
    settings.*, one defined in a parent outside the tree, a cycle, an expansion out of bounds)."""
    if value is None:
        return None
    builtins: dict[str, str | None] = {
        "project.version": eff.version,
        "pom.version": eff.version,
        "version": eff.version,
        "project.groupId": eff.group,
        "pom.groupId": eff.group,
        "groupId": eff.group,
        "project.artifactId": eff.artifact,
        "pom.artifactId": eff.artifact,
        "artifactId": eff.artifact,
        "project.parent.version": eff.parent_version,
        "parent.version": eff.parent_version,
        "project.parent.groupId": eff.parent_group,
        "parent.groupId": eff.parent_group,
    }

    def expand(text: str, depth: int, seen: frozenset[str]) -> str | None:
        if depth > _MAX_DEPTH:
            return None
        out: list[str] = []
        at = 0
        for m in _PROPERTY.finditer(text):
            out.append(text[at : m.start()])
            at = m.end()
            name = m.group(1)
            if name in seen:
                return None
            if name in eff.properties:
                raw: str | None = eff.properties[name]
            elif name in builtins:
                raw = builtins[name]
            else:
                return None
            if raw is None:
                return None
            done = expand(raw, depth + 1, seen | {name})
            if done is None:
                return None
            out.append(done)
            if sum(len(o) for o in out) > _MAX_EXPANDED:
                return None
        out.append(text[at:])
        result = "".join(out)
        return result if len(result) <= _MAX_EXPANDED else None

    return expand(value, 0, frozenset())


def _resolve_parents(
    path: str, pom: _Pom, tree: Callable[[str], bytes | None] | None
) -> tuple[list[_Pom], str | None]:
    """The chain of parent POMs found in the tree (nearest first), and why it stops early (None when
    it reaches a POM without a parent)."""
    chain: list[_Pom] = []
    here, current = path, pom
    seen = {path}
    while current.parent is not None:
        pg, pa, _pv, rel = current.parent
        if tree is None or not rel:
            return chain, "parent not looked up in the tree"
        candidate = posixpath.normpath(posixpath.join(posixpath.dirname(here), rel))
        if not candidate.endswith(".xml"):
            candidate = posixpath.join(candidate, "pom.xml")
        # The parent must be a file of the scanned tree: never a path leading out of it.
        if candidate.startswith("../") or candidate == ".." or candidate.startswith("/"):
            return chain, "parent outside the tree"
        if candidate in seen or len(chain) >= _MAX_PARENTS:
            raise SourceError(f"parent POMs form a cycle or a chain too long at {candidate}")
        data = tree(candidate)
        if data is None:
            return chain, "parent not in the tree"
        try:
            parent = read_pom(data)
        except SourceError as exc:
            raise SourceError(f"parent POM {candidate} cannot be read: {exc}") from None
        # Maven checks the file at relativePath is the parent named; a different project there is
        # not the parent (it is then looked up in repositories, which we do not have).
        eff = _effective(parent, [])
        if (eff.group, parent.artifact) != (pg, pa):
            return chain, "the POM at relativePath is another project"
        chain.append(parent)
        seen.add(candidate)
        here, current = candidate, parent
    return chain, None


def _purl(
    group: str | None, artifact: str, version: str | None, type_: str, classifier: str | None
) -> str | None:
    qualifiers: dict[str, str] = {}
    if classifier:
        qualifiers["classifier"] = classifier
    if type_ and type_ != "jar":
        qualifiers["type"] = type_
    if not group or "${" in group or "${" in artifact:
        return None
    return purl("maven", artifact, version, group, qualifiers)


_RANGE = re.compile(r"[\[\](),]")


def _package(
    group: str,
    artifact: str,
    version: str | None,
    scope: str,
    direct: bool,
    source: str,
    type_: str = "jar",
    classifier: str | None = None,
) -> Package:
    return Package(
        ecosystem=ECOSYSTEM,
        name=f"{group}:{artifact}",
        version=version,
        purl=_purl(group, artifact, version, type_, classifier),
        scope=scope,
        direct=direct,
        declared=None,
        detected=None,
        source=source,
    )


class PomSource(DependencySource):
    """A pom.xml: the dependencies it declares (all direct), with versions from itself, its
    dependencyManagement, its parents in the tree and their properties.

    `tree`, when given, reads another file of the scanned tree by its POSIX path relative to the
    root (None when there is no such file): it is how a parent POM at <relativePath> (default
    ../pom.xml) is found. Without it, or for a parent outside the tree, what the parent would supply
    stays unknown (version None). The project's own <licenses> are not dependencies; dependencies
    only managed (dependencyManagement) are not either, nor BOM imports.
    """

    ecosystem = ECOSYSTEM

    def handles(self, path: str) -> bool:
        """pom.xml files (the *.pom files of a local repository are read by `licenses_from_m2`)."""
        return file_name(path) == "pom.xml"

    def read(
        self, path: str, data: bytes, *, tree: Callable[[str], bytes | None] | None = None
    ) -> list[Package]:
        """The direct dependencies; see the class."""
        pom = read_pom(data)
        parents, _why = _resolve_parents(path, pom, tree)
        eff = _effective(pom, parents)
        found: dict[tuple[str, str | None, str, str | None], Package] = {}
        for dep in pom.deps:
            managed = eff.managed.get(_managed_key(dep))
            raw_version = dep.version or (managed.version if managed else None)
            raw_scope = (dep.scope or (managed.scope if managed else None) or "compile").strip()
            version = _interpolate(raw_version, eff)
            if version is not None and (_RANGE.search(version) or not version):
                version = None  # a range is not a version
            group = _interpolate(dep.group, eff) or dep.group
            artifact = _interpolate(dep.artifact, eff) or dep.artifact
            scope_name = (_interpolate(raw_scope, eff) or raw_scope).lower()
            if scope_name == "import":
                continue  # a BOM import outside dependencyManagement is ignored by Maven
            scope = _SCOPES.get(scope_name, "runtime")
            # <optional> is not managed by dependencyManagement in Maven 3 (MNG-5227, Maven 4 only).
            if dep.optional and scope == "runtime":
                scope = "optional"
            package = _package(
                group,
                artifact,
                version,
                scope,
                True,
                f"{path}:{dep.line}" if dep.line else path,
                dep.type,
                dep.classifier,
            )
            key = (package.name, package.version, dep.type, dep.classifier)
            old = found.get(key)
            if old is None or _RANK[scope] < _RANK[old.scope]:
                found[key] = package if old is None else replace(old, scope=scope)
        return sorted(found.values(), key=lambda p: (p.name, p.version or "", p.source))


# ---------------------------------------------------------------- Gradle lockfiles


def _gradle_scope(configurations: Iterable[str], buildscript: bool) -> str:
    """The widest scope of the configurations a module is locked in: a test configuration is dev,
    compileClasspath/runtimeClasspath (of main or any non-test source set) runtime, anything else
    (annotationProcessor, kapt, detekt, a buildscript classpath) build."""
    if buildscript:
        return "build"
    best = "dev"
    for conf in configurations:
        low = conf.lower()
        if "test" in low:
            scope = "dev"
        elif low.endswith(("compileclasspath", "runtimeclasspath")):
            scope = "runtime"
        else:
            scope = "build"
        if _RANK[scope] < _RANK[best]:
            best = scope
    return best


class GradleLockSource(DependencySource):
    """gradle.lockfile (Gradle 6.8+: `group:artifact:version=conf1,conf2`, `empty=...`),
    buildscript-gradle.lockfile and settings-gradle.lockfile (build tooling), and the per-
    configuration files of older Gradle (gradle/dependency-locks/<configuration>.lockfile).

    A lockfile lists the whole resolved graph and does not say which modules the build script asks
    for, so every package is `direct=False`: the build script (Groovy/Kotlin code) is not evaluated.
    """

    ecosystem = ECOSYSTEM

    def handles(self, path: str) -> bool:
        """Gradle's lockfiles, by the names Gradle gives them."""
        name = file_name(path)
        if name == "gradle.lockfile" or name.endswith("-gradle.lockfile"):
            return True
        return name.endswith(".lockfile") and "/dependency-locks/" in f"/{path}"

    def read(self, path: str, data: bytes) -> list[Package]:
        """Every locked module with the scope of its configurations; SourceError for a line that
        is none of comment, `empty=`, or a locked module."""
        text = _text(data)
        name = file_name(path)
        legacy = not (name == "gradle.lockfile" or name.endswith("-gradle.lockfile"))
        buildscript = name in ("buildscript-gradle.lockfile", "settings-gradle.lockfile")
        found: dict[tuple[str, str], tuple[Package, set[str]]] = {}
        seen_any = False
        for number, raw in enumerate(text.splitlines(), 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("empty="):
                seen_any = True
                continue
            coords, eq, confs = line.partition("=")
            if legacy:
                configurations = [name.removesuffix(".lockfile")]
            else:
                if not eq:
                    raise SourceError(f"line {number}: {line[:80]!r} has no '=configurations' (truncated?)")
                configurations = [c.strip() for c in confs.split(",") if c.strip()]
            parts = coords.strip().split(":")
            if len(parts) != 3 or not all(parts):
                raise SourceError(f"line {number}: {coords[:80]!r} is not group:artifact:version")
            seen_any = True
            group, artifact, version = parts
            key = (f"{group}:{artifact}", version)
            if key in found:
                found[key][1].update(configurations)
                continue
            found[key] = (
                _package(group, artifact, version, "runtime", False, f"{path}:{number}"),
                set(configurations),
            )
        if not seen_any and not legacy:
            raise SourceError("no locked module and no 'empty=' line: not a Gradle lockfile (truncated?)")
        out = [replace(p, scope=_gradle_scope(confs, buildscript)) for p, confs in found.values()]
        return sorted(out, key=lambda p: (p.name, p.version or ""))


_text = manifest_text


# ---------------------------------------------------------------- licenses from a local repository


def _m2_pom_path(m2: Path, group: str, artifact: str, version: str) -> Path | None:
    """Where Maven's local repository layout keeps an artifact's POM; None for coordinates that
    would lead out of the repository."""
    parts = [*group.split("."), artifact, version]
    if any(not p or p in (".", "..") or "/" in p or "\\" in p for p in parts):
        return None
    return m2.joinpath(*parts, f"{artifact}-{version}.pom")


def _read_m2_pom(m2_real: str, pom_path: Path) -> _Pom | None:
    """A POM of the repository, read only when it is a regular file inside the repository; None
    when absent. SourceError for a POM that is there but cannot be read."""
    try:
        real = os.path.realpath(pom_path)
    except OSError:
        return None
    if not real.startswith(m2_real + os.sep) or not os.path.isfile(real):
        return None
    try:
        size = os.path.getsize(real)
        if size > MAX_MANIFEST_BYTES:
            raise SourceError(f"larger than {MAX_MANIFEST_BYTES // (1024 * 1024)} MiB, not read")
        with open(real, "rb") as fh:
            data = fh.read(MAX_MANIFEST_BYTES + 1)
    except OSError as exc:
        raise SourceError(f"cannot be read: {exc.strerror or exc}") from None
    return read_pom(data)


def _license_name(raw: str) -> LicenseName | None:
    """A POM license name normalised; Maven POMs habitually prefix the name with "The" ("The
    Apache Software License, Version 2.0", "The MIT License"), which names nothing different."""
    name = normalise_license(raw)
    if name is not None and name.expression is None and raw.strip().lower().startswith("the "):
        bare = normalise_license(raw.strip()[4:])
        if bare is not None and bare.expression is not None:
            return LicenseName(bare.expression, raw)
    return name


def _licenses_declared(licenses: list[tuple[str | None, str | None]]) -> tuple[str | None, str | None]:
    """(SPDX expression, raw text) of a POM's <licenses>.

    Several <license> entries are a choice: the Maven POM model says of <licenses> "If multiple
    licenses are listed, it is assumed that the user can select any of them, not that they must
    accept all." (maven-model descriptor, https://maven.apache.org/ref/3.9.6/maven-model/maven.html,
    element `licenses`), so they are joined with OR. An entry without a name is known by its URL;
    one that normalises to nothing makes the whole declaration unknown (None) with the raw kept.
    """
    raws = [r for name, url in licenses if (r := name or url)]
    if not raws:
        return None, None
    names = [_license_name(r) for r in raws]
    raw = " OR ".join(raws)
    exprs = [n.expression for n in names if n is not None]
    if len(exprs) != len(raws) or any(e is None for e in exprs):
        return None, raw
    if len(exprs) == 1:
        return exprs[0], raw
    try:
        return normalise_known(" OR ".join(f"({e})" for e in exprs)), raw
    except ValueError:
        return None, raw


def licenses_from_m2(m2: Path, packages: list[Package]) -> tuple[list[Package], list[ReadError]]:
    """`packages` with `declared`/`declared_raw` filled for each Maven package whose POM the local
    repository `m2` holds (m2/<group as folders>/<artifact>/<version>/<artifact>-<version>.pom).

    A POM without <licenses> inherits them from its parent POM, looked up in the same repository,
    as Maven does. Packages of other ecosystems, without a version, already declared, or not in the
    repository are returned as they are. A POM that is there but cannot be read (malformed or hostile
    XML) is a ReadError naming it, and the others are still read. Nothing is downloaded.
    """
    try:
        m2_real = os.path.realpath(m2)
    except OSError as exc:
        return packages, [ReadError(str(m2), f"cannot be read: {exc}")]
    if not os.path.isdir(m2_real):
        return packages, [ReadError(str(m2), "not a folder")]
    errors: list[ReadError] = []
    cache: dict[tuple[str, str, str], tuple[str | None, str | None]] = {}

    def licenses_of(group: str, artifact: str, version: str, depth: int = 0) -> tuple[str | None, str | None]:
        key = (group, artifact, version)
        if key in cache:
            return cache[key]
        cache[key] = (None, None)  # a parent cycle ends here
        pom_path = _m2_pom_path(Path(m2_real), group, artifact, version)
        if pom_path is None or depth > _MAX_PARENTS:
            return None, None
        try:
            pom = _read_m2_pom(m2_real, pom_path)
        except SourceError as exc:
            errors.append(ReadError(str(pom_path), str(exc)))
            return None, None
        if pom is None:
            return None, None
        if pom.licenses:
            result = _licenses_declared(pom.licenses)
        elif pom.parent is not None and all(pom.parent[:3]):
            pg, pa, pv, _rel = pom.parent
            assert pg is not None and pa is not None and pv is not None
            result = licenses_of(pg, pa, pv, depth + 1)
        else:
            result = (None, None)
        cache[key] = result
        return result

    out: list[Package] = []
    for p in packages:
        if p.ecosystem != ECOSYSTEM or p.version is None or p.declared is not None or ":" not in p.name:
            out.append(p)
            continue
        group, _, artifact = p.name.partition(":")
        declared, raw = licenses_of(group, artifact, p.version)
        if raw is None:
            out.append(p)
        else:
            out.append(replace(p, declared=declared, declared_raw=raw))
    return out, sorted(set(errors), key=lambda e: (e.path, e.message))
