# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Python dependencies, read statically: manifests, lockfiles and installed environments.

Manifests: pyproject.toml (PEP 621, PEP 735, Poetry, build-system), requirements files and
setup.cfg. Lockfiles: poetry.lock, uv.lock, Pipfile.lock, pdm.lock. Installed environments: the
core metadata (METADATA / PKG-INFO) of every distribution in a site-packages folder, with the
declared license read in PEP 639 order and the license files run through the detection engine.

Nothing from the scanned tree is ever run (no setup.py, no pip, no build backend), nothing is
fetched. PEP 508 requirement strings are parsed here with a small grammar of our own rather than
with `packaging`, which is not one of our runtime dependencies; all a dependency list needs from a
requirement is its name, extras, an exact pin and whether it is a URL.
"""

from __future__ import annotations

import bisect
import configparser
import email.parser
import email.policy
import json
import posixpath
import re
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from email.message import Message
from pathlib import Path
from typing import Any

from commonscheck.audit.expressions import combine
from commonscheck.audit.licnames import from_classifiers, normalise_license
from commonscheck.audit.sources.base import (
    MAX_MANIFEST_BYTES,
    DependencySource,
    SourceError,
    file_name,
    purl,
    toml_document,
)
from commonscheck.model import Package, ReadError

ECOSYSTEM = "pypi"

# License files are read whole and matched against the license index; a license text is a few
# kilobytes, and anything far larger is not one worth the matching time.
MAX_LICENSE_FILE_BYTES = 1024 * 1024

# A License field longer than this, or of several lines, is a pasted license text, not a name.
_LICENSE_NAME_MAX = 200


# ---------------------------------------------------------------- shared helpers


def normalise_name(name: str) -> str:
    """A distribution name normalised per PEP 503: lowercase, runs of `-`, `_`, `.` as one `-`."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _purl(name: str, version: str | None, qualifiers: Mapping[str, str] | None = None) -> str | None:
    return purl("pypi", name, version, qualifiers=qualifiers)


def _package(
    name: str,
    version: str | None,
    scope: str,
    direct: bool,
    source: str,
    qualifiers: Mapping[str, str] | None = None,
) -> Package:
    norm = normalise_name(name)
    return Package(
        ecosystem=ECOSYSTEM,
        name=norm,
        version=version,
        purl=_purl(norm, version, qualifiers),
        scope=scope,
        direct=direct,
        # Manifests and lockfiles of Python projects carry no licenses of their dependencies.
        declared=None,
        detected=None,
        source=source,
    )


def _dedupe(packages: Iterable[Package]) -> list[Package]:
    """Packages in first-seen order, each (name, version, scope, source) once: a PEP 735 group
    included by two others, or a name listed twice on one line, is one dependency."""
    seen: set[tuple[str, str | None, str, str]] = set()
    out: list[Package] = []
    for p in packages:
        key = (p.name, p.version, p.scope, p.source)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def _check_size(data: bytes) -> None:
    if len(data) > MAX_MANIFEST_BYTES:
        raise SourceError(f"file too large ({len(data)} bytes, limit {MAX_MANIFEST_BYTES})")


def _text(data: bytes, *, strict: bool) -> str:
    """The file as text. TOML and JSON must be UTF-8 (both specifications say so): `strict`
    refuses anything else. Requirements files are read as pip reads them, UTF-8 with a fallback,
    but binary junk (NUL bytes) is refused either way."""
    _check_size(data)
    if b"\0" in data[:8000]:
        raise SourceError("binary content, not a text file")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if strict:
            raise SourceError(f"not UTF-8 text (byte {exc.start})") from None
        return data.decode("latin-1")


_load_toml = toml_document


