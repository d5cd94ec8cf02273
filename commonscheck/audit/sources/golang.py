# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Go ecosystem: go.mod, go.sum and vendored modules (vendor/modules.txt and their license files).

Everything is read statically: the go command is never run (`go list -m all` would resolve the
build list, but it downloads modules and runs a tool on an untrusted tree). The go.mod grammar is
the one of the Go Modules Reference ("go.mod files", "Lexical elements" and "Grammar"): lines of
tokens, `//` comments, interpreted "..." and raw `...` strings, and `verb ( ... )` blocks.

Go does not distinguish runtime from test or build dependencies in these files: every module is
runtime. Versions are kept as Go writes them (`v1.2.3`, `v0.0.0-20200101000000-abcdef123456`,
`v2.0.0+incompatible`), in the package URL too (purl spec, type golang).
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from commonscheck.audit.expressions import combine
from commonscheck.audit.sources.base import (
    MAX_MANIFEST_BYTES,
    DependencySource,
    SourceError,
    file_name,
    manifest_text,
    purl,
)
from commonscheck.model import Package, ReadError

ECOSYSTEM = "golang"

# License files are a few kilobytes; anything far larger is not a license text worth matching.
MAX_LICENSE_BYTES = 1024 * 1024

# Directives the go command knows today. Others are accepted and skipped, as the go command's lax
# parser does for the go.mod files of dependencies: a newer Go may add directives (tool in 1.24,
# ignore in 1.25) and an older reader must still find the requirements.
_KNOWN = frozenset(
    {"module", "go", "toolchain", "godebug", "require", "exclude", "replace", "retract", "tool", "ignore"}
)

# A module version as go.mod allows it: semantic versions with an optional prerelease (which is how
# pseudo-versions are written) and build suffix (+incompatible). The go command also accepts
# shortened forms (v1, v1.2) in a main module's go.mod and canonicalises them on its next run.
_VERSION = re.compile(r"^v\d+(?:\.\d+(?:\.\d+)?)?(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$")


# ---------------------------------------------------------------- shared helpers


_text = manifest_text


def purl_for(module: str, version: str | None) -> str | None:
    """The package URL of a Go module: the path up to its last slash is the namespace, the last
    element the name (purl spec, type golang: pkg:golang/github.com/gorilla/context@v1.1.1).

    Case is kept: the type definition marks namespace and name case-sensitive while its note asks
    for lowercase, and Go module paths are case-sensitive (github.com/BurntSushi/toml is not
    github.com/burntsushi/toml to the go command); packageurl-python keeps case too."""
    namespace, _, name = module.rpartition("/")
    return purl("golang", name, version, namespace)


def _package(
    name: str, version: str | None, direct: bool, source: str, detected: str | None = None
) -> Package:
    return Package(
        ecosystem=ECOSYSTEM,
        name=name,
        version=version,
        purl=purl_for(name, version),
        scope="runtime",
        direct=direct,
        # go.mod, go.sum and modules.txt carry no licenses; only vendored files can be detected.
        declared=None,
        detected=detected,
        source=source,
    )


def _is_local(path: str) -> bool:
    """Whether a replacement is a directory rather than a module path (Go Modules Reference,
    "replace directive": a path starting with ./ or ../, or an absolute path)."""
    return (
        path.startswith(("./", "../", "/", ".\\", "..\\"))
        or path in (".", "..")
        or bool(re.match(r"^[A-Za-z]:[\\/]", path))
    )


def _check_module_path(path: str, lineno: int) -> str:
    if not path or any(c.isspace() for c in path) or path.startswith("-") or "//" in path:
        raise SourceError(f"line {lineno}: {path!r} is not a module path")
    return path


def _check_version(version: str, lineno: int) -> str:
    if not _VERSION.match(version):
        raise SourceError(f"line {lineno}: {version!r} is not a module version")
    return version


# ---------------------------------------------------------------- go.mod


_TOKEN = re.compile(r'\s*(?://(?P<comment>.*)|(?P<tok>"(?:[^"\\\n]|\\.)*"|`[^`\n]*`|=>|[()]|[^\s()"`=]+))')


@dataclass(frozen=True, slots=True)
class _Line:
    """One directive line: its verb (the block's verb inside a block), arguments and comment."""

    verb: str
    args: tuple[str, ...]
    comment: str
    number: int


