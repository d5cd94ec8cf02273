# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The REUSE 3.3 verdict on a tree, item by item as `reuse lint` (v6) gives it.

The rules are re-stated from the REUSE specification and the reuse tool's observable behaviour
(its tests cross-check us in tests/test_reuse.py); the reuse package itself is not used at run
time. SPDX ids and their deprecation come from license_expression's bundled data.
"""

from __future__ import annotations

import re
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from commonscheck.audit.tags import (
    Annotation,
    ReuseAnnotations,
    decode_text,
    extract_raw_tags,
    is_licenseref,
    parse_expression_keys,
    read_bytes_capped,
    safe_path,
    sidecar_of,
    spdx_ids,
)
from commonscheck.model import ReuseReport

# Directories whose contents are never Covered Files (VCS data, the license and REUSE folders),
# at any depth, as the reuse tool treats them.
_IGNORED_DIRS = frozenset({".git", ".hg", ".sl", "LICENSES", ".reuse"})
# Files that are licenses, REUSE metadata or SPDX documents themselves.
_IGNORED_FILES = (
    re.compile(r"^LICEN[CS]E(?:[-.].*)?$"),
    re.compile(r"^COPYING(?:[-.].*)?$"),
    re.compile(r"^\.git$"),
    re.compile(r"^\.hgtags$"),
    re.compile(r".*\.license$"),
    re.compile(r"^REUSE\.toml$"),
    # reuse special-cases these two ids whose license texts are often shipped under their names.
    re.compile(r"^CAL-1\.0(?:-Combined-Work-Exception)?(?:\..+)?$"),
    re.compile(r"^SHL-2\.1(?:\..+)?$"),
    re.compile(r".*\.spdx$"),
    re.compile(r".*\.spdx\.(?:rdf|json|xml|ya?ml)$"),
)


def is_ignored_dir(directory: PurePosixPath) -> bool:
    """True when a file below `directory` is outside REUSE's scope (VCS, LICENSES, .reuse, Meson
    subprojects)."""
    parts = directory.parts if str(directory) != "." else ()
    if any(part in _IGNORED_DIRS for part in parts):
        return True
    # Meson subprojects: any directory whose parent is called "subprojects".
    return any(parts[i] == "subprojects" for i in range(len(parts) - 1))


def is_ignored_name(name: str) -> bool:
    """True for file names REUSE never asks licensing of (LICENSE*, COPYING*, *.license, ...)."""
    return any(p.match(name) for p in _IGNORED_FILES)


def covered_files(root: Path, paths: Sequence[str]) -> list[str]:
    """The REUSE Covered Files among `paths`: not ignored, regular (no symlinks), not empty."""
    result: list[str] = []
    for path in paths:
        pure = PurePosixPath(path)
        if is_ignored_name(pure.name) or is_ignored_dir(pure.parent):
            continue
        try:
            info = (root / pure).lstat()
        except OSError:
            continue  # listed but gone (e.g. deleted in the work tree): reuse walks the disk
        if not stat.S_ISREG(info.st_mode) or info.st_size == 0:
            continue
        result.append(pure.as_posix())
    return sorted(result)


def _license_identifier(path: PurePosixPath, known: frozenset[str]) -> tuple[str, bool]:
    """(identifier, without_extension) for a file in LICENSES/, REUSE's way: the stem names it;
    a file named exactly like a known id but without extension is flagged."""
    if path.suffix and (path.stem in known or is_licenseref(path.stem)):
        return path.stem, False
    if path.name in known:
        return path.name, True
    return path.stem, False


@dataclass
class _FileInfo:
    expressions: set[str] = field(default_factory=set)
    has_copyright: bool = False


def _merge(
    target: _FileInfo, annotation: Annotation, licensing: bool = True, copyright_: bool = True
) -> None:
    if licensing:
        target.expressions.update(annotation.expressions)
    if copyright_ and annotation.copyrights:
        target.has_copyright = True


def lint(root: Path, paths: Sequence[str]) -> ReuseReport:
    """The REUSE verdict on `root`, given the project's files as POSIX paths relative to it.

    Mirrors `reuse lint`: files without licensing or copyright information, licenses used but not
    in LICENSES/ (with the files using them), unused, bad (neither SPDX nor LicenseRef-) and
    deprecated licenses in LICENSES/, license files without extension, unreadable files and
    REUSE.toml/dep5 errors. Invalid SPDX expressions make the tree non-compliant (the file is
    then also without licensing if it has nothing else). Nothing is written, symlinks are not
    followed out of the tree, and files are read up to a size cap.
    """
    paths = [p.removeprefix("./") for p in paths]
    current, deprecated = spdx_ids()
    known = current | deprecated
    config_errors: list[str] = []

    licenses: dict[str, str] = {}
    without_extension: list[str] = []
    for path in sorted(paths):
        pure = PurePosixPath(path)
        if pure.parts[:1] != ("LICENSES",) or len(pure.parts) < 2 or pure.suffix == ".license":
            continue
        if safe_path(root, path) is None:
            continue
        identifier, no_ext = _license_identifier(pure, known)
        if identifier in licenses:
            config_errors.append(f"{path}: {identifier} is also the identifier of {licenses[identifier]}")
            continue
        licenses[identifier] = path
        if no_ext:
            without_extension.append(identifier)
    license_map = set(known) | {lic for lic in licenses if is_licenseref(lic) and "Unknown" not in lic}

    annotations = ReuseAnnotations.load(root, paths)
    config_errors.extend(
        f"{e.path}: {e.message}" if not e.message.startswith(e.path) else e.message
        for e in annotations.errors
    )

    missing: dict[str, set[str]] = {}
    used: set[str] = set()
    read_errors: list[str] = []
    no_licensing: list[str] = []
    no_copyright: list[str] = []
    invalid: dict[str, set[str]] = {}
    for path in covered_files(root, paths):
        anns = annotations.annotations(path)
        info = _FileInfo()
        override = any(a.precedence == "override" for a in anns)
        own = _FileInfo()
        if not override:
            source = sidecar_of(path) if safe_path(root, sidecar_of(path)) is not None else path
            try:
                text = decode_text(read_bytes_capped(root, source))
            except OSError:
                read_errors.append(path)
                continue
            if text is not None:
                raw = extract_raw_tags(text)
                own.expressions = {value for _line, value in raw.expressions}
                own.has_copyright = bool(raw.copyrights)
        for ann in anns:
            if ann.precedence in ("override", "aggregate"):
                _merge(info, ann)
        info.expressions |= own.expressions
        info.has_copyright |= own.has_copyright
        own_licensing, own_copyright = bool(own.expressions), own.has_copyright
        closest = [a for a in anns if a.precedence == "closest"]
        if not own_licensing and not own_copyright:
            for ann in closest:
                _merge(info, ann)
        elif closest and own_licensing != own_copyright:
            # closest fills in only what the file itself does not say, and (as reuse does) only
            # from the first closest annotation.
            _merge(info, closest[0], licensing=not own_licensing, copyright_=not own_copyright)

        keys_in_file: list[str] = []
        for expression in info.expressions:
            keys = parse_expression_keys(expression)
            if keys is None:
                invalid.setdefault(path, set()).add(expression)
                continue
            for key in keys:
                if key not in licenses and key.removesuffix("+") not in licenses:
                    missing.setdefault(key, set()).add(path)
                keys_in_file.append(key)
        used.update(keys_in_file)
        if not keys_in_file:
            no_licensing.append(path)
        if not info.has_copyright:
            no_copyright.append(path)

    unused = sorted(lic for lic in licenses if lic not in used and f"{lic}+" not in used)
    bad = sorted(lic for lic in licenses if lic not in license_map)
    deprecated_found = sorted(lic for lic in licenses if lic in deprecated and lic in license_map)
    missing_items = tuple((lic, tuple(sorted(files))) for lic, files in sorted(missing.items()))
    compliant = not any(
        (
            missing_items,
            unused,
            bad,
            deprecated_found,
            without_extension,
            read_errors,
            invalid,
            no_licensing,
            no_copyright,
            config_errors,
        )
    )
    return ReuseReport(
        compliant=compliant,
        missing_licensing=tuple(sorted(no_licensing)),
        missing_copyright=tuple(sorted(no_copyright)),
        missing_licenses=missing_items,
        unused_licenses=tuple(unused),
        bad_licenses=tuple(bad),
        deprecated_licenses=tuple(deprecated_found),
        licenses_without_extension=tuple(sorted(without_extension)),
        read_errors=tuple(sorted(read_errors)),
        config_errors=tuple(config_errors),
        invalid_expressions=tuple((p, tuple(sorted(e))) for p, e in sorted(invalid.items())),
    )
