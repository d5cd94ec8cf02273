# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The deps pipeline: find every manifest and lockfile in a tree, let the source for its kind read
it, add installed environments, merge what several files say about one package, filter.

One orchestrator over small sources (pip-audit's shape): sources turn bytes into packages,
this module decides which files to read, reports what could not be read, and merges.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from commonscheck.audit.files import list_files, read_file
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
    """One instance of every concrete dependency source in commonscheck.audit.sources."""
    import importlib
    import inspect

    sources: list[DependencySource] = []
    for module_name in ("python", "npm"):
        try:
            module = importlib.import_module(f"commonscheck.audit.sources.{module_name}")
        except ImportError:  # pragma: no cover - a source module missing from a partial install
            continue
        for _name, cls in sorted(vars(module).items()):
            if (
                inspect.isclass(cls)
                and issubclass(cls, DependencySource)
                and not inspect.isabstract(cls)
                and cls.__module__ == module.__name__
            ):
                sources.append(cls())
    return sources


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
    found: list[Package] = []
    manifests: list[str] = []
    # (path, the source that must read it: None to choose by file name)
    pending: list[tuple[str, DependencySource | None]] = [(e.path, None) for e in listing.files]
    listed = {e.path for e in listing.files}
    seen: set[str] = set()
    while pending:
        path, forced = pending.pop(0)
        if path in seen:
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
            if _wants_manifest(source):
                # npm v1, yarn and pnpm lockfiles do not say which packages the project asked
                # for: the package.json beside them does.
                manifest = _sibling(root, path, "package.json", listed, options.max_size)
                packages = list(source.read(path, data, manifest=manifest))  # type: ignore[call-arg]
            else:
                packages = list(source.read(path, data))
        except SourceError as exc:
            errors.append(ReadError(path, str(exc)))
            continue
        except (ValueError, KeyError, TypeError, RecursionError) as exc:
            # A source that trips over input it did not foresee still only loses that file.
            errors.append(ReadError(path, f"could not be parsed ({type(exc).__name__}: {exc})"))
            continue
        manifests.append(path)
        found.extend(packages)
        # requirements files include others ("-r base.txt"): read those too, wherever they are
        # (by the source that named them: "-r common.txt" is a requirements file whatever its name)
        includes = getattr(source, "includes", None)
        if callable(includes):
            for inc in includes(path, data):
                if inc in listed and inc not in seen:
                    pending.append((inc, source))
                elif inc not in listed:
                    errors.append(ReadError(path, f"includes {inc}, which is not among the files scanned"))
    for env in options.environments:
        env_packages, env_errors = _read_environment(env)
        found.extend(env_packages)
        errors.extend(env_errors)
    packages = merge(found)
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


def _wants_manifest(source: DependencySource) -> bool:
    import inspect

    return "manifest" in inspect.signature(source.read).parameters


def _sibling(root: Path, path: str, name: str, listed: set[str], max_size: int) -> bytes | None:
    folder = PurePosixPath(path).parent
    candidate = str(folder / name) if str(folder) != "." else name
    if candidate not in listed:
        return None
    try:
        return read_file(root, candidate, max_size)
    except OSError:
        return None


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
    dev); the source is the first file that named that exact version.
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
            fold = replace(loose, version=by_key[k].version, source=by_key[k].source)
            if known_direct and not by_key[k].direct:
                fold = replace(fold, direct=False, scope=by_key[k].scope)
            by_key[k] = _combine(by_key[k], fold)
    return sorted(by_key.values(), key=lambda p: (p.ecosystem, p.name, p.version or "", p.scope, p.source))


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