def _load_json(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise SourceError(f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    except RecursionError:
        raise SourceError("invalid JSON: nested too deeply") from None


class _Lines:
    """Line numbers of offsets in a text, and cheap searches for where a name is written: a
    TOML or JSON parser forgets positions, but a report should still point at the line."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0]
        self.starts.extend(m.end() for m in re.finditer("\n", text))

    def line(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset)

    def header(self, pattern: str) -> int:
        """The offset of the first line matching `pattern` (a table header), else 0."""
        m = re.search(pattern, self.text, re.M)
        return m.start() if m else 0

    def find(self, needles: Sequence[str], start: int = 0) -> int | None:
        """The offset of the earliest of `needles` at or after `start` (falling back to the whole
        text), or None."""
        for begin in (start, 0) if start else (0,):
            hits = [i for i in (self.text.find(n, begin) for n in needles) if i >= 0]
            if hits:
                return min(hits)
        return None


def _where(path: str, lines: _Lines, offset: int | None) -> str:
    return path if offset is None else f"{path}:{lines.line(offset)}"


def _quoted(raw: str) -> list[str]:
    return [f'"{raw}"', f"'{raw}'"]


def _table(value: object, where: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise SourceError(f"{where} is not a table")
    return value


def _list(value: object, where: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise SourceError(f"{where} is not an array")
    return value


def _str_list(value: object, where: str) -> list[str]:
    items = _list(value, where)
    if not all(isinstance(i, str) for i in items):
        raise SourceError(f"{where} holds something other than strings")
    return items


# ---------------------------------------------------------------- PEP 508 requirements


@dataclass(frozen=True, slots=True)
class Requirement:
    """What a dependency list needs from a PEP 508 requirement: the name as written, the
    extras, the exact version when the specifier pins one (`==1.2`, `===1.2`), the URL of a
    direct reference, and the environment marker."""

    name: str
    extras: tuple[str, ...]
    version: str | None
    url: str | None
    marker: str | None


_NAME = r"[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?"
_REQ_HEAD = re.compile(rf"^\s*({_NAME})\s*(?:\[([^\]]*)\])?\s*(.*)$", re.S)
_SPEC = re.compile(r"^\s*(~=|===|==|!=|<=|>=|<|>)\s*([A-Za-z0-9*+!._-]+)\s*$")
_EXTRA = re.compile(rf"^\s*{_NAME}\s*$")


def parse_requirement(text: str) -> Requirement:
    """Parse a PEP 508 requirement string; ValueError with the reason when it is not one."""
    m = _REQ_HEAD.match(text)
    if not m:
        raise ValueError("no package name")
    name, extras_text, rest = m[1], m[2], m[3].strip()
    extras: tuple[str, ...] = ()
    if extras_text is not None:
        parts = [e for e in (p.strip() for p in extras_text.split(",")) if e]
        if not all(_EXTRA.match(e) for e in parts):
            raise ValueError(f"bad extras [{extras_text}]")
        extras = tuple(normalise_name(e) for e in parts)
    url: str | None = None
    marker: str | None = None
    version: str | None = None
    if rest.startswith("@"):
        # PEP 508: a URL is ended by whitespace, and a marker after it needs whitespace before ';'
        body = rest[1:].strip()
        if not body:
            raise ValueError("'@' without a URL")
        pieces = re.split(r"\s+;", body, maxsplit=1)
        url_part = pieces[0].strip()
        if " " in url_part:
            raise ValueError(f"bad URL {url_part!r}")
        url = url_part
        marker = pieces[1].strip() if len(pieces) > 1 else None
    else:
        spec, _, marker_part = rest.partition(";")
        marker = marker_part.strip() or None
        spec = spec.strip()
        if spec.startswith("(") and spec.endswith(")"):
            spec = spec[1:-1]
        clauses = [c for c in spec.split(",")] if spec.strip() else []
        parsed = []
        for clause in clauses:
            sm = _SPEC.match(clause)
            if not sm:
                raise ValueError(f"bad version specifier {clause.strip()!r}")
            parsed.append((sm[1], sm[2]))
        if len(parsed) == 1 and parsed[0][0] in ("==", "===") and not parsed[0][1].endswith("*"):
            version = parsed[0][1]
    if marker is not None and not marker:
        raise ValueError("empty marker")
    return Requirement(name, extras, version, url, marker)


def _url_qualifiers(url: str | None) -> dict[str, str]:
    """purl qualifiers for a direct reference: a VCS URL or a download URL (purl spec, 'Known
    qualifiers key/value pairs')."""
    if not url:
        return {}
    if re.match(r"^(git|hg|svn|bzr)\+", url):
        # pip's `#egg=name&subdirectory=...` fragment tells pip what to build, it is no part of
        # where the code lives (the purl spec's vcs_url is `<type>+<url>@<revision>`).
        return {"vcs_url": url.split("#", 1)[0]}
    if url.startswith("file:") or "://" not in url:
        # a local file or folder (`-e ./pkg`): no URL anyone else could download from
        return {}
    return {"download_url": url}


def _from_requirement(raw: str, scope: str, direct: bool, source: str, where: str) -> Package:
    try:
        req = parse_requirement(raw)
    except ValueError as exc:
        raise SourceError(f"invalid requirement {raw!r} in {where}: {exc}") from None
    return _package(req.name, req.version, scope, direct, source, _url_qualifiers(req.url))


# ---------------------------------------------------------------- pyproject.toml


_POETRY_EXACT = re.compile(r"^\s*(?:==\s*)?(\d[A-Za-z0-9.+!-]*)\s*$")


def _poetry_version(spec: object) -> str | None:
    """The exact version a Poetry constraint pins: Poetry reads a bare `1.2.3` as `==1.2.3`
    (Poetry docs, 'Dependency specification', exact requirements)."""
    if isinstance(spec, dict):
        spec = spec.get("version")
    if isinstance(spec, str):
        m = _POETRY_EXACT.match(spec)
        if m and "*" not in spec:
            return m[1]
    return None


def _poetry_qualifiers(spec: object) -> dict[str, str]:
    if isinstance(spec, dict):
        if isinstance(spec.get("git"), str):
            ref = next((spec[k] for k in ("rev", "tag", "branch") if isinstance(spec.get(k), str)), None)
            return {"vcs_url": f"git+{spec['git']}" + (f"@{ref}" if ref else "")}
        if isinstance(spec.get("url"), str):
            return {"download_url": spec["url"]}
    return {}


class PyprojectSource(DependencySource):
    """pyproject.toml: PEP 621 `[project]` dependencies (runtime) and optional-dependencies
    (optional), PEP 735 `[dependency-groups]` (dev, `include-group` resolved), Poetry's tables
    (runtime without `python`; groups and legacy dev-dependencies: dev; `optional = true`:
    optional), PDM's and uv's legacy dev-dependency tables (dev) and `[build-system] requires`
    (build). Every one is direct; versions only where pinned exactly."""

    ecosystem = ECOSYSTEM

    def handles(self, path: str) -> bool:
        return file_name(path) == "pyproject.toml"

    def read(self, path: str, data: bytes) -> list[Package]:
        text = _text(data, strict=True)
        doc = _load_toml(text)
        lines = _Lines(text)
        out: list[Package] = []

        def strings(items: list[str], scope: str, header: str, where: str) -> None:
            cursor = lines.header(header)
            for raw in items:
                at = lines.find(_quoted(raw), cursor)
                if at is not None and at >= cursor:
                    cursor = at + 1
                out.append(_from_requirement(raw, scope, True, _where(path, lines, at), where))

        project = _table(doc.get("project"), "[project]")
        strings(
            _str_list(project.get("dependencies"), "project.dependencies"),
            "runtime",
            r"^\s*\[\s*project\s*\]",
            "project.dependencies",
        )
        optional = _table(project.get("optional-dependencies"), "project.optional-dependencies")
        for extra, items in optional.items():
            where = f"project.optional-dependencies.{extra}"
            strings(
                _str_list(items, where), "optional", r"^\s*\[\s*project\.optional-dependencies\s*\]", where
            )

        groups = _table(doc.get("dependency-groups"), "[dependency-groups]")
        for group in groups:
            where = f"dependency-groups.{group}"
            strings(_resolve_group(groups, group), "dev", r"^\s*\[\s*dependency-groups\s*\]", where)

        build = _table(doc.get("build-system"), "[build-system]")
        strings(
            _str_list(build.get("requires"), "build-system.requires"),
            "build",
            r"^\s*\[\s*build-system\s*\]",
            "build-system.requires",
        )

        tool = _table(doc.get("tool"), "[tool]")
        poetry = _table(tool.get("poetry"), "[tool.poetry]")
        # Poetry 2 reads [project] first; a [tool.poetry.dependencies] entry for a name already in
        # project.dependencies only adds a source or markers to it, it is not a second dependency.
        in_project = {normalise_name(p.name) for p in out if p.scope == "runtime"}
        self._poetry_table(
            path, lines, poetry.get("dependencies"), "dependencies", "runtime", out, skip=in_project
        )
        self._poetry_table(path, lines, poetry.get("dev-dependencies"), "dev-dependencies", "dev", out)
        for name, group in _table(poetry.get("group"), "tool.poetry.group").items():
            g = _table(group, f"tool.poetry.group.{name}")
            self._poetry_table(path, lines, g.get("dependencies"), f"group.{name}.dependencies", "dev", out)

        pdm = _table(tool.get("pdm"), "[tool.pdm]")
        for name, items in _table(pdm.get("dev-dependencies"), "tool.pdm.dev-dependencies").items():
            where = f"tool.pdm.dev-dependencies.{name}"
            strings(_str_list(items, where), "dev", r"^\s*\[\s*tool\.pdm\.dev-dependencies\s*\]", where)
        uv = _table(tool.get("uv"), "[tool.uv]")
        strings(
            _str_list(uv.get("dev-dependencies"), "tool.uv.dev-dependencies"),
            "dev",
            r"^\s*\[\s*tool\.uv\s*\]",
            "tool.uv.dev-dependencies",
        )
        # `[tool.uv.sources] lib = { workspace = true }`: lib is a member of the project's own uv
        # workspace, the project itself (uv.lock skips it too), not a package it gets.
        sources = _table(uv.get("sources"), "tool.uv.sources")
        members = {
            normalise_name(name)
            for name, spec in sources.items()
            if isinstance(spec, dict) and spec.get("workspace") is True
        }
        return _dedupe(p for p in out if p.name not in members)

    def defines(self, path: str, data: bytes) -> frozenset[str]:
        """The project's own name: `[project] name`, or Poetry's `[tool.poetry] name`."""
        doc = _load_toml(_text(data, strict=True))
        names: set[str] = set()
        for table in (doc.get("project"), (doc.get("tool") or {}).get("poetry")):
            name = table.get("name") if isinstance(table, dict) else None
            if isinstance(name, str) and re.fullmatch(_NAME, name):
                names.add(normalise_name(name))
        return frozenset(names)

    @staticmethod
    def _poetry_table(
        path: str,
        lines: _Lines,
        value: object,
        table: str,
        scope: str,
        out: list[Package],
        skip: set[str] | frozenset[str] = frozenset(),
    ) -> None:
        deps = _table(value, f"tool.poetry.{table}")
        start = lines.header(rf"^\s*\[\s*tool\.poetry\.{re.escape(table)}\s*\]")
        for key, spec in deps.items():
            if key.lower() == "python" or normalise_name(key) in skip:
                # `python` is the interpreter constraint, not a package
                continue
            if not re.fullmatch(_NAME, key):
                raise SourceError(f"invalid package name {key!r} in tool.poetry.{table}")
            specs = spec if isinstance(spec, list) else [spec]
            if not all(isinstance(s, (str, dict)) for s in specs):
                raise SourceError(f"invalid constraint for {key!r} in tool.poetry.{table}")
            optional = any(isinstance(s, dict) and s.get("optional") is True for s in specs)
            versions = {_poetry_version(s) for s in specs}
            version = versions.pop() if len(versions) == 1 else None
            m = re.compile(rf"^[ \t]*[\"']?{re.escape(key)}[\"']?[ \t]*=", re.M).search(lines.text, start)
            out.append(
                _package(
                    key,
                    version,
                    "optional" if optional and scope == "runtime" else scope,
                    True,
                    _where(path, lines, m.start() if m else None),
                    _poetry_qualifiers(specs[0]),
                )
            )


def _resolve_group(groups: dict[str, Any], name: str, stack: tuple[str, ...] = ()) -> list[str]:
    """The requirement strings of a PEP 735 group with `{include-group = ...}` expanded; an
    unknown or cyclic include is an error (PEP 735: tools "should" report it)."""
    if name in stack:
        raise SourceError(f"dependency-groups: include-group cycle {' -> '.join((*stack, name))}")
    if name not in groups:
        # group names compare normalised (PEP 735 'Specification')
        match = [g for g in groups if normalise_name(g) == normalise_name(name)]
        if not match:
            raise SourceError(f"dependency-groups: include-group {name!r} is not defined")
        name = match[0]
    out: list[str] = []
    for item in _list(groups[name], f"dependency-groups.{name}"):
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict) and isinstance(item.get("include-group"), str):
            out.extend(_resolve_group(groups, item["include-group"], (*stack, name)))
        else:
            raise SourceError(f"dependency-groups.{name}: entry {item!r} is neither a string nor an include")
    return out


# ---------------------------------------------------------------- requirements files


_REQ_FILE = re.compile(r"^(?:[\w.-]*[-_.])?requirements(?:[-_.][\w.-]*)?\.(?:txt|in)$", re.I)
_CONSTRAINTS_FILE = re.compile(r"^(?:[\w.-]*[-_.])?constraints(?:[-_.][\w.-]*)?\.(?:txt|in)$", re.I)
# Requirements files whose name says they are for development: tests, docs, linting, CI.
_DEV_WORDS = frozenset({"dev", "devel", "develop", "test", "tests", "testing", "docs", "doc", "lint", "ci"})
_COMMENT = re.compile(r"(^|\s+)#.*$")
_VIA = re.compile(r"^\s*#\s+via\b\s*(.*)$")
_VIA_MORE = re.compile(r"^\s+#\s{2,}(\S.*)$")
_ARCHIVE = re.compile(r"\.(?:whl|tar\.gz|tar\.bz2|tar\.xz|tgz|zip)$", re.I)
_NAMED_URL = re.compile(rf"^\s*{_NAME}\s*(?:\[[^\]]*\])?\s*@")
_EGG = re.compile(r"[#&]egg=([^&#\s]+)")


@dataclass(slots=True)
class _Line:
    number: int
    text: str
    via: list[str]


def _logical_lines(text: str) -> list[_Line]:
    """Lines as pip reads them: a backslash at the end continues a line, comments are removed
    (pip's `join_lines`, then `ignore_comments`). pip-compile's `# via` annotations below a
    requirement are kept with it: they tell a direct requirement from a transitive one."""
    out: list[_Line] = []
    pending: list[str] = []
    start = 0
    in_via = False
    for number, physical in enumerate(text.splitlines(), 1):
        if not pending:
            via = _VIA.match(physical)
            if via and out:
                in_via = True
                if via[1].strip():
                    out[-1].via.append(via[1].strip())
                continue
            more = _VIA_MORE.match(physical)
            if in_via and more and out:
                out[-1].via.append(more[1].strip())
                continue
            in_via = False
            start = number
        if physical.endswith("\\") and not _COMMENT.search(physical):
            pending.append(physical[:-1])
            continue
        pending.append(physical)
        line = _COMMENT.sub("", "".join(pending)).strip()
        pending = []
        if line:
            out.append(_Line(start, line, []))
    if pending:
        line = _COMMENT.sub("", "".join(pending)).strip()
        if line:
            out.append(_Line(start, line, []))
    return out


_INCLUDE_OPTS = {"-r": "r", "--requirement": "r", "-c": "c", "--constraint": "c"}
_EDITABLE_OPTS = ("-e", "--editable")


def _option(line: str, names: Iterable[str]) -> tuple[str, str] | None:
    """(option, value) when `line` is one of these options: `-r x`, `-rx`, `--requirement=x`."""
    for opt in names:
        if line == opt:
            return opt, ""
        if line.startswith(opt):
            rest = line[len(opt) :]
            if opt.startswith("--"):
                if rest[:1] in ("=", " ", "\t"):
                    return opt, rest[1:].strip()
            elif rest[:1] in ("=", " ", "\t"):
                return opt, rest[1:].strip()
            elif not rest[:1].isspace():
                return opt, rest.strip()
    return None


def _includes(path: str, data: bytes, kind: str) -> list[str]:
    text = _text(data, strict=False)
    folder = posixpath.dirname(path)
    out: list[str] = []
    for line in _logical_lines(text):
        found = _option(line.text, _INCLUDE_OPTS)
        if found is None or _INCLUDE_OPTS[found[0]] != kind or not found[1]:
            continue
        target = found[1].split()[0]
        # URLs are never fetched; absolute paths and paths climbing out are outside the tree
        if "://" in target or target.startswith("/") or re.match(r"^[A-Za-z]:[\\/]", target):
            continue
        joined = posixpath.normpath(posixpath.join(folder, target.replace("\\", "/")))
        if joined == ".." or joined.startswith("../") or joined == ".":
            continue
        if joined not in out:
            out.append(joined)
    return out


def requirement_includes(path: str, data: bytes) -> list[str]:
    """The files a requirements file includes with `-r`/`--requirement`, as POSIX paths relative
    to the scanned root (resolved against the including file's folder, as pip does). URLs,
    absolute paths and paths leaving the tree are left out: they are never read. Files included
    with `-c` are not listed: a constraint is no dependency by itself (see `constraint_includes`).
    The caller reads each file once, which also ends include cycles."""
    return _includes(path, data, "r")


def constraint_includes(path: str, data: bytes) -> list[str]:
    """The files a requirements file names with `-c`/`--constraint`, resolved as in
    `requirement_includes`. They only narrow versions of what is required elsewhere, so they
    yield no packages; this is for a caller that wants to show them."""
    return _includes(path, data, "c")


def _requirements_scope(path: str) -> str:
    """`dev` for a file whose name says it is for development (requirements-dev.txt,
    test-requirements.txt, requirements/docs.txt); `runtime` otherwise."""
    p = path.lower()
    stem = posixpath.basename(p).rsplit(".", 1)[0]
    words = set(re.split(r"[-_.]+", stem))
    if posixpath.basename(posixpath.dirname(p)) == "requirements":
        words.add(stem)
    return "dev" if words & _DEV_WORDS else "runtime"


def _name_from_location(location: str, folder: str) -> tuple[str, str | None] | None:
    """(name, version) of a requirement given as a URL or path: `#egg=` names it, else a wheel
    or sdist file name (`name-1.0-py3-none-any.whl`, `name-1.0.tar.gz`), else a local folder's
    name. None for a folder of the scanned tree (`-e .`, `-e ./libs/core`): the project's own code,
    whose files the scan reads (package.json's `file:` folders are treated alike); ValueError when
    nothing names it (a VCS or web URL without `#egg=`)."""
    egg = _EGG.search(location)
    if egg:
        name, _, version = egg[1].partition("==")
        return name.split("[")[0], version or None
    bare = re.sub(r"[#?].*$", "", location)
    bare = re.sub(r"^[a-z]+(\+[a-z]+)?://[^/]*", "", bare).replace("\\", "/").rstrip("/")
    # "-e .[socks]": extras name what to install with the package, not the package
    bare = re.sub(r"\[[^\]/]*\]$", "", bare).rstrip("/")
    base = posixpath.basename(bare)
    if _ARCHIVE.search(base):
        stem = _ARCHIVE.sub("", base)
        if base.lower().endswith(".whl"):
            # wheel names: {name}-{version}(-{build})?-{python}-{abi}-{platform}
            parts = stem.split("-")
            if len(parts) >= 5:
                return parts[0], parts[1]
        m = re.match(r"^(.+?)-(\d[^-]*)$", stem)
        if m:
            return m[1], m[2]
        return stem, None
    if "://" in location and not location.startswith("file:"):
        # A repository or page URL names no distribution: pip would have to build it to know.
        raise ValueError(f"cannot tell the package name of {location!r} (no #egg=)")
    if not location.startswith("file:"):
        joined = posixpath.normpath(posixpath.join(folder, bare or "."))
        if joined == "." or not (joined.startswith(("../", "/")) or joined == ".."):
            return None
        base = posixpath.basename(joined)
    if not base or base in (".", "..") or not re.fullmatch(_NAME, base):
        raise ValueError(f"cannot tell the package name of {location!r}")
    return base, None


class RequirementsSource(DependencySource):
    """pip requirements files (requirements*.txt, *-requirements.txt, requirements*.in,
    requirements/*.txt) and constraints files (constraints*.txt), read as pip reads them but
    without following anything: includes are listed by `includes` for the caller to read.

    Every requirement is direct unless pip-compile's `# via` annotations say something else
    required it; the scope is `dev` when the file's name says it is for development. Constraints
    files yield nothing: a constraint only narrows the version of something required elsewhere,
    and is no dependency by itself."""

    ecosystem = ECOSYSTEM

    def handles(self, path: str) -> bool:
        name = file_name(path)
        if _REQ_FILE.match(name) or _CONSTRAINTS_FILE.match(name):
            return True
        parent = posixpath.basename(posixpath.dirname(path))
        return parent == "requirements" and name.endswith((".txt", ".in"))

    def includes(self, path: str, data: bytes) -> list[str]:
        """See `requirement_includes`."""
        return requirement_includes(path, data)

    def read(self, path: str, data: bytes) -> list[Package]:
        text = _text(data, strict=False)
        constraints = bool(_CONSTRAINTS_FILE.match(file_name(path)))
        scope = _requirements_scope(path)
        folder = posixpath.dirname(path)
        out: list[Package] = []
        for line in _logical_lines(text):
            source = f"{path}:{line.number}"
            direct = not line.via or any(_via_is_direct(v) for v in line.via)
            body = line.text
            if body.startswith("-"):
                include = _option(body, _INCLUDE_OPTS)
                if include is not None and not include[1]:
                    raise SourceError(f"line {line.number}: {include[0]} without a file")
                editable = _option(body, _EDITABLE_OPTS)
                if editable is None:
                    # -r/-c (read by the caller), index and install options: not packages
                    continue
                location = editable[1].strip("'\"")
                if not location:
                    raise SourceError(f"line {line.number}: {editable[0]} without a location")
                try:
                    found = _name_from_location(location, folder)
                except ValueError as exc:
                    raise SourceError(f"line {line.number}: {exc}") from None
                if found is None:
                    continue
                out.append(_package(found[0], None, scope, direct, source, _url_qualifiers(location)))
                continue
            # per-requirement options (--hash, --config-settings) follow the requirement
            requirement = re.split(r"\s+--?[A-Za-z]", body, maxsplit=1)[0].strip()
            package = self._requirement(requirement, folder, scope, direct, source, line.number)
            if package is not None:
                out.append(package)
        return [] if constraints else _dedupe(out)

    @staticmethod
    def _requirement(
        text: str, folder: str, scope: str, direct: bool, source: str, number: int
    ) -> Package | None:
        # A marker after a URL or path needs whitespace around its ';' (pip and PEP 508 agree).
        location = re.split(r"\s;|;\s", text, maxsplit=1)[0].strip()
        named = _NAMED_URL.match(text) is not None
        if not named and (
            "://" in location or location.startswith((".", "/", "file:")) or _ARCHIVE.search(location)
        ):
            try:
                found = _name_from_location(location, folder)
            except ValueError as exc:
                raise SourceError(f"line {number}: {exc}") from None
            if found is None:
                return None  # a folder of the tree: the project's own code
            return _package(found[0], found[1], scope, direct, source, _url_qualifiers(location))
        try:
            req = parse_requirement(text)
        except ValueError as exc:
            raise SourceError(f"invalid requirement at line {number}: {exc}") from None
        return _package(req.name, req.version, scope, direct, source, _url_qualifiers(req.url))


def _via_is_direct(via: str) -> bool:
    # "-r requirements.in" or "myproject (pyproject.toml)": the project asked for it itself
    return via.startswith(("-r ", "--requirement")) or bool(
        re.search(r"\((?:pyproject\.toml|setup\.\w+)\)$", via)
    )


# ---------------------------------------------------------------- setup.cfg


class SetupCfgSource(DependencySource):
    """setup.cfg `[options]`: install_requires (runtime), setup_requires (build), tests_require
    (dev) and `[options.extras_require]` (optional). Values are setuptools' "list-semi": one
    requirement a line, or `;`-separated on one line. `file:` directives are not followed (the
    source reads one file); setup.py is never run."""

    ecosystem = ECOSYSTEM

    def handles(self, path: str) -> bool:
        return file_name(path) == "setup.cfg"

    def read(self, path: str, data: bytes) -> list[Package]:
        text = _text(data, strict=False)
        parser = configparser.ConfigParser(interpolation=None, strict=False)
        try:
            parser.read_string(text)
        except configparser.Error as exc:
            raise SourceError("invalid setup.cfg: " + " ".join(str(exc).split())) from None
        lines = _Lines(text)
        out: list[Package] = []

        def add(section: str, key: str, scope: str) -> None:
            value = parser.get(section, key, fallback="").strip()
            if not value or value.startswith(("file:", "attr:")):
                return
            items = value.splitlines() if "\n" in value else value.split(";")
            cursor = lines.header(rf"^\s*\[\s*{re.escape(section)}\s*\]")
            for raw in (i.strip() for i in items):
                if not raw:
                    continue
                at = lines.find([raw], cursor)
                if at is not None and at >= cursor:
                    cursor = at + 1
                out.append(_from_requirement(raw, scope, True, _where(path, lines, at), f"[{section}] {key}"))

        if parser.has_section("options"):
            add("options", "install_requires", "runtime")
            add("options", "setup_requires", "build")
            add("options", "tests_require", "dev")
        if parser.has_section("options.extras_require"):
            for extra in parser.options("options.extras_require"):
                add("options.extras_require", extra, "optional")
        return _dedupe(out)


# ---------------------------------------------------------------- lockfiles


def _name_lines(text: str) -> dict[str, deque[int]]:
    """Offsets of `name = "..."` at the start of a line, by name, in file order: in poetry.lock,
    uv.lock and pdm.lock that is how each `[[package]]` names itself (dependency references are
    indented or inline and do not match)."""
    out: dict[str, deque[int]] = {}
    for m in re.finditer(r'^name\s*=\s*"([^"]*)"', text, re.M):
        out.setdefault(m[1], deque()).append(m.start())
    return out


def _lock_packages(doc: dict[str, Any], lock: str) -> list[dict[str, Any]]:
    packages = _list(doc.get("package"), f"{lock} [[package]]")
    for i, p in enumerate(packages):
        if not isinstance(p, dict) or not isinstance(p.get("name"), str) or not p["name"]:
            raise SourceError(f"{lock}: package entry {i + 1} has no name (truncated or damaged?)")
        if "version" in p and not isinstance(p["version"], str):
            raise SourceError(f"{lock}: package {p['name']!r} has a version that is not a string")
    return packages


def _positions(path: str, lines: _Lines, names: dict[str, deque[int]], name: str) -> str:
    q = names.get(name)
    return _where(path, lines, q.popleft() if q else None)


class PoetryLockSource(DependencySource):
    """poetry.lock (lock-version 1.x and 2.x): every locked package, transitive (the lock does
    not say which are direct; the pyproject.toml beside it does). Scope from `groups` (Poetry 2:
    `main` -> runtime, any other group -> dev) or `category` (Poetry < 1.5: main / dev); an
    `optional = true` package of main is optional."""

    ecosystem = ECOSYSTEM

    def handles(self, path: str) -> bool:
        return file_name(path) == "poetry.lock"

    def read(self, path: str, data: bytes) -> list[Package]:
        text = _text(data, strict=True)
        doc = _load_toml(text)
        # Poetry writes [metadata] last: a file cut short has none.
        if not isinstance(doc.get("metadata"), dict):
            raise SourceError("poetry.lock has no [metadata] table (truncated?)")
        lines = _Lines(text)
        names = _name_lines(text)
        out: list[Package] = []
        for p in _lock_packages(doc, "poetry.lock"):
            if not isinstance(p.get("version"), str):
                raise SourceError(f"poetry.lock: package {p['name']!r} has no version")
            groups = p.get("groups")
            category = p.get("category")
            if isinstance(groups, list) and groups:
                main = "main" in groups
            elif isinstance(category, str):
                main = category == "main"
            else:
                main = True
            scope = ("optional" if p.get("optional") is True else "runtime") if main else "dev"
            qualifiers: dict[str, str] = {}
            src = p.get("source")
            if isinstance(src, dict) and isinstance(src.get("url"), str):
                kind = src.get("type")
                if kind == "git":
                    ref = src.get("resolved_reference") or src.get("reference")
                    qualifiers["vcs_url"] = f"git+{src['url']}" + (f"@{ref}" if isinstance(ref, str) else "")
                elif kind == "url":
                    qualifiers["download_url"] = src["url"]
                elif kind == "legacy":
                    qualifiers["repository_url"] = src["url"]
            out.append(
                _package(
                    p["name"],
                    p["version"],
                    scope,
                    False,
                    _positions(path, lines, names, p["name"]),
                    qualifiers,
                )
            )
        return out


class PdmLockSource(DependencySource):
    """pdm.lock: every locked package, transitive. Scope from the package's `groups` (lock
    format 4.4+): `default` -> runtime, only other groups -> dev (PDM's lock does not tell an
    optional-dependencies group from a dev group; both are named groups there). A package
    locked once per extra (`extras = [...]`) is one package."""

    ecosystem = ECOSYSTEM

    def handles(self, path: str) -> bool:
        return file_name(path) == "pdm.lock"

    def read(self, path: str, data: bytes) -> list[Package]:
        text = _text(data, strict=True)
        doc = _load_toml(text)
        if not isinstance(doc.get("metadata"), dict):
            raise SourceError("pdm.lock has no [metadata] table")
        lines = _Lines(text)
        names = _name_lines(text)
        packages = _lock_packages(doc, "pdm.lock")
        locked = {normalise_name(p["name"]) for p in packages}
        out: list[Package] = []
        for p in packages:
            # A lock cut short between packages still parses; a dependency that is nowhere in
            # it gives that away (PDM's cross-platform locks hold every unconditional one).
            for dep in _str_list(p.get("dependencies"), f"pdm.lock: dependencies of {p['name']!r}"):
                try:
                    req = parse_requirement(dep)
                except ValueError:
                    continue
                if req.marker is None and normalise_name(req.name) not in locked:
                    raise SourceError(
                        f"pdm.lock: {req.name!r}, a dependency of {p['name']!r}, is not locked (truncated?)"
                    )
            groups = p.get("groups")
            scope = "runtime" if not isinstance(groups, list) or "default" in groups else "dev"
            qualifiers: dict[str, str] = {}
            if isinstance(p.get("git"), str):
                rev = p.get("revision")
                qualifiers["vcs_url"] = f"git+{p['git']}" + (f"@{rev}" if isinstance(rev, str) else "")
            elif isinstance(p.get("url"), str):
                qualifiers["download_url"] = p["url"]
            version = p.get("version") if isinstance(p.get("version"), str) else None
            out.append(
                _package(
                    p["name"], version, scope, False, _positions(path, lines, names, p["name"]), qualifiers
                )
            )
        return _dedupe_by_version(out)


def _dedupe_by_version(packages: list[Package]) -> list[Package]:
    """One record per (name, version): the widest scope wins, the first line is kept."""
    rank = {"runtime": 0, "optional": 1, "build": 2, "dev": 3}
    by_key: dict[tuple[str, str | None], Package] = {}
    for p in packages:
        old = by_key.get((p.name, p.version))
        if old is None:
            by_key[(p.name, p.version)] = p
        elif rank[p.scope] < rank[old.scope]:
            by_key[(p.name, p.version)] = replace(old, scope=p.scope, direct=old.direct or p.direct)
    return list(by_key.values())


class UvLockSource(DependencySource):
    """uv.lock: every locked package except the project's own (the root and workspace members,
    locked with an `editable`/`virtual` source). Scope and directness come from the dependency
    graph the lock records: what the roots' `dependencies` reach is runtime, what only their
    `optional-dependencies` reach is optional, what only their `dev-dependencies` (PEP 735
    groups) reach is dev; direct = named by a root."""

    ecosystem = ECOSYSTEM

    def handles(self, path: str) -> bool:
        return file_name(path) == "uv.lock"

    def read(self, path: str, data: bytes) -> list[Package]:
        text = _text(data, strict=True)
        doc = _load_toml(text)
        if not isinstance(doc.get("version"), int):
            raise SourceError("uv.lock has no lock format `version`")
        packages = _lock_packages(doc, "uv.lock")
        lines = _Lines(text)
        names = _name_lines(text)
        members = set(_str_list(_table(doc.get("manifest"), "[manifest]").get("members"), "manifest.members"))
        members = {normalise_name(m) for m in members}
        by_name: dict[str, list[int]] = {}
        for i, p in enumerate(packages):
            if not isinstance(p.get("source"), dict):
                raise SourceError(f"uv.lock: package {p['name']!r} has no source (truncated?)")
            by_name.setdefault(normalise_name(p["name"]), []).append(i)

        def is_root(p: dict[str, Any]) -> bool:
            src = p["source"]
            local = src.get("editable", src.get("virtual"))
            return isinstance(local, str) and (local == "." or normalise_name(p["name"]) in members)

        roots = [i for i, p in enumerate(packages) if is_root(p)]

        def refs(value: object, owner: str) -> list[dict[str, Any]]:
            items = _list(value, f"uv.lock: dependencies of {owner!r}")
            for r in items:
                if not isinstance(r, dict) or not isinstance(r.get("name"), str):
                    raise SourceError(f"uv.lock: a dependency of {owner!r} has no name")
            return items

        def targets(ref: dict[str, Any], owner: str) -> list[int]:
            found = by_name.get(normalise_name(ref["name"]), [])
            if isinstance(ref.get("version"), str):
                found = [i for i in found if packages[i].get("version") == ref["version"]]
            if not found:
                raise SourceError(
                    f"uv.lock: {ref['name']!r}, a dependency of {owner!r}, is not locked (truncated?)"
                )
            return found

        def extra_targets(t: int, ref: dict[str, Any]) -> Iterator[int]:
            # `{ name = "x", extra = ["y"] }` also pulls in what x's extra y adds
            owner = packages[t]["name"]
            extras = _table(packages[t].get("optional-dependencies"), f"uv.lock: extras of {owner!r}")
            for extra in _str_list(ref.get("extra"), f"uv.lock: extras asked of {owner!r}"):
                for sub in refs(extras.get(extra), owner):
                    yield from targets(sub, owner)

        def edges(i: int) -> Iterator[int]:
            p = packages[i]
            for ref in refs(p.get("dependencies"), p["name"]):
                for t in targets(ref, p["name"]):
                    yield t
                    yield from extra_targets(t, ref)

        scope_of: dict[int, str] = {}
        direct: set[int] = set()

        def walk(starts: list[int], scope: str) -> None:
            queue = deque(s for s in starts if s not in scope_of)
            for s in queue:
                scope_of[s] = scope
            while queue:
                for t in edges(queue.popleft()):
                    if t not in scope_of:
                        scope_of[t] = scope
                        queue.append(t)

        def firsts(lists: Iterable[object], owner: str) -> tuple[list[int], list[int]]:
            """What a root names itself (direct), and what the extras it asks for add (not)."""
            named: list[int] = []
            pulled: list[int] = []
            for value in lists:
                for ref in refs(value, owner):
                    tgts = targets(ref, owner)
                    named.extend(tgts)
                    for t in tgts:
                        pulled.extend(extra_targets(t, ref))
            return named, pulled

        # Roots are walked through, never reported: a workspace member is the project itself.
        for r in roots:
            scope_of[r] = "root"
        for scope, key in (
            ("runtime", None),
            ("optional", "optional-dependencies"),
            ("dev", "dev-dependencies"),
        ):
            starts: list[int] = []
            for r in roots:
                p = packages[r]
                if key is None:
                    lists: list[object] = [p.get("dependencies")]
                else:
                    lists = list(_table(p.get(key), f"uv.lock: {key} of {p['name']!r}").values())
                named, pulled = firsts(lists, p["name"])
                direct.update(t for t in named if t not in roots)
                starts.extend(t for t in named + pulled if t not in roots)
            walk(starts, scope)
        # Without a root (a lock of scripts or an unusual layout), every package is runtime and
        # the graph says nothing about directness. Packages unreachable from any root (locked for
        # a fork of markers) are still locked: runtime as well.
        for i in range(len(packages)):
            # still check the graph's references resolve, so truncation shows
            for _ in edges(i):
                pass
        out: list[Package] = []
        for i, p in enumerate(packages):
            position = _positions(path, lines, names, p["name"])
            if scope_of.get(i) == "root":
                continue
            version = p.get("version") if isinstance(p.get("version"), str) else None
            out.append(
                _package(
                    p["name"],
                    version,
                    scope_of.get(i, "runtime"),
                    i in direct,
                    position,
                    _uv_qualifiers(p["source"]),
                )
            )
        return out


def _uv_qualifiers(src: dict[str, Any]) -> dict[str, str]:
    if isinstance(src.get("git"), str):
        return {"vcs_url": f"git+{src['git']}"}
    if isinstance(src.get("url"), str):
        return {"download_url": src["url"]}
    registry = src.get("registry")
    if isinstance(registry, str) and registry.rstrip("/") != "https://pypi.org/simple" and "://" in registry:
        return {"repository_url": registry}
    return {}


class PipfileLockSource(DependencySource):
    """Pipfile.lock (pipfile-spec 6): `default` -> runtime, `develop` -> dev, Pipenv's other
    named categories -> dev as well (they are installed only on request). Versions are written
    `==x.y`; VCS and path entries have none. Transitive: the lock does not mark direct ones."""

    ecosystem = ECOSYSTEM

    def handles(self, path: str) -> bool:
        return file_name(path) == "Pipfile.lock"

    def read(self, path: str, data: bytes) -> list[Package]:
        text = _text(data, strict=True)
        doc = _load_json(text)
        if not isinstance(doc, dict) or not isinstance(doc.get("_meta"), dict):
            raise SourceError("Pipfile.lock has no _meta object")
        lines = _Lines(text)
        out: list[Package] = []
        for category, entries in doc.items():
            if category == "_meta":
                continue
            if not isinstance(entries, dict):
                raise SourceError(f"Pipfile.lock: {category!r} is not an object")
            scope = "runtime" if category == "default" else "dev"
            cursor = lines.find([f'"{category}"']) or 0
            for name, entry in entries.items():
                if not isinstance(entry, dict):
                    raise SourceError(f"Pipfile.lock: entry {name!r} in {category!r} is not an object")
                raw = entry.get("version")
                version = raw[2:].strip() if isinstance(raw, str) and raw.startswith("==") else None
                at = lines.find([f'"{name}": {{', f'"{name}":{{'], cursor)
                if at is not None and at >= cursor:
                    cursor = at + 1
                qualifiers: dict[str, str] = {}
                for vcs in ("git", "hg", "svn", "bzr"):
                    if isinstance(entry.get(vcs), str):
                        ref = entry.get("ref")
                        qualifiers["vcs_url"] = f"{vcs}+{entry[vcs]}" + (
                            f"@{ref}" if isinstance(ref, str) else ""
                        )
                if isinstance(entry.get("file"), str):
                    qualifiers["download_url"] = entry["file"]
                out.append(_package(name, version, scope, False, _where(path, lines, at), qualifiers))
        return out


# ---------------------------------------------------------------- installed environments


def ensure_license_index(index_dir: Path | None = None) -> None:
    """Load the license index into the scan engine once, so `scan.analyse_text` can detect
    (None: the user cache folder, where `scan` keeps it too)."""
    from commonscheck.audit import licensedb, scan

    if scan._INDEX is None:
        scan._INDEX = licensedb.load_index(index_dir)


def detect_license(path: str, text: str) -> str | None:
    """The SPDX expression the detection engine finds in one license file's text, or None."""
    from commonscheck.audit import scan

    ensure_license_index()
    found = scan.analyse_text(path, text).get("x")
    return found if isinstance(found, str) else None


def site_packages_dirs(env: Path) -> list[Path]:
    """The site-packages folders of a virtual environment or installation prefix
    (lib/python*/site-packages, lib64/..., Windows Lib/site-packages), or `env` itself when
    it holds distributions directly (a site-packages folder given as it is)."""
    found: list[Path] = []
    seen: set[Path] = set()
    candidates = [
        *sorted(env.glob("lib/python*/site-packages")),
        *sorted(env.glob("lib64/python*/site-packages")),
        *sorted(env.glob("lib/pypy*/site-packages")),
        env / "Lib" / "site-packages",
        env,
    ]
    for c in candidates:
        if not c.is_dir():
            continue
        if c == env and found:
            continue
        if c == env and not (any(env.glob("*.dist-info")) or any(env.glob("*.egg-info"))):
            continue
        real = c.resolve()
        # lib64 is often a symlink to lib: one folder read once
        if real in seen:
            continue
        seen.add(real)
        found.append(c)
    return found


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root)
    except (ValueError, OSError, RuntimeError):
        return False
    return True


def _read_capped(path: Path, root: Path, limit: int) -> bytes:
    """A file's bytes, refusing symlinks out of `root` and files over `limit` (OSError)."""
    if not _inside(path, root):
        raise OSError(f"{path.name} points outside the environment")
    size = path.stat().st_size
    if size > limit:
        raise OSError(f"{path.name} is too large ({size} bytes, limit {limit})")
    with path.open("rb") as fh:
        return fh.read(limit + 1)[:limit]


def _metadata(data: bytes) -> Message:
    if b"\0" in data[:8000]:
        raise ValueError("binary content")
    text = data.decode("utf-8", "replace")
    # Headers end at the first empty line; the body is the long description and is not needed.
    msg = email.parser.HeaderParser(policy=email.policy.compat32).parsestr(text)
    if msg.defects:
        raise ValueError(f"malformed headers ({type(msg.defects[0]).__name__})")
    return msg


def _license_field(value: str) -> tuple[str, bool]:
    """The License field's text without the core-metadata continuation indent ("        |"), and
    whether it is a pasted license text rather than a name."""
    raw_lines = value.splitlines()
    cleaned = [raw_lines[0].strip()] + [re.sub(r"^\s*\|?", "", ln).rstrip() for ln in raw_lines[1:]]
    text = "\n".join(cleaned).strip()
    pasted = len([ln for ln in cleaned if ln.strip()]) > 1 or len(text) > _LICENSE_NAME_MAX
    return text, pasted


def declared_from_metadata(msg: Message) -> tuple[str | None, str | None, str | None]:
    """(declared SPDX expression, the text it came from, a pasted license text to detect) in
    PEP 639 order: `License-Expression`; else the `License` field, unless it is a whole pasted
    license text or says nothing (`UNKNOWN`); else the `License ::` classifiers. A License field
    no table knows does not stop a known classifier from answering, but stays the raw text when
    nothing answers. Nothing is guessed: unknown names give None with the raw text kept."""
    expression = msg.get("License-Expression")
    if expression and str(expression).strip():
        raw = " ".join(str(expression).split())
        name = normalise_license(raw)
        return (name.expression if name else None), raw, None
    raw_license: str | None = None
    pasted_text: str | None = None
    value = msg.get("License")
    if value and str(value).strip() and str(value).strip().upper() not in ("UNKNOWN", "NONE"):
        text, pasted = _license_field(str(value))
        if pasted:
            pasted_text = text
            raw_license = next((ln.strip() for ln in text.splitlines() if ln.strip()), text)[
                :_LICENSE_NAME_MAX
            ]
        else:
            name = normalise_license(text)
            if name is not None and name.expression is not None:
                return name.expression, text, None
            raw_license = text
    classifiers = [str(c).strip() for c in msg.get_all("Classifier") or [] if str(c).startswith("License ::")]
    if classifiers:
        found = from_classifiers(classifiers)
        if found is not None:
            return found, "; ".join(classifiers), pasted_text
        if raw_license is None:
            return None, "; ".join(classifiers), pasted_text
    return None, raw_license, pasted_text


# LICENSE, COPYING.txt, ... and also `<name>.LICENSE` / `<name>-LICENSE.txt`, as projects that ship
# several texts name them (licensedcode-data: apache-2.0.LICENSE, cc-by-4.0.LICENSE).
_LEGACY_LICENSE_FILE = re.compile(
    r"^(?:licen[cs]e|copying|unlicense)(?:[-_.].*)?$|^.+[-_.](?:licen[cs]e|copying)(?:\.(?:txt|md|rst))?$",
    re.I,
)


def _license_paths(info: Path, msg: Message, root: Path) -> list[Path]:
    """The license files a distribution ships: `License-File` entries, looked up in the
    dist-info's licenses/ folder (PEP 639) or its root (wheel and setuptools before PEP 639);
    without entries, LICENSE/COPYING files in the root, where older tools put them unnamed."""
    out: list[Path] = []
    entries = [str(e).strip() for e in msg.get_all("License-File") or [] if str(e).strip()]
    for entry in entries:
        rel = entry.replace("\\", "/")
        if rel.startswith("/") or ".." in rel.split("/"):
            continue
        for candidate in (info / "licenses" / rel, info / rel):
            if candidate.is_file() and _inside(candidate, root):
                out.append(candidate)
                break
    if not entries and info.is_dir():
        out.extend(
            sorted(
                c
                for c in info.iterdir()
                if _LEGACY_LICENSE_FILE.match(c.name) and c.is_file() and _inside(c, root)
            )
        )
    return out


def read_installed(
    env: Path, *, detect: bool = True, index_dir: Path | None = None
) -> tuple[list[Package], list[ReadError]]:
    """The distributions installed in a virtual environment (or a site-packages folder given
    directly): one Package per *.dist-info/METADATA and *.egg-info (PKG-INFO), scope runtime,
    direct (an environment does not know what was asked for), with the declared license in
    PEP 639 order and, when `detect`, the licenses the detection engine finds in the files it
    ships. Symlinks out of `env` are never followed; an unreadable or malformed METADATA is a
    ReadError for that file and the others are still read. Nothing is imported or run."""
    errors: list[ReadError] = []
    try:
        root = env.resolve(strict=True)
    except (OSError, RuntimeError) as exc:
        return [], [ReadError(str(env), f"cannot be read ({exc})")]
    dirs = site_packages_dirs(env)
    if not dirs:
        return [], [ReadError(str(env), "no site-packages folder and no installed distributions found")]
    if detect:
        ensure_license_index(index_dir)
    out: list[Package] = []
    for site in dirs:
        if not _inside(site, root):
            errors.append(ReadError(str(site), "points outside the environment; not read"))
            continue
        try:
            entries = sorted(site.iterdir(), key=lambda p: p.name)
        except OSError as exc:
            errors.append(ReadError(str(site), f"cannot be listed ({exc.strerror or exc})"))
            continue
        for entry in entries:
            if entry.name.endswith(".dist-info"):
                meta = entry / "METADATA"
            elif entry.name.endswith(".egg-info"):
                meta = entry / "PKG-INFO" if entry.is_dir() else entry
            else:
                continue
            label = f"{entry.name}/{meta.name}" if meta != entry else entry.name
            try:
                if not _inside(entry, root):
                    raise OSError("points outside the environment")
                msg = _metadata(_read_capped(meta, root, MAX_MANIFEST_BYTES))
            except (OSError, ValueError, UnicodeError) as exc:
                message = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
                errors.append(ReadError(str(meta), f"metadata cannot be read: {message}"))
                continue
            package = _installed_package(entry, msg, label, root, detect, errors)
            if package is None:
                errors.append(ReadError(str(meta), "metadata has no Name field"))
            else:
                out.append(package)
    return out, errors


def _installed_package(
    info: Path, msg: Message, label: str, root: Path, detect: bool, errors: list[ReadError]
) -> Package | None:
    name = str(msg.get("Name") or "").strip()
    if not name or not re.fullmatch(_NAME, name):
        return None
    version = str(msg.get("Version") or "").strip() or None
    declared, raw, pasted = declared_from_metadata(msg)
    detected: str | None = None
    if detect:
        found: list[str] = []
        for lic in _license_paths(info, msg, root) if info.is_dir() else []:
            try:
                data = _read_capped(lic, root, MAX_LICENSE_FILE_BYTES)
            except OSError as exc:
                errors.append(ReadError(str(lic), f"license file cannot be read: {exc.strerror or exc}"))
                continue
            if b"\0" in data[:8000]:
                continue
            x = detect_license(lic.name, data.decode("utf-8", "replace"))
            if x:
                found.append(x)
        if pasted:
            x = detect_license("METADATA", pasted)
            if x:
                found.append(x)
                if declared is None:
                    # The License field is the declaration, written out in full rather than
                    # named: what it says is the declared license (ScanCode reads a package's
                    # declared license the same way). A classifier that names one license
                    # already answered above and is not overridden by a text match.
                    declared = x
        detected = combine(found)
    norm = normalise_name(name)
    return Package(
        ecosystem=ECOSYSTEM,
        name=norm,
        version=version,
        purl=_purl(norm, version),
        scope="runtime",
        direct=True,
        declared=declared,
        detected=detected,
        source=label,
        declared_raw=raw,
    )


SOURCES: tuple[DependencySource, ...] = (
    PyprojectSource(),
    RequirementsSource(),
    SetupCfgSource(),
    PoetryLockSource(),
    UvLockSource(),
    PipfileLockSource(),
    PdmLockSource(),
)
"""One instance of every Python source, for an orchestrator that does not discover them."""
