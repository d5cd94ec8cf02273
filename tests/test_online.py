# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""`--online` license lookups against a local HTTP server that replays recorded answers.

The server is a real http.server on 127.0.0.1 (port 0) in a thread: requests go through urllib,
sockets and HTTP exactly as they would to deps.dev and ClearlyDefined; only the host differs.
It records the raw request paths (so URL escaping is checked as sent) and the headers.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from commonscheck import __version__
from commonscheck.audit.online import CACHE_NAMESPACE, open_cache, resolve_online
from commonscheck.cache import Cache
from commonscheck.model import Package

# --- Recorded answers -------------------------------------------------------------------------
#
# deps.dev: the shape of a v3 `Version` message (GetVersion returns it as the whole body; field
# names from google/deps.dev api/v3/api.proto, JSON in lowerCamelCase). This body is the
# `version` object of a real answer for jaraco.context 6.0.2 quoted in google/deps.dev issue
# #322 (https://github.com/google/deps.dev/issues/322), note the canonicalised name.
DEPS_DEV_JARACO = {
    "versionKey": {"system": "PYPI", "name": "jaraco-context", "version": "6.0.2"},
    "purl": "pkg:pypi/jaraco-context@6.0.2",
    "publishedAt": "2025-12-24T19:21:34Z",
    "isDefault": True,
    "isDeprecated": False,
    "licenses": ["MIT"],
    "licenseDetails": [{"license": "MIT", "spdx": "MIT"}],
    "advisoryKeys": [],
    "links": [{"label": "SOURCE_REPO", "url": "https://github.com/jaraco/jaraco.context"}],
    "slsaProvenances": [],
    "attestations": [],
    "registries": ["https://pypi.org/simple"],
    "relatedProjects": [
        {
            "projectKey": {"id": "github.com/jaraco/jaraco.context"},
            "relationProvenance": "UNVERIFIED_METADATA",
            "relationType": "SOURCE_REPO",
        }
    ],
}


def deps_dev_version(system: str, name: str, version: str, licenses: list[str]) -> dict[str, Any]:
    """A `Version` body in the recorded shape above, for another package."""
    body = copy.deepcopy(DEPS_DEV_JARACO)
    body["versionKey"] = {"system": system, "name": name, "version": version}
    body["purl"] = ""
    body["licenses"] = licenses
    body["licenseDetails"] = [{"license": x, "spdx": x} for x in licenses if x != "non-standard"]
    body["relatedProjects"] = []
    body["links"] = []
    return body


# ClearlyDefined: a definition as GET /definitions/... returns it; the layout (described,
# licensed.declared, licensed.facets.core, coordinates, scores) is that of a recorded definition
# kept as a test snapshot in codefeedr (codefeedr-plugins/codefeedr-1up/src/test/scala/
# org.codefeedr.plugins/clearlydefined/resources/ClearlyDefinedPackageSnapshot.scala), with the
# coordinates of the package asked about.
def clearlydefined_definition(
    type_: str, provider: str, namespace: str, name: str, revision: str, declared: str | None
) -> dict[str, Any]:
    """A ClearlyDefined definition body; declared None is an unharvested component (ClearlyDefined
    answers 200 with no `licensed.declared` and zero scores then)."""
    licensed: dict[str, Any] = {
        "toolScore": {"total": 0, "declared": 0, "discovered": 0, "consistency": 0, "spdx": 0, "texts": 0},
        "score": {"total": 0, "declared": 0, "discovered": 0, "consistency": 0, "spdx": 0, "texts": 0},
    }
    described: dict[str, Any] = {"tools": [], "toolScore": {"total": 0, "date": 0, "source": 0}}
    if declared is not None:
        licensed = {
            "declared": declared,
            "toolScore": {
                "total": 75,
                "declared": 30,
                "discovered": 0,
                "consistency": 15,
                "spdx": 15,
                "texts": 15,
            },
            "facets": {
                "core": {
                    "attribution": {"unknown": 153, "parties": ["Copyright (c) 2014 The authors"]},
                    "discovered": {"unknown": 152, "expressions": [declared]},
                    "files": 154,
                }
            },
            "score": {
                "total": 75,
                "declared": 30,
                "discovered": 0,
                "consistency": 15,
                "spdx": 15,
                "texts": 15,
            },
        }
        described = {
            "releaseDate": "2019-12-03",
            "files": 154,
            "tools": ["clearlydefined/1.3.0", "licensee/9.13.0", "scancode/3.2.2"],
            "toolScore": {"total": 100, "date": 30, "source": 70},
            "score": {"total": 100, "date": 30, "source": 70},
        }
    return {
        "described": described,
        "licensed": licensed,
        "coordinates": {
            "type": type_,
            "provider": provider,
            "namespace": namespace,
            "name": name,
            "revision": revision,
        },
        "_meta": {"schemaVersion": "1.6.1", "updated": "2019-12-05T13:02:51.446Z"},
        "scores": {"effective": 87 if declared else 0, "tool": 87 if declared else 0},
    }


