# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Ruby ecosystem: Gemfile.lock and the gemspecs vendored under vendor/.

Everything is read statically: Bundler and Ruby are never run. A gemspec is Ruby code, so it is
never evaluated: the few assignments a license audit needs (`name`, `version`, `license`,
`licenses`) are read with regular expressions when they are plain string literals, and anything
computed (`s.version = Foo::VERSION`) stays unknown.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from commonscheck.audit.expressions import combine
from commonscheck.audit.licnames import normalise_license
from commonscheck.audit.sources.base import (
    MAX_MANIFEST_BYTES,
    DependencySource,
    SourceError,
    file_name,
    manifest_text,
    purl,
)
from commonscheck.model import Package, ReadError

ECOSYSTEM = "gem"

# License files are a few kilobytes; a larger file is not a license text worth matching.
MAX_LICENSE_BYTES = 1024 * 1024


_text = manifest_text


def _purl(name: str, version: str | None, platform: str | None = None) -> str | None:
    return purl("gem", name, version, qualifiers={"platform": platform} if platform else None)


# ---------------------------------------------------------------- Gemfile.lock

# Bundler's own lockfile grammar (bundler/lib/bundler/lockfile_parser.rb, NAME_VERSION): a name, then
# an optional "(version[-platform])" where the platform starts at the first "-", then "!" for a
# dependency pinned to a non-rubygems source. Specs are indented 4 spaces, their dependencies 6.
_NAME_VERSION = re.compile(
    r"^(?P<indent> {2}| {4}| {6})(?! )(?P<name>.*?)"
    r"(?: \((?P<version>[^-]*)(?:-(?P<platform>.*))?\))?(?P<pinned>!)?$"
)
_SOURCE_SECTIONS = ("GEM", "GIT", "PATH", "PLUGIN SOURCE")


@dataclass(slots=True)
class _Spec:
    name: str
    version: str
    platform: str | None
    line: int
    section: str
    local_project: bool  # a PATH spec with remote "." : the project's own gemspec
    deps: list[str] = field(default_factory=list)


class GemfileLockSource(DependencySource):
    """Gemfile.lock (also gems.locked): every locked gem, with the ones the Gemfile names directly
    (its DEPENDENCIES section) marked direct.

    Bundler records no group (development, test) in the lockfile, only in the Gemfile, which is Ruby
    code and not evaluated: every gem is "runtime". A gem of a `PATH` source with `remote: .` is the
    project itself (the Gemfile's `gemspec` line); it is left out and its own dependencies count as
    direct. PLATFORMS, RUBY VERSION, BUNDLED WITH and CHECKSUMS sections carry no packages.
    """

    ecosystem = ECOSYSTEM

    def handles(self, path: str) -> bool:
        """Gemfile.lock, and gems.locked (the name Bundler uses beside a gems.rb)."""
        return file_name(path) in ("Gemfile.lock", "gems.locked")

    def read(self, path: str, data: bytes) -> list[Package]:
        """The locked gems; SourceError for a file that is not a Gemfile.lock or is cut short."""
        text = _text(data)
        if "<<<<<<<" in text and "=======" in text:
            raise SourceError("unresolved merge conflict markers")
        specs: list[_Spec] = []
        direct_names: dict[str, int] = {}
        section: str | None = None
        remote: str | None = None
        in_specs = False
        saw_dependencies = False
        current: _Spec | None = None
        for number, raw in enumerate(text.splitlines(), 1):
            line = raw.rstrip("\r")
            if not line.strip():
                continue
            if not line.startswith(" "):
                section, remote, in_specs, current = line.strip(), None, False, None
                saw_dependencies = saw_dependencies or section == "DEPENDENCIES"
                continue
            if section in _SOURCE_SECTIONS:
                stripped = line.strip()
                if line.startswith("  ") and not line.startswith("   "):
                    if stripped.startswith("remote:"):
                        remote = stripped.partition(":")[2].strip()
                    in_specs = stripped == "specs:"
                    continue
                if not in_specs:
                    raise SourceError(f"line {number}: a gem outside a 'specs:' list")
                m = _NAME_VERSION.match(line)
                if m is None:
                    raise SourceError(f"line {number}: cannot read {stripped[:80]!r}")
                if m["indent"] == " " * 4:
                    if m["version"] is None or not m["name"]:
                        raise SourceError(f"line {number}: spec {stripped[:80]!r} has no version")
                    current = _Spec(
                        m["name"],
                        m["version"],
                        m["platform"],
                        number,
                        section,
                        section == "PATH" and remote in (".", "./"),
                    )
                    specs.append(current)
                elif m["indent"] == " " * 6 and current is not None:
                    current.deps.append(m["name"])
                else:
                    raise SourceError(f"line {number}: unexpected indentation")
            elif section == "DEPENDENCIES":
                m = _NAME_VERSION.match(line)
                if m is None or m["indent"] != "  " or not m["name"]:
                    raise SourceError(f"line {number}: cannot read dependency {line.strip()[:80]!r}")
                direct_names.setdefault(m["name"], number)
        if not specs and not saw_dependencies:
            raise SourceError("no GEM, GIT or PATH specs and no DEPENDENCIES: not a Gemfile.lock")
        if not saw_dependencies:
            raise SourceError("no DEPENDENCIES section (truncated file?)")
        by_name = {s.name for s in specs}
        for name, number in direct_names.items():
            if name not in by_name:
                raise SourceError(
                    f"line {number}: dependency {name!r} has no spec in the lockfile (truncated file?)"
                )
        direct = set(direct_names)
        for spec in specs:
            if spec.local_project:
                direct.discard(spec.name)
                direct.update(spec.deps)
        out: dict[tuple[str, str, str | None], Package] = {}
        for spec in specs:
            if spec.local_project:
                continue
            key = (spec.name, spec.version, spec.platform)
            if key in out:
                continue
            out[key] = Package(
                ecosystem=ECOSYSTEM,
                name=spec.name,
                version=spec.version,
                purl=_purl(spec.name, spec.version, spec.platform),
                scope="runtime",
                direct=spec.name in direct,
                declared=None,
                detected=None,
                source=f"{path}:{spec.line}",
            )
        return sorted(out.values(), key=lambda p: (p.name, p.version or "", p.purl or ""))


