# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
# ruff: noqa: E501
"""The Rust ecosystem: Cargo.toml, Cargo.lock and vendored crates.

The real cargo (installed here and in CI) writes the lockfiles of the tests that need it. It cannot
reach crates.io from here, so those tests publish their own small crates the way cargo does
(`cargo package --offline` makes the .crate file a registry would serve) into a local *directory
source* that replaces crates.io (The Cargo Book, "Source Replacement"). `cargo generate-lockfile
--offline` then resolves against it and writes exactly the lockfile it would for crates.io,
`source = "registry+https://github.com/rust-lang/crates.io-index"` and checksums included, and
`cargo metadata --offline` is the judge of the package set and the graph. The same unpacked crates
are a vendor/ folder in the layout `cargo vendor` writes (one folder a crate, `<name>-<version>` for
a second version, a .cargo-checksum.json in each). Lockfiles of other versions (1 to 3) are written
below to the shapes those cargo releases wrote.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

from commonscheck.audit.deps import DepsOptions, collect
from commonscheck.audit.sources import cargo
from commonscheck.audit.sources.base import MAX_MANIFEST_BYTES, SourceError
from commonscheck.model import Package
from tests.conftest import license_text, make_repo

HAVE_CARGO = shutil.which("cargo") is not None
needs_cargo = pytest.mark.skipif(not HAVE_CARGO, reason="cargo is not installed")

CRATES_IO = "registry+https://github.com/rust-lang/crates.io-index"


def by_key(packages: list[Package]) -> dict[tuple[str, str | None], Package]:
    return {(p.name, p.version): p for p in packages}


def run_cargo(folder: Path, *args: str) -> str:
    # A CARGO_HOME of the test's own, beside the project: the user's may hold caches written by
    # other cargo runs at the same time.
    home = folder.parent / ".cargo-home"
    home.mkdir(exist_ok=True)
    env = {
        **os.environ,
        "CARGO_TERM_COLOR": "never",
        "CARGO_NET_OFFLINE": "true",
        "CARGO_HOME": str(home),
    }
    # stdin closed: under pytest-xdist it is the worker's channel, and rustc, which cargo runs with
    # the inherited stdin, would read that channel's bytes as Rust source.
    done = subprocess.run(
        ["cargo", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


# ---------------------------------------------------------------- real cargo


def publish(
    world: Path, name: str, version: str, manifest_extra: str, files: dict[str, str], vendor_dir: str
) -> None:
    """Package a crate with the real cargo and unpack it into the directory source, as a registry
    download followed by `cargo vendor` would leave it."""
    src = world / "src-crates" / f"{name}-{version}"
    (src / "src").mkdir(parents=True)
    (src / "src" / "lib.rs").write_text("")
    (src / "Cargo.toml").write_text(
        f'[package]\nname = "{name}"\nversion = "{version}"\nedition = "2021"\n'
        f'description = "test crate"\n{manifest_extra}'
    )
    for rel, text in files.items():
        (src / rel).write_text(text)
    shutil.copytree(world / "proj" / ".cargo", src / ".cargo")
    run_cargo(src, "package", "--offline", "--allow-dirty", "--no-verify", "-q")
    crate = src / "target" / "package" / f"{name}-{version}.crate"
    dest = world / "registry" / vendor_dir
    with tarfile.open(crate) as tar:
        for member in tar.getmembers():
            member.name = member.name.split("/", 1)[1]
            tar.extract(member, dest, filter="data")
    digest = hashlib.sha256(crate.read_bytes()).hexdigest()
    (dest / ".cargo-checksum.json").write_text(json.dumps({"files": {}, "package": digest}))


ROOT_MANIFEST = """\
[package]
name = "proj"
version = "0.1.0"
edition = "2021"
license = "GPL-3.0-or-later"

[workspace]
members = ["helper"]

[workspace.dependencies]
wsdep = "0.3"

[dependencies]
mid = "0.4"
opt = { version = "1", optional = true }
leaf2 = { package = "leaf", version = "2" }
helper = { path = "helper" }