# deps.dev's 404 body: gRPC-gateway error JSON.
NOT_FOUND = {"code": 5, "message": "version not found", "details": []}


# --- The replaying server ---------------------------------------------------------------------


@dataclass
class Route:
    """A recorded answer: status and body; `delay` seconds before answering (to provoke timeouts)."""

    status: int
    body: bytes
    delay: float = 0.0


def route(status: int, body: object) -> Route:
    """A JSON answer."""
    return Route(status, json.dumps(body).encode("utf-8"))


@dataclass
class Replay:
    """The server's state: routes by raw path (query included), and what it saw."""

    routes: dict[str, Route] = field(default_factory=dict)
    paths: list[str] = field(default_factory=list)
    agents: list[str | None] = field(default_factory=list)
    in_flight: int = 0
    max_in_flight: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    base: str = ""

    def count(self) -> int:
        with self.lock:
            return len(self.paths)


def _handler(replay: Replay) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            with replay.lock:
                replay.paths.append(self.path)
                replay.agents.append(self.headers.get("User-Agent"))
                replay.in_flight += 1
                replay.max_in_flight = max(replay.max_in_flight, replay.in_flight)
            done = False
            try:
                answer = replay.routes.get(self.path, route(404, NOT_FOUND))
                if answer.delay:
                    time.sleep(answer.delay)
                # The request stops counting before its answer leaves: once the client has the
                # answer it may send its next request before this thread runs again, and counting
                # that overlap would measure the server's scheduling, not the client's concurrency.
                with replay.lock:
                    replay.in_flight -= 1
                done = True
                self.send_response(answer.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer.body)))
                self.end_headers()
                self.wfile.write(answer.body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (timeout test)
            finally:
                if not done:
                    with replay.lock:
                        replay.in_flight -= 1

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


@pytest.fixture
def server() -> Iterator[Replay]:
    """A replaying HTTP server on 127.0.0.1; both services share it (their paths do not overlap)."""
    replay = Replay()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(replay))
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    replay.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    try:
        yield replay
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


def pkg(
    ecosystem: str,
    name: str,
    version: str | None,
    purl: str | None = None,
    declared: str | None = None,
    detected: str | None = None,
    declared_raw: str | None = None,
) -> Package:
    return Package(
        ecosystem=ecosystem,
        name=name,
        version=version,
        purl=purl,
        scope="runtime",
        direct=True,
        declared=declared,
        detected=detected,
        source="uv.lock:12",
        declared_raw=declared_raw,
    )


def run(server: Replay, packages: list[Package], **kwargs: Any) -> tuple[list[Package], list[str]]:
    kwargs.setdefault("cache", None)
    kwargs.setdefault("timeout", 5.0)
    return resolve_online(packages, deps_dev=server.base, clearlydefined=server.base, **kwargs)


JARACO_PATH = "/v3/systems/pypi/packages/jaraco.context/versions/6.0.2"

# --- Tests ------------------------------------------------------------------------------------


def test_unknown_license_comes_from_deps_dev_and_known_ones_are_not_asked(server: Replay) -> None:
    server.routes[JARACO_PATH] = route(200, DEPS_DEV_JARACO)
    packages = [
        pkg("pypi", "jaraco.context", "6.0.2", "pkg:pypi/jaraco.context@6.0.2"),
        pkg("pypi", "requests", "2.32.3", "pkg:pypi/requests@2.32.3", declared="Apache-2.0"),
        pkg("pypi", "idna", "3.7", "pkg:pypi/idna@3.7", detected="BSD-3-Clause"),
        pkg("pypi", "no-version", None),
    ]
    out, notes = run(server, packages)

    assert server.paths == [JARACO_PATH]
    assert server.agents == [f"commonscheck/{__version__}"]
    first = out[0]
    assert first.declared == "MIT"
    assert first.declared_raw == "MIT"
    assert first.source == "uv.lock:12; license: deps.dev"
    assert out[1:] == packages[1:]
    assert notes == ["pypi/jaraco.context 6.0.2: license from deps.dev"]


