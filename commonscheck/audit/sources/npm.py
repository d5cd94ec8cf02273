# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The JavaScript ecosystem: package.json, npm lockfiles (v1-v3, shrinkwrap), yarn.lock (classic and
Berry), pnpm-lock.yaml (5.x, 6.x, 9.x) and installed node_modules trees.

Everything is read statically: no package manager and nothing from the scanned tree is ever run, and
nothing here touches the network. YAML (Berry, pnpm) is read by a small parser of the block subset
those tools write (see `_Yaml`), which refuses anything outside it (anchors, aliases, tags, block
scalars) with a clear error instead of guessing: it keeps PyYAML out of our dependencies and can not be
made to expand aliases (billion laughs) because it has none.

Lockfile sources take the project's root package.json as an optional `manifest` argument: some
lockfiles (npm v1, yarn classic, Berry) do not record which packages the project itself asked for, or
under which list, and the manifest is what says it. Without it, what cannot be known is not guessed.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, TypeVar

from commonscheck.audit.expressions import combine, normalise_known
from commonscheck.audit.licnames import LicenseName, normalise_license
from commonscheck.audit.sources.base import (
    MAX_MANIFEST_BYTES,
    DependencySource,
    SourceError,
    file_name,
    json_object,
    manifest_text,
    purl,
)
from commonscheck.model import Package, ReadError

ECOSYSTEM = "npm"

# License files are a few kilobytes; anything much larger is not a license text worth matching.
MAX_LICENSE_BYTES = 1024 * 1024

# Scopes from strongest to weakest: a package reached several ways keeps the strongest, since that is
# how it ends up installed (a package needed at runtime and in development ships).
_RANK = {"runtime": 0, "optional": 1, "dev": 2}

K = TypeVar("K", bound=Hashable)


# ---------------------------------------------------------------- shared helpers


_text = manifest_text


_json = json_object


_JSON_KEY = re.compile(r'^( *)"((?:[^"\\]|\\.)*)"\s*:\s*(.*)$')


def _json_key_lines(text: str) -> dict[tuple[str, ...], int]:
    """Line numbers of the keys of pretty-printed JSON, by key path (("packages", "node_modules/x")).

    npm writes one key a line, indented; that is enough to place entries without a positional JSON
    parser. Minified JSON simply yields few lines, and sources fall back to the bare path.
    """
    found: dict[tuple[str, ...], int] = {}
    stack: list[tuple[int, str]] = []
    for number, line in enumerate(text.splitlines(), 1):
        m = _JSON_KEY.match(line)
        if m is None:
            continue
        indent = len(m.group(1))
        while stack and stack[-1][0] >= indent:
            stack.pop()
        try:
            key = json.loads(f'"{m.group(2)}"')
        except ValueError:
            continue
        found.setdefault((*(k for _, k in stack), key), number)
        rest = m.group(3).rstrip().rstrip(",")
        if rest.startswith(("{", "[")) and not rest.endswith(("}", "]")):
            stack.append((indent, key))
    return found


def _source(path: str, line: int | None) -> str:
    return f"{path}:{line}" if line else path


def _purl(name: str, version: str | None) -> str | None:
    """The package URL of an npm package; None for a name no purl can carry."""
    namespace, _, base = name.rpartition("/") if name.startswith("@") else ("", "", name)
    return purl("npm", base, version, namespace)


def _split_name(spec: str) -> tuple[str, str]:
    """ "@scope/name@range" -> ("@scope/name", "range"); the first '@' of a scoped name is not the
    separator."""
    at = spec.find("@", 1)
    if at <= 0:
        raise SourceError(f"cannot read package descriptor {spec!r}")
    return spec[:at], spec[at + 1 :]


_EXACT = re.compile(r"^[=v]?\s*(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)$")


def _exact_version(spec: str) -> str | None:
    """The version a specifier pins, or None for a range, tag, URL or path (a range is no version)."""
    m = _EXACT.match(spec.strip())
    return m.group(1) if m else None


def _alias(name: str, spec: str) -> tuple[str, str]:
    """npm aliases ("foo": "npm:bar@^1") install bar: its license, not the alias's, is the one."""
    if spec.startswith("npm:"):
        target = spec[4:]
        at = target.find("@", 1)
        if at > 0:
            return target[:at], target[at + 1 :]
        return target, ""
    return name, spec