# ---------------------------------------------------------------- vendored gemspecs

# `s.name = "x"`, `spec.name = 'x'.freeze`: the receiver is whatever the block calls its argument.
_STRING = r"""(?P<q>["'])(?P<value>(?:(?!(?P=q)).)*)(?P=q)(?:\.freeze)?"""
_ASSIGN = {
    key: re.compile(rf"^\s*\w+\.{key}\s*=\s*{_STRING}\s*(?:#.*)?$", re.MULTILINE)
    for key in ("name", "version", "license")
}
_LICENSES = re.compile(r"^\s*\w+\.licenses\s*=\s*\[(?P<items>[^\]]*)\]", re.MULTILINE)
_ITEM = re.compile(r"""(["'])((?:(?!\1).)*)\1""")
_LICENSE_FILE = re.compile(r"^(?:licen[cs]e|copying|mit-licen[cs]e)", re.IGNORECASE)


def _gemspec_licenses(text: str) -> tuple[str | None, str | None]:
    """(SPDX expression, raw text) of a gemspec's `license` / `licenses`.

    Several entries in `licenses` are not given a meaning by RubyGems: its specification reference
    (https://guides.rubygems.org/specification-reference/#licenses=) only says "The license(s) for
    the library", and RubyGems' own documentation of `licenses=` (ruby/rubygems commit eb398892ab,
    lib/rubygems/specification.rb) calls the array the way to declare "a multi-licensed gem" without
    saying whether the licenses are alternatives or all apply. So several licenses give no
    expression (None) and the raw text lists them joined with ", ": nothing is guessed.
    """
    items: list[str] = []
    m = _LICENSES.search(text)
    if m is not None:
        items = [v for _, v in _ITEM.findall(m["items"]) if v.strip()]
    else:
        single = _ASSIGN["license"].search(text)
        if single is not None and single["value"].strip():
            items = [single["value"]]
    if not items:
        return None, None
    if len(items) == 1:
        name = normalise_license(items[0])
        return (name.expression if name else None), items[0]
    return None, ", ".join(items)


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root + os.sep)


def _read_capped(path: str, limit: int) -> bytes | None:
    """A regular file's bytes, never through a symlink; None when it is not one or is larger."""
    if os.path.islink(path) or not os.path.isfile(path) or os.path.getsize(path) > limit:
        return None
    with open(path, "rb") as fh:
        return fh.read(limit + 1)


