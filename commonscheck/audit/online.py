# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Declared licenses from deps.dev and ClearlyDefined, for packages local files could not resolve.

Only ever called when the user asks for it (`--online`): everything else in commonscheck works
offline. Answers, negative ones included, are cached (namespace "online:1") with the time they were
fetched, and ignored once older than the expiry. Failures (HTTP errors, timeouts, invalid JSON) are
one note each and never stop the run. Standard library only: urllib with the default TLS
verification, a small thread pool and a total time budget.

Service references:
- deps.dev v3 GetVersion, `GET /v3/systems/{system}/packages/{name}/versions/{version}`, path
  parameters percent-encoded (`/` and `@` too): https://docs.deps.dev/api/v3/ and the service
  definition google/deps.dev api/v3/api.proto ("licenses": SPDX expressions, "non-standard" when
  there is no SPDX id, and "when more than one license is listed, their relationship is
  unspecified"). Systems: GO, NPM, CARGO, MAVEN, PYPI, NUGET.
- ClearlyDefined `GET /definitions/{type}/{provider}/{namespace}/{name}/{revision}`, namespace "-"
  when there is none, slashes in a Go namespace encoded as %2F, `licensed.declared`:
  https://github.com/clearlydefined/clearlydefined docs/get-involved/using-data.md
"""

from __future__ import annotations

import dataclasses
import http.client
import json
import ssl
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from packageurl import PackageURL

from commonscheck import __version__
from commonscheck.audit.licnames import normalise_license
from commonscheck.cache import Cache
from commonscheck.model import Package

CACHE_NAMESPACE = "online:1"
DEPS_DEV = "deps.dev"
CLEARLYDEFINED = "clearlydefined"
# Four in flight at most: both services rate-limit, and a dependency list is rarely long enough
# for more to matter against a 10 s timeout.
MAX_WORKERS = 4
# A ClearlyDefined definition lists every file unless told not to; this bounds what one answer
# may cost in memory even so.
MAX_BODY = 8 * 1024 * 1024

# Package-URL types (the purl spec's names) by the ecosystem names sources may use.
_PURL_TYPES = {
    "pypi": "pypi",
    "python": "pypi",
    "npm": "npm",
    "cargo": "cargo",
    "crates": "cargo",
    "rust": "cargo",
    "go": "golang",
    "golang": "golang",
    "maven": "maven",
    "java": "maven",
    "gem": "gem",
    "ruby": "gem",
    "rubygems": "gem",
    "composer": "composer",
    "php": "composer",
    "packagist": "composer",
    "nuget": "nuget",
}
# deps.dev v3 systems (api.proto `enum System`); RubyGems and Packagist are not among them.
_DEPS_DEV_SYSTEMS = {
    "pypi": "pypi",
    "npm": "npm",
    "cargo": "cargo",
    "golang": "go",
    "maven": "maven",
    "nuget": "nuget",
}
# ClearlyDefined (type, provider) for the registries it harvests (using-data.md, coordinates).
_CD_TYPES = {
    "pypi": ("pypi", "pypi"),
    "npm": ("npm", "npmjs"),
    "cargo": ("crate", "cratesio"),
    "golang": ("go", "golang"),
    "maven": ("maven", "mavencentral"),
    "gem": ("gem", "rubygems"),
    "composer": ("composer", "packagist"),
    "nuget": ("nuget", "nuget"),
}
# Values that say "nobody knows", not a license.
_NO_LICENSE = frozenset({"", "NOASSERTION", "NONE", "OTHER", "NON-STANDARD"})


@dataclass(frozen=True, slots=True)
class _Coordinates:
    """One package version as the services name it: purl type, namespace (or ""), name, version."""

    type: str
    namespace: str
    name: str
    version: str

    @property
    def label(self) -> str:
        full = f"{self.namespace}/{self.name}" if self.namespace else self.name
        return f"{self.type}/{full} {self.version}"


@dataclass(frozen=True, slots=True)
class _Answer:
    """What one service said: a license string (raw), nothing (found=False), or an error."""

    license: str | None
    error: str | None = None


def _coordinates(pkg: Package) -> _Coordinates | None:
    """The package's coordinates, from its purl when it has one (which splits namespace and name
    the way the purl spec does per type), else from its ecosystem and name."""
    if not pkg.version:
        return None
    if pkg.purl:
        try:
            purl = PackageURL.from_string(pkg.purl)
        except ValueError:
            purl = None
        if purl is not None and purl.type in _CD_TYPES:
            return _Coordinates(purl.type, purl.namespace or "", purl.name, pkg.version)
    ptype = _PURL_TYPES.get(pkg.ecosystem.lower())
    if ptype is None:
        return None
    namespace, name = "", pkg.name
    if ptype == "maven" and ":" in name:
        namespace, _, name = name.partition(":")
    elif ptype in {"npm", "composer", "golang"} and "/" in name:
        namespace, _, name = name.rpartition("/")
    return _Coordinates(ptype, namespace, name, pkg.version)


def deps_dev_url(base: str, coords: _Coordinates) -> str | None:
    """The deps.dev v3 GetVersion URL, or None for a system deps.dev does not know."""
    system = _DEPS_DEV_SYSTEMS.get(coords.type)
    if system is None:
        return None
    if coords.type == "maven":
        name = f"{coords.namespace}:{coords.name}" if coords.namespace else coords.name
    elif coords.namespace:
        name = f"{coords.namespace}/{coords.name}"
    else:
        name = coords.name
    # safe="" so that "/" and "@" are escaped too, as the API page asks of every path parameter.
    return (
        f"{base.rstrip('/')}/v3/systems/{system}/packages/{quote(name, safe='')}"
        f"/versions/{quote(coords.version, safe='')}"
    )


def clearlydefined_url(base: str, coords: _Coordinates) -> str | None:
    """The ClearlyDefined definition URL, or None for a registry it does not harvest."""
    kind = _CD_TYPES.get(coords.type)
    if kind is None:
        return None
    namespace = quote(coords.namespace, safe="") if coords.namespace else "-"
    # expand=-files leaves out the per-file list, which can run to megabytes and is not needed here.
    return (
        f"{base.rstrip('/')}/definitions/{kind[0]}/{kind[1]}/{namespace}"
        f"/{quote(coords.name, safe='')}/{quote(coords.version, safe='')}?expand=-files"
    )


def _licenses_from_deps_dev(body: Any) -> str | None:
    """The one license deps.dev names, or None. Several are kept joined with "; " as raw text:
    the API leaves their relationship unspecified, so neither AND nor OR may be assumed."""
    if not isinstance(body, dict):
        raise ValueError("not a JSON object")
    found = body.get("licenses")
    if found is None:
        return None
    if not isinstance(found, list) or not all(isinstance(x, str) for x in found):
        raise ValueError('"licenses" is not a list of strings')
    distinct = list(dict.fromkeys(x.strip() for x in found if x.strip()))
    return "; ".join(distinct) if distinct else None


def _license_from_clearlydefined(body: Any) -> str | None:
    """`licensed.declared` of a definition, or None (an unharvested component has no `licensed`
    data at all, and ClearlyDefined still answers 200)."""
    if not isinstance(body, dict):
        raise ValueError("not a JSON object")
    licensed = body.get("licensed")
    if licensed is None:
        return None
    if not isinstance(licensed, dict):
        raise ValueError('"licensed" is not an object')
    declared = licensed.get("declared")
    if declared is None:
        return None
    if not isinstance(declared, str):
        raise ValueError('"licensed.declared" is not a string')
    return declared.strip() or None


def _fetch(url: str, timeout: float, context: ssl.SSLContext) -> tuple[int, Any]:
    """GET url; (status, parsed JSON). 404 is (404, None); other failures raise."""
    request = urllib.request.Request(
        url, headers={"User-Agent": f"commonscheck/{__version__}", "Accept": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout, context=context) as response:
            status = int(response.status)
            data = response.read(MAX_BODY + 1)
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            return 404, None
        raise
    if len(data) > MAX_BODY:
        raise ValueError(f"answer larger than {MAX_BODY} bytes")
    return status, json.loads(data.decode("utf-8"))


def _describe(exc: BaseException) -> str:
    """One line for a failed request."""
    if isinstance(exc, urllib.error.HTTPError):
        return f"HTTP {exc.code}"
    if isinstance(exc, TimeoutError):
        return "timed out"
    if isinstance(exc, urllib.error.URLError):
        reason = exc.reason
        if isinstance(reason, TimeoutError):
            return "timed out"
        return f"cannot connect ({reason})"
    if isinstance(exc, UnicodeDecodeError | json.JSONDecodeError):
        return "invalid JSON"
    if isinstance(exc, http.client.HTTPException):
        return f"broken answer ({type(exc).__name__})"
    return " ".join(str(exc).split()) or type(exc).__name__


def open_cache(folder: Path | None) -> Cache:
    """The cache `resolve_online` expects: namespace "online:1" in the cache folder (None: off)."""
    return Cache(folder, CACHE_NAMESPACE)


class _Lookup:
    """The requests of one run: cached answers read up front, new answers collected for writing.

    The cache is only touched on the calling thread (an SQLite connection belongs to the thread
    that opened it); workers only read `fresh` and add to `new`, under the GIL's dict atomicity.
    """

    def __init__(
        self, fresh: dict[str, Any], deadline: float, timeout: float, now: Callable[[], float]
    ) -> None:
        self.fresh = fresh
        self.new: dict[str, Any] = {}
        self.deadline = deadline
        self.timeout = timeout
        self.now = now
        self.context = ssl.create_default_context()

    def ask(self, url: str, extract: Callable[[Any], str | None]) -> _Answer:
        """The license string at url, from the cache when fresh, else from the service."""
        cached = self.fresh.get(url)
        if cached is not None:
            lic = cached.get("license")
            return _Answer(lic if isinstance(lic, str) else None)
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            return _Answer(None, "not asked: time budget for online lookups used up")
        try:
            status, body = _fetch(url, min(self.timeout, remaining), self.context)
            lic = None if status == 404 else extract(body)
        except (OSError, ValueError, http.client.HTTPException) as exc:
            # Transient or garbled answers are not cached: the next run asks again.
            return _Answer(None, _describe(exc))
        # Negative answers (404, no license) are cached too: asking again within the expiry would
        # only get the same answer.
        self.new[url] = {"fetched_at": self.now(), "status": status, "license": lic}
        return _Answer(lic)


def _usable(raw: str | None) -> str | None:
    """The SPDX expression a service's license string means, or None (unknown, several, none)."""
    if raw is None or raw.strip().upper() in _NO_LICENSE or ";" in raw:
        return None
    # license-expression's parser keeps tokenizer state in shared objects and is not thread-safe:
    # the lookup threads take turns (parsing is microseconds; the waiting is on the network).
    with _PARSE_LOCK:
        name = normalise_license(raw)
    return name.expression if name is not None else None