[target.'cfg(unix)'.dependencies]
unixonly = "0.1"

[dev-dependencies]
devc = "0.2"

[build-dependencies]
buildc = "1.0"
"""

HELPER_MANIFEST = """\
[package]
name = "helper"
version = "0.1.0"
edition = "2021"

[dependencies]
wsdep.workspace = true
"""


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace locked by the real cargo against crates published by the real cargo."""
    if not HAVE_CARGO:
        pytest.skip("cargo is not installed")
    world = tmp_path_factory.mktemp("cargo")
    proj = world / "proj"
    (proj / ".cargo").mkdir(parents=True)
    (proj / ".cargo" / "config.toml").write_text(
        '[source.crates-io]\nreplace-with = "local"\n\n'
        f'[source.local]\ndirectory = "{(world / "registry").as_posix()}"\n'
    )
    (world / "registry").mkdir()
    mit, isc, apache = license_text("mit"), license_text("isc"), license_text("apache-2.0")
    publish(world, "leaf", "1.2.3", 'license = "MIT OR Apache-2.0"\n', {"LICENSE-MIT": mit}, "leaf")
    # A second version: cargo vendor puts it in <name>-<version>. license-file, no license.
    publish(world, "leaf", "2.0.0", 'license-file = "COPYING"\n', {"COPYING": isc}, "leaf-2.0.0")
    # The pre-SPDX spelling crates.io still holds for old crates.
    publish(
        world,
        "mid",
        "0.4.0",
        'license = "MIT/Apache-2.0"\n\n[dependencies]\nleaf = "1"\n',
        {"LICENSE-APACHE": apache},
        "mid",
    )
    publish(world, "opt", "1.0.1", 'license = "Apache-2.0"\n', {}, "opt")
    publish(world, "unixonly", "0.1.0", 'license = "MIT"\n', {}, "unixonly")
    publish(world, "devc", "0.2.0", 'license = "Zlib"\n', {}, "devc")
    # Dependencies first: cargo package resolves a crate's dependencies against the registry.
    publish(world, "bdep", "1.1.0", 'license = "Unlicense OR MIT"\n', {}, "bdep")
    publish(
        world, "buildc", "1.0.0", 'license = "BSD-3-Clause"\n\n[dependencies]\nbdep = "1"\n', {}, "buildc"
    )
    publish(world, "wsdep", "0.3.0", 'license = "ISC"\n', {}, "wsdep")
    (proj / "Cargo.toml").write_text(ROOT_MANIFEST)
    (proj / "src").mkdir()
    (proj / "src" / "lib.rs").write_text("")
    (proj / "helper" / "src").mkdir(parents=True)
    (proj / "helper" / "Cargo.toml").write_text(HELPER_MANIFEST)
    (proj / "helper" / "src" / "lib.rs").write_text("")
    run_cargo(proj, "generate-lockfile", "--offline")
    return world


def metadata(proj: Path) -> dict[str, object]:
    # --all-features: the lockfile locks optional dependencies whether a feature enables them or not.
    return json.loads(run_cargo(proj, "metadata", "--offline", "--all-features", "--format-version", "1"))  # type: ignore[no-any-return]