def _gem_folder(spec_path: str) -> str | None:
    """The folder holding a vendored gem's files: Bundler's installed layout keeps the spec in
    .../specifications/<name>-<version>.gemspec and the files in .../gems/<name>-<version>/; an
    unpacked gem (vendor/gems/<name>/) has its gemspec inside its folder."""
    folder = os.path.dirname(spec_path)
    if os.path.basename(folder) == "specifications":
        stem = os.path.basename(spec_path).removesuffix(".gemspec")
        candidate = os.path.join(os.path.dirname(folder), "gems", stem)
        return candidate if os.path.isdir(candidate) and not os.path.islink(candidate) else None
    return folder


def read_vendored_gemspecs(root: Path, *, detect: bool = True) -> tuple[list[Package], list[ReadError]]:
    """Every *.gemspec under `root`/vendor, read statically: name, version and declared license
    from plain string assignments, and (when `detect`) the licenses the detection engine finds in
    the gem's LICENSE*/COPYING* files. Scope runtime, not direct (a vendored bundle does not say what
    the Gemfile asked for). Symlinks are never followed; a gemspec without a literal name, or one
    that cannot be read, is a ReadError and the others are still read. Paths are relative to root.
    """
    errors: list[ReadError] = []
    root_real = os.path.realpath(root)
    vendor = os.path.join(root_real, "vendor")
    if not os.path.isdir(vendor) or os.path.islink(vendor):
        return [], errors

    def rel(path: str) -> str:
        return PurePosixPath(Path(os.path.relpath(path, root_real))).as_posix()

    specs: list[str] = []
    for folder, dirs, files in os.walk(vendor, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not os.path.islink(os.path.join(folder, d)))
        specs.extend(os.path.join(folder, f) for f in sorted(files) if f.endswith(".gemspec"))
    detections: dict[str, str | None] = {}
    out: list[Package] = []
    for spec_path in specs:
        try:
            data = _read_capped(spec_path, MAX_MANIFEST_BYTES)
            if data is None:
                if not os.path.islink(spec_path):
                    errors.append(ReadError(rel(spec_path), "larger than the size limit, not read"))
                continue
            text = _text(data)
        except OSError as exc:
            errors.append(ReadError(rel(spec_path), f"cannot be read: {exc.strerror or exc}"))
            continue
        except SourceError as exc:
            errors.append(ReadError(rel(spec_path), str(exc)))
            continue
        name_m = _ASSIGN["name"].search(text)
        if name_m is None or not name_m["value"].strip():
            errors.append(ReadError(rel(spec_path), 'no literal `name = "..."` assignment; not evaluated'))
            continue
        name = name_m["value"].strip()
        version_m = _ASSIGN["version"].search(text)
        version = version_m["value"].strip() if version_m and version_m["value"].strip() else None
        declared, raw = _gemspec_licenses(text)
        detected = None
        if detect:
            detected = _detect_in(_gem_folder(spec_path), root_real, detections)
        line = text.count("\n", 0, name_m.start()) + 1
        out.append(
            Package(
                ecosystem=ECOSYSTEM,
                name=name,
                version=version,
                purl=_purl(name, version),
                scope="runtime",
                direct=False,
                declared=declared,
                detected=detected,
                source=f"{rel(spec_path)}:{line}",
                declared_raw=raw,
            )
        )
    return sorted(out, key=lambda p: (p.name, p.version or "", p.source)), errors


def _detect_in(
    folder: str | None,
    root_real: str,
    detections: dict[str, str | None],
) -> str | None:
    """The combined expression the detection engine finds in a gem folder's license files."""
    if folder is None or not _inside(os.path.realpath(folder), root_real):
        return None
    from commonscheck.audit.sources.python import detect_license

    found: list[str] = []
    try:
        names = sorted(
            e.name
            for e in os.scandir(folder)
            if _LICENSE_FILE.match(e.name) and not e.is_symlink() and e.is_file(follow_symlinks=False)
        )
    except OSError:
        return None
    for name in names:
        full = os.path.join(folder, name)
        try:
            data = _read_capped(full, MAX_LICENSE_BYTES)
        except OSError:
            continue
        if data is None or b"\x00" in data:
            continue
        text = data.decode("utf-8", errors="replace")
        if text not in detections:
            detections[text] = detect_license(name, text)
        if detections[text] is not None:
            found.append(str(detections[text]))
    return combine(found)