_PARSE_LOCK = threading.Lock()


def _resolve_one(
    coords: _Coordinates, lookup: _Lookup, deps_dev: str, clearlydefined: str
) -> tuple[str | None, str | None, str | None, list[str]]:
    """(expression, raw, service, notes) for one package version: deps.dev first, then
    ClearlyDefined when deps.dev has no usable answer."""
    notes: list[str] = []
    raw_seen: str | None = None
    for service, url, extract in (
        (DEPS_DEV, deps_dev_url(deps_dev, coords), _licenses_from_deps_dev),
        (CLEARLYDEFINED, clearlydefined_url(clearlydefined, coords), _license_from_clearlydefined),
    ):
        if url is None:
            continue
        answer = lookup.ask(url, extract)
        if answer.error is not None:
            notes.append(f"{coords.label}: {service}: {answer.error}")
            continue
        expression = _usable(answer.license)
        if expression is not None:
            notes.append(f"{coords.label}: license from {service}")
            return expression, answer.license, service, notes
        if answer.license is not None and raw_seen is None:
            raw_seen = answer.license
    if raw_seen is not None and "; " in raw_seen:
        notes.append(f"{coords.label}: several online licenses, how they combine is not stated: {raw_seen!r}")
    elif raw_seen is not None:
        notes.append(f"{coords.label}: online license not an SPDX expression: {raw_seen!r}")
    elif not notes:
        notes.append(f"{coords.label}: no license known to deps.dev or ClearlyDefined")
    return None, raw_seen, None, notes