@needs_cargo
def test_lockfile_written_by_cargo_matches_cargo_metadata(world: Path) -> None:
    proj = world / "proj"
    lock = (proj / "Cargo.lock").read_bytes()
    assert lock.startswith(b"# This file is automatically @generated by Cargo.")
    assert b"version = 4" in lock and f'source = "{CRATES_IO}"'.encode() in lock
    got = cargo.CargoLockSource().read("Cargo.lock", lock, manifest=(proj / "Cargo.toml").read_bytes())
    meta = metadata(proj)
    packages = meta["packages"]
    assert isinstance(packages, list)
    # cargo's own view: every crate that is not a workspace member or path crate.
    expected = {(p["name"], p["version"]) for p in packages if p["source"] is not None}
    assert {(p.name, p.version) for p in got} == expected
    assert len(got) == len(expected) == 9
    # Direct: what the members' manifests name, as cargo resolved them.
    resolve = meta["resolve"]
    assert isinstance(resolve, dict)
    ids = {p["id"]: p for p in packages}
    members = set(meta["workspace_members"])  # type: ignore[arg-type]
    cargo_direct = {
        (ids[d]["name"], ids[d]["version"])
        for node in resolve["nodes"]
        if node["id"] in members
        for d in node["dependencies"]
        if ids[d]["source"] is not None
    }
    assert {(p.name, p.version) for p in got if p.direct} == cargo_direct
    pkgs = by_key(got)
    assert pkgs[("mid", "0.4.0")].scope == "runtime"
    assert pkgs[("leaf", "1.2.3")].scope == "runtime" and not pkgs[("leaf", "1.2.3")].direct
    # The renamed dependency is the crate it names, in the version it asks for.
    assert pkgs[("leaf", "2.0.0")].direct and pkgs[("leaf", "2.0.0")].scope == "runtime"
    assert pkgs[("opt", "1.0.1")].scope == "optional"
    assert pkgs[("unixonly", "0.1.0")].scope == "runtime"
    assert pkgs[("devc", "0.2.0")].scope == "dev"
    assert pkgs[("buildc", "1.0.0")].scope == "build"
    assert pkgs[("bdep", "1.1.0")].scope == "build" and not pkgs[("bdep", "1.1.0")].direct
    # The member's dependency, inherited from the workspace table: direct, runtime.
    assert pkgs[("wsdep", "0.3.0")].direct
    assert pkgs[("mid", "0.4.0")].purl == "pkg:cargo/mid@0.4.0"
    # The line of the [[package]] header of each crate.
    text = lock.decode().splitlines()
    line = int(pkgs[("mid", "0.4.0")].source.split(":")[1])
    assert text[line - 1] == "[[package]]" and text[line] == 'name = "mid"'


@needs_cargo
def test_lockfile_without_manifest_keeps_the_graph_but_not_the_scopes(world: Path) -> None:
    got = by_key(cargo.CargoLockSource().read("Cargo.lock", (world / "proj" / "Cargo.lock").read_bytes()))
    assert got[("mid", "0.4.0")].direct
    assert got[("devc", "0.2.0")].direct and got[("devc", "0.2.0")].scope == "runtime"


@needs_cargo
def test_manifest_written_for_cargo(world: Path) -> None:
    got = cargo.CargoTomlSource().read("Cargo.toml", (world / "proj" / "Cargo.toml").read_bytes())
    rows = {(p.name, p.scope, p.version, p.source) for p in got}
    assert rows == {
        ("mid", "runtime", None, "Cargo.toml:14"),
        ("opt", "optional", None, "Cargo.toml:15"),
        ("leaf", "runtime", None, "Cargo.toml:16 (as leaf2)"),
        ("unixonly", "runtime", None, "Cargo.toml:20"),
        ("devc", "dev", None, "Cargo.toml:23"),
        ("buildc", "build", None, "Cargo.toml:26"),
    }
    assert all(p.direct and p.declared is None for p in got)
    # The member's `workspace = true` entry names the crate; its version is in the root's table.
    helper = cargo.CargoTomlSource().read("helper/Cargo.toml", HELPER_MANIFEST.encode())
    assert [(p.name, p.version, p.source) for p in helper] == [
        ("wsdep", None, "helper/Cargo.toml:7 (workspace)")
    ]