def _tokens(line: str, number: int) -> tuple[list[str], str]:
    """The tokens of one line and its trailing comment; SourceError for what the lexer refuses."""
    tokens: list[str] = []
    comment = ""
    pos = 0
    while pos < len(line):
        if line[pos:].strip() == "":
            break
        m = _TOKEN.match(line, pos)
        if m is None:
            rest = line[pos:].strip()
            if rest.startswith(('"', "`")):
                raise SourceError(f"line {number}: unterminated string (syntax error)")
            raise SourceError(f"line {number}: unexpected {rest[:20]!r} (syntax error)")
        if m.group("comment") is not None:
            comment = m.group("comment").strip()
            break
        tok = m.group("tok")
        if tok.startswith('"'):
            try:
                # Go's interpreted strings share JSON's common escapes; anything rarer is refused.
                tok = json.loads(tok)
            except ValueError:
                raise SourceError(f"line {number}: invalid quoted string {tok!r}") from None
        elif tok.startswith("`"):
            tok = tok[1:-1]
        tokens.append(tok)
        pos = m.end()
    return tokens, comment


def parse_go_mod(text: str) -> tuple[str, list[_Line]]:
    """The module path and the directive lines of a go.mod; SourceError for a syntax error."""
    lines: list[_Line] = []
    block: str | None = None
    block_line = 0
    module: str | None = None
    for number, raw in enumerate(text.splitlines(), 1):
        tokens, comment = _tokens(raw, number)
        if not tokens:
            continue
        if block is not None:
            if tokens == [")"]:
                block = None
                continue
            if "(" in tokens or ")" in tokens:
                raise SourceError(f"line {number}: unexpected parenthesis in {block} block (syntax error)")
            lines.append(_Line(block, tuple(tokens), comment, number))
            continue
        verb, args = tokens[0], tokens[1:]
        if not re.fullmatch(r"[a-z]+", verb):
            raise SourceError(f"line {number}: unknown directive {verb!r} (syntax error)")
        if args == ["("]:
            block, block_line = verb, number
            continue
        if args == ["(", ")"]:
            continue
        if "(" in args or ")" in args:
            raise SourceError(f"line {number}: unexpected parenthesis (syntax error)")
        if verb == "module":
            if len(args) != 1:
                raise SourceError(f"line {number}: usage: module module/path")
            module = _check_module_path(args[0], number)
        lines.append(_Line(verb, tuple(args), comment, number))
    if block is not None:
        raise SourceError(f"{block} block opened on line {block_line} is never closed (truncated file?)")
    if module is None:
        raise SourceError("no module directive (not a go.mod file, or cut short)")
    return module, lines


@dataclass(frozen=True, slots=True)
class _Requirement:
    path: str
    version: str
    indirect: bool
    line: int


@dataclass(frozen=True, slots=True)
class _Replacement:
    old: str
    old_version: str | None
    new: str
    new_version: str | None
    line: int


@dataclass(frozen=True, slots=True)
class GoMod:
    """What a go.mod says about dependencies."""

    module: str
    requires: tuple[_Requirement, ...]
    replaces: tuple[_Replacement, ...]
    excludes: frozenset[tuple[str, str]]


def _indirect(comment: str) -> bool:
    # The go command's own test (modfile.isIndirect): the comment is "indirect" or starts "indirect;".
    return comment == "indirect" or comment.startswith("indirect;")