def resolve_online(
    packages: Sequence[Package],
    *,
    cache: Cache | None,
    ttl_seconds: int = 7 * 86400,
    deps_dev: str = "https://api.deps.dev",
    clearlydefined: str = "https://api.clearlydefined.io",
    timeout: float = 10.0,
    budget_seconds: float = 120.0,
    clock: Callable[[], float] = time.time,
) -> tuple[list[Package], list[str]]:
    """The packages, in the same order, with `declared` filled from deps.dev or ClearlyDefined
    where neither a declared nor a detected license was known locally, and one note a line.

    Only packages with a version and an ecosystem one of the services knows are looked up; each
    package version is asked about once however often it appears. A package given a license
    keeps its provenance visible: `source` gains "; license: deps.dev" (or clearlydefined) and
    `declared_raw` holds the service's text. Answers that name no SPDX license ("non-standard",
    NOASSERTION, several licenses whose relationship deps.dev leaves open) fill nothing; their
    text goes into `declared_raw` only when the manifest had none. Failures are notes, never
    exceptions. `clock` gives the fetched-at time (tests pass their own to check expiry);
    `budget_seconds` bounds the whole run, `timeout` each request. `cache` must use the
    namespace "online:1" (see `open_cache`); None means no caching.
    """
    if cache is not None and cache.namespace != CACHE_NAMESPACE:
        # A programming error, not a user's: another namespace would mix in unrelated values.
        raise ValueError(f"online lookups use the cache namespace {CACHE_NAMESPACE!r}")
    wanted: dict[_Coordinates, list[int]] = {}
    unknown: list[str] = []
    for i, pkg in enumerate(packages):
        if pkg.declared is not None or pkg.detected is not None or not pkg.version:
            continue
        coords = _coordinates(pkg)
        if coords is not None:
            wanted.setdefault(coords, []).append(i)
        else:
            label = f"{pkg.ecosystem}/{pkg.name} {pkg.version}"
            unknown.append(f"{label}: no online source knows the ecosystem {pkg.ecosystem!r}")
    out = list(packages)
    if not wanted:
        return out, unknown

    urls = [
        u
        for c in wanted
        for u in (deps_dev_url(deps_dev, c), clearlydefined_url(clearlydefined, c))
        if u is not None
    ]
    now = clock()
    fresh: dict[str, Any] = {}
    if cache is not None:
        for url, value in cache.get_many(urls).items():
            # Entries from the future (a clock set back) count as expired, so they get refreshed.
            if isinstance(value, dict):
                fetched = value.get("fetched_at")
                if isinstance(fetched, int | float) and 0 <= now - fetched <= ttl_seconds:
                    fresh[url] = value
    lookup = _Lookup(fresh, time.monotonic() + budget_seconds, timeout, clock)

    order = list(wanted)
    with ThreadPoolExecutor(max_workers=MAX_WORKERS, thread_name_prefix="commonscheck-online") as pool:
        results = list(pool.map(lambda c: _resolve_one(c, lookup, deps_dev, clearlydefined), order))
    if cache is not None:
        cache.put_many(lookup.new)

    notes: list[str] = list(unknown)
    for coords, (expression, raw, service, found_notes) in zip(order, results, strict=True):
        notes.extend(found_notes)
        for i in wanted[coords]:
            pkg = out[i]
            if expression is not None:
                out[i] = dataclasses.replace(
                    pkg, declared=expression, declared_raw=raw, source=f"{pkg.source}; license: {service}"
                )
            elif raw is not None and pkg.declared_raw is None:
                out[i] = dataclasses.replace(pkg, declared_raw=raw)
    return out, notes