@needs_cargo
def test_vendored_crates_with_declared_and_detected_licenses(world: Path) -> None:
    root = world / "vendored"
    shutil.copytree(world / "registry", root / "vendor")
    got, errors = cargo.read_vendor(root)
    assert errors == []
    pkgs = by_key(got)
    assert len(got) == 9
    leaf1 = pkgs[("leaf", "1.2.3")]
    assert (leaf1.declared, leaf1.detected) == ("MIT OR Apache-2.0", "MIT")
    assert leaf1.source == "vendor/leaf/Cargo.toml" and leaf1.purl == "pkg:cargo/leaf@1.2.3"
    # license-file only: nothing declared, the named file's text detected.
    leaf2 = pkgs[("leaf", "2.0.0")]
    assert (leaf2.declared, leaf2.declared_raw, leaf2.detected) == (None, None, "ISC")
    mid = pkgs[("mid", "0.4.0")]
    assert (mid.declared, mid.declared_raw, mid.detected) == (
        "MIT OR Apache-2.0",
        "MIT/Apache-2.0",
        "Apache-2.0",
    )
    assert pkgs[("bdep", "1.1.0")].declared == "Unlicense OR MIT"
    assert not any(p.direct for p in got)
    # The normalised manifests cargo publishes are not the project's: no dependencies of their own.
    assert (
        cargo.CargoTomlSource().read("vendor/mid/Cargo.toml", (root / "vendor/mid/Cargo.toml").read_bytes())
        == []
    )


@needs_cargo
def test_orchestrator_reads_a_cargo_tree(world: Path, tmp_path: Path) -> None:
    proj = world / "proj"
    files = {
        "Cargo.toml": ROOT_MANIFEST,
        "Cargo.lock": (proj / "Cargo.lock").read_text(),
        "helper/Cargo.toml": HELPER_MANIFEST,
        "src/lib.rs": "",
        "helper/src/lib.rs": "",
    }
    root = tmp_path / "repo"
    make_repo(root, files)
    report = collect(root, DepsOptions(), sources=[cargo.CargoTomlSource(), cargo.CargoLockSource()])
    assert report.errors == ()
    pkgs = {(p.name, p.version): p for p in report.packages}
    # The manifest's ranges fold into the locked versions.
    assert set(pkgs) == {
        ("bdep", "1.1.0"),
        ("buildc", "1.0.0"),
        ("devc", "0.2.0"),
        ("leaf", "1.2.3"),
        ("leaf", "2.0.0"),
        ("mid", "0.4.0"),
        ("opt", "1.0.1"),
        ("unixonly", "0.1.0"),
        ("wsdep", "0.3.0"),
    }
    assert pkgs[("mid", "0.4.0")].direct and not pkgs[("leaf", "1.2.3")].direct
    assert {p.ecosystem for p in report.packages} == {"cargo"}


@needs_cargo
def test_scopes_of_every_workspace_member(world: Path, tmp_path: Path) -> None:
    # A virtual workspace (no root package): only the members' own manifests say that devc is a
    # dev-dependency of one and buildc a build-dependency of another; Cargo.lock does not.
    proj = tmp_path / "ws"
    shutil.copytree(world / "proj" / ".cargo", proj / ".cargo")
    files = {
        "Cargo.toml": '[workspace]\nmembers = ["crates/*"]\nresolver = "2"\n',
        "crates/app/Cargo.toml": '[package]\nname = "app"\nversion = "0.1.0"\nedition = "2021"\n\n'
        '[dependencies]\nwsdep = "0.3"\nmid = "0.4"\n',
        "crates/tester/Cargo.toml": '[package]\nname = "tester"\nversion = "0.1.0"\nedition = "2021"\n\n'
        '[dev-dependencies]\ndevc = "0.2"\n',
        "crates/builder/Cargo.toml": '[package]\nname = "builder"\nversion = "0.1.0"\nedition = "2021"\n'
        'build = "build.rs"\n\n[build-dependencies]\nbuildc = "1.0"\n',
    }
    for rel, text in files.items():
        (proj / rel).parent.mkdir(parents=True, exist_ok=True)
        (proj / rel).write_text(text)
        (proj / rel).parent.joinpath("src").mkdir(exist_ok=True)
        (proj / rel).parent.joinpath("src", "lib.rs").write_text("")
    (proj / "crates" / "builder" / "build.rs").write_text("fn main() {}\n")
    run_cargo(proj, "generate-lockfile", "--offline")
    # a second workspace below, with its own lockfile, lends none of its scopes to the first, even
    # when its package has the name of one of the first's members (and is read before it)
    nested = {
        "a-fuzz/Cargo.toml": '[package]\nname = "app"\nversion = "0.1.0"\n\n[dev-dependencies]\nmid = "0.4"\n',
        "a-fuzz/Cargo.lock": 'version = 3\n\n[[package]]\nname = "app"\nversion = "0.1.0"\n',
    }
    root = tmp_path / "repo"
    make_repo(root, {**files, "Cargo.lock": (proj / "Cargo.lock").read_text(), **nested})
    report = collect(root, DepsOptions(), sources=[cargo.CargoTomlSource(), cargo.CargoLockSource()])
    got = {(p.name, p.version): (p.scope, p.direct) for p in report.packages if p.version}
    assert got == {
        ("wsdep", "0.3.0"): ("runtime", True),
        ("mid", "0.4.0"): ("runtime", True),
        ("leaf", "1.2.3"): ("runtime", False),  # mid's dependency: as wide as what needs it
        ("devc", "0.2.0"): ("dev", True),
        ("buildc", "1.0.0"): ("build", True),
        ("bdep", "1.1.0"): ("build", False),  # needed only by a build-dependency
    }
    # the lockfile alone cannot tell: everything it locks is runtime
    alone = cargo.CargoLockSource().read("Cargo.lock", (proj / "Cargo.lock").read_bytes())
    assert {p.scope for p in alone} == {"runtime"}


