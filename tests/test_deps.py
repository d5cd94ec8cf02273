# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The deps command end to end: real manifests and lockfiles written by the real tools, merged,
filtered and rendered; broken files reported while the rest is read."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from commonscheck.audit.deps import DepsOptions, collect, merge
from commonscheck.cli import app
from commonscheck.model import Package
from conftest import make_repo

runner = CliRunner()
needs_npm = pytest.mark.skipif(shutil.which("npm") is None, reason="npm is not installed")


@pytest.fixture(scope="module")
def npm_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project whose package-lock.json and node_modules npm itself wrote."""
    root = tmp_path_factory.mktemp("npm") / "proj"
    root.mkdir()
    manifest = {
        "name": "demo",
        "version": "1.0.0",
        "license": "MIT",
        "dependencies": {"debug": "4.3.4", "ms": "^2.1.3"},
        "devDependencies": {"is-number": "7.0.0"},
    }
    (root / "package.json").write_text(json.dumps(manifest, indent=2))
    subprocess.run(
        ["npm", "install", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=root,
        check=True,
        capture_output=True,
    )
    return root


@needs_npm
def test_npm_lockfile_and_manifest_merge_into_one_record_per_version(
    npm_project: Path, tmp_path: Path
) -> None:
    root = tmp_path / "repo"
    make_repo(
        root,
        {
            "package.json": (npm_project / "package.json").read_text(),
            "package-lock.json": (npm_project / "package-lock.json").read_text(),
        },
    )
    report = collect(root, DepsOptions())
    assert report.errors == ()
    assert report.manifests == ("package-lock.json", "package.json")
    got = {(p.name, p.version, p.scope, p.direct) for p in report.packages}
    # debug 4.3.4 depends on ms 2.1.2, nested; the project itself asks for ms ^2.1.3
    assert got == {
        ("debug", "4.3.4", "runtime", True),
        ("ms", "2.1.2", "runtime", False),
        ("ms", "2.1.3", "runtime", True),
        ("is-number", "7.0.0", "dev", True),
    }
    ms = next(p for p in report.packages if p.version == "2.1.3")
    assert ms.purl == "pkg:npm/ms@2.1.3"
    assert ms.declared == "MIT"
    assert ms.source.startswith("package-lock.json:")


@needs_npm
def test_cli_json_csv_filters_and_environment(npm_project: Path) -> None:
    result = runner.invoke(app, ["deps", str(npm_project), "-f", "json", "--env", str(npm_project)])
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["schema"] == "commonscheck.deps/1"
    assert set(doc["packages"][0]) >= {
        "ecosystem",
        "name",
        "version",
        "purl",
        "scope",
        "direct",
        "declared",
        "detected",
        "source",
    }
    assert doc["summary"]["packages"] == 4
    # node_modules gave each package its license files, detected
    assert all(p["detected"] == "MIT" for p in doc["packages"])
    dev = runner.invoke(app, ["deps", str(npm_project), "-f", "csv", "--scope", "dev"])
    rows = list(csv.DictReader(io.StringIO(dev.stdout)))
    assert [(r["name"], r["scope"], r["direct"]) for r in rows] == [("is-number", "dev", "true")]
    none = runner.invoke(app, ["deps", str(npm_project), "-f", "json", "--ecosystem", "pypi"])
    assert json.loads(none.stdout)["packages"] == []


def test_broken_lockfile_is_one_line_the_rest_is_read_and_exit_is_3(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    make_repo(
        root,
        {
            "web/package.json": '{"name": "w", "dependencies": {"left-pad": "1.3.0"}}',
            "web/package-lock.json": '{"name": "w", "lockfileVersion": 3, "packages": {',
            "api/package.json": "{ not json",
        },
    )
    result = runner.invoke(app, ["deps", str(root), "-f", "json"])
    assert result.exit_code == 3
    doc = json.loads(result.stdout)
    assert {e["path"] for e in doc["errors"]} == {"web/package-lock.json", "api/package.json"}
    assert [(p["name"], p["version"]) for p in doc["packages"]] == [("left-pad", "1.3.0")]
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2 and all(line.startswith("commonscheck: ") for line in lines)
    assert "Traceback" not in result.stderr


def test_bad_options_are_usage_errors(tmp_path: Path) -> None:
    assert runner.invoke(app, ["deps", str(tmp_path), "--scope", "prod"]).exit_code == 2
    assert runner.invoke(app, ["deps", str(tmp_path), "-f", "lines"]).exit_code == 2
    assert runner.invoke(app, ["scan", str(tmp_path), "-f", "csv"]).exit_code == 2


def test_merge_keeps_the_widest_scope_and_any_license() -> None:
    def pkg(version: str | None, scope: str, direct: bool, declared: str | None, source: str) -> Package:
        return Package("pypi", "attrs", version, None, scope, direct, declared, None, source)

    merged = merge(
        [
            pkg(None, "dev", True, None, "pyproject.toml:9"),
            pkg("24.2.0", "runtime", False, None, "uv.lock:40"),
            pkg("24.2.0", "dev", False, "MIT", ".venv/attrs-24.2.0.dist-info/METADATA"),
        ]
    )
    assert len(merged) == 1
    only = merged[0]
    assert (only.version, only.scope, only.direct, only.declared, only.source) == (
        "24.2.0",
        "runtime",
        True,
        "MIT",
        "uv.lock:40",
    )


def test_environment_of_this_test_run_is_read(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    report = collect(tmp_path / "empty", DepsOptions(environments=(Path(sys.prefix),)))
    names = {p.name for p in report.packages}
    assert {"pytest", "typer", "license-expression"} <= names
    typer_pkg = next(p for p in report.packages if p.name == "typer")
    assert typer_pkg.declared == "MIT"


def test_python_manifests_includes_and_lock_versions(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    make_repo(
        root,
        {
            "pyproject.toml": (
                '[project]\nname = "app"\nversion = "1.0"\n'
                'dependencies = ["attrs>=23", "Requests[socks]>=2"]\n'
                '[project.optional-dependencies]\nfast = ["orjson"]\n'
                '[dependency-groups]\ntest = ["pytest>=8"]\n'
                '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n'
            ),
            "requirements.txt": "-r common.txt\nrequests==2.32.3\n",
            "common.txt": "attrs==24.2.0  # pinned for everyone\n",
        },
    )
    report = collect(root, DepsOptions())
    assert report.errors == ()
    assert "common.txt" in report.manifests
    got = {(p.name, p.version, p.scope, p.direct) for p in report.packages}
    assert ("attrs", "24.2.0", "runtime", True) in got
    assert ("requests", "2.32.3", "runtime", True) in got
    assert ("orjson", None, "optional", True) in got
    assert ("pytest", None, "dev", True) in got
    assert ("hatchling", None, "build", True) in got
    # the range in pyproject.toml folded into the pinned versions: one record each
    assert sum(1 for p in report.packages if p.name == "attrs") == 1


def test_an_include_outside_the_scanned_files_is_reported(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    make_repo(root, {"requirements.txt": "-r private.txt\nattrs==24.2.0\n", ".gitignore": "private.txt\n"})
    (root / "private.txt").write_text("secret-pkg==1.0\n")
    report = collect(root, DepsOptions())
    assert [(e.path, "private.txt" in e.message) for e in report.errors] == [("requirements.txt", True)]
    assert [p.name for p in report.packages] == ["attrs"]


def _lock_with_unlicensed_package(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    lock = {
        "name": "w",
        "lockfileVersion": 3,
        "requires": True,
        "packages": {
            "": {"name": "w", "dependencies": {"left-pad": "1.3.0"}},
            "node_modules/left-pad": {
                "version": "1.3.0",
                "resolved": "https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz",
            },
        },
    }
    make_repo(root, {"package-lock.json": json.dumps(lock, indent=2)})
    return root


def test_without_online_nothing_touches_the_network(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access without --online")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    root = _lock_with_unlicensed_package(tmp_path)
    result = runner.invoke(app, ["deps", str(root), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["packages"][0]["declared"] is None


def test_online_fills_the_license_from_the_service(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    seen: list[str] = []

    class Replay(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append(self.path)
            body = json.dumps(
                {
                    "versionKey": {"system": "NPM", "name": "left-pad", "version": "1.3.0"},
                    "licenses": ["WTFPL"],
                }
            ).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Replay)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        monkeypatch.setenv("COMMONSCHECK_DEPS_DEV_URL", base)
        monkeypatch.setenv("COMMONSCHECK_CLEARLYDEFINED_URL", base)
        monkeypatch.setenv("COMMONSCHECK_CACHE_DIR", str(tmp_path / "cache"))
        root = _lock_with_unlicensed_package(tmp_path)
        result = runner.invoke(app, ["deps", str(root), "-f", "json", "--online"])
    finally:
        server.shutdown()
    assert result.exit_code == 0, result.stderr
    pkg = json.loads(result.stdout)["packages"][0]
    assert pkg["declared"] == "WTFPL"
    assert pkg["source"].endswith("license: deps.dev")
    assert seen == ["/v3/systems/npm/packages/left-pad/versions/1.3.0"]


def test_vendored_copies_are_read_by_their_readers_not_as_the_projects_manifests(tmp_path: Path) -> None:
    from conftest import license_text

    root = tmp_path / "repo"
    make_repo(
        root,
        {
            "go.mod": "module example.com/app\n\ngo 1.22\n\nrequire github.com/google/uuid v1.6.0\n",
            "go.sum": "github.com/unrelated/mod v1.0.0 h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n",
            "vendor/modules.txt": "# github.com/google/uuid v1.6.0\n## explicit\ngithub.com/google/uuid\n",
            "vendor/github.com/google/uuid/LICENSE": license_text("bsd-new"),
            "vendor/github.com/google/uuid/uuid.go": "package uuid\n",
            # a manifest inside a vendored copy is that copy's business, not the project's
            "vendor/github.com/google/uuid/requirements.txt": "codespell==2.4.2\n",
        },
    )
    report = collect(root, DepsOptions())
    assert report.errors == ()
    assert [(p.ecosystem, p.name, p.version, p.direct) for p in report.packages] == [
        ("golang", "github.com/google/uuid", "v1.6.0", True)
    ]
    assert report.packages[0].detected == "BSD-3-Clause"


def test_sbom_in_and_out_through_the_command_line(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    make_repo(root, {"requirements.txt": "attrs==24.2.0\nclick==8.1.7\n"})
    spdx = tmp_path / "out.spdx.json"
    assert runner.invoke(app, ["deps", str(root), "-f", "spdx-json", "-o", str(spdx)]).exit_code == 0
    cdx = runner.invoke(app, ["deps", str(root), "-f", "cyclonedx-json"])
    assert cdx.exit_code == 0
    assert json.loads(cdx.stdout)["specVersion"] == "1.6"
    assert {c["purl"] for c in json.loads(cdx.stdout)["components"]} == {
        "pkg:pypi/attrs@24.2.0",
        "pkg:pypi/click@8.1.7",
    }
    empty = tmp_path / "empty"
    empty.mkdir()
    back = runner.invoke(app, ["deps", str(empty), "--sbom", str(spdx), "-f", "json"])
    assert back.exit_code == 0, back.stderr
    assert [(p["name"], p["version"]) for p in json.loads(back.stdout)["packages"]] == [
        ("attrs", "24.2.0"),
        ("click", "8.1.7"),
    ]
    broken = tmp_path / "broken.spdx.json"
    broken.write_text('{"spdxVersion": "SPDX-2.3", "packages": [')
    bad = runner.invoke(app, ["deps", str(empty), "--sbom", str(broken)])
    assert bad.exit_code == 3
    assert "broken.spdx.json" in bad.stderr and "Traceback" not in bad.stderr


def test_m2_repository_gives_maven_licenses(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    pom = (
        '<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>'
        "<groupId>org.example</groupId><artifactId>app</artifactId><version>1.0</version>"
        "<dependencies><dependency><groupId>com.google.guava</groupId><artifactId>guava</artifactId>"
        "<version>33.0.0-jre</version></dependency></dependencies></project>"
    )
    make_repo(root, {"pom.xml": pom})
    m2 = tmp_path / "m2"
    folder = m2 / "com" / "google" / "guava" / "guava" / "33.0.0-jre"
    folder.mkdir(parents=True)
    (folder / "guava-33.0.0-jre.pom").write_text(
        '<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>'
        "<groupId>com.google.guava</groupId><artifactId>guava</artifactId><version>33.0.0-jre</version>"
        "<licenses><license><name>Apache License, Version 2.0</name>"
        "<url>http://www.apache.org/licenses/LICENSE-2.0.txt</url></license></licenses></project>"
    )
    without = collect(root, DepsOptions())
    assert [p.declared for p in without.packages] == [None]
    result = runner.invoke(app, ["deps", str(root), "--m2", str(m2), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    [guava] = json.loads(result.stdout)["packages"]
    assert (guava["name"], guava["version"], guava["declared"]) == (
        "com.google.guava:guava",
        "33.0.0-jre",
        "Apache-2.0",
    )


def test_a_manifest_the_listing_leaves_out_is_reported_not_silently_missing(tmp_path: Path) -> None:
    # A lockfile over the size limit and a requirements file that is a symlink out of the tree
    # were dropped without a word (exit 0, an incomplete dependency set); a symlink to a file of
    # the tree is read at its target's own path and is no error.
    outside = tmp_path / "outside.txt"
    outside.write_text("requests==2.31.0\n")
    root = tmp_path / "repo"
    root.mkdir()
    (root / "requirements.txt").symlink_to(outside)
    (root / "lib").mkdir()
    (root / "lib" / "requirements-dev.txt").write_text("pytest==8.2.0\n")
    (root / "requirements-dev.txt").symlink_to("lib/requirements-dev.txt")
    lock = {
        "name": "w",
        "lockfileVersion": 3,
        "requires": True,
        "packages": {"": {"dependencies": {"left-pad": "1.3.0"}}},
        "padding": "x" * 300,
    }
    make_repo(root, {"web/package-lock.json": json.dumps(lock, indent=2)})
    found = collect(root, DepsOptions(max_size=200))
    errors = {e.path: e.message for e in found.errors}
    assert set(errors) == {"requirements.txt", "web/package-lock.json"}
    assert "symlink" in errors["requirements.txt"] and "outside" in errors["requirements.txt"]
    assert "size limit" in errors["web/package-lock.json"]
    assert [(p.name, p.version) for p in found.packages] == [("pytest", "8.2.0")]
    # The command line: one line for the symlink, exit 3.
    result = runner.invoke(app, ["deps", str(root), "-f", "json"])
    assert result.exit_code == 3
    assert [e["path"] for e in json.loads(result.stdout)["errors"]] == ["requirements.txt"]
    assert "Traceback" not in result.stderr


@needs_npm
def test_npm_workspace_siblings_are_the_projects_own_code(tmp_path: Path) -> None:
    # npm workspaces ask for each other by range ("*"); npm links them in the lockfile, and the
    # package.json readers alone cannot tell a sibling from a registry package
    work = tmp_path / "npm"
    files = {
        "package.json": {"name": "mono", "version": "1.0.0", "private": True, "workspaces": ["packages/*"]},
        "packages/a/package.json": {
            "name": "@mono/a",
            "version": "0.1.0",
            "dependencies": {"@mono/b": "*", "ms": "2.1.3"},
        },
        "packages/b/package.json": {
            "name": "@mono/b",
            "version": "0.2.0",
            "dependencies": {"is-number": "^7.0.0"},
        },
    }
    for rel, doc in files.items():
        (work / rel).parent.mkdir(parents=True, exist_ok=True)
        (work / rel).write_text(json.dumps(doc, indent=2))
    subprocess.run(
        ["npm", "install", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=work,
        check=True,
        capture_output=True,
    )
    texts = {rel: (work / rel).read_text() for rel in files}
    root = tmp_path / "repo"
    make_repo(root, {**texts, "package-lock.json": (work / "package-lock.json").read_text()})
    report = collect(root, DepsOptions())
    assert report.errors == ()
    names = {p.name for p in report.packages}
    assert names == {"ms", "is-number"}
    # without the lockfile the manifests alone still know their siblings
    bare = tmp_path / "bare"
    make_repo(bare, texts)
    got = {(p.name, p.version) for p in collect(bare, DepsOptions()).packages}
    assert got == {("ms", "2.1.3"), ("is-number", None)}


def test_pyproject_siblings_of_a_monorepo_are_not_dependencies(tmp_path: Path) -> None:
    make_repo(
        tmp_path,
        {
            "libs/core/pyproject.toml": '[project]\nname = "Acme_Core"\nversion = "1.0"\n'
            'dependencies = ["attrs"]\n',
            "app/pyproject.toml": '[project]\nname = "acme-app"\nversion = "1.0"\n'
            'dependencies = ["acme-core>=1.0", "click==8.1.7"]\n',
        },
    )
    got = {(p.name, p.version) for p in collect(tmp_path, DepsOptions()).packages}
    # acme-core is defined by libs/core (PEP 503 names compared); a pinned name stays a package
    assert got == {("attrs", None), ("click", "8.1.7")}