def test_same_package_twice_is_asked_once_and_both_filled(server: Replay) -> None:
    server.routes[JARACO_PATH] = route(200, DEPS_DEV_JARACO)
    a = pkg("pypi", "jaraco.context", "6.0.2", "pkg:pypi/jaraco.context@6.0.2")
    b = dataclasses.replace(a, scope="dev", source="pyproject.toml:8")
    out, _ = run(server, [a, b])
    assert server.paths == [JARACO_PATH]
    assert [p.declared for p in out] == ["MIT", "MIT"]
    assert [p.source for p in out] == ["uv.lock:12; license: deps.dev", "pyproject.toml:8; license: deps.dev"]


@pytest.mark.parametrize(
    "deps_dev_answer",
    [
        route(404, NOT_FOUND),
        route(200, deps_dev_version("NPM", "left-pad", "1.3.0", [])),
        route(200, deps_dev_version("NPM", "left-pad", "1.3.0", ["non-standard"])),
        # Several licenses: their relationship is unspecified, so not a usable answer.
        route(200, deps_dev_version("NPM", "left-pad", "1.3.0", ["MIT", "Apache-2.0"])),
    ],
    ids=["404", "no-licenses", "non-standard", "several"],
)
def test_falls_back_to_clearlydefined(server: Replay, deps_dev_answer: Route) -> None:
    server.routes["/v3/systems/npm/packages/left-pad/versions/1.3.0"] = deps_dev_answer
    server.routes["/definitions/npm/npmjs/-/left-pad/1.3.0?expand=-files"] = route(
        200, clearlydefined_definition("npm", "npmjs", "-", "left-pad", "1.3.0", "WTFPL")
    )
    out, notes = run(server, [pkg("npm", "left-pad", "1.3.0", "pkg:npm/left-pad@1.3.0")])
    assert server.paths == [
        "/v3/systems/npm/packages/left-pad/versions/1.3.0",
        "/definitions/npm/npmjs/-/left-pad/1.3.0?expand=-files",
    ]
    assert out[0].declared == "WTFPL"
    assert out[0].declared_raw == "WTFPL"
    assert out[0].source == "uv.lock:12; license: clearlydefined"
    assert notes == ["npm/left-pad 1.3.0: license from clearlydefined"]


def test_nothing_known_anywhere_is_a_note_and_keeps_the_manifest_text(server: Replay) -> None:
    server.routes["/v3/systems/npm/packages/odd/versions/1.0.0"] = route(
        200, deps_dev_version("NPM", "odd", "1.0.0", ["non-standard"])
    )
    server.routes["/definitions/npm/npmjs/-/odd/1.0.0?expand=-files"] = route(
        200, clearlydefined_definition("npm", "npmjs", "-", "odd", "1.0.0", None)
    )
    server.routes["/definitions/npm/npmjs/-/gone/1.0.0?expand=-files"] = route(
        200, clearlydefined_definition("npm", "npmjs", "-", "gone", "1.0.0", "NOASSERTION")
    )
    server.routes["/v3/systems/npm/packages/dual/versions/2.0.0"] = route(
        200, deps_dev_version("NPM", "dual", "2.0.0", ["MIT", "GPL-2.0-only"])
    )
    packages = [
        pkg("npm", "odd", "1.0.0", declared_raw="SEE LICENSE IN LICENSE.md"),
        pkg("npm", "gone", "1.0.0"),
        pkg("npm", "dual", "2.0.0"),
    ]
    out, notes = run(server, packages)
    assert [p.declared for p in out] == [None, None, None]
    # The manifest's own text wins over the service's "non-standard".
    assert out[0].declared_raw == "SEE LICENSE IN LICENSE.md"
    assert out[0].source == "uv.lock:12"
    assert out[1].declared_raw == "NOASSERTION"
    # Neither AND nor OR is guessed for deps.dev's list of several licenses.
    assert out[2].declared_raw == "MIT; GPL-2.0-only"
    assert notes == [
        "npm/odd 1.0.0: online license not an SPDX expression: 'non-standard'",
        "npm/gone 1.0.0: online license not an SPDX expression: 'NOASSERTION'",
        "npm/dual 2.0.0: several online licenses, how they combine is not stated: 'MIT; GPL-2.0-only'",
    ]