def read_go_mod(text: str) -> GoMod:
    """The requirements, replacements and exclusions of a go.mod; SourceError for a syntax error."""
    module, lines = parse_go_mod(text)
    requires: list[_Requirement] = []
    replaces: list[_Replacement] = []
    excludes: set[tuple[str, str]] = set()
    for line in lines:
        n, args = line.number, line.args
        if line.verb == "require":
            if len(args) != 2:
                raise SourceError(f"line {n}: usage: require module/path v1.2.3")
            requires.append(
                _Requirement(
                    _check_module_path(args[0], n), _check_version(args[1], n), _indirect(line.comment), n
                )
            )
        elif line.verb == "exclude":
            if len(args) != 2:
                raise SourceError(f"line {n}: usage: exclude module/path v1.2.3")
            excludes.add((_check_module_path(args[0], n), _check_version(args[1], n)))
        elif line.verb == "replace":
            if "=>" not in args:
                raise SourceError(f"line {n}: usage: replace module/path [v1.2.3] => other/module v1.4.5")
            at = args.index("=>")
            left, right = args[:at], args[at + 1 :]
            if len(left) not in (1, 2) or len(right) not in (1, 2):
                raise SourceError(f"line {n}: usage: replace module/path [v1.2.3] => other/module v1.4.5")
            old = _check_module_path(left[0], n)
            old_version = _check_version(left[1], n) if len(left) == 2 else None
            new = right[0]
            new_version = None
            if len(right) == 2:
                if _is_local(new):
                    raise SourceError(f"line {n}: a directory replacement takes no version")
                new_version = _check_version(right[1], n)
                _check_module_path(new, n)
            elif not _is_local(new):
                raise SourceError(f"line {n}: a module replacement needs a version")
            replaces.append(_Replacement(old, old_version, new, new_version, n))
        elif line.verb in ("module", "go", "toolchain", "godebug", "retract", "tool", "ignore"):
            # Not dependencies: the module itself, language and toolchain versions, settings,
            # versions of this module withdrawn from use, tools (whose modules are required
            # anyway), and folders the go command ignores.
            continue
    return GoMod(module, tuple(requires), tuple(replaces), frozenset(excludes))


def _replacement_for(mod: GoMod, path: str, version: str | None) -> _Replacement | None:
    """The replace directive that applies to path@version: a versioned one wins over the
    unversioned one for the same path (Go Modules Reference, "replace directive")."""
    exact = wildcard = None
    for r in mod.replaces:
        if r.old != path:
            continue
        if r.old_version is None:
            wildcard = r
        elif r.old_version == version:
            exact = r
    return exact or wildcard


class GoModSource(DependencySource):
    """go.mod: each `require`d module (direct unless marked `// indirect`), with `replace` applied
    (the replacement is what is built, so it is the package; the source says what it replaces) and
    `exclude`d versions dropped. A module replaced by a local directory is reported under its own
    path without a version. The module itself, `retract`, `go`, `toolchain` and `tool` lines are no
    dependencies."""

    ecosystem = ECOSYSTEM

    def handles(self, path: str) -> bool:
        """go.mod outside vendor/ folders."""
        return file_name(path) == "go.mod" and "vendor" not in PurePosixPath(path).parts[:-1]

    def read(self, path: str, data: bytes) -> list[Package]:
        """The required modules; SourceError for a file that does not parse."""
        mod = read_go_mod(_text(data))
        out: list[Package] = []
        seen: set[tuple[str, str | None]] = set()
        for req in mod.requires:
            if (req.path, req.version) in mod.excludes:
                # The go command skips an excluded version (Go Modules Reference, "exclude
                # directive"): whatever it picks instead is not written here.
                continue
            name, source = req.path, f"{path}:{req.line}"
            version: str | None = req.version
            rep = _replacement_for(mod, req.path, req.version)
            if rep is not None and rep.new_version is not None:
                name, version = rep.new, rep.new_version
                source = f"{path}:{rep.line} (replaces {req.path} {req.version})"
            elif rep is not None:
                version = None
                source = f"{path}:{rep.line} ({req.path} {req.version} replaced by local path {rep.new})"
            if (name, version) in seen:
                continue
            seen.add((name, version))
            out.append(_package(name, version, not req.indirect, source))
        return out


# ---------------------------------------------------------------- go.sum


def _check_hash(value: str, number: int) -> None:
    algo, sep, digest = value.partition(":")
    if not sep or not algo or not digest:
        raise SourceError(f"line {number}: {value!r} is not a module hash")
    if algo == "h1":
        # h1 is the base64 of a SHA-256: 44 characters. A shorter one is a file cut short.
        try:
            raw = base64.b64decode(digest, validate=True)
        except (binascii.Error, ValueError):
            raise SourceError(f"line {number}: malformed h1 hash (truncated file?)") from None
        if len(raw) != 32:
            raise SourceError(f"line {number}: malformed h1 hash (truncated file?)")