@needs_cargo
def test_path_only_project_locked_by_cargo_has_no_dependencies(tmp_path: Path) -> None:
    run_cargo(tmp_path, "new", "--lib", "-q", "app")
    run_cargo(tmp_path, "new", "--lib", "-q", "util")
    manifest = tmp_path / "app" / "Cargo.toml"
    manifest.write_text(manifest.read_text() + 'util = { path = "../util" }\n')
    run_cargo(tmp_path / "app", "generate-lockfile", "--offline")
    lock = (tmp_path / "app" / "Cargo.lock").read_bytes()
    assert b'name = "util"' in lock
    # Path crates are the project's own code: neither the lockfile nor the manifest reports them.
    assert cargo.CargoLockSource().read("Cargo.lock", lock, manifest=manifest.read_bytes()) == []
    assert cargo.CargoTomlSource().read("Cargo.toml", manifest.read_bytes()) == []


# ---------------------------------------------------------------- lockfile versions and shapes


LOCK_V1 = f"""\
[[package]]
name = "app"
version = "0.1.0"
dependencies = [
 "log 0.4.8 (registry+https://github.com/rust-lang/crates.io-index)",
 "rand 0.7.3 (git+https://github.com/rust-random/rand?branch=master#0f933f9c7176e53b2a3c7952ded484e1783f0bf1)",
]

[[package]]
name = "cfg-if"
version = "0.1.10"
source = "{CRATES_IO}"

[[package]]
name = "log"
version = "0.4.8"
source = "{CRATES_IO}"
dependencies = [
 "cfg-if 0.1.10 (registry+https://github.com/rust-lang/crates.io-index)",
]

[[package]]
name = "rand"
version = "0.7.3"
source = "git+https://github.com/rust-random/rand?branch=master#0f933f9c7176e53b2a3c7952ded484e1783f0bf1"

[metadata]
"checksum cfg-if 0.1.10 (registry+https://github.com/rust-lang/crates.io-index)" = "4785bdd1c96b2a846b2bd7cc02e86b6b3dbf14e7e53446c4f54c92a361040822"
"checksum log 0.4.8 (registry+https://github.com/rust-lang/crates.io-index)" = "14b6052be84e6b71ab17edffc2eeabf5c2c3ae1fdb464aae35ac50c67a44e1f7"
"""