def test_names_with_scopes_slashes_and_colons_are_escaped(server: Replay) -> None:
    packages = [
        pkg("npm", "@colors/colors", "1.6.0", "pkg:npm/%40colors/colors@1.6.0"),
        pkg("golang", "github.com/satori/go.uuid", "v1.2.0", "pkg:golang/github.com/satori/go.uuid@v1.2.0"),
        pkg(
            "maven",
            "org.apache.commons:commons-lang3",
            "3.14.0",
            "pkg:maven/org.apache.commons/commons-lang3@3.14.0",
        ),
        # No purl: the coordinates come from the ecosystem's own spelling of the name.
        pkg("npm", "@babel/core", "7.24.0"),
        pkg("composer", "symfony/console", "v7.0.4"),
    ]
    server.routes["/v3/systems/npm/packages/%40colors%2Fcolors/versions/1.6.0"] = route(
        200, deps_dev_version("NPM", "@colors/colors", "1.6.0", ["MIT"])
    )
    server.routes["/definitions/go/golang/github.com%2Fsatori/go.uuid/v1.2.0?expand=-files"] = route(
        200, clearlydefined_definition("go", "golang", "github.com%2Fsatori", "go.uuid", "v1.2.0", "MIT")
    )
    server.routes["/v3/systems/maven/packages/org.apache.commons%3Acommons-lang3/versions/3.14.0"] = route(
        200, deps_dev_version("MAVEN", "org.apache.commons:commons-lang3", "3.14.0", ["Apache-2.0"])
    )
    server.routes["/v3/systems/npm/packages/%40babel%2Fcore/versions/7.24.0"] = route(
        200, deps_dev_version("NPM", "@babel/core", "7.24.0", ["MIT"])
    )
    server.routes["/definitions/composer/packagist/symfony/console/v7.0.4?expand=-files"] = route(
        200, clearlydefined_definition("composer", "packagist", "symfony", "console", "v7.0.4", "MIT")
    )
    out, notes = run(server, packages)

    assert sorted(server.paths) == sorted(
        [
            "/v3/systems/npm/packages/%40colors%2Fcolors/versions/1.6.0",
            "/v3/systems/go/packages/github.com%2Fsatori%2Fgo.uuid/versions/v1.2.0",
            "/definitions/go/golang/github.com%2Fsatori/go.uuid/v1.2.0?expand=-files",
            "/v3/systems/maven/packages/org.apache.commons%3Acommons-lang3/versions/3.14.0",
            "/v3/systems/npm/packages/%40babel%2Fcore/versions/7.24.0",
            # deps.dev v3 has no Packagist: ClearlyDefined only.
            "/definitions/composer/packagist/symfony/console/v7.0.4?expand=-files",
        ]
    )
    assert [p.declared for p in out] == ["MIT", "MIT", "Apache-2.0", "MIT", "MIT"]
    assert "npm/@colors/colors 1.6.0: license from deps.dev" in notes
    assert "golang/github.com/satori/go.uuid v1.2.0: license from clearlydefined" in notes


def test_ecosystem_no_service_knows_is_a_note_without_requests(server: Replay) -> None:
    out, notes = run(server, [pkg("conda", "numpy", "1.26.4")])
    assert server.paths == []
    assert out[0].declared is None
    assert notes == ["conda/numpy 1.26.4: no online source knows the ecosystem 'conda'"]


def test_rubygems_goes_to_clearlydefined_only(server: Replay) -> None:
    server.routes["/definitions/gem/rubygems/-/rack/3.0.9?expand=-files"] = route(
        200, clearlydefined_definition("gem", "rubygems", "-", "rack", "3.0.9", "MIT")
    )
    out, notes = run(server, [pkg("gem", "rack", "3.0.9", "pkg:gem/rack@3.0.9")])
    assert server.paths == ["/definitions/gem/rubygems/-/rack/3.0.9?expand=-files"]
    assert out[0].declared == "MIT"
    assert notes == ["gem/rack 3.0.9: license from clearlydefined"]


def test_cache_answers_the_second_run_and_expires_after_ttl(server: Replay, tmp_path: Path) -> None:
    server.routes[JARACO_PATH] = route(200, DEPS_DEV_JARACO)
    packages = [
        pkg("pypi", "jaraco.context", "6.0.2", "pkg:pypi/jaraco.context@6.0.2"),
        # A negative answer (404 from both services) is cached as well.
        pkg("pypi", "private-thing", "0.1.0", "pkg:pypi/private-thing@0.1.0"),
    ]
    now = [1_000_000.0]

    def clock() -> float:
        return now[0]

    cache = open_cache(tmp_path / "cache")
    first, first_notes = run(server, packages, cache=cache, clock=clock, ttl_seconds=3600)
    assert server.count() == 3
    assert first[0].declared == "MIT"
    assert first_notes[1] == "pypi/private-thing 0.1.0: no license known to deps.dev or ClearlyDefined"

    # A fresh Cache object on the same folder: the answers were written to disk.
    cache.close()
    cache = open_cache(tmp_path / "cache")
    now[0] += 3000
    second, second_notes = run(server, packages, cache=cache, clock=clock, ttl_seconds=3600)
    assert server.count() == 3
    assert second == first
    assert second_notes == first_notes

    now[0] += 1000  # 4000 s after fetching: past the expiry
    third, _ = run(server, packages, cache=cache, clock=clock, ttl_seconds=3600)
    assert server.count() == 6
    assert third == first
    cache.close()