class GoSumSource(DependencySource):
    """go.sum: every module version whose content the go command has checked, once each.

    go.sum is a superset of the build: it keeps hashes for versions that module graph pruning or
    minimal version selection left out, and the go command never removes lines by itself except in
    `go mod tidy`. So everything it lists is reported as not direct (go.mod says what is), and
    versions listed only by their `/go.mod` hash are left out: only their go.mod file was read to
    select versions, their code is not part of any build.
    """

    ecosystem = ECOSYSTEM

    def handles(self, path: str) -> bool:
        """go.sum outside vendor/ folders."""
        return file_name(path) == "go.sum" and "vendor" not in PurePosixPath(path).parts[:-1]

    def read(self, path: str, data: bytes) -> list[Package]:
        """Module versions with a content hash; SourceError for a malformed or truncated line."""
        text = _text(data)
        found: dict[tuple[str, str], int] = {}
        for number, line in enumerate(text.splitlines(), 1):
            fields = line.split()
            if not fields:
                continue
            if len(fields) != 3:
                # The go command's own rule (modfetch.readGoSum): three fields, or a malformed file.
                raise SourceError(f"line {number}: malformed go.sum line (truncated file?)")
            module, version, hash_ = fields
            _check_module_path(module, number)
            _check_hash(hash_, number)
            if version.endswith("/go.mod"):
                _check_version(version.removesuffix("/go.mod"), number)
                continue
            found.setdefault((module, _check_version(version, number)), number)
        return [
            _package(module, version, False, f"{path}:{line}") for (module, version), line in found.items()
        ]


# ---------------------------------------------------------------- vendor/modules.txt


@dataclass(slots=True)
class _Vendored:
    path: str
    version: str | None
    new: str | None
    new_version: str | None
    explicit: bool
    packages: int
    line: int


def parse_modules_txt(text: str) -> list[_Vendored]:
    """The modules of a vendor/modules.txt as `go mod vendor` writes it (cmd/go/internal/modload,
    vendor.go): `# path version [=> new [version]]` per module, `## explicit[; go 1.x]` annotations,
    then the module's vendored package paths. SourceError for a line of another shape."""
    modules: list[_Vendored] = []
    current: _Vendored | None = None
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        if line.startswith("## "):
            if current is None:
                continue  # "## workspace", written by `go work vendor` before any module
            for note in line[3:].split(";"):
                if note.strip() == "explicit":
                    current.explicit = True
            continue
        if line.startswith("# "):
            fields = line[2:].split()
            left, right = fields, []
            if "=>" in fields:
                at = fields.index("=>")
                left, right = fields[:at], fields[at + 1 :]
                if len(right) not in (1, 2):
                    raise SourceError(f"line {number}: malformed replacement in module line")
            if len(left) not in (1, 2):
                raise SourceError(f"line {number}: malformed module line")
            path = _check_module_path(left[0], number)
            version = _check_version(left[1], number) if len(left) == 2 else None
            new = right[0] if right else None
            new_version = _check_version(right[1], number) if len(right) == 2 else None
            current = _Vendored(path, version, new, new_version, False, 0, number)
            modules.append(current)
            continue
        if line.startswith("#"):
            raise SourceError(f"line {number}: malformed module line")
        if current is None:
            raise SourceError(f"line {number}: package {line.strip()!r} before any module line")
        current.packages += 1
    return modules


# The names pkg.go.dev's license detection reads besides LICENSE*/LICENCE*/COPYING*: UNLICENSE
# (the Unlicense, which BurntSushi's crates and Go modules ship beside LICENSE-MIT) and
# MIT-LICENSE / MIT_LICENSE (golang/pkgsite, internal/licenses/licenses.go, FileNames).
_LICENSE_FILE = re.compile(r"^(?:(?:un|mit[-_])?licen[cs]e|copying)", re.IGNORECASE)
_NOT_LICENSE_SUFFIXES = (".go", ".s", ".c", ".h", ".json", ".sh", ".py", ".html")


def _safe_module_dir(vendor: Path, module: str) -> Path | None:
    """vendor/<module path>, or None for a path that would lead out of vendor/ or through a link."""
    parts = module.split("/")
    if any(p in ("", ".", "..") for p in parts) or "\\" in module:
        return None
    folder = vendor.joinpath(*parts)
    here = vendor
    for part in parts:
        here = here / part
        if here.is_symlink():
            return None
    return folder if folder.is_dir() else None


def _read_capped(path: Path, limit: int) -> bytes | None:
    """A regular file's bytes, never through a symlink; None when it is not one or is larger."""
    try:
        st = path.lstat()
    except OSError:
        return None
    if path.is_symlink() or not path.is_file() or st.st_size > limit:
        return None
    with path.open("rb") as fh:
        return fh.read(limit + 1)