# Format 2 (Cargo 1.41-1.52) has no version key and writes "name" alone unless ambiguous.
LOCK_V2 = f"""\
# This file is automatically @generated by Cargo.
# It is not intended for manual editing.
[[package]]
name = "app"
version = "0.1.0"
dependencies = [
 "bitflags 1.3.2",
 "bitflags 2.4.0",
]

[[package]]
name = "bitflags"
version = "1.3.2"
source = "{CRATES_IO}"
checksum = "bef38d45163c2f1dde094a7dfd33ccf595c92905c8f8f4fdc18d06fb1037718a"

[[package]]
name = "bitflags"
version = "2.4.0"
source = "{CRATES_IO}"
checksum = "b4682ae6287fcf752ecaabbfcc7b6f9b72aa33933dc23a554d853aea8eea8635"
"""


def test_lockfile_format_1_with_git_source() -> None:
    got = by_key(cargo.CargoLockSource().read("Cargo.lock", LOCK_V1.encode()))
    assert set(got) == {("cfg-if", "0.1.10"), ("log", "0.4.8"), ("rand", "0.7.3")}
    assert got[("log", "0.4.8")].direct and not got[("cfg-if", "0.1.10")].direct
    assert got[("rand", "0.7.3")].purl == (
        "pkg:cargo/rand@0.7.3?vcs_url=git%2Bhttps://github.com/rust-random/rand"
        "%400f933f9c7176e53b2a3c7952ded484e1783f0bf1"
    )
    assert got[("cfg-if", "0.1.10")].source == "Cargo.lock:9"


def test_lockfile_format_1_root_table() -> None:
    # Cargo before 0.? wrote the project's own package as [root], the crates as [[package]].
    text = (
        '[root]\nname = "app"\nversion = "0.1.0"\n'
        'dependencies = [\n "libc 0.2.20 (registry+https://github.com/rust-lang/crates.io-index)",\n]\n\n'
        f'[[package]]\nname = "libc"\nversion = "0.2.20"\nsource = "{CRATES_IO}"\n'
    )
    (p,) = cargo.CargoLockSource().read("Cargo.lock", text.encode())
    assert (p.name, p.version, p.direct, p.source) == ("libc", "0.2.20", True, "Cargo.lock:8")


def test_lockfile_format_2_resolves_versioned_references() -> None:
    got = cargo.CargoLockSource().read("Cargo.lock", LOCK_V2.encode())
    assert [(p.name, p.version, p.direct) for p in got] == [
        ("bitflags", "1.3.2", True),
        ("bitflags", "2.4.0", True),
    ]


def test_lockfile_format_3_and_other_registries() -> None:
    text = (
        "version = 3\n\n"
        '[[package]]\nname = "app"\nversion = "0.1.0"\ndependencies = [\n "inhouse",\n "serde",\n]\n\n'
        '[[package]]\nname = "inhouse"\nversion = "1.0.0"\n'
        'source = "sparse+https://crates.example.com/index/"\nchecksum = "00"\n\n'
        '[[package]]\nname = "serde"\nversion = "1.0.219"\nsource = "sparse+https://index.crates.io/"\n'
    )
    got = by_key(cargo.CargoLockSource().read("Cargo.lock", text.encode()))
    assert got[("inhouse", "1.0.0")].purl == (
        "pkg:cargo/inhouse@1.0.0?repository_url=https://crates.example.com/index/"
    )
    assert got[("serde", "1.0.219")].purl == "pkg:cargo/serde@1.0.219"


def test_thousand_package_lockfile() -> None:
    parts = ["# This file is automatically @generated by Cargo.\n# It is not intended for manual editing.\n"]
    parts.append("version = 4\n")
    parts.append('\n[[package]]\nname = "app"\nversion = "0.1.0"\ndependencies = [\n')
    parts.extend(f' "crate{i:04d}",\n' for i in range(0, 1000, 10))
    parts.append("]\n")
    for i in range(1000):
        deps = "" if i % 10 == 9 else f'dependencies = [\n "crate{i + 1:04d}",\n]\n'
        parts.append(
            f'\n[[package]]\nname = "crate{i:04d}"\nversion = "1.{i}.0"\nsource = "{CRATES_IO}"\n'
            f'checksum = "{hashlib.sha256(str(i).encode()).hexdigest()}"\n{deps}'
        )
    got = cargo.CargoLockSource().read("Cargo.lock", "".join(parts).encode())
    assert len(got) == 1000
    assert sum(p.direct for p in got) == 100
    assert {p.name for p in got} == {f"crate{i:04d}" for i in range(1000)}
    last = by_key(got)[("crate0999", "1.999.0")]
    assert not last.direct and last.purl == "pkg:cargo/crate0999@1.999.0"


