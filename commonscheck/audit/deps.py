# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The deps pipeline: find every manifest and lockfile in a tree, let the source for its kind read
it, add installed environments, merge what several files say about one package, filter.

One orchestrator over small sources (pip-audit's shape): sources turn bytes into packages,
this module decides which files to read, reports what could not be read, and merges.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from commonscheck.audit.files import Skipped, list_files, read_file
from commonscheck.audit.sources.base import MAX_MANIFEST_BYTES, DependencySource, SourceError
from commonscheck.model import Package, ReadError

# Which of two scopes wins when files disagree about one package: what ships beats what builds,
# what builds beats what only tests.
_SCOPE_RANK = {"runtime": 0, "optional": 1, "build": 2, "dev": 3}


@dataclass(frozen=True, slots=True)
class DepsOptions:
    """Which files to read and which packages to keep."""

    untracked: bool = False
    excludes: tuple[str, ...] = ()
    max_size: int = MAX_MANIFEST_BYTES
    environments: tuple[Path, ...] = ()
    # SBOM files named on the command line (SBOMs inside the tree are read like any manifest)
    sboms: tuple[Path, ...] = ()
    # a local Maven repository whose POMs give the licenses of Maven packages
    m2: Path | None = None
    scopes: frozenset[str] | None = None
    ecosystems: frozenset[str] | None = None


@dataclass(frozen=True, slots=True)
class DepsReport:
    """Every dependency found, the files they came from, and what could not be read."""

    root: str
    packages: tuple[Package, ...]
    manifests: tuple[str, ...]
    errors: tuple[ReadError, ...]


def default_sources() -> list[DependencySource]:
    """One instance of every concrete dependency source in the modules of commonscheck.audit.sources."""
    import importlib
    import inspect
    import pkgutil

    from commonscheck.audit import sources as package

    found: list[DependencySource] = []
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        if info.name == "base":
            continue
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for _name, cls in sorted(vars(module).items()):
            if (
                inspect.isclass(cls)
                and issubclass(cls, DependencySource)
                and not inspect.isabstract(cls)
                and cls.__module__ == module.__name__
            ):
                found.append(cls())
    return found


# Folders whose manifests belong to copies of other projects (vendored crates, node_modules):
# their packages are read by the vendor readers, not as the project's own dependencies.
_VENDORED = frozenset({"vendor", "node_modules"})


def _vendored(path: str) -> bool:
    return not _VENDORED.isdisjoint(PurePosixPath(path).parts[:-1])


def collect(
    root: Path, options: DepsOptions, sources: Sequence[DependencySource] | None = None
) -> DepsReport:
    """Read the dependencies of the tree at `root` (files.NotScannable when the root cannot be
    read) and of the installed environments in `options`; never runs anything from the tree."""
    sources = list(sources) if sources is not None else default_sources()
    listing = list_files(
        root, untracked=options.untracked, excludes=options.excludes, max_size=options.max_size
    )
    errors = [ReadError(p, m) for p, m in listing.errors]
    errors.extend(_skipped_manifests(root, listing.skipped, sources, options.max_size))
    found: list[Package] = []
    manifests: list[str] = []
    # (ecosystem, name) of the packages the tree's own manifests define (root, workspace members)
    own: set[tuple[str, str]] = set()
    # (path, the source that must read it: None to choose by file name)
    pending: list[tuple[str, DependencySource | None]] = [(e.path, None) for e in listing.files]
    listed = {e.path for e in listing.files}
    seen: set[str] = set()
    while pending:
        path, forced = pending.pop(0)
        if path in seen:
            continue
        if forced is None and _vendored(path):
            continue
        if forced is None and PurePosixPath(path).name == "go.sum" and _has_sibling(path, "go.mod", listed):
            # go.sum is a checksum database, a superset of the build list; since Go 1.17 the go.mod
            # beside it lists every module the build uses (indirect ones marked), so it decides.
            continue
        source = forced or next((s for s in sources if s.handles(path)), None)
        if source is None:
            continue
        seen.add(path)
        try:
            data = read_file(root, path, options.max_size)
        except OSError as exc:
            errors.append(ReadError(path, exc.strerror or str(exc)))
            continue
        try:
            extra: dict[str, object] = {}
            wanted = _keywords(source)
            if "manifest" in wanted:
                # npm v1, yarn, pnpm, Cargo and Composer lockfiles do not say which packages the
                # project asked for: the manifest beside them does.
                name = getattr(source, "manifest_name", "package.json")
                extra["manifest"] = _sibling(root, path, name, listed, options.max_size)
            if "members" in wanted:
                # A workspace's one lockfile covers every member below it; their manifests say
                # which of their crates are dev or build dependencies.
                name = getattr(source, "manifest_name", "")
                extra["members"] = [
                    d
                    for m in _members(path, name, listed)
                    if (d := _read_listed(root, m, listed, options.max_size)) is not None
                ]
            if "tree" in wanted:
                # a POM's parent is another file of the tree, read only if it is listed
                def tree(p: str) -> bytes | None:
                    return _read_listed(root, p, listed, options.max_size)

                extra["tree"] = tree
            packages = list(source.read(path, data, **extra))
        except SourceError as exc:
            errors.append(ReadError(path, str(exc)))
            continue
        except (ValueError, KeyError, TypeError, RecursionError) as exc:
            # A source that trips over input it did not foresee still only loses that file.
            errors.append(ReadError(path, f"could not be parsed ({type(exc).__name__}: {exc})"))
            continue
        manifests.append(path)
        found.extend(packages)
        # read() parsed it; a source whose own-name reading still fails only loses that name
        with contextlib.suppress(SourceError):
            own.update((source.ecosystem, name) for name in source.defines(path, data))
        # requirements files include others ("-r base.txt"): read those too, wherever they are
        # (by the source that named them: "-r common.txt" is a requirements file whatever its name)
        includes = getattr(source, "includes", None)
        if callable(includes):
            for inc in includes(path, data):
                if inc in listed and inc not in seen:
                    pending.append((inc, source))
                elif inc not in listed:
                    errors.append(ReadError(path, f"includes {inc}, which is not among the files scanned"))
    for reader in _vendor_readers(listed):
        vendored, vendor_errors = reader(root)
        found.extend(vendored)
        errors.extend(vendor_errors)
    for env in options.environments:
        env_packages, env_errors = _read_environment(env)
        found.extend(env_packages)
        errors.extend(env_errors)
    if options.sboms:
        from commonscheck.audit.sources import sbom

        for sbom_path in options.sboms:
            sbom_packages, sbom_errors = sbom.read_sbom_file(sbom_path)
            found.extend(sbom_packages)
            errors.extend(sbom_errors)
            if not sbom_errors:
                manifests.append(str(sbom_path))
    # A versionless mention of a package the tree itself defines is a sibling asked for by range
    # ("@acme/ui": "*" across npm workspaces): the project's own code, which no lockfile locks.
    packages = [p for p in merge(found) if p.version is not None or (p.ecosystem, p.name) not in own]
    if options.m2 is not None:
        from commonscheck.audit.sources import maven

        if options.m2.is_dir():
            packages, m2_errors = maven.licenses_from_m2(options.m2, packages)
            errors.extend(m2_errors)
        else:
            errors.append(ReadError(str(options.m2), "not a folder (expected a local Maven repository)"))
    if options.scopes is not None:
        packages = [p for p in packages if p.scope in options.scopes]
    if options.ecosystems is not None:
        packages = [p for p in packages if p.ecosystem in options.ecosystems]
    return DepsReport(
        root=str(root),
        packages=tuple(packages),
        manifests=tuple(sorted(manifests)),
        errors=tuple(sorted(set(errors), key=lambda e: (e.path, e.message))),
    )


def _skipped_manifests(
    root: Path, skipped: Iterable[Skipped], sources: Sequence[DependencySource], max_size: int
) -> list[ReadError]:
    """The manifests and lockfiles the listing left out (a symlink, a file over the size limit):
    each one is a hole in the dependency set, so it is reported rather than silently missing."""
    errors: list[ReadError] = []
    for sk in skipped:
        if _vendored(sk.path) or not any(s.handles(sk.path) for s in sources):
            continue
        if sk.reason == "symlink":
            if _links_inside(root, sk.path):
                # Its target is a file of the tree, which is read at its own path.
                continue
            message = "a symlink to a file outside the scanned tree, not followed"
        elif sk.reason == "too-large":
            message = f"larger than the size limit ({max_size} bytes), not read"
        else:
            message = f"not read ({sk.reason})"
        errors.append(ReadError(sk.path, message))
    return errors


def _links_inside(root: Path, path: str) -> bool:
    """Whether the symlink at `path` ends at a regular file inside `root` (never opened, only
    resolved)."""
    try:
        base = root.resolve()
        target = (root / path).resolve(strict=True)
    except (OSError, RuntimeError):
        return False
    return target.is_file() and target.is_relative_to(base)


VendorReader = Callable[[Path], tuple[list[Package], list[ReadError]]]


def _vendor_readers(listed: set[str]) -> list[VendorReader]:
    """The readers of vendored copies this tree holds: Go's vendor/modules.txt, vendored crates
    (vendor/<crate>/Cargo.toml), vendored gemspecs; each also detects the copies' license files."""
    readers: list[VendorReader] = []
    if "vendor/modules.txt" in listed:
        from commonscheck.audit.sources import golang

        readers.append(golang.read_vendor_modules)
    if any(p.startswith("vendor/") and p.count("/") == 2 and p.endswith("/Cargo.toml") for p in listed):
        from commonscheck.audit.sources import cargo

        readers.append(cargo.read_vendor)
    if any(p.startswith("vendor/") and p.endswith(".gemspec") for p in listed):
        from commonscheck.audit.sources import ruby

        readers.append(ruby.read_vendored_gemspecs)
    return readers


def _keywords(source: DependencySource) -> frozenset[str]:
    import inspect

    return frozenset(inspect.signature(source.read).parameters)


def _read_listed(root: Path, path: str, listed: set[str], max_size: int) -> bytes | None:
    if path not in listed:
        return None
    try:
        return read_file(root, path, max_size)
    except OSError:
        return None


def _members(lock: str, name: str, listed: set[str]) -> list[str]:
    """The manifests called `name` below the lockfile's folder (not the one beside it), outside
    vendored copies and outside folders with a lockfile of their own (another workspace)."""
    folder = PurePosixPath(lock).parent
    lock_name = PurePosixPath(lock).name
    out = []
    for p in sorted(listed):
        path = PurePosixPath(p)
        if path.name != name or path.parent == folder or _vendored(p):
            continue
        d, inside, other_workspace = path.parent, False, False
        while True:
            if d == folder:
                inside = True
                break
            other_workspace = other_workspace or str(d / lock_name) in listed
            if d == d.parent:
                break
            d = d.parent
        if inside and not other_workspace:
            out.append(p)
    return out


def _has_sibling(path: str, name: str, listed: set[str]) -> bool:
    folder = PurePosixPath(path).parent
    return (str(folder / name) if str(folder) != "." else name) in listed


def _sibling(root: Path, path: str, name: str, listed: set[str], max_size: int) -> bytes | None:
    folder = PurePosixPath(path).parent
    return _read_listed(root, str(folder / name) if str(folder) != "." else name, listed, max_size)


def _read_environment(env: Path) -> tuple[list[Package], list[ReadError]]:
    """An installed environment: a Python venv or site-packages, or a folder with node_modules."""
    if not env.is_dir():
        return [], [ReadError(str(env), "not a folder")]
    packages: list[Package] = []
    errors: list[ReadError] = []
    read_any = False
    if (env / "node_modules").is_dir() or env.name == "node_modules":
        from commonscheck.audit.sources import npm

        top = env if (env / "node_modules").is_dir() else env.parent
        p, e = npm.read_node_modules(top)
        packages += p
        errors += e
        read_any = True
    if (
        (env / "pyvenv.cfg").is_file()
        or any(env.glob("*.dist-info"))
        or list(env.glob("lib/python*/site-packages"))
    ):
        from commonscheck.audit.sources import python

        p, e = python.read_installed(env)
        packages += p
        errors += e
        read_any = True
    if not read_any:
        errors.append(ReadError(str(env), "neither a Python environment nor a folder with node_modules"))
    return packages, errors


def merge(packages: Iterable[Package]) -> list[Package]:
    """One record per (ecosystem, name, version), sorted.

    A manifest names a package with a range (version None), its lockfile or environment with the
    exact version: the range entry is folded into the exact ones, which become direct if the
    manifest lists them directly. Declared and detected licenses are kept from whichever record
    has them; the scope is the widest one any file gives (runtime over optional over build over
    dev); the source is the first file that named that exact version, except that a manifest line
    beats an installed environment's metadata file (no line: not a file of the repository), whose
    scope is then the manifest's too.
    """
    by_key: dict[tuple[str, str, str | None], Package] = {}
    for p in packages:
        key = (p.ecosystem, p.name, p.version)
        old = by_key.get(key)
        by_key[key] = p if old is None else _combine(old, p)
    versions: dict[tuple[str, str], list[tuple[str, str, str | None]]] = {}
    for key in by_key:
        if key[2] is not None:
            versions.setdefault(key[:2], []).append(key)
    for key in [k for k in by_key if k[2] is None]:
        exact = versions.get(key[:2])
        if not exact:
            continue
        loose = by_key.pop(key)
        # When a lockfile already says which locked version the project asked for, the range
        # does not make the others (nested copies for other dependents) direct too.
        known_direct = any(by_key[k].direct for k in exact)
        for k in exact:
            exact_record = by_key[k]
            fold = replace(loose, version=exact_record.version, source=exact_record.source)
            if known_direct and not exact_record.direct:
                fold = replace(fold, direct=False, scope=exact_record.scope)
            combined = _combine(exact_record, fold)
            if not _has_line(exact_record.source) and _has_line(loose.source):
                # An installed environment is no file of the repository and cannot tell a test
                # tool from a runtime library: the manifest line that asks for the package gives
                # the place a reader (and a SARIF result) should look, and the scope.
                combined = replace(combined, source=loose.source, scope=loose.scope)
            by_key[k] = combined
    return sorted(by_key.values(), key=lambda p: (p.ecosystem, p.name, p.version or "", p.scope, p.source))


def _has_line(source: str) -> bool:
    return source.rpartition(":")[2].isdigit()


def _combine(a: Package, b: Package) -> Package:
    scope = a.scope if _SCOPE_RANK.get(a.scope, 9) <= _SCOPE_RANK.get(b.scope, 9) else b.scope
    return replace(
        a,
        scope=scope,
        direct=a.direct or b.direct,
        declared=a.declared if a.declared is not None else b.declared,
        declared_raw=a.declared_raw if a.declared_raw is not None else b.declared_raw,
        detected=a.detected if a.detected is not None else b.detected,
        purl=a.purl or b.purl,
    )