def read_vendor_modules(root: Path) -> tuple[list[Package], list[ReadError]]:
    """The modules `go mod vendor` put under `root`/vendor, from vendor/modules.txt, each with what
    the detection engine reads in its license files (vendor/<module path>/LICENSE*, LICENCE*,
    COPYING*) as `detected`.

    Direct: a module `root`/go.mod requires without `// indirect`, when that go.mod is there and
    reads; otherwise a module marked `## explicit` (since Go 1.17, go.mod lists indirect
    requirements explicitly too, so without go.mod this over-counts). A replaced module is reported
    as its replacement (a local directory: under its own path, without a version); modules.txt
    lines that only record a replacement (no packages, not explicit) are no dependencies.
    Symlinks are never followed; what cannot be read is a ReadError and the rest is still read.
    """
    from commonscheck.audit.sources.python import detect_license, ensure_license_index

    vendor = root / "vendor"
    listing = vendor / "modules.txt"
    label = "vendor/modules.txt"
    errors: list[ReadError] = []
    if not listing.exists() or vendor.is_symlink():
        return [], errors
    try:
        raw = _read_capped(listing, MAX_MANIFEST_BYTES)
        if raw is None:
            raise SourceError("not a regular file, or larger than the limit (not read)")
        modules = parse_modules_txt(_text(raw))
    except (SourceError, OSError) as exc:
        message = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return [], [ReadError(label, message)]

    direct_paths: set[str] | None = None
    go_mod = root / "go.mod"
    if go_mod.exists():
        try:
            mod_raw = _read_capped(go_mod, MAX_MANIFEST_BYTES)
            if mod_raw is None:
                raise SourceError("not a regular file, or larger than the limit (not read)")
            direct_paths = {r.path for r in read_go_mod(_text(mod_raw)).requires if not r.indirect}
        except (SourceError, OSError) as exc:
            message = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            errors.append(ReadError("go.mod", f"{message}; direct dependencies taken from ## explicit"))

    ensure_license_index()
    detections: dict[str, str | None] = {}
    out: list[Package] = []
    for m in modules:
        if m.packages == 0 and not m.explicit and (direct_paths is None or m.path not in direct_paths):
            # `go mod vendor` records unused and wildcard replacements at the end, without
            # packages or `## explicit`, so that a reader of vendor/ can tell they had no effect.
            continue
        folder = _safe_module_dir(vendor, m.path)
        found: list[str] = []
        if folder is not None:
            try:
                files = sorted(
                    e
                    for e in folder.iterdir()
                    if _LICENSE_FILE.match(e.name)
                    and not e.name.lower().endswith(_NOT_LICENSE_SUFFIXES)
                    and not e.is_symlink()
                    and e.is_file()
                )
            except OSError as exc:
                errors.append(ReadError(f"vendor/{m.path}", f"cannot be listed: {exc.strerror or exc}"))
                files = []
            for lic in files:
                rel = PurePosixPath(Path(os.path.relpath(lic, root))).as_posix()
                try:
                    content = _read_capped(lic, MAX_LICENSE_BYTES)
                except OSError as exc:
                    errors.append(ReadError(rel, f"cannot be read: {exc.strerror or exc}"))
                    continue
                if content is None:
                    errors.append(ReadError(rel, "license file too large, not read"))
                    continue
                if b"\x00" in content:
                    continue
                text = content.decode("utf-8", errors="replace")
                if text not in detections:
                    detections[text] = detect_license(rel, text)
                hit = detections[text]
                if hit is not None:
                    found.append(hit)
        elif m.packages:
            errors.append(ReadError(label, f"line {m.line}: vendor/{m.path} is missing or not a folder"))
        direct = m.path in direct_paths if direct_paths is not None else m.explicit
        name, version, source = m.path, m.version, f"{label}:{m.line}"
        if m.new is not None and m.new_version is not None:
            name, version = m.new, m.new_version
            source = f"{label}:{m.line} (replaces {m.path}" + (f" {m.version})" if m.version else ")")
        elif m.new is not None:
            version = None
            source = f"{label}:{m.line} (replaced by local path {m.new})"
        out.append(_package(name, version, direct, source, combine(found)))
    return out, errors