# ---------------------------------------------------------------- manifests in detail


def test_manifest_tables_and_pins() -> None:
    text = """\
[package]
name = "x"
version = "0.1.0"
license = "MIT"
license-file = "LICENSE"

[dependencies]
exact = "=1.2.3"
caret = "1.2.3"
fromgit = { git = "https://github.com/o/r", rev = "abc123" }
other = { version = "2", registry = "internal" }

[dependencies.tabled]
version = "0.5"
optional = true

[target.'cfg(target_os = "linux")'.dev-dependencies]
linuxdev = "1"

[build_dependencies]
oldspelling = "1"

[workspace.dependencies]
unused = "9"
"""
    got = {p.name: p for p in cargo.CargoTomlSource().read("Cargo.toml", text.encode())}
    # The package's own license is no dependency; [workspace.dependencies] alone lists none.
    assert set(got) == {"exact", "caret", "fromgit", "other", "tabled", "linuxdev", "oldspelling"}
    assert got["exact"].version == "1.2.3" and got["exact"].purl == "pkg:cargo/exact@1.2.3"
    assert got["caret"].version is None
    assert got["fromgit"].purl == "pkg:cargo/fromgit?vcs_url=git%2Bhttps://github.com/o/r%40abc123"
    assert got["fromgit"].source == "Cargo.toml:10 (git)"
    assert got["other"].purl == "pkg:cargo/other?repository_url=internal"
    assert (got["tabled"].scope, got["tabled"].source) == ("optional", "Cargo.toml:13")
    assert (got["linuxdev"].scope, got["linuxdev"].source) == ("dev", "Cargo.toml:18")
    assert got["oldspelling"].scope == "build"


def test_workspace_inheritance_in_one_file() -> None:
    text = """\
[workspace]
members = ["a"]

[workspace.dependencies]
rand = { version = "=0.8.5", package = "rand_core" }

[package]
name = "root"

[dependencies]
rand = { workspace = true, optional = true }
"""
    (p,) = cargo.CargoTomlSource().read("Cargo.toml", text.encode())
    assert (p.name, p.version, p.scope, p.source) == (
        "rand_core",
        "0.8.5",
        "optional",
        "Cargo.toml:11 (workspace, as rand)",
    )


def test_handles() -> None:
    toml, lock = cargo.CargoTomlSource(), cargo.CargoLockSource()
    assert toml.handles("Cargo.toml") and toml.handles("crates/a/Cargo.toml")
    assert not toml.handles("vendor/serde/Cargo.toml") and not toml.handles("cargo.toml")
    assert lock.handles("Cargo.lock") and not lock.handles("vendor/x/Cargo.lock")


# ---------------------------------------------------------------- malformed input