def _string(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise SourceError(f"{what} is not a string")
    return value


def _object(value: object, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise SourceError(f"{what} is not an object")
    return value


def _license_of(doc: Mapping[str, Any]) -> LicenseName | None:
    """The declared license of a package.json (or a lockfile entry carrying one).

    `license` is a string (an SPDX expression, "SEE LICENSE IN <file>", "UNLICENSED"), or in old
    packages an object {type, url}. The legacy `licenses` array lists the licenses a package is offered
    under, and several mean a choice: npm's own documentation of the deprecation
    (npm/npm commit 8669f7d, doc/files/package.json.md, May 2015) rewrites
    `"licenses": [{"type": "MIT"}, {"type": "Apache-2.0"}]` as `"license": "(MIT OR Apache-2.0)"`,
    and npm's SBOM output joins the array with " OR " (npm/cli pull request #9010).
    """
    value = doc.get("license")
    if value is None or value == "" or value == []:
        value = doc.get("licenses")
    if isinstance(value, str):
        return normalise_license(value)
    if isinstance(value, dict):
        return _license_of_items([value])
    if isinstance(value, list):
        return _license_of_items(value)
    return None


def _license_of_items(items: Sequence[object]) -> LicenseName | None:
    raws: list[str] = []
    for item in items:
        if isinstance(item, str):
            raws.append(item)
        elif isinstance(item, dict) and isinstance(item.get("type"), str):
            raws.append(item["type"])
    names = [n for n in (normalise_license(r) for r in raws) if n is not None]
    if not names:
        return None
    if len(names) == 1:
        return names[0]
    raw = " OR ".join(n.raw for n in names)
    if any(n.expression is None for n in names):
        return LicenseName(None, raw)
    joined = " OR ".join(f"({n.expression})" for n in names)
    try:
        return LicenseName(normalise_known(joined), raw)
    except ValueError:
        return LicenseName(None, raw)


@dataclass(slots=True)
class _Found:
    """A package while a source is still gathering it; merged per (name, version)."""

    name: str
    version: str | None
    scope: str
    direct: bool
    license: LicenseName | None
    source: str
    order: int = 0
    detected: str | None = None


def _merge(found: Iterable[_Found]) -> list[Package]:
    """One Package per distinct (name, version): the strongest scope, direct if any copy is, the
    first place it was written, the first license given."""
    merged: dict[tuple[str, str | None], _Found] = {}
    for f in found:
        old = merged.get((f.name, f.version))
        if old is None:
            merged[(f.name, f.version)] = f
            continue
        if _RANK[f.scope] < _RANK[old.scope]:
            old.scope = f.scope
        old.direct = old.direct or f.direct
        if f.order < old.order:
            old.source, old.order = f.source, f.order
        if old.license is None or (old.license.expression is None and f.license is not None):
            old.license = f.license if f.license is not None else old.license
        old.detected = old.detected or f.detected
    out = [
        Package(
            ecosystem=ECOSYSTEM,
            name=f.name,
            version=f.version,
            purl=_purl(f.name, f.version),
            scope=f.scope,
            direct=f.direct,
            declared=f.license.expression if f.license else None,
            detected=f.detected,
            source=f.source,
            declared_raw=f.license.raw if f.license else None,
        )
        for f in merged.values()
    ]
    return sorted(out, key=lambda p: (p.name, p.version or "", p.source))


def _derive_scopes(
    edges: Mapping[K, Iterable[tuple[K, bool]]], roots: Iterable[tuple[K, str]]
) -> dict[K, str]:
    """Scopes of the nodes reachable from the project's own lists.

    `edges[node]` are (dependency, optional edge). Runtime: reachable from a runtime root through
    required edges only; optional: reachable from runtime or optional roots some other way; dev:
    reachable only from dev roots. Nodes reached from nowhere are left out (the caller decides).
    """
    roots = list(roots)

    def reach(starts: Iterable[K], follow_optional: bool) -> set[K]:
        seen: set[K] = set()
        todo = list(starts)
        while todo:
            node = todo.pop()
            if node in seen:
                continue
            seen.add(node)
            todo.extend(d for d, optional in edges.get(node, ()) if follow_optional or not optional)
        return seen

    runtime = reach((k for k, s in roots if s == "runtime"), False)
    optional = reach((k for k, s in roots if s in ("runtime", "optional")), True) - runtime
    dev = reach((k for k, s in roots if s == "dev"), True) - runtime - optional
    scopes = dict.fromkeys(dev, "dev")
    scopes.update(dict.fromkeys(optional, "optional"))
    scopes.update(dict.fromkeys(runtime, "runtime"))
    return scopes


@dataclass(frozen=True, slots=True)
class _Wanted:
    """One entry of a manifest's dependency lists."""

    name: str  # as listed (an alias stays the alias: lockfiles key it so)
    spec: str
    scope: str
    section: str


def _manifest_wants(doc: Mapping[str, Any]) -> list[_Wanted]:
    """The dependencies a package.json lists, one per name, with the scope npm gives it.

    peerDependencies are runtime: npm 7 and later install them, and the package cannot run without
    its host providing them (peerDependenciesMeta marks the ones that may be absent: optional).
    optionalDependencies override the same name in dependencies (npm docs, package.json,
    "optionalDependencies"). devDependencies are dev unless another list also needs the package.
    """
    peer_meta = doc.get("peerDependenciesMeta")
    peer_meta = peer_meta if isinstance(peer_meta, dict) else {}
    wants: dict[str, _Wanted] = {}
    for section, scope in (
        ("dependencies", "runtime"),
        ("optionalDependencies", "optional"),
        ("peerDependencies", "runtime"),
        ("devDependencies", "dev"),
    ):
        listed = doc.get(section)
        if listed is None:
            continue
        for name, spec in _object(listed, f'"{section}"').items():
            spec = _string(spec, f'"{section}" entry {name!r}')
            this = scope
            if section == "peerDependencies":
                meta = peer_meta.get(name)
                if isinstance(meta, dict) and meta.get("optional") is True:
                    this = "optional"
            old = wants.get(name)
            if (
                old is None
                or (section == "optionalDependencies" and old.section == "dependencies")
                or _RANK[this] < _RANK[old.scope]
            ):
                wants[name] = _Wanted(name, spec, this, section)
    return list(wants.values())


def _manifest_doc(manifest: bytes | None) -> dict[str, Any] | None:
    if manifest is None:
        return None
    try:
        return _json(_text(manifest))
    except SourceError as exc:
        raise SourceError(f"the root package.json given with it cannot be read: {exc}") from None


# ---------------------------------------------------------------- package.json


_TARBALL = (".tgz", ".tar.gz", ".tar")


def _local_folder(spec: str) -> bool:
    """Whether a dependency specifier names a folder rather than a package to fetch: yarn's and
    pnpm's `workspace:` protocol, `link:` and `portal:`, and `file:` to a folder (a `file:` tarball
    is a package, packed by someone else)."""
    spec = spec.strip()
    if spec.startswith(("workspace:", "link:", "portal:")):
        return True
    return spec.startswith("file:") and not spec.lower().endswith(_TARBALL)


class PackageJsonSource(DependencySource):
    """A project's package.json: the dependencies it asks for (all direct).

    The package's own `license`/`licenses` is no dependency: the scan's declared license covers it.
    package.json files inside node_modules belong to installed packages (see `read_node_modules`).
    """

    ecosystem = ECOSYSTEM

    def handles(self, path: str) -> bool:
        """package.json outside node_modules."""
        return file_name(path) == "package.json" and "node_modules" not in PurePosixPath(path).parts

    def read(self, path: str, data: bytes) -> list[Package]:
        """The direct dependencies listed; a version only where the specifier pins one exactly."""
        text = _text(data)
        doc = _json(text)
        lines = _json_key_lines(text)
        found: list[_Found] = []
        for order, want in enumerate(_manifest_wants(doc)):
            if _local_folder(want.spec):
                # A workspace or a folder of the tree: the project's own code, which the lockfile
                # readers skip too (npm writes it as a link, yarn and pnpm as workspace/link).
                continue
            name, spec = _alias(want.name, want.spec)
            line = lines.get((want.section, want.name))
            found.append(
                _Found(name, _exact_version(spec), want.scope, True, None, _source(path, line), order)
            )
        listed = {f.name for f in found} | {w.name for w in _manifest_wants(doc)}
        for key in ("bundleDependencies", "bundledDependencies"):
            bundled = doc.get(key)
            if bundled is None or isinstance(bundled, bool):
                # true bundles every dependency, which are all listed already.
                continue
            if not isinstance(bundled, list) or not all(isinstance(b, str) for b in bundled):
                raise SourceError(f'"{key}" is neither a list of names nor a boolean')
            line = lines.get((key,))
            for name in bundled:
                if name not in listed:
                    # Shipped inside the package's own tarball, so present wherever it runs.
                    found.append(_Found(name, None, "runtime", True, None, _source(path, line), len(found)))
                    listed.add(name)
        return _merge(found)

    def defines(self, path: str, data: bytes) -> frozenset[str]:
        """The package's own `name`."""
        name = _json(_text(data)).get("name")
        return frozenset({name}) if isinstance(name, str) and name else frozenset()


# ---------------------------------------------------------------- package-lock.json / shrinkwrap


class NpmLockSource(DependencySource):
    """package-lock.json and npm-shrinkwrap.json, lockfile versions 1, 2 and 3."""

    ecosystem = ECOSYSTEM

    def handles(self, path: str) -> bool:
        """package-lock.json or npm-shrinkwrap.json outside node_modules (npm's hidden
        node_modules/.package-lock.json is read with the tree)."""
        return (
            file_name(path) in ("package-lock.json", "npm-shrinkwrap.json")
            and "node_modules" not in PurePosixPath(path).parts
        )

    def read(self, path: str, data: bytes, manifest: bytes | None = None) -> list[Package]:
        """Every locked package, each distinct (name, version) once.

        `manifest` (the root package.json) is only needed for v1 lockfiles, which do not record the
        root's own lists: without it, a v1 package is direct only when it is at the top level and no
        other package requires it (so what is marked direct surely is).
        """
        text = _text(data)
        doc = _json(text)
        lines = _json_key_lines(text)
        try:
            if "packages" in doc:
                found = self._v2(path, _object(doc["packages"], '"packages"'), lines)
            else:
                version = doc.get("lockfileVersion")
                if version is None and "dependencies" not in doc:
                    raise SourceError("no lockfileVersion, packages or dependencies: not an npm lockfile")
                found = self._v1(path, doc, lines, _manifest_doc(manifest))
        except RecursionError:
            raise SourceError("nested too deeply") from None
        return _merge(found)

    @staticmethod
    def _v2(path: str, packages: dict[str, Any], lines: dict[tuple[str, ...], int]) -> list[_Found]:
        # Folders that are not under node_modules are the project itself ("") and its workspaces:
        # their lists say what is direct, resolved the way Node resolves from that folder.
        direct: set[str] = set()
        for key, entry in packages.items():
            if "node_modules/" in key or not isinstance(entry, dict):
                continue
            for section in ("dependencies", "devDependencies", "optionalDependencies", "peerDependencies"):
                listed = entry.get(section)
                if not isinstance(listed, dict):
                    continue
                for name in listed:
                    near = f"{key}/node_modules/{name}" if key else f"node_modules/{name}"
                    direct.add(near if near in packages else f"node_modules/{name}")
        found: list[_Found] = []
        for order, (key, entry) in enumerate(packages.items()):
            cut = key.rfind("node_modules/")
            if cut < 0:
                continue
            entry = _object(entry, f"package entry {key!r}")
            if entry.get("link") is True:
                # A link to a workspace or local folder: the project's own code, whose dependencies
                # are entries of their own.
                continue
            name = entry.get("name") or key[cut + len("node_modules/") :]
            name = _string(name, f"name of {key!r}")
            version = entry.get("version")
            if version is not None:
                version = _string(version, f"version of {key!r}")
            if not name:
                raise SourceError(f"package entry {key!r} names no package")
            found.append(
                _Found(
                    name,
                    version or None,
                    _flag_scope(entry),
                    key in direct,
                    _license_of(entry),
                    _source(path, lines.get(("packages", key))),
                    order,
                )
            )
        return found

    @staticmethod
    def _v1(
        path: str, doc: dict[str, Any], lines: dict[tuple[str, ...], int], manifest: dict[str, Any] | None
    ) -> list[_Found]:
        top = doc.get("dependencies")
        if top is None:
            return []
        top = _object(top, '"dependencies"')
        listed = {w.name for w in _manifest_wants(manifest)} if manifest is not None else None
        required: set[str] = set()
        found: list[_Found] = []
        top_level: list[tuple[_Found, str]] = []
        # Iterative: hostile nesting must not exhaust the stack. Each folder carries the chain of
        # dependency objects visible from it, innermost first, as Node resolves a require.
        todo: list[tuple[dict[str, Any], tuple[str, ...], tuple[dict[str, Any], ...]]] = [
            (top, ("dependencies",), (top,))
        ]
        while todo:
            deps, at, chain = todo.pop()
            for key, entry in deps.items():
                entry = _object(entry, f"dependency {key!r}")
                nested = entry.get("dependencies")
                nested = _object(nested, f"dependencies of {key!r}") if nested is not None else None
                visible = (nested, *chain) if nested else chain
                requires = entry.get("requires")
                if isinstance(requires, dict):
                    for wanted in requires:
                        holder = next((d for d in visible if wanted in d), None)
                        if holder is top:
                            required.add(wanted)
                raw = entry.get("version")
                raw = _string(raw, f"version of {key!r}") if raw is not None else ""
                name, spec = _alias(key, raw)
                version = _exact_version(spec)
                if version is None and spec and not any(c in spec for c in ":/#"):
                    version = spec
                place = (*at, key)
                f = _Found(
                    name,
                    version,
                    _flag_scope(entry),
                    len(at) == 1 and (listed is None or key in listed),
                    None,
                    _source(path, lines.get(place)),
                    lines.get(place, 0),
                )
                found.append(f)
                if len(at) == 1:
                    top_level.append((f, key))
                if nested:
                    todo.append((nested, (*place, "dependencies"), visible))
        if listed is None:
            # Without the manifest: a top-level package no other package resolves to can only be
            # there because the project asked for it; one that others also use may or may not be
            # direct, and is not claimed to be.
            for f, key in top_level:
                f.direct = key not in required
        return found


def _flag_scope(entry: Mapping[str, Any]) -> str:
    """An npm lock entry's scope from its flags.

    devOptional (needed by a dev and by an optional dependency) is counted optional: an optional
    dependency is installed in production, so its license ships. `peer` changes nothing: npm 7+
    installs peers, and they run with the package that needs them.
    """
    if entry.get("dev") is True:
        return "dev"
    if entry.get("optional") is True or entry.get("devOptional") is True:
        return "optional"
    return "runtime"


# ---------------------------------------------------------------- the YAML subset of yarn and pnpm


class _YamlMap(dict[str, Any]):
    """A mapping that remembers the line each key was written on."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: dict[str, int] = {}


@dataclass(slots=True)
class _Line:
    number: int
    indent: int
    text: str


_DQ_ESCAPES = {
    '"': '"',
    "\\": "\\",
    "/": "/",
    "n": "\n",
    "t": "\t",
    "r": "\r",
    "0": "\0",
    "b": "\b",
    " ": " ",
    "a": "\a",
    "e": "\x1b",
    "f": "\f",
    "v": "\v",
}


class _Yaml:
    """Block mappings, block sequences, one-line or bracket-continued flow collections, and plain,
    single- and double-quoted scalars: what Yarn Berry's and pnpm's lockfile writers emit. Plain
    scalars stay strings except true/false/null. Anything else is refused, naming the line."""

    def __init__(self, text: str) -> None:
        self.docs: list[list[_Line]] = [[]]
        pending: _Line | None = None
        depth = 0
        for number, raw in enumerate(text.splitlines(), 1):
            if pending is not None:
                # A flow collection continued over several lines (js-yaml folds long ones).
                pending.text += " " + raw.strip()
                depth += _flow_balance(raw)
                if depth <= 0:
                    self.docs[-1].append(pending)
                    pending = None
                continue
            stripped = raw.lstrip(" ")
            if not stripped or stripped.startswith("#"):
                continue
            if stripped.startswith("\t") or "\t" in raw[: len(raw) - len(stripped)]:
                raise SourceError(f"YAML line {number}: tab in indentation")
            indent = len(raw) - len(stripped)
            if indent == 0 and (stripped.rstrip() == "---" or stripped.startswith("--- ")):
                self.docs.append([])
                continue
            if indent == 0 and stripped.rstrip() == "...":
                continue
            line = _Line(number, indent, stripped.rstrip())
            value = _value_part(line.text)
            if value is not None and value.startswith(("{", "[")):
                depth = _flow_balance(value)
                if depth > 0:
                    pending = line
                    continue
            self.docs[-1].append(line)
        if pending is not None:
            raise SourceError(f"YAML line {pending.number}: flow collection never closed (truncated file?)")

    def documents(self) -> list[Any]:
        """Each non-empty document, parsed."""
        out: list[Any] = []
        for lines in self.docs:
            if lines:
                value, end = self._block(lines, 0, lines[0].indent)
                if end != len(lines):
                    raise SourceError(f"YAML line {lines[end].number}: unexpected indentation")
                out.append(value)
        return out

    def _block(self, lines: list[_Line], i: int, indent: int) -> tuple[Any, int]:
        if lines[i].text == "-" or lines[i].text.startswith("- "):
            return self._sequence(lines, i, indent)
        return self._mapping(lines, i, indent)

    def _mapping(self, lines: list[_Line], i: int, indent: int) -> tuple[_YamlMap, int]:
        out = _YamlMap()
        while i < len(lines) and lines[i].indent == indent:
            line = lines[i]
            if line.text.startswith(("- ", "? ")) or line.text in ("-", "?"):
                raise SourceError(f"YAML line {line.number}: unexpected sequence or complex key")
            key, rest = _split_key(line)
            if key in out:
                raise SourceError(f"YAML line {line.number}: duplicate key {key!r}")
            i += 1
            if rest:
                value: Any = _inline(rest, line.number)
            elif i < len(lines) and lines[i].indent > indent:
                value, i = self._block(lines, i, lines[i].indent)
            elif i < len(lines) and lines[i].indent == indent and lines[i].text.startswith("- "):
                value, i = self._sequence(lines, i, indent)
            else:
                value = None
            out[key] = value
            out.lines[key] = line.number
        if i < len(lines) and lines[i].indent > indent:
            raise SourceError(f"YAML line {lines[i].number}: unexpected indentation")
        return out, i

    def _sequence(self, lines: list[_Line], i: int, indent: int) -> tuple[list[Any], int]:
        out: list[Any] = []
        while (
            i < len(lines)
            and lines[i].indent == indent
            and (lines[i].text == "-" or lines[i].text.startswith("- "))
        ):
            line = lines[i]
            item = line.text[1:].lstrip(" ")
            if not item:
                i += 1
                if i < len(lines) and lines[i].indent > indent:
                    value, i = self._block(lines, i, lines[i].indent)
                    out.append(value)
                else:
                    out.append(None)
                continue
            if not item.startswith(("{", "[", '"', "'")) and _value_part(item) is not None:
                # "- key: value": a mapping whose first key sits after the dash.
                lines[i] = _Line(line.number, indent + len(line.text) - len(item), item)
                value, i = self._mapping(lines, i, lines[i].indent)
                out.append(value)
                continue
            out.append(_inline(item, line.number))
            i += 1
        return out, i


def _flow_balance(text: str) -> int:
    depth = 0
    quote = ""
    for ch in text:
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
    return depth


def _quoted(text: str, pos: int, number: int) -> tuple[str, int]:
    """A quoted scalar starting at text[pos]; returns it and the position after the closing quote."""
    quote = text[pos]
    out: list[str] = []
    i = pos + 1
    while i < len(text):
        ch = text[i]
        if quote == "'":
            if ch == "'":
                if text[i + 1 : i + 2] == "'":
                    out.append("'")
                    i += 2
                    continue
                return "".join(out), i + 1
            out.append(ch)
            i += 1
            continue
        if ch == '"':
            return "".join(out), i + 1
        if ch == "\\":
            esc = text[i + 1 : i + 2]
            if esc in _DQ_ESCAPES:
                out.append(_DQ_ESCAPES[esc])
                i += 2
                continue
            width = {"x": 2, "u": 4, "U": 8}.get(esc)
            digits = text[i + 2 : i + 2 + width] if width else ""
            if not width or len(digits) != width or not all(c in "0123456789abcdefABCDEF" for c in digits):
                raise SourceError(f"YAML line {number}: bad escape in a quoted string")
            out.append(chr(int(digits, 16)))
            i += 2 + width
            continue
        out.append(ch)
        i += 1
    raise SourceError(f"YAML line {number}: quoted string never closed")


def _value_part(text: str) -> str | None:
    """What follows the key of a "key: value" line (maybe ""), or None when the line has no key."""
    if text.startswith(("'", '"')):
        try:
            _, end = _quoted(text, 0, 0)
        except SourceError:
            return None
        rest = text[end:]
        return rest[1:].strip() if rest.startswith(":") else None
    if text.startswith(("{", "[")):
        return None
    cut = text.find(": ")
    if cut >= 0:
        return text[cut + 2 :].strip()
    return "" if text.endswith(":") else None


def _split_key(line: _Line) -> tuple[str, str]:
    text = line.text
    if text.startswith(("'", '"')):
        key, end = _quoted(text, 0, line.number)
        rest = text[end:]
        if not rest.startswith(":") or (len(rest) > 1 and rest[1] != " "):
            raise SourceError(f"YAML line {line.number}: expected ':' after a quoted key")
        return key, rest[1:].strip()
    cut = text.find(": ")
    if cut < 0:
        if not text.endswith(":"):
            raise SourceError(
                f"YAML line {line.number}: expected 'key: value' (truncated or unsupported YAML)"
            )
        cut = len(text) - 1
    key = text[:cut].rstrip()
    if not key or key[0] in "&*!|>%@`{[":
        raise SourceError(
            f"YAML line {line.number}: unsupported YAML construct (anchor, alias, tag or flow key)"
        )
    return key, text[cut + 1 :].strip()


def _plain(text: str) -> Any:
    if text in ("true", "True", "TRUE"):
        return True
    if text in ("false", "False", "FALSE"):
        return False
    if text in ("null", "Null", "NULL", "~", ""):
        return None
    return text


def _inline(text: str, number: int) -> Any:
    """The value after "key: " or "- ": a scalar or a flow collection, comments dropped."""
    if text[0] in "&*!|>%@`":
        raise SourceError(
            f"YAML line {number}: unsupported YAML construct {text[0]!r} (anchor, alias, tag or block scalar)"
        )
    if text[0] in "{[":
        value, end = _flow(text, 0, number)
    elif text[0] in "\"'":
        value, end = _quoted(text, 0, number)
    else:
        cut = text.find(" #")
        return _plain((text if cut < 0 else text[:cut]).strip())
    rest = text[end:].strip()
    if rest and not rest.startswith("#"):
        raise SourceError(f"YAML line {number}: unexpected text after a value")
    return value


def _flow(text: str, pos: int, number: int) -> tuple[Any, int]:
    """A flow mapping or sequence starting at text[pos]."""
    closing = "}" if text[pos] == "{" else "]"
    mapping = closing == "}"
    out_map: dict[str, Any] = {}
    out_seq: list[Any] = []
    i = pos + 1
    while True:
        while i < len(text) and text[i] == " ":
            i += 1
        if i >= len(text):
            raise SourceError(f"YAML line {number}: flow collection never closed")
        if text[i] == closing:
            return (out_map if mapping else out_seq), i + 1
        key: str | None = None
        if mapping:
            if text[i] in "\"'":
                key, i = _quoted(text, i, number)
                while i < len(text) and text[i] == " ":
                    i += 1
                if text[i : i + 1] != ":":
                    raise SourceError(f"YAML line {number}: expected ':' in a flow mapping")
                i += 1
            else:
                m = re.compile(r"([^,:{}\[\]]+?)\s*:(?=[\s,}\]]|$)").match(text, i)
                if m is None:
                    raise SourceError(f"YAML line {number}: expected 'key: value' in a flow mapping")
                key, i = m.group(1).strip(), m.end()
            while i < len(text) and text[i] == " ":
                i += 1
        value: Any
        if i < len(text) and text[i] in "{[":
            value, i = _flow(text, i, number)
        elif i < len(text) and text[i] in "\"'":
            value, i = _quoted(text, i, number)
        else:
            m = re.compile(r"[^,{}\[\]]*").match(text, i)
            assert m is not None  # the pattern matches the empty string
            raw = m.group(0).strip()
            if raw[:1] in ("&", "*", "!"):
                raise SourceError(f"YAML line {number}: unsupported YAML construct in a flow collection")
            value, i = _plain(raw), m.end()
        if key is not None:
            out_map[key] = value
        else:
            out_seq.append(value)
        while i < len(text) and text[i] == " ":
            i += 1
        if text[i : i + 1] == ",":
            i += 1
        elif text[i : i + 1] != closing:
            raise SourceError(f"YAML line {number}: expected ',' or {closing!r} in a flow collection")


def _yaml_documents(text: str) -> list[Any]:
    try:
        return _Yaml(text).documents()
    except RecursionError:
        raise SourceError("YAML nested too deeply") from None


# ---------------------------------------------------------------- yarn.lock


_BERRY = re.compile(r"^__metadata:\s*$", re.MULTILINE)
_YARN_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[^\s"]+')
_YARN_HEADER_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[^,\s"]+')


def _yarn_unquote(token: str, number: int) -> str:
    if token.startswith('"'):
        try:
            value = json.loads(token)
        except ValueError:
            raise SourceError(f"line {number}: bad quoted string") from None
        return _string(value, f"line {number}")
    return token


@dataclass(slots=True)
class _YarnEntry:
    descriptors: list[str]
    line: int
    fields: dict[str, str]
    deps: list[tuple[str, bool]]  # descriptor keys, optional edge


class YarnLockSource(DependencySource):
    """yarn.lock, classic (v1, yarn's own indented format) and Berry (v2+, YAML)."""

    ecosystem = ECOSYSTEM

    def handles(self, path: str) -> bool:
        """yarn.lock outside node_modules."""
        return file_name(path) == "yarn.lock" and "node_modules" not in PurePosixPath(path).parts

    def read(self, path: str, data: bytes, manifest: bytes | None = None) -> list[Package]:
        """Every locked package, each distinct (name, version) once; workspaces and links skipped.

        Neither format says which packages are dev-only; with `manifest` (the root package.json) the
        scopes follow from its lists through the locked dependency graph, else all are runtime.
        Classic yarn.lock does not say either which packages are direct: without the manifest only
        those no other package depends on are marked direct.
        """
        text = _text(data)
        doc = _manifest_doc(manifest)
        if _BERRY.search(text):
            return _merge(self._berry(path, text, doc))
        return _merge(self._classic(path, text, doc))

    @staticmethod
    def _classic(path: str, text: str, manifest: dict[str, Any] | None) -> list[_Found]:
        entries: list[_YarnEntry] = []
        block: list[tuple[str, bool]] | None = None
        block_name = ""
        for number, raw in enumerate(text.splitlines(), 1):
            stripped = raw.lstrip(" ")
            if not stripped.strip() or stripped.startswith("#"):
                continue
            indent = len(raw) - len(stripped)
            body = stripped.rstrip()
            if indent == 0:
                if not body.endswith(":"):
                    raise SourceError(
                        f"line {number}: expected an entry header ending in ':' (truncated file?)"
                    )
                tokens = _YARN_HEADER_TOKEN.findall(body[:-1])
                if not tokens:
                    raise SourceError(f"line {number}: empty entry header")
                entries.append(_YarnEntry([_yarn_unquote(t, number) for t in tokens], number, {}, []))
                block = None
            elif not entries:
                raise SourceError(f"line {number}: indented line before any entry")
            elif indent == 2:
                tokens = _YARN_TOKEN.findall(body)
                if len(tokens) == 1 and tokens[0].endswith(":"):
                    block_name = tokens[0][:-1]
                    block = entries[-1].deps if block_name in ("dependencies", "optionalDependencies") else []
                    continue
                block = None
                if len(tokens) != 2:
                    raise SourceError(f"line {number}: expected 'field value'")
                entries[-1].fields[_yarn_unquote(tokens[0], number)] = _yarn_unquote(tokens[1], number)
            elif indent == 4 and block is not None:
                tokens = _YARN_TOKEN.findall(body)
                if len(tokens) != 2:
                    raise SourceError(f"line {number}: expected 'name range' (truncated file?)")
                name, spec = (_yarn_unquote(t, number) for t in tokens)
                block.append((f"{name}@{spec}", block_name == "optionalDependencies"))
            else:
                raise SourceError(f"line {number}: unexpected indentation")
        by_descriptor: dict[str, int] = {}
        for index, entry in enumerate(entries):
            if "version" not in entry.fields:
                raise SourceError(
                    f"line {entry.line}: entry {entry.descriptors[0]!r} has no version (truncated file?)"
                )
            for d in entry.descriptors:
                by_descriptor[d] = index
        edges: dict[int, list[tuple[int, bool]]] = {}
        referenced: set[int] = set()
        for index, entry in enumerate(entries):
            for key, optional in entry.deps:
                target = by_descriptor.get(key)
                if target is None:
                    raise SourceError(
                        f"line {entry.line}: depends on {key!r}, which has no entry (truncated file?)"
                    )
                edges.setdefault(index, []).append((target, optional))
                referenced.add(target)
        roots: list[tuple[int, str]] = []
        if manifest is not None:
            for want in _manifest_wants(manifest):
                target = by_descriptor.get(f"{want.name}@{want.spec}")
                if target is not None:
                    roots.append((target, want.scope))
        scopes = _derive_scopes(edges, roots)
        direct = {t for t, _ in roots} if manifest is not None else set(range(len(entries))) - referenced
        found: list[_Found] = []
        for index, entry in enumerate(entries):
            name, spec = _split_name(entry.descriptors[0])
            name, _ = _alias(name, spec)
            found.append(
                _Found(
                    name,
                    entry.fields["version"],
                    scopes.get(index, "runtime"),
                    index in direct,
                    None,
                    _source(path, entry.line),
                    entry.line,
                )
            )
        return found

    @staticmethod
    def _berry(path: str, text: str, manifest: dict[str, Any] | None) -> list[_Found]:
        docs = _yaml_documents(text)
        if len(docs) != 1 or not isinstance(docs[0], _YamlMap):
            raise SourceError("a Berry yarn.lock is one YAML mapping")
        doc: _YamlMap = docs[0]
        if not isinstance(doc.get("__metadata"), dict):
            raise SourceError("__metadata is not a mapping")
        by_descriptor: dict[str, str] = {}
        for key, entry in doc.items():
            if key == "__metadata":
                continue
            if not isinstance(entry, dict):
                raise SourceError(f"line {doc.lines[key]}: entry {key!r} is not a mapping (truncated file?)")
            if not isinstance(entry.get("resolution"), str):
                raise SourceError(f"line {doc.lines[key]}: entry {key!r} has no resolution (truncated file?)")
            for d in key.split(","):
                by_descriptor[d.strip()] = key
        edges: dict[str, list[tuple[str, bool]]] = {}
        roots: list[tuple[str, str]] = []
        manifest_scope = {w.name: w.scope for w in _manifest_wants(manifest)} if manifest is not None else {}
        for key, entry in doc.items():
            if key == "__metadata":
                continue
            deps = entry.get("dependencies") or {}
            if not isinstance(deps, dict):
                raise SourceError(f"line {doc.lines[key]}: dependencies of {key!r} is not a mapping")
            meta = entry.get("dependenciesMeta")
            meta = meta if isinstance(meta, dict) else {}
            workspace = "@workspace:" in entry["resolution"]
            root = entry["resolution"].endswith("@workspace:.")
            for name, spec in deps.items():
                spec = _string(spec, f"line {doc.lines[key]}: dependency {name!r}")
                target = by_descriptor.get(f"{name}@{spec}")
                if target is None:
                    if spec.startswith("npm:"):
                        raise SourceError(
                            f"line {doc.lines[key]}: depends on '{name}@{spec}', which has no entry"
                            " (truncated file?)"
                        )
                    continue
                item_meta = meta.get(name)
                optional = isinstance(item_meta, dict) and item_meta.get("optional") is True
                if workspace:
                    scope = "optional" if optional else "runtime"
                    if root and name in manifest_scope:
                        scope = manifest_scope[name]
                    roots.append((target, scope))
                else:
                    edges.setdefault(key, []).append((target, optional))
        scopes = _derive_scopes(edges, roots)
        direct = {t for t, _ in roots}
        found: list[_Found] = []
        for key, entry in doc.items():
            if key == "__metadata" or entry.get("linkType") == "soft":
                # Workspaces, links and portals: the project's own folders, not packages it gets.
                continue
            name, _ = _split_name(entry["resolution"])
            version = entry.get("version")
            found.append(
                _Found(
                    name,
                    str(version) if version is not None else None,
                    scopes.get(key, "runtime"),
                    key in direct,
                    None,
                    _source(path, doc.lines[key]),
                    doc.lines[key],
                )
            )
        return found


# ---------------------------------------------------------------- pnpm-lock.yaml


_PEER_SUFFIX = re.compile(r"\(.*$")


class PnpmLockSource(DependencySource):
    """pnpm-lock.yaml, lockfile versions 5.x, 6.x and 9.x."""

    ecosystem = ECOSYSTEM

    def handles(self, path: str) -> bool:
        """pnpm-lock.yaml outside node_modules."""
        return file_name(path) == "pnpm-lock.yaml" and "node_modules" not in PurePosixPath(path).parts

    def read(self, path: str, data: bytes, manifest: bytes | None = None) -> list[Package]:
        """Every locked package, each distinct (name, version) once; workspace links skipped.

        Direct and scope come from the importers (the project and its workspaces), which pnpm
        records; `manifest` is accepted for symmetry with the other lockfiles and not needed.
        """
        del manifest
        text = _text(data)
        docs = [d for d in _yaml_documents(text) if isinstance(d, _YamlMap) and "lockfileVersion" in d]
        if not docs:
            raise SourceError("no lockfileVersion: not a pnpm lockfile")
        # pnpm 10 may put a lockfile of its own tooling first, as another YAML document; the
        # project's lockfile is the last one.
        doc = docs[-1]
        try:
            major = int(str(doc["lockfileVersion"]).split(".")[0])
        except ValueError:
            raise SourceError(f"unreadable lockfileVersion {doc['lockfileVersion']!r}") from None
        importers = doc.get("importers")
        if importers is None:
            importers = {".": doc}
        importers = _object(importers, "importers")
        packages = doc.get("packages") or _YamlMap()
        packages = _object(packages, "packages")
        snapshots = (doc.get("snapshots") or _YamlMap()) if major >= 9 else packages
        snapshots = _object(snapshots, "snapshots")
        lines: dict[str, int] = packages.lines if isinstance(packages, _YamlMap) else {}
        snap_lines: dict[str, int] = snapshots.lines if isinstance(snapshots, _YamlMap) else {}

        def key_for(name: str, ref: str) -> str | None:
            if ref.startswith(("link:", "workspace:")):
                return None
            if major >= 9:
                if not ref[:1].isdigit() and "@" in ref[1:]:
                    return ref  # an alias or another source, written as a whole key
                return f"{name}@{ref}"
            if ref.startswith("/") or ("/" in ref and not ref[:1].isdigit()):
                return ref
            return f"/{name}/{ref}" if major < 6 else f"/{name}@{ref}"

        def resolved(where: str, name: str, ref: object) -> str | None:
            if isinstance(ref, dict):  # v6 and v9 importers: {specifier, version}
                ref = ref.get("version")
            ref = _string(ref, f"{where}: version of {name!r}")
            key = key_for(name, ref)
            if key is not None and key not in snapshots:
                raise SourceError(
                    f"{where} refers to {key!r}, which the lockfile does not have (truncated file?)"
                )
            return key

        roots: list[tuple[str, str]] = []
        for importer, lists in importers.items():
            lists = _object(lists, f"importer {importer!r}")
            for section, scope in (
                ("dependencies", "runtime"),
                ("optionalDependencies", "optional"),
                ("devDependencies", "dev"),
            ):
                listed = lists.get(section) or {}
                for name, ref in _object(listed, f"{section} of importer {importer!r}").items():
                    key = resolved(f"importer {importer!r}", name, ref)
                    if key is not None:
                        roots.append((key, scope))
        edges: dict[str, list[tuple[str, bool]]] = {}
        for key, snap in snapshots.items():
            snap = _object(snap if snap is not None else {}, f"package {key!r}")
            for section, optional in (("dependencies", False), ("optionalDependencies", True)):
                for name, ref in _object(snap.get(section) or {}, f"{section} of {key!r}").items():
                    target = resolved(f"package {key!r}", name, ref)
                    if target is not None:
                        edges.setdefault(key, []).append((target, optional))
        # Every package pnpm writes has a resolution, and in 9.x a snapshot: a package without them
        # is where a file was cut short.
        bases = {_PEER_SUFFIX.sub("", k) for k in snapshots}
        for key, info in packages.items():
            if not isinstance(info, dict) or "resolution" not in info:
                raise SourceError(f"package {key!r} has no resolution (truncated file?)")
            if major >= 9 and key not in bases:
                raise SourceError(f"package {key!r} has no snapshot (truncated file?)")
        derived = _derive_scopes(edges, roots)
        direct = {k for k, _ in roots}
        found: list[_Found] = []
        for key, snap in snapshots.items():
            snap = snap if isinstance(snap, dict) else {}
            base = _PEER_SUFFIX.sub("", key)
            if major >= 9:
                if base not in packages:
                    raise SourceError(f"snapshot {key!r} has no package entry (truncated file?)")
                info = packages[base] if isinstance(packages[base], dict) else {}
                line = lines.get(base) or snap_lines.get(key)
            else:
                info = snap
                line = lines.get(key)
            name, version = _pnpm_name_version(base, major)
            if isinstance(info.get("name"), str):
                name = info["name"]
            if info.get("version") is not None:
                version = str(info["version"])
            if "dev" in snap and major < 9:
                # pnpm 5-8 record dev: true (dev only), false (production); absent means both.
                scope = (
                    "dev"
                    if snap["dev"] is True
                    else "optional"
                    if snap.get("optional") is True
                    else "runtime"
                )
            elif snap.get("optional") is True:
                scope = "optional" if derived.get(key) != "dev" else "dev"
            else:
                scope = derived.get(key, "runtime")
            found.append(_Found(name, version, scope, key in direct, None, _source(path, line), line or 0))
        return _merge(found)


def _pnpm_name_version(key: str, major: int) -> tuple[str, str | None]:
    """A pnpm package key without its peer suffix to (name, version)."""
    body = key.removeprefix("/")
    if major < 6:
        name, _, version = body.rpartition("/")
        # v5 joins peers with '_' ("17.0.2_react@17.0.2"); semver itself never contains '_'.
        version = version.split("_", 1)[0]
    else:
        at = body.rfind("@")
        name, version = (body[:at], body[at + 1 :]) if at > 0 else (body, "")
    if not name:
        raise SourceError(f"cannot read package key {key!r}")
    return name, version or None


# ---------------------------------------------------------------- node_modules


# The names pkg.go.dev's license detection reads besides LICENSE*/LICENCE*/COPYING*: UNLICENSE
# (the Unlicense, which BurntSushi's crates and Go modules ship beside LICENSE-MIT) and
# MIT-LICENSE / MIT_LICENSE (golang/pkgsite, internal/licenses/licenses.go, FileNames).
_LICENSE_FILE = re.compile(r"^(?:(?:un|mit[-_])?licen[cs]e|copying)", re.IGNORECASE)
_NOT_LICENSE_SUFFIXES = (".js", ".cjs", ".mjs", ".ts", ".json", ".map", ".html", ".css")
_SEE_LICENSE_IN = re.compile(r"^\s*SEE\s+LICEN[CS]E\s+IN\s+(.+?)\s*$", re.IGNORECASE)


def detect_license_text(path: str, text: str) -> str | None:
    """The SPDX expression the detection engine reads in one license file's text, or None."""
    from commonscheck.audit import licensedb, scan
    from commonscheck.cache import default_cache_dir

    if scan._INDEX is None:
        scan._INDEX = licensedb.load_index(default_cache_dir())
    expression = scan.analyse_text(path, text)["x"]
    return expression if isinstance(expression, str) else None


@dataclass(slots=True)
class _Installed:
    found: _Found
    folder: str  # real path
    deps: list[tuple[str, bool]]


def _read_capped(path: str, limit: int) -> bytes | None:
    """A regular file's bytes, never through a symlink; None when it is not one or is larger."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    if not os.path.isfile(path) or os.path.islink(path) or st.st_size > limit:
        return None
    with open(path, "rb") as fh:
        return fh.read(limit + 1)


def read_node_modules(root: Path) -> tuple[list[Package], list[ReadError]]:
    """Every package installed under `root`/node_modules (or `root` itself when it is a node_modules
    folder), each distinct (name, version) once, with what the files say.

    Walks package folders, @scope folders, nested node_modules and pnpm's .pnpm store, never
    following a symlink (links point at the project's own workspaces, at folders read elsewhere in
    the tree, or outside it). `declared` is the package.json `license` or legacy `licenses`;
    `detected` is what the detection engine reads in the folder's LICENSE*/LICENCE*/COPYING* files
    and in the file a "SEE LICENSE IN <file>" names. With the project's package.json beside
    node_modules, direct and scope follow from its lists through Node's resolution of each package's
    dependencies; without it, nothing is direct and everything is runtime. A package.json that
    cannot be read is a ReadError, and the rest is still read.
    """
    base = root if root.name == "node_modules" else root / "node_modules"
    project = os.path.realpath(base.parent)
    errors: list[ReadError] = []
    if not os.path.isdir(base) or os.path.islink(base):
        return [], errors
    base_real = os.path.join(project, "node_modules")

    def rel(path: str) -> str:
        return PurePosixPath(Path(os.path.relpath(path, project))).as_posix()

    installed: dict[str, _Installed] = {}
    detections: dict[str, str | None] = {}
    todo = [base_real]
    while todo:
        folder = todo.pop()
        for name, sub in _package_folders(folder):
            if name == ".pnpm":
                todo.extend(os.path.join(sub, d.name, "node_modules") for d in _real_dirs(sub))
                continue
            record = _read_installed(sub, name, rel, errors, detections)
            if record is not None:
                installed[sub] = record
            nested = os.path.join(sub, "node_modules")
            if os.path.isdir(nested) and not os.path.islink(nested):
                todo.append(nested)

    def resolve(name: str, start: str) -> str | None:
        # Node's lookup: <dir>/node_modules/<name> for dir and each ancestor up to the project,
        # skipping ancestors that are themselves node_modules folders.
        here = start
        while True:
            if os.path.basename(here) != "node_modules":
                candidate = os.path.realpath(os.path.join(here, "node_modules", name))
                if candidate in installed:
                    return candidate
            if here == project or len(here) <= len(project):
                return None
            here = os.path.dirname(here)

    roots: list[tuple[str, str]] = []
    manifest_path = os.path.join(project, "package.json")
    raw = _read_capped(manifest_path, MAX_MANIFEST_BYTES)
    if raw is not None:
        try:
            for want in _manifest_wants(_json(_text(raw))):
                target = resolve(want.name, project)
                if target is not None:
                    roots.append((target, want.scope))
        except SourceError as exc:
            errors.append(ReadError(rel(manifest_path), str(exc)))
    edges = {
        folder: [(t, optional) for name, optional in rec.deps if (t := resolve(name, folder)) is not None]
        for folder, rec in installed.items()
    }
    scopes = _derive_scopes(edges, roots)
    direct = {t for t, _ in roots}
    for folder, rec in installed.items():
        rec.found.scope = scopes.get(folder, "runtime")
        rec.found.direct = folder in direct
    return _merge(rec.found for rec in installed.values()), errors


def _real_dirs(folder: str) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as it:
            return sorted(
                (e for e in it if not e.is_symlink() and e.is_dir(follow_symlinks=False)),
                key=lambda e: e.name,
            )
    except OSError:
        return []


def _package_folders(node_modules: str) -> list[tuple[str, str]]:
    """(package name, folder) for the real package folders directly in a node_modules folder, and
    (".pnpm", folder) for pnpm's store."""
    out: list[tuple[str, str]] = []
    for entry in _real_dirs(node_modules):
        if entry.name == ".pnpm":
            out.append((".pnpm", entry.path))
        elif entry.name.startswith("."):
            continue  # .bin, .cache: tooling, not packages
        elif entry.name.startswith("@"):
            out.extend((f"{entry.name}/{sub.name}", sub.path) for sub in _real_dirs(entry.path))
        else:
            out.append((entry.name, entry.path))
    return out


def _read_installed(
    folder: str,
    folder_name: str,
    rel: Callable[[str], str],
    errors: list[ReadError],
    detections: dict[str, str | None],
) -> _Installed | None:
    manifest = os.path.join(folder, "package.json")
    if not os.path.lexists(manifest):
        return None  # a leftover folder, not a package
    if os.path.islink(manifest) or not os.path.isfile(manifest):
        errors.append(ReadError(rel(manifest), "not a regular file (a symlink is never followed)"))
        return None
    if os.path.getsize(manifest) > MAX_MANIFEST_BYTES:
        errors.append(
            ReadError(rel(manifest), f"larger than {MAX_MANIFEST_BYTES // (1024 * 1024)} MiB, not read")
        )
        return None
    try:
        with open(manifest, "rb") as fh:
            doc = _json(_text(fh.read(MAX_MANIFEST_BYTES + 1)))
    except (SourceError, OSError) as exc:
        errors.append(ReadError(rel(manifest), str(exc)))
        return None
    raw_name, raw_version = doc.get("name"), doc.get("version")
    name = raw_name if isinstance(raw_name, str) and raw_name else folder_name
    version = raw_version if isinstance(raw_version, str) and raw_version else None
    license = _license_of(doc)
    try:
        with os.scandir(folder) as it:
            files = [
                e.name
                for e in it
                if _LICENSE_FILE.match(e.name)
                and not e.name.lower().endswith(_NOT_LICENSE_SUFFIXES)
                and not e.is_symlink()
                and e.is_file(follow_symlinks=False)
            ]
    except OSError as exc:
        errors.append(ReadError(rel(folder), f"cannot be listed: {exc.strerror}"))
        files = []
    if license is not None and license.expression is None:
        m = _SEE_LICENSE_IN.match(license.raw)
        if m is not None:
            target = os.path.normpath(os.path.join(folder, m.group(1)))
            # Only a file inside the package folder, reached through no symlink: the text must not
            # lead the reader out of the tree.
            if target.startswith(folder + os.sep) and os.path.realpath(target) == target:
                files.append(os.path.relpath(target, folder))
    found_exprs: list[str] = []
    for license_file in sorted(set(files)):
        full = os.path.join(folder, license_file)
        try:
            data = _read_capped(full, MAX_LICENSE_BYTES)
        except OSError as exc:
            errors.append(ReadError(rel(full), f"cannot be read: {exc.strerror}"))
            continue
        if data is None:
            if os.path.isfile(full) and not os.path.islink(full):
                errors.append(ReadError(rel(full), "license file too large, not read"))
            continue
        if b"\x00" in data:
            continue
        text = data.decode("utf-8", errors="replace")
        if text not in detections:
            detections[text] = detect_license_text(rel(full), text)
        if detections[text] is not None:
            found_exprs.append(str(detections[text]))
    deps: list[tuple[str, bool]] = []
    for section, optional in (
        ("dependencies", False),
        ("peerDependencies", False),
        ("optionalDependencies", True),
    ):
        listed = doc.get(section)
        if isinstance(listed, dict):
            deps.extend((n, optional) for n in listed if isinstance(n, str))
    found = _Found(name, version, "runtime", False, license, rel(manifest), 0, combine(found_exprs))
    return _Installed(found, folder, deps)


def sources() -> list[DependencySource]:
    """One instance of each npm file source."""
    return [PackageJsonSource(), NpmLockSource(), YarnLockSource(), PnpmLockSource()]