def test_cache_must_use_the_online_namespace(server: Replay, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=CACHE_NAMESPACE):
        run(server, [pkg("pypi", "x", "1.0")], cache=Cache(tmp_path, "scan:1"))


def test_server_errors_bad_json_and_timeouts_are_notes(server: Replay, tmp_path: Path) -> None:
    server.routes["/v3/systems/pypi/packages/broken/versions/1.0"] = route(500, {"error": "internal"})
    server.routes["/definitions/pypi/pypi/-/broken/1.0?expand=-files"] = route(502, {"error": "gateway"})
    server.routes["/v3/systems/pypi/packages/garbled/versions/1.0"] = Route(200, b"<html>oops</html>")
    server.routes["/definitions/pypi/pypi/-/garbled/1.0?expand=-files"] = route(200, ["not", "an", "object"])
    server.routes["/v3/systems/pypi/packages/slow/versions/1.0"] = Route(
        200, json.dumps(deps_dev_version("PYPI", "slow", "1.0", ["MIT"])).encode(), delay=1.5
    )
    server.routes["/definitions/pypi/pypi/-/slow/1.0?expand=-files"] = route(
        200, clearlydefined_definition("pypi", "pypi", "-", "slow", "1.0", "MIT")
    )
    packages = [pkg("pypi", n, "1.0") for n in ("broken", "garbled", "slow")]
    cache = open_cache(tmp_path)
    out, notes = run(server, packages, cache=cache, timeout=0.3)

    assert notes == [
        "pypi/broken 1.0: deps.dev: HTTP 500",
        "pypi/broken 1.0: clearlydefined: HTTP 502",
        "pypi/garbled 1.0: deps.dev: invalid JSON",
        "pypi/garbled 1.0: clearlydefined: not a JSON object",
        "pypi/slow 1.0: deps.dev: timed out",
        "pypi/slow 1.0: license from clearlydefined",
    ]
    assert [p.declared for p in out] == [None, None, "MIT"]
    # Failures are not cached: the next run asks again (the ClearlyDefined answer for "slow" is).
    before = server.count()
    run(server, packages, cache=cache, timeout=0.3)
    assert server.count() - before == 5
    cache.close()


def test_unreachable_service_is_a_note(server: Replay) -> None:
    # A port nothing listens on: bind one, note its number, close it.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}"
    out, notes = resolve_online(
        [pkg("pypi", "x", "1.0")], cache=None, deps_dev=dead, clearlydefined=dead, timeout=2.0
    )
    assert out[0].declared is None
    assert len(notes) == 2
    assert notes[0].startswith("pypi/x 1.0: deps.dev: cannot connect")
    assert notes[1].startswith("pypi/x 1.0: clearlydefined: cannot connect")


def test_at_most_four_requests_in_flight(server: Replay) -> None:
    packages = []
    for i in range(12):
        server.routes[f"/v3/systems/cargo/packages/crate{i}/versions/1.0.0"] = Route(
            200,
            json.dumps(deps_dev_version("CARGO", f"crate{i}", "1.0.0", ["MIT OR Apache-2.0"])).encode(),
            0.1,
        )
        packages.append(pkg("cargo", f"crate{i}", "1.0.0", f"pkg:cargo/crate{i}@1.0.0"))
    out, notes = run(server, packages)
    assert server.count() == 12
    assert 1 < server.max_in_flight <= 4
    assert {p.declared for p in out} == {"MIT OR Apache-2.0"}
    # Notes follow the input order whatever order the answers came in.
    assert notes == [f"cargo/crate{i} 1.0.0: license from deps.dev" for i in range(12)]


def test_spent_budget_stops_asking(server: Replay) -> None:
    out, notes = run(server, [pkg("pypi", "x", "1.0")], budget_seconds=0)
    assert server.paths == []
    assert out[0].declared is None
    assert notes == [
        "pypi/x 1.0: deps.dev: not asked: time budget for online lookups used up",
        "pypi/x 1.0: clearlydefined: not asked: time budget for online lookups used up",
    ]