GOOD_LOCK = f'version = 4\n\n[[package]]\nname = "app"\nversion = "0.1.0"\ndependencies = [\n "a",\n]\n\n[[package]]\nname = "a"\nversion = "1.0.0"\nsource = "{CRATES_IO}"\n'


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'[dependencies\nserde = "1"\n', "invalid TOML at line 1"),
        (b"\x00\x01\x02binary\xff", "binary content"),
        (b'[package]\nname = "\xff"\n', "not UTF-8"),
        (b"[dependencies]\nserde = 1\n", "neither a string nor a table"),
        (b"dependencies = 3\n", "[dependencies] is not a table"),
        (b"[dependencies]\nx = { package = 3 }\n", "`package` that is not a string"),
    ],
)
def test_malformed_manifests(data: bytes, message: str) -> None:
    with pytest.raises(SourceError, match=re.escape(message)) as info:
        cargo.CargoTomlSource().read("Cargo.toml", data)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        # cut inside a string: TOML itself breaks
        (GOOD_LOCK.encode()[:-10], "invalid TOML"),
        # cut between packages: a dependency without its entry
        (GOOD_LOCK.encode()[: GOOD_LOCK.index('\n[[package]]\nname = "a"')], "truncated file"),
        # cut inside a package: no version
        (GOOD_LOCK.encode()[: GOOD_LOCK.index('version = "1.0.0"')], "no version"),
        (b"version = 4\n", "no [[package]] entries"),
        (b'version = 99\n[[package]]\nname = "a"\nversion = "1"\n', "version 99"),
        (b'version = "4"\n', "not a number"),
        (b'[[package]]\nname = "a"\nversion = "1"\ndependencies = [ 3 ]\n', "not an array of strings"),
        (b'[[package]]\nname = "a"\nversion = "1"\ndependencies = [ "b 1 (x" ]\n', "cannot read dependency"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary content"),
        (b"package = 3\n", "not an array of tables"),
    ],
)
def test_malformed_lockfiles(data: bytes, message: str) -> None:
    with pytest.raises(SourceError, match=re.escape(message)) as info:
        cargo.CargoLockSource().read("Cargo.lock", data)
    assert "\n" not in str(info.value)


def test_lockfile_with_broken_manifest_beside_it() -> None:
    with pytest.raises(SourceError, match=r"Cargo\.toml given with it"):
        cargo.CargoLockSource().read("Cargo.lock", GOOD_LOCK.encode(), manifest=b"[[[")


def test_oversize_file() -> None:
    with pytest.raises(SourceError, match="larger than"):
        cargo.CargoLockSource().read("Cargo.lock", b" " * (MAX_MANIFEST_BYTES + 1))


def test_vendor_errors_do_not_stop_the_others(tmp_path: Path) -> None:
    vendor = tmp_path / "vendor"
    (vendor / "good").mkdir(parents=True)
    (vendor / "good" / "Cargo.toml").write_text(
        '[package]\nname = "good"\nversion = "1.0.0"\nlicense = "MIT"\n'
    )
    (vendor / "bad").mkdir()
    (vendor / "bad" / "Cargo.toml").write_text("[package\n")
    (vendor / "noversion").mkdir()
    (vendor / "noversion" / "Cargo.toml").write_text('[package]\nname = "nov"\n')
    (vendor / "escape").mkdir()
    (vendor / "escape" / "Cargo.toml").write_text(
        '[package]\nname = "escape"\nversion = "0.1.0"\nlicense-file = "../../secret"\n'
    )
    (vendor / "notacrate").mkdir()
    (vendor / "linked").symlink_to(vendor / "good")
    got, errors = cargo.read_vendor(tmp_path)
    assert [(p.name, p.declared) for p in got] == [("escape", None), ("good", "MIT")]
    assert {(e.path, e.message.split(":")[0]) for e in errors} == {
        ("vendor/bad/Cargo.toml", "invalid TOML at line 1, column 9"),
        ("vendor/noversion/Cargo.toml", "[package] has no version"),
        ("vendor/escape/Cargo.toml", "license-file '../../secret' is outside the crate"),
    }
    assert cargo.read_vendor(tmp_path / "nowhere") == ([], [])


def test_vendored_crate_unlicense_file_is_read(tmp_path: Path) -> None:
    # BurntSushi's crates (memchr, walkdir, same-file, ...) ship UNLICENSE beside LICENSE-MIT and
    # COPYING; the UNLICENSE file was passed over, so the detection lost one of the two licenses.
    crate = tmp_path / "vendor" / "memchr"
    crate.mkdir(parents=True)
    (crate / "Cargo.toml").write_text('[package]\nname = "memchr"\nversion = "2.7.4"\n')
    (crate / "UNLICENSE").write_text(license_text("unlicense"))
    (crate / "LICENSE-MIT").write_text(license_text("mit"))
    got, errors = cargo.read_vendor(tmp_path)
    assert errors == []
    assert [(p.name, p.detected) for p in got] == [("memchr", "MIT AND Unlicense")]
