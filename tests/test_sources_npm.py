# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
# ruff: noqa: E501
"""The npm ecosystem: package.json, npm lockfiles made by the real npm, node_modules installed by it,
yarn and pnpm lockfiles, and malformed files.

The npm tests run the real npm (installed on this machine and in CI) against the public registry and
compare what we read with what `npm ls --all --json` says. yarn and pnpm are not installed here; their
lockfiles below are verbatim outputs of the real tools, produced for these tests with
`npx yarn@1.22.22 install`, `npx @yarnpkg/cli-dist@4 install` (Berry, lockfile version 10),
`npx pnpm@7 / pnpm@8 / pnpm@9 install --lockfile-only` (lockfile versions 5.4, 6.0 and 9.0), so that
the tests themselves need neither tool nor a download of it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from commonscheck.audit.sources import npm
from commonscheck.audit.sources.base import MAX_MANIFEST_BYTES, SourceError
from commonscheck.model import Package
from tests.conftest import license_text

HAVE_NPM = shutil.which("npm") is not None
needs_npm = pytest.mark.skipif(not HAVE_NPM, reason="npm is not installed")

# What the real-npm tests install: runtime, dev and optional lists, a scoped package, an exact pin,
# and debug@2, which needs ms@2.0.0 while the project pins ms@2.1.3 (npm nests the older one).
PROJECT = {
    "name": "demo",
    "version": "1.0.0",
    "license": "MIT",
    "dependencies": {"is-number": "^7.0.0", "ms": "2.1.3", "@sindresorhus/is": "^4.0.0", "debug": "^2.6.9"},
    "devDependencies": {"left-pad": "^1.3.0", "has-flag": "^4.0.0"},
    "optionalDependencies": {"escape-string-regexp": "^4.0.0"},
}


def pairs(packages: list[Package]) -> set[tuple[str, str | None]]:
    return {(p.name, p.version) for p in packages}


def by_key(packages: list[Package]) -> dict[tuple[str, str | None], Package]:
    return {(p.name, p.version): p for p in packages}


def npm_ls_pairs(tree: dict[str, Any]) -> set[tuple[str, str | None]]:
    """(name, version) of every package in `npm ls --all --json` output."""
    out: set[tuple[str, str | None]] = set()
    todo = [tree]
    while todo:
        node = todo.pop()
        for name, child in (node.get("dependencies") or {}).items():
            out.add((child.get("name", name), child.get("version")))
            todo.append(child)
    return out


def run_npm(folder: Path, *args: str) -> str:
    env = {**os.environ, "npm_config_update_notifier": "false", "npm_config_fund": "false"}
    done = subprocess.run(["npm", *args], cwd=folder, capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


_INSTALLED: dict[int, Path] = {}


def installed(tmp_path_factory: pytest.TempPathFactory, version: int) -> Path:
    """A project installed by the real npm with a lockfile of `version`, once per test module."""
    if not HAVE_NPM:
        pytest.skip("npm is not installed")
    if version not in _INSTALLED:
        folder = tmp_path_factory.mktemp(f"npm-v{version}")
        (folder / "package.json").write_text(json.dumps(PROJECT, indent=2), encoding="utf-8")
        run_npm(
            folder, "install", "--ignore-scripts", "--no-audit", "--no-fund", f"--lockfile-version={version}"
        )
        _INSTALLED[version] = folder
    return _INSTALLED[version]


@pytest.fixture(params=[1, 2, 3])
def npm_project(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """(folder, lockfile version) for each lockfile version npm can still write."""
    return installed(tmp_path_factory, int(request.param)), int(request.param)


@pytest.fixture
def npm_v3(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project installed with npm's default lockfile (v3)."""
    return installed(tmp_path_factory, 3)


@pytest.fixture
def npm_v1(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project installed with a v1 lockfile (which does not record the root's lists)."""
    return installed(tmp_path_factory, 1)


# ---------------------------------------------------------------- real npm


@needs_npm
def test_lockfile_equals_npm_ls(npm_project: tuple[Path, int]) -> None:
    folder, version = npm_project
    data = (folder / "package-lock.json").read_bytes()
    assert json.loads(data)["lockfileVersion"] == version
    manifest = (folder / "package.json").read_bytes()
    found = npm.NpmLockSource().read("package-lock.json", data, manifest)
    truth = npm_ls_pairs(json.loads(run_npm(folder, "ls", "--all", "--json")))
    assert pairs(found) == truth
    # npm nests the ms debug needs below debug; both versions are kept.
    assert {("ms", "2.0.0"), ("ms", "2.1.3")} <= pairs(found)
    got = by_key(found)
    assert got[("left-pad", "1.3.0")].scope == "dev"
    assert got[("has-flag", "4.0.0")].scope == "dev"
    assert got[("escape-string-regexp", "4.0.0")].scope == "optional"
    assert got[("ms", "2.0.0")].scope == "runtime"
    assert got[("debug", "2.6.9")].direct
    assert got[("ms", "2.1.3")].direct
    assert not got[("ms", "2.0.0")].direct
    assert got[("@sindresorhus/is", "4.6.0")].purl == "pkg:npm/%40sindresorhus/is@4.6.0"
    # The project's own license is not a dependency.
    assert "demo" not in {p.name for p in found}
    lines = data.decode().splitlines()
    for p in found:
        path, _, line = p.source.partition(":")
        assert path == "package-lock.json"
        # The cited line is the package's own entry.
        assert p.name.split("/")[-1] in lines[int(line) - 1]
    if version >= 2:
        # v2 and v3 carry each package's license; they must agree with the installed package.json.
        for p in found:
            installed = _installed_manifest(folder, p)
            assert p.declared_raw == installed["license"]
        assert got[("left-pad", "1.3.0")].declared == "WTFPL"
        assert got[("is-number", "7.0.0")].declared == "MIT"
    else:
        assert all(p.declared is None for p in found)


@needs_npm
def test_v1_lockfile_without_manifest_claims_only_sure_direct(npm_v1: Path) -> None:
    folder = npm_v1
    found = by_key(npm.NpmLockSource().read("package-lock.json", (folder / "package-lock.json").read_bytes()))
    # debug's require of ms resolves to its nested ms@2.0.0, so the top-level ms is surely direct.
    assert found[("ms", "2.1.3")].direct
    assert found[("is-number", "7.0.0")].direct
    assert not found[("ms", "2.0.0")].direct


def _installed_manifest(folder: Path, package: Package) -> dict[str, Any]:
    for pj in folder.glob("node_modules/**/package.json"):
        doc = json.loads(pj.read_text("utf-8"))
        if doc.get("name") == package.name and doc.get("version") == package.version:
            return dict(doc)
    raise AssertionError(f"{package.name}@{package.version} is not installed")


@needs_npm
def test_node_modules_equals_npm_ls(npm_v3: Path) -> None:
    folder = npm_v3
    found, errors = npm.read_node_modules(folder)
    assert errors == []
    truth = npm_ls_pairs(json.loads(run_npm(folder, "ls", "--all", "--json")))
    assert pairs(found) == truth
    got = by_key(found)
    for p in found:
        assert p.declared_raw == _installed_manifest(folder, p)["license"]
        assert p.source.startswith("node_modules/") and p.source.endswith("/package.json")
    # License files: is-number ships LICENSE, left-pad COPYING (the WTFPL), ms license.md.
    assert got[("is-number", "7.0.0")].detected == "MIT"
    assert got[("left-pad", "1.3.0")].detected == "WTFPL"
    assert got[("ms", "2.1.3")].detected == "MIT"
    # Scope and direct follow from the project's lists through Node's resolution.
    assert got[("left-pad", "1.3.0")].scope == "dev"
    assert got[("escape-string-regexp", "4.0.0")].scope == "optional"
    assert got[("ms", "2.0.0")].source == "node_modules/debug/node_modules/ms/package.json"
    assert got[("ms", "2.0.0")].scope == "runtime" and not got[("ms", "2.0.0")].direct
    assert got[("ms", "2.1.3")].direct


@needs_npm
def test_shrinkwrap_reads_like_the_lockfile(npm_v3: Path, tmp_path: Path) -> None:
    folder = npm_v3
    copy = tmp_path / "proj"
    shutil.copytree(folder, copy, symlinks=True)
    run_npm(copy, "shrinkwrap")
    source = npm.NpmLockSource()
    assert source.handles("npm-shrinkwrap.json") and source.handles("sub/package-lock.json")
    assert not source.handles("node_modules/x/package-lock.json")
    lock = source.read("package-lock.json", (folder / "package-lock.json").read_bytes())
    shrink = source.read("npm-shrinkwrap.json", (copy / "npm-shrinkwrap.json").read_bytes())
    assert pairs(shrink) == pairs(lock) and len(shrink) == 8


@needs_npm
def test_package_json_of_the_real_project(npm_v3: Path) -> None:
    folder = npm_v3
    found = npm.PackageJsonSource().read("package.json", (folder / "package.json").read_bytes())
    got = {p.name: p for p in found}
    assert set(got) == {
        "is-number",
        "ms",
        "@sindresorhus/is",
        "debug",
        "left-pad",
        "has-flag",
        "escape-string-regexp",
    }
    assert got["ms"].version == "2.1.3"  # pinned exactly
    assert got["is-number"].version is None  # a range is not a version
    assert got["is-number"].purl == "pkg:npm/is-number"
    assert got["left-pad"].scope == "dev" and got["escape-string-regexp"].scope == "optional"
    assert all(p.direct for p in found)


# ---------------------------------------------------------------- fixtures: real tool outputs

# Written by yarn 1.22.22 for YC2_MANIFEST.
YARN_CLASSIC = """\
# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.
# yarn lockfile v1


anymatch@~3.1.2:
  version "3.1.3"
  resolved "https://registry.yarnpkg.com/anymatch/-/anymatch-3.1.3.tgz#790c58b19ba1720a84205b57c618d5ad8524973e"
  integrity sha512-KMReFUr0B4t+D+OBkjR3KYqvocp2XaSzO55UcB6mgQMd3KbcE+mWTyvVV7D/zsdEbNnV6acZUutkiHQXvTr1Rw==
  dependencies:
    normalize-path "^3.0.0"
    picomatch "^2.0.4"

binary-extensions@^2.0.0:
  version "2.3.0"
  resolved "https://registry.yarnpkg.com/binary-extensions/-/binary-extensions-2.3.0.tgz#f6e14a97858d327252200242d4ccfe522c445522"
  integrity sha512-Ceh+7ox5qe7LJuLHoY0feh3pHuUDHAcRUeyL2VYghZwfpkNIy/+8Ocg0a3UuSoYzavmylwuLWQOf3hl0jjMMIw==

braces@~3.0.2:
  version "3.0.3"
  resolved "https://registry.yarnpkg.com/braces/-/braces-3.0.3.tgz#490332f40919452272d55a8480adc0c441358789"
  integrity sha512-yQbXgO/OSZVD2IsiLlro+7Hf6Q18EJrKSEsdoMzKePKXct3gvD8oLcOQdIzGupr5Fj+EDe8gO/lxc1BzfMpxvA==
  dependencies:
    fill-range "^7.1.1"

chokidar@^3.6.0:
  version "3.6.0"
  resolved "https://registry.yarnpkg.com/chokidar/-/chokidar-3.6.0.tgz#197c6cc669ef2a8dc5e7b4d97ee4e092c3eb0d5b"
  integrity sha512-7VT13fmjotKpGipCW9JEQAusEPE+Ei8nl6/g4FBAmIm0GOOLMua9NDDo/DWp0ZAxCr3cPq5ZpBqmPAQgDda2Pw==
  dependencies:
    anymatch "~3.1.2"
    braces "~3.0.2"
    glob-parent "~5.1.2"
    is-binary-path "~2.1.0"
    is-glob "~4.0.1"
    normalize-path "~3.0.0"
    readdirp "~3.6.0"
  optionalDependencies:
    fsevents "~2.3.2"

debug@^2.6.9:
  version "2.6.9"
  resolved "https://registry.yarnpkg.com/debug/-/debug-2.6.9.tgz#5d128515df134ff327e90a4c93f4e077a536341f"
  integrity sha512-bC7ElrdJaJnPbAP+1EotYvqZsb3ecl5wi6Bfi6BJTUcNowp6cvspg0jXznRTKDjm/E7AdgFBVeAPVMNcKGsHMA==
  dependencies:
    ms "2.0.0"

fill-range@^7.1.1:
  version "7.1.1"
  resolved "https://registry.yarnpkg.com/fill-range/-/fill-range-7.1.1.tgz#44265d3cac07e3ea7dc247516380643754a05292"
  integrity sha512-YsGpe3WHLK8ZYi4tWDg2Jy3ebRz2rXowDxnld4bkQB00cc/1Zw9AWnC0i9ztDJitivtQvaI9KaLyKrc+hBW0yg==
  dependencies:
    to-regex-range "^5.0.1"

fsevents@~2.3.2:
  version "2.3.3"
  resolved "https://registry.yarnpkg.com/fsevents/-/fsevents-2.3.3.tgz#cac6407785d03675a2a5e1a5305c697b347d90d6"
  integrity sha512-5xoDfX+fL7faATnagmWPpbFtwh/R77WmMMqqHGS65C3vvB0YHrgF+B1YmZ3441tMj5n63k0212XNoJwzlhffQw==

glob-parent@~5.1.2:
  version "5.1.2"
  resolved "https://registry.yarnpkg.com/glob-parent/-/glob-parent-5.1.2.tgz#869832c58034fe68a4093c17dc15e8340d8401c4"
  integrity sha512-AOIgSQCepiJYwP3ARnGx+5VnTu2HBYdzbGP45eLw1vr3zB3vZLeyed1sC9hnbcOc9/SrMyM5RPQrkGz4aS9Zow==
  dependencies:
    is-glob "^4.0.1"

is-binary-path@~2.1.0:
  version "2.1.0"
  resolved "https://registry.yarnpkg.com/is-binary-path/-/is-binary-path-2.1.0.tgz#ea1f7f3b80f064236e83470f86c09c254fb45b09"
  integrity sha512-ZMERYes6pDydyuGidse7OsHxtbI7WVeUEozgR/g7rd0xUimYNlvZRE/K2MgZTjWy725IfelLeVcEM97mmtRGXw==
  dependencies:
    binary-extensions "^2.0.0"

is-extglob@^2.1.1:
  version "2.1.1"
  resolved "https://registry.yarnpkg.com/is-extglob/-/is-extglob-2.1.1.tgz#a88c02535791f02ed37c76a1b9ea9773c833f8c2"
  integrity sha512-SbKbANkN603Vi4jEZv49LeVJMn4yGwsbzZworEoyEiutsN3nJYdbO36zfhGJ6QEDpOZIFkDtnq5JRxmvl3jsoQ==

is-glob@^4.0.1, is-glob@~4.0.1:
  version "4.0.3"
  resolved "https://registry.yarnpkg.com/is-glob/-/is-glob-4.0.3.tgz#64f61e42cbbb2eec2071a9dac0b28ba1e65d5084"
  integrity sha512-xelSayHH36ZgE7ZWhli7pW34hNbNl8Ojv5KVmkJD4hBdD3th8Tfk9vYasLM+mXWOZhFkgZfxhLSnrwRr4elSSg==
  dependencies:
    is-extglob "^2.1.1"

is-number@^7.0.0:
  version "7.0.0"
  resolved "https://registry.yarnpkg.com/is-number/-/is-number-7.0.0.tgz#7535345b896734d5f80c4d06c50955527a14f12b"
  integrity sha512-41Cifkg6e8TylSpdtTpeLVMqvSBEVzTttHvERD741+pnZ8ANv0004MRL43QKPDlK9cGvNp6NZWZUBlbGXYxxng==

left-pad@^1.3.0:
  version "1.3.0"
  resolved "https://registry.yarnpkg.com/left-pad/-/left-pad-1.3.0.tgz#5b8a3a7765dfe001261dde915589e782f8c94d1e"
  integrity sha512-XI5MPzVNApjAyhQzphX8BkmKsKUxD4LdyK24iZeQGinBN9yTQT3bFlCBy/aVx2HrNcqQGsdot8ghrjyrvMCoEA==

"ms-alias@npm:ms@2.1.3":
  version "2.1.3"
  resolved "https://registry.yarnpkg.com/ms/-/ms-2.1.3.tgz#574c8138ce1d2b5861f0b44579dbadd60c6615b2"
  integrity sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/XXP6tz7R9xAOtHnSO/tXtF3WRTlA==

ms@2.0.0:
  version "2.0.0"
  resolved "https://registry.yarnpkg.com/ms/-/ms-2.0.0.tgz#5608aeadfc00be6c2901df5f9861788de0d597c8"
  integrity sha512-Tpp60P6IUJDTuOq/5Z8cdskzJujfwqfOTkrwIwj7IRISpnkJnT6SyJ4PCPnGMoFjC9ddhal5KVIYtAt97ix05A==

normalize-path@^3.0.0, normalize-path@~3.0.0:
  version "3.0.0"
  resolved "https://registry.yarnpkg.com/normalize-path/-/normalize-path-3.0.0.tgz#0dcd69ff23a1c9b11fd0978316644a0388216a65"
  integrity sha512-6eZs5Ls3WtCisHWp9S2GUy8dqkpGi4BVSz3GaqiE6ezub0512ESztXUwUB6C6IKbQkY2Pnb/mD4WYojCRwcwLA==

picomatch@^2.0.4, picomatch@^2.2.1:
  version "2.3.2"
  resolved "https://registry.yarnpkg.com/picomatch/-/picomatch-2.3.2.tgz#5a942915e26b372dc0f0e6753149a16e6b1c5601"
  integrity sha512-V7+vQEJ06Z+c5tSye8S+nHUfI51xoXIXjHQ99cQtKUkQqqO1kO/KCJUfZXuB47h/YBlDhah2H3hdUGXn8ie0oA==

readdirp@~3.6.0:
  version "3.6.0"
  resolved "https://registry.yarnpkg.com/readdirp/-/readdirp-3.6.0.tgz#74a370bd857116e245b29cc97340cd431a02a6c7"
  integrity sha512-hOS089on8RduqdbhvQ5Z37A0ESjsqz6qnRcffsMU3495FuTdqSm+7bhJ29JvIOsBDEEnan5DPu9t3To9VRlMzA==
  dependencies:
    picomatch "^2.2.1"

to-regex-range@^5.0.1:
  version "5.0.1"
  resolved "https://registry.yarnpkg.com/to-regex-range/-/to-regex-range-5.0.1.tgz#1648c44aae7c8d988a326018ed72f5b4dd0392e4"
  integrity sha512-65P7iz6X5yEr1cwcgvQxbbIw7Uk3gOy5dIdtZ4rDveLqhrdJP+Li/Hx6tyK0NEb+2GCyneCMJiGqrADCSNk8sQ==
  dependencies:
    is-number "^7.0.0"
"""

# Written by yarn 4 (Berry) for a project with a workspace, an alias and resolve (patched by Berry).
YARN_BERRY = """\
# This file is generated by running "yarn install" inside your project.
# Manual changes might be lost - proceed with caution!

__metadata:
  version: 10
  cacheKey: 10c0

"app@workspace:.":
  version: 0.0.0-use.local
  resolution: "app@workspace:."
  dependencies:
    left-pad: "npm:^1.3.0"
    lib: "workspace:*"
    ms-alias: "npm:ms@2.1.3"
    resolve: "npm:^1.22.0"
  languageName: unknown
  linkType: soft

"es-errors@npm:^1.3.0":
  version: 1.3.0
  resolution: "es-errors@npm:1.3.0"
  checksum: 10c0/0a61325670072f98d8ae3b914edab3559b6caa980f08054a3b872052640d91da01d38df55df797fcc916389d77fc92b8d5906cf028f4db46d7e3003abecbca85
  languageName: node
  linkType: hard

"function-bind@npm:^1.1.2":
  version: 1.1.2
  resolution: "function-bind@npm:1.1.2"
  checksum: 10c0/d8680ee1e5fcd4c197e4ac33b2b4dce03c71f4d91717292785703db200f5c21f977c568d28061226f9b5900cbcd2c84463646134fd5337e7925e0942bc3f46d5
  languageName: node
  linkType: hard

"hasown@npm:^2.0.4":
  version: 2.0.4
  resolution: "hasown@npm:2.0.4"
  dependencies:
    function-bind: "npm:^1.1.2"
  checksum: 10c0/2d8de939e270b70618f8cebb69746620db10617dbb495bc66ddad326955ea24d3ca4af133aff3eb7c1853e0218f867bc2b050ec26fe02e3aea58f880ffc5e506
  languageName: node
  linkType: hard

"is-core-module@npm:^2.18.0":
  version: 2.18.0
  resolution: "is-core-module@npm:2.18.0"
  dependencies:
    hasown: "npm:^2.0.4"
  checksum: 10c0/2962ad96ff260241a9059ec23b467c69fc5c824168d5f24e806839e32099be69c8e32f444b5ad43854d738e7ca073b31db74c20654f870c96e721d1d785c723b
  languageName: node
  linkType: hard

"is-number@npm:^7.0.0":
  version: 7.0.0
  resolution: "is-number@npm:7.0.0"
  checksum: 10c0/b4686d0d3053146095ccd45346461bc8e53b80aeb7671cc52a4de02dbbf7dc0d1d2a986e2fe4ae206984b4d34ef37e8b795ebc4f4295c978373e6575e295d811
  languageName: node
  linkType: hard

"left-pad@npm:^1.3.0":
  version: 1.3.0
  resolution: "left-pad@npm:1.3.0"
  checksum: 10c0/3fb59c76e281a2f5c810ad71dbbb8eba8b10c6cf94733dc7f27b8c516a5376cacea53543e76f6ae477d866c8954b27f1e15ca349424c2542474eb5bb1d2b6955
  languageName: node
  linkType: hard

"lib@workspace:*, lib@workspace:packages/lib":
  version: 0.0.0-use.local
  resolution: "lib@workspace:packages/lib"
  dependencies:
    is-number: "npm:^7.0.0"
  languageName: unknown
  linkType: soft

"ms-alias@npm:ms@2.1.3":
  version: 2.1.3
  resolution: "ms@npm:2.1.3"
  checksum: 10c0/d924b57e7312b3b63ad21fc5b3dc0af5e78d61a1fc7cfb5457edaf26326bf62be5307cc87ffb6862ef1c2b33b0233cdb5d4f01c4c958cc0d660948b65a287a48
  languageName: node
  linkType: hard

"path-parse@npm:^1.0.7":
  version: 1.0.7
  resolution: "path-parse@npm:1.0.7"
  checksum: 10c0/11ce261f9d294cc7a58d6a574b7f1b935842355ec66fba3c3fd79e0f036462eaf07d0aa95bb74ff432f9afef97ce1926c720988c6a7451d8a584930ae7de86e1
  languageName: node
  linkType: hard

"resolve@npm:^1.22.0":
  version: 1.22.14
  resolution: "resolve@npm:1.22.14"
  dependencies:
    es-errors: "npm:^1.3.0"
    is-core-module: "npm:^2.18.0"
    path-parse: "npm:^1.0.7"
    supports-preserve-symlinks-flag: "npm:^1.0.0"
  bin:
    resolve: ./bin/resolve
  checksum: 10c0/d661ad8d65baf92b1adff295f5992b085ffbf85136de98f32d8a5c9bade56ff4f1e8babd8f0bd352158aac6cd58e89975565203603b45937f06b5954369b4fe2
  languageName: node
  linkType: hard

"resolve@patch:resolve@npm%3A^1.22.0#optional!builtin<compat/resolve>":
  version: 1.22.14
  resolution: "resolve@patch:resolve@npm%3A1.22.14#optional!builtin<compat/resolve>::version=1.22.14&hash=9bd1a5"
  dependencies:
    es-errors: "npm:^1.3.0"
    is-core-module: "npm:^2.18.0"
    path-parse: "npm:^1.0.7"
    supports-preserve-symlinks-flag: "npm:^1.0.0"
  bin:
    resolve: ./bin/resolve
  checksum: 10c0/2bf4d1318884840e57943192c1d4d904a66cf9604272351acff36fe9f106cf6c723860fff0eceb798924aa79ce6b74c65df647ba0894ef3b1e2fb17ad458c2cd
  languageName: node
  linkType: hard

"supports-preserve-symlinks-flag@npm:^1.0.0":
  version: 1.0.0
  resolution: "supports-preserve-symlinks-flag@npm:1.0.0"
  checksum: 10c0/6c4032340701a9950865f7ae8ef38578d8d7053f5e10518076e6554a9381fa91bd9c6850193695c141f32b21f979c985db07265a758867bac95de05f7d8aeb39
  languageName: node
  linkType: hard
"""

# Written by yarn 4 (Berry) for PROJECT plus a peer dependency on ms.
YARN_BERRY_SMALL = """\
# This file is generated by running "yarn install" inside your project.
# Manual changes might be lost - proceed with caution!

__metadata:
  version: 10
  cacheKey: 10c0

"@sindresorhus/is@npm:^4.0.0":
  version: 4.6.0
  resolution: "@sindresorhus/is@npm:4.6.0"
  checksum: 10c0/33b6fb1d0834ec8dd7689ddc0e2781c2bfd8b9c4e4bacbcb14111e0ae00621f2c264b8a7d36541799d74888b5dccdf422a891a5cb5a709ace26325eedc81e22e
  languageName: node
  linkType: hard

"debug@npm:^2.6.9":
  version: 2.6.9
  resolution: "debug@npm:2.6.9"
  dependencies:
    ms: "npm:2.0.0"
  checksum: 10c0/121908fb839f7801180b69a7e218a40b5a0b718813b886b7d6bdb82001b931c938e2941d1e4450f33a1b1df1da653f5f7a0440c197f29fbf8a6e9d45ff6ef589
  languageName: node
  linkType: hard

"demo@workspace:.":
  version: 0.0.0-use.local
  resolution: "demo@workspace:."
  dependencies:
    "@sindresorhus/is": "npm:^4.0.0"
    debug: "npm:^2.6.9"
    escape-string-regexp: "npm:^4.0.0"
    has-flag: "npm:^4.0.0"
    is-number: "npm:^7.0.0"
    left-pad: "npm:^1.3.0"
    ms: "npm:2.1.3"
  peerDependencies:
    ms: ^2.1.0
  dependenciesMeta:
    escape-string-regexp:
      optional: true
  languageName: unknown
  linkType: soft

"escape-string-regexp@npm:^4.0.0":
  version: 4.0.0
  resolution: "escape-string-regexp@npm:4.0.0"
  checksum: 10c0/9497d4dd307d845bd7f75180d8188bb17ea8c151c1edbf6b6717c100e104d629dc2dfb687686181b0f4b7d732c7dfdc4d5e7a8ff72de1b0ca283a75bbb3a9cd9
  languageName: node
  linkType: hard

"has-flag@npm:^4.0.0":
  version: 4.0.0
  resolution: "has-flag@npm:4.0.0"
  checksum: 10c0/2e789c61b7888d66993e14e8331449e525ef42aac53c627cc53d1c3334e768bcb6abdc4f5f0de1478a25beec6f0bd62c7549058b7ac53e924040d4f301f02fd1
  languageName: node
  linkType: hard

"is-number@npm:^7.0.0":
  version: 7.0.0
  resolution: "is-number@npm:7.0.0"
  checksum: 10c0/b4686d0d3053146095ccd45346461bc8e53b80aeb7671cc52a4de02dbbf7dc0d1d2a986e2fe4ae206984b4d34ef37e8b795ebc4f4295c978373e6575e295d811
  languageName: node
  linkType: hard

"left-pad@npm:^1.3.0":
  version: 1.3.0
  resolution: "left-pad@npm:1.3.0"
  checksum: 10c0/3fb59c76e281a2f5c810ad71dbbb8eba8b10c6cf94733dc7f27b8c516a5376cacea53543e76f6ae477d866c8954b27f1e15ca349424c2542474eb5bb1d2b6955
  languageName: node
  linkType: hard

"ms@npm:2.0.0":
  version: 2.0.0
  resolution: "ms@npm:2.0.0"
  checksum: 10c0/f8fda810b39fd7255bbdc451c46286e549794fcc700dc9cd1d25658bbc4dc2563a5de6fe7c60f798a16a60c6ceb53f033cb353f493f0cf63e5199b702943159d
  languageName: node
  linkType: hard

"ms@npm:2.1.3":
  version: 2.1.3
  resolution: "ms@npm:2.1.3"
  checksum: 10c0/d924b57e7312b3b63ad21fc5b3dc0af5e78d61a1fc7cfb5457edaf26326bf62be5307cc87ffb6862ef1c2b33b0233cdb5d4f01c4c958cc0d660948b65a287a48
  languageName: node
  linkType: hard
"""

# Written by pnpm 9.15 for YC2_MANIFEST.
PNPM_9_CHOKIDAR = """\
lockfileVersion: '9.0'

settings:
  autoInstallPeers: true
  excludeLinksFromLockfile: false

importers:

  .:
    dependencies:
      chokidar:
        specifier: ^3.6.0
        version: 3.6.0
      ms-alias:
        specifier: npm:ms@2.1.3
        version: ms@2.1.3
    devDependencies:
      debug:
        specifier: ^2.6.9
        version: 2.6.9
      left-pad:
        specifier: ^1.3.0
        version: 1.3.0

packages:

  anymatch@3.1.3:
    resolution: {integrity: sha512-KMReFUr0B4t+D+OBkjR3KYqvocp2XaSzO55UcB6mgQMd3KbcE+mWTyvVV7D/zsdEbNnV6acZUutkiHQXvTr1Rw==}
    engines: {node: '>= 8'}

  binary-extensions@2.3.0:
    resolution: {integrity: sha512-Ceh+7ox5qe7LJuLHoY0feh3pHuUDHAcRUeyL2VYghZwfpkNIy/+8Ocg0a3UuSoYzavmylwuLWQOf3hl0jjMMIw==}
    engines: {node: '>=8'}

  braces@3.0.3:
    resolution: {integrity: sha512-yQbXgO/OSZVD2IsiLlro+7Hf6Q18EJrKSEsdoMzKePKXct3gvD8oLcOQdIzGupr5Fj+EDe8gO/lxc1BzfMpxvA==}
    engines: {node: '>=8'}

  chokidar@3.6.0:
    resolution: {integrity: sha512-7VT13fmjotKpGipCW9JEQAusEPE+Ei8nl6/g4FBAmIm0GOOLMua9NDDo/DWp0ZAxCr3cPq5ZpBqmPAQgDda2Pw==}
    engines: {node: '>= 8.10.0'}

  debug@2.6.9:
    resolution: {integrity: sha512-bC7ElrdJaJnPbAP+1EotYvqZsb3ecl5wi6Bfi6BJTUcNowp6cvspg0jXznRTKDjm/E7AdgFBVeAPVMNcKGsHMA==}
    peerDependencies:
      supports-color: '*'
    peerDependenciesMeta:
      supports-color:
        optional: true

  fill-range@7.1.1:
    resolution: {integrity: sha512-YsGpe3WHLK8ZYi4tWDg2Jy3ebRz2rXowDxnld4bkQB00cc/1Zw9AWnC0i9ztDJitivtQvaI9KaLyKrc+hBW0yg==}
    engines: {node: '>=8'}

  fsevents@2.3.3:
    resolution: {integrity: sha512-5xoDfX+fL7faATnagmWPpbFtwh/R77WmMMqqHGS65C3vvB0YHrgF+B1YmZ3441tMj5n63k0212XNoJwzlhffQw==}
    engines: {node: ^8.16.0 || ^10.6.0 || >=11.0.0}
    os: [darwin]

  glob-parent@5.1.2:
    resolution: {integrity: sha512-AOIgSQCepiJYwP3ARnGx+5VnTu2HBYdzbGP45eLw1vr3zB3vZLeyed1sC9hnbcOc9/SrMyM5RPQrkGz4aS9Zow==}
    engines: {node: '>= 6'}

  is-binary-path@2.1.0:
    resolution: {integrity: sha512-ZMERYes6pDydyuGidse7OsHxtbI7WVeUEozgR/g7rd0xUimYNlvZRE/K2MgZTjWy725IfelLeVcEM97mmtRGXw==}
    engines: {node: '>=8'}

  is-extglob@2.1.1:
    resolution: {integrity: sha512-SbKbANkN603Vi4jEZv49LeVJMn4yGwsbzZworEoyEiutsN3nJYdbO36zfhGJ6QEDpOZIFkDtnq5JRxmvl3jsoQ==}
    engines: {node: '>=0.10.0'}

  is-glob@4.0.3:
    resolution: {integrity: sha512-xelSayHH36ZgE7ZWhli7pW34hNbNl8Ojv5KVmkJD4hBdD3th8Tfk9vYasLM+mXWOZhFkgZfxhLSnrwRr4elSSg==}
    engines: {node: '>=0.10.0'}

  is-number@7.0.0:
    resolution: {integrity: sha512-41Cifkg6e8TylSpdtTpeLVMqvSBEVzTttHvERD741+pnZ8ANv0004MRL43QKPDlK9cGvNp6NZWZUBlbGXYxxng==}
    engines: {node: '>=0.12.0'}

  left-pad@1.3.0:
    resolution: {integrity: sha512-XI5MPzVNApjAyhQzphX8BkmKsKUxD4LdyK24iZeQGinBN9yTQT3bFlCBy/aVx2HrNcqQGsdot8ghrjyrvMCoEA==}

  ms@2.0.0:
    resolution: {integrity: sha512-Tpp60P6IUJDTuOq/5Z8cdskzJujfwqfOTkrwIwj7IRISpnkJnT6SyJ4PCPnGMoFjC9ddhal5KVIYtAt97ix05A==}

  ms@2.1.3:
    resolution: {integrity: sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/XXP6tz7R9xAOtHnSO/tXtF3WRTlA==}

  normalize-path@3.0.0:
    resolution: {integrity: sha512-6eZs5Ls3WtCisHWp9S2GUy8dqkpGi4BVSz3GaqiE6ezub0512ESztXUwUB6C6IKbQkY2Pnb/mD4WYojCRwcwLA==}
    engines: {node: '>=0.10.0'}

  picomatch@2.3.2:
    resolution: {integrity: sha512-V7+vQEJ06Z+c5tSye8S+nHUfI51xoXIXjHQ99cQtKUkQqqO1kO/KCJUfZXuB47h/YBlDhah2H3hdUGXn8ie0oA==}
    engines: {node: '>=8.6'}

  readdirp@3.6.0:
    resolution: {integrity: sha512-hOS089on8RduqdbhvQ5Z37A0ESjsqz6qnRcffsMU3495FuTdqSm+7bhJ29JvIOsBDEEnan5DPu9t3To9VRlMzA==}
    engines: {node: '>=8.10.0'}

  to-regex-range@5.0.1:
    resolution: {integrity: sha512-65P7iz6X5yEr1cwcgvQxbbIw7Uk3gOy5dIdtZ4rDveLqhrdJP+Li/Hx6tyK0NEb+2GCyneCMJiGqrADCSNk8sQ==}
    engines: {node: '>=8.0'}

snapshots:

  anymatch@3.1.3:
    dependencies:
      normalize-path: 3.0.0
      picomatch: 2.3.2

  binary-extensions@2.3.0: {}

  braces@3.0.3:
    dependencies:
      fill-range: 7.1.1

  chokidar@3.6.0:
    dependencies:
      anymatch: 3.1.3
      braces: 3.0.3
      glob-parent: 5.1.2
      is-binary-path: 2.1.0
      is-glob: 4.0.3
      normalize-path: 3.0.0
      readdirp: 3.6.0
    optionalDependencies:
      fsevents: 2.3.3

  debug@2.6.9:
    dependencies:
      ms: 2.0.0

  fill-range@7.1.1:
    dependencies:
      to-regex-range: 5.0.1

  fsevents@2.3.3:
    optional: true

  glob-parent@5.1.2:
    dependencies:
      is-glob: 4.0.3

  is-binary-path@2.1.0:
    dependencies:
      binary-extensions: 2.3.0

  is-extglob@2.1.1: {}

  is-glob@4.0.3:
    dependencies:
      is-extglob: 2.1.1

  is-number@7.0.0: {}

  left-pad@1.3.0: {}

  ms@2.0.0: {}

  ms@2.1.3: {}

  normalize-path@3.0.0: {}

  picomatch@2.3.2: {}

  readdirp@3.6.0:
    dependencies:
      picomatch: 2.3.2

  to-regex-range@5.0.1:
    dependencies:
      is-number: 7.0.0
"""

# Written by pnpm 7 (lockfile 5.4) for react and react-dom 18.2.0, is-number as dev.
PNPM_5_REACT = """\
lockfileVersion: 5.4

specifiers:
  is-number: 7.0.0
  react: 18.2.0
  react-dom: 18.2.0

dependencies:
  react: 18.2.0
  react-dom: 18.2.0_react@18.2.0

devDependencies:
  is-number: 7.0.0

packages:

  /is-number/7.0.0:
    resolution: {integrity: sha512-41Cifkg6e8TylSpdtTpeLVMqvSBEVzTttHvERD741+pnZ8ANv0004MRL43QKPDlK9cGvNp6NZWZUBlbGXYxxng==}
    engines: {node: '>=0.12.0'}
    dev: true

  /js-tokens/4.0.0:
    resolution: {integrity: sha512-RdJUflcE3cUzKiMqQgsCu06FPu9UdIJO0beYbPhHN4k6apgJtifcoCtT9bcxOpYBtpD2kCM6Sbzg4CausW/PKQ==}
    dev: false

  /loose-envify/1.4.0:
    resolution: {integrity: sha512-lyuxPGr/Wfhrlem2CL/UcnUc1zcqKAImBDzukY7Y5F/yQiNdko6+fRLevlw1HgMySw7f611UIY408EtxRSoK3Q==}
    hasBin: true
    dependencies:
      js-tokens: 4.0.0
    dev: false

  /react-dom/18.2.0_react@18.2.0:
    resolution: {integrity: sha512-6IMTriUmvsjHUjNtEDudZfuDQUoWXVxKHhlEGSk81n4YFS+r/Kl99wXiwlVXtPBtJenozv2P+hxDsw9eA7Xo6g==}
    peerDependencies:
      react: ^18.2.0
    dependencies:
      loose-envify: 1.4.0
      react: 18.2.0
      scheduler: 0.23.2
    dev: false

  /react/18.2.0:
    resolution: {integrity: sha512-/3IjMdb2L9QbBdWiW5e3P2/npwMBaU9mHCSCUzNln0ZCYbcfTsGbTJrU/kGemdH2IWmB2ioZ+zkxtmq6g09fGQ==}
    engines: {node: '>=0.10.0'}
    dependencies:
      loose-envify: 1.4.0
    dev: false

  /scheduler/0.23.2:
    resolution: {integrity: sha512-UOShsPwz7NrMUqhR6t0hWjFduvOzbtv7toDH1/hIrfRNIDBnnBWd0CwJTGvTpngVlmwGCdP9/Zl/tVrDqcuYzQ==}
    dependencies:
      loose-envify: 1.4.0
    dev: false
"""

# Written by pnpm 8 (lockfile 6.0), same project.
PNPM_6_REACT = """\
lockfileVersion: '6.0'

settings:
  autoInstallPeers: true
  excludeLinksFromLockfile: false

dependencies:
  react:
    specifier: 18.2.0
    version: 18.2.0
  react-dom:
    specifier: 18.2.0
    version: 18.2.0(react@18.2.0)

devDependencies:
  is-number:
    specifier: 7.0.0
    version: 7.0.0

packages:

  /is-number@7.0.0:
    resolution: {integrity: sha512-41Cifkg6e8TylSpdtTpeLVMqvSBEVzTttHvERD741+pnZ8ANv0004MRL43QKPDlK9cGvNp6NZWZUBlbGXYxxng==}
    engines: {node: '>=0.12.0'}
    dev: true

  /js-tokens@4.0.0:
    resolution: {integrity: sha512-RdJUflcE3cUzKiMqQgsCu06FPu9UdIJO0beYbPhHN4k6apgJtifcoCtT9bcxOpYBtpD2kCM6Sbzg4CausW/PKQ==}
    dev: false

  /loose-envify@1.4.0:
    resolution: {integrity: sha512-lyuxPGr/Wfhrlem2CL/UcnUc1zcqKAImBDzukY7Y5F/yQiNdko6+fRLevlw1HgMySw7f611UIY408EtxRSoK3Q==}
    hasBin: true
    dependencies:
      js-tokens: 4.0.0
    dev: false

  /react-dom@18.2.0(react@18.2.0):
    resolution: {integrity: sha512-6IMTriUmvsjHUjNtEDudZfuDQUoWXVxKHhlEGSk81n4YFS+r/Kl99wXiwlVXtPBtJenozv2P+hxDsw9eA7Xo6g==}
    peerDependencies:
      react: ^18.2.0
    dependencies:
      loose-envify: 1.4.0
      react: 18.2.0
      scheduler: 0.23.2
    dev: false

  /react@18.2.0:
    resolution: {integrity: sha512-/3IjMdb2L9QbBdWiW5e3P2/npwMBaU9mHCSCUzNln0ZCYbcfTsGbTJrU/kGemdH2IWmB2ioZ+zkxtmq6g09fGQ==}
    engines: {node: '>=0.10.0'}
    dependencies:
      loose-envify: 1.4.0
    dev: false

  /scheduler@0.23.2:
    resolution: {integrity: sha512-UOShsPwz7NrMUqhR6t0hWjFduvOzbtv7toDH1/hIrfRNIDBnnBWd0CwJTGvTpngVlmwGCdP9/Zl/tVrDqcuYzQ==}
    dependencies:
      loose-envify: 1.4.0
    dev: false
"""

# Written by pnpm 9 (lockfile 9.0), same project.
PNPM_9_REACT = """\
lockfileVersion: '9.0'

settings:
  autoInstallPeers: true
  excludeLinksFromLockfile: false

importers:

  .:
    dependencies:
      react:
        specifier: 18.2.0
        version: 18.2.0
      react-dom:
        specifier: 18.2.0
        version: 18.2.0(react@18.2.0)
    devDependencies:
      is-number:
        specifier: 7.0.0
        version: 7.0.0

packages:

  is-number@7.0.0:
    resolution: {integrity: sha512-41Cifkg6e8TylSpdtTpeLVMqvSBEVzTttHvERD741+pnZ8ANv0004MRL43QKPDlK9cGvNp6NZWZUBlbGXYxxng==}
    engines: {node: '>=0.12.0'}

  js-tokens@4.0.0:
    resolution: {integrity: sha512-RdJUflcE3cUzKiMqQgsCu06FPu9UdIJO0beYbPhHN4k6apgJtifcoCtT9bcxOpYBtpD2kCM6Sbzg4CausW/PKQ==}

  loose-envify@1.4.0:
    resolution: {integrity: sha512-lyuxPGr/Wfhrlem2CL/UcnUc1zcqKAImBDzukY7Y5F/yQiNdko6+fRLevlw1HgMySw7f611UIY408EtxRSoK3Q==}
    hasBin: true

  react-dom@18.2.0:
    resolution: {integrity: sha512-6IMTriUmvsjHUjNtEDudZfuDQUoWXVxKHhlEGSk81n4YFS+r/Kl99wXiwlVXtPBtJenozv2P+hxDsw9eA7Xo6g==}
    peerDependencies:
      react: ^18.2.0

  react@18.2.0:
    resolution: {integrity: sha512-/3IjMdb2L9QbBdWiW5e3P2/npwMBaU9mHCSCUzNln0ZCYbcfTsGbTJrU/kGemdH2IWmB2ioZ+zkxtmq6g09fGQ==}
    engines: {node: '>=0.10.0'}

  scheduler@0.23.2:
    resolution: {integrity: sha512-UOShsPwz7NrMUqhR6t0hWjFduvOzbtv7toDH1/hIrfRNIDBnnBWd0CwJTGvTpngVlmwGCdP9/Zl/tVrDqcuYzQ==}

snapshots:

  is-number@7.0.0: {}

  js-tokens@4.0.0: {}

  loose-envify@1.4.0:
    dependencies:
      js-tokens: 4.0.0

  react-dom@18.2.0(react@18.2.0):
    dependencies:
      loose-envify: 1.4.0
      react: 18.2.0
      scheduler: 0.23.2

  react@18.2.0:
    dependencies:
      loose-envify: 1.4.0

  scheduler@0.23.2:
    dependencies:
      loose-envify: 1.4.0
"""


# ---------------------------------------------------------------- package.json by hand


def test_package_json_sections_aliases_peers_and_bundles() -> None:
    doc = {
        "name": "self",
        "license": "GPL-3.0-or-later",
        "licenses": [{"type": "MIT"}],
        "dependencies": {
            "a": "1.2.3",
            "b": "^1.0.0",
            "c": "npm:real-c@2.0.0",
            "d": "github:user/d",
            "e": "=1.0.0",
            "shared": "^1",
        },
        "optionalDependencies": {"shared": "^1"},
        "peerDependencies": {"react": "^18", "opt-peer": "^1", "tool": "^2"},
        "peerDependenciesMeta": {"opt-peer": {"optional": True}},
        "devDependencies": {"tool": "2.0.0", "jest": "^29"},
        "bundledDependencies": ["a", "vendored"],
    }
    text = json.dumps(doc, indent=2)
    found = npm.PackageJsonSource().read("web/package.json", text.encode())
    got = {p.name: p for p in found}
    assert set(got) == {
        "a",
        "b",
        "real-c",
        "d",
        "e",
        "shared",
        "react",
        "opt-peer",
        "tool",
        "jest",
        "vendored",
    }
    assert (got["a"].version, got["b"].version, got["real-c"].version) == ("1.2.3", None, "2.0.0")
    assert got["d"].version is None and got["e"].version == "1.0.0"
    # optionalDependencies override the same name in dependencies, as npm documents.
    assert got["shared"].scope == "optional"
    assert got["react"].scope == "runtime" and got["opt-peer"].scope == "optional"
    # A peer the package also installs for its own tests is still needed at runtime.
    assert got["tool"].scope == "runtime" and got["jest"].scope == "dev"
    assert got["vendored"].scope == "runtime" and got["vendored"].version is None
    assert all(p.direct and p.declared is None and p.ecosystem == "npm" for p in found)
    lines = text.splitlines()
    path, _, line = got["e"].source.partition(":")
    assert path == "web/package.json" and lines[int(line) - 1].strip().startswith('"e"')


def test_package_json_handles_only_project_manifests() -> None:
    source = npm.PackageJsonSource()
    assert source.handles("package.json") and source.handles("apps/web/package.json")
    assert not source.handles("node_modules/ms/package.json")
    assert not source.handles("package-lock.json")


# ---------------------------------------------------------------- node_modules by hand


def _write(root: Path, files: dict[str, str | dict[str, Any]]) -> None:
    for rel, content in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(content if isinstance(content, str) else json.dumps(content, indent=2), encoding="utf-8")


def test_node_modules_legacy_licenses_files_and_safety(tmp_path: Path) -> None:
    proj = tmp_path / "proj"
    outside = tmp_path / "outside"
    _write(
        outside,
        {
            "evil/package.json": {"name": "evil", "version": "6.6.6", "license": "MIT"},
            "LICENSE": license_text("mit"),
        },
    )
    _write(
        proj,
        {
            "package.json": {
                "name": "proj",
                "dependencies": {
                    "legacy-arr": "^1",
                    "legacy-obj": "^1",
                    "see-file": "^1",
                    "@scope/pkg": "^1",
                    "broken": "^1",
                },
                "devDependencies": {"devonly": "^1", "escape": "^1"},
            },
            "node_modules/legacy-arr/package.json": {
                "name": "legacy-arr",
                "version": "1.0.0",
                "licenses": [
                    {"type": "MIT", "url": "https://opensource.org/licenses/MIT"},
                    {"type": "Apache-2.0", "url": "https://opensource.org/licenses/Apache-2.0"},
                ],
            },
            "node_modules/legacy-obj/package.json": {
                "name": "legacy-obj",
                "version": "1.0.0",
                "license": {"type": "ISC", "url": "https://opensource.org/licenses/ISC"},
            },
            "node_modules/see-file/package.json": {
                "name": "see-file",
                "version": "1.0.0",
                "license": "SEE LICENSE IN terms.txt",
            },
            "node_modules/see-file/terms.txt": license_text("apache-2.0"),
            "node_modules/see-outside/package.json": {
                "name": "see-outside",
                "version": "1.0.0",
                "license": "SEE LICENSE IN ../../../outside/LICENSE",
            },
            "node_modules/@scope/pkg/package.json": {
                "name": "@scope/pkg",
                "version": "1.0.0",
                "license": "BSD-3-Clause",
                "dependencies": {"inner": "^1"},
            },
            "node_modules/@scope/pkg/node_modules/inner/package.json": {
                "name": "inner",
                "version": "1.0.0",
                "license": "MIT",
            },
            "node_modules/@scope/pkg/node_modules/inner/COPYING": license_text("mit"),
            "node_modules/devonly/package.json": {
                "name": "devonly",
                "version": "3.0.0",
                "license": "Public Domain",
            },
            "node_modules/broken/package.json": '{"name": "broken", "version": ',
            "node_modules/.bin/package.json": {"name": "not-a-package", "version": "1.0.0"},
        },
    )
    (proj / "node_modules" / "escape").symlink_to(outside / "evil", target_is_directory=True)
    found, errors = npm.read_node_modules(proj)
    got = {p.name: p for p in found}
    assert set(got) == {
        "legacy-arr",
        "legacy-obj",
        "see-file",
        "see-outside",
        "@scope/pkg",
        "inner",
        "devonly",
    }
    # npm documented a legacy licenses array of two as "(MIT OR Apache-2.0)".
    assert got["legacy-arr"].declared == "MIT OR Apache-2.0"
    assert got["legacy-obj"].declared == "ISC"
    assert got["see-file"].declared is None and got["see-file"].declared_raw == "SEE LICENSE IN terms.txt"
    assert got["see-file"].detected == "Apache-2.0"
    # The file named outside the package folder is not read.
    assert got["see-outside"].detected is None
    assert (
        got["inner"].detected == "MIT"
        and got["inner"].source == "node_modules/@scope/pkg/node_modules/inner/package.json"
    )
    assert got["inner"].scope == "runtime" and not got["inner"].direct
    assert got["@scope/pkg"].direct and got["@scope/pkg"].purl == "pkg:npm/%40scope/pkg@1.0.0"
    assert (
        got["devonly"].scope == "dev"
        and got["devonly"].declared is None
        and got["devonly"].declared_raw == "Public Domain"
    )
    assert [e.path for e in errors] == ["node_modules/broken/package.json"]
    assert "\n" not in errors[0].message and "invalid JSON" in errors[0].message


def test_node_modules_pnpm_layout_without_following_links(tmp_path: Path) -> None:
    proj = tmp_path / "proj"
    store = "node_modules/.pnpm"
    _write(
        proj,
        {
            "package.json": {"name": "proj", "dependencies": {"a": "1.0.0"}},
            f"{store}/a@1.0.0/node_modules/a/package.json": {
                "name": "a",
                "version": "1.0.0",
                "license": "MIT",
                "dependencies": {"b": "^2"},
            },
            f"{store}/b@2.0.0/node_modules/b/package.json": {
                "name": "b",
                "version": "2.0.0",
                "license": "ISC",
            },
        },
    )
    # pnpm links each package's dependencies beside it, and the project's into node_modules.
    (proj / store / "a@1.0.0/node_modules/b").symlink_to(
        "../../b@2.0.0/node_modules/b", target_is_directory=True
    )
    (proj / "node_modules/a").symlink_to(".pnpm/a@1.0.0/node_modules/a", target_is_directory=True)
    found, errors = npm.read_node_modules(proj)
    assert errors == []
    got = by_key(found)
    assert set(got) == {("a", "1.0.0"), ("b", "2.0.0")}
    assert got[("a", "1.0.0")].direct and not got[("b", "2.0.0")].direct
    assert got[("b", "2.0.0")].scope == "runtime" and got[("b", "2.0.0")].declared == "ISC"


def test_node_modules_absent_is_empty(tmp_path: Path) -> None:
    assert npm.read_node_modules(tmp_path) == ([], [])


# ---------------------------------------------------------------- yarn and pnpm (real outputs)

YC2_MANIFEST = json.dumps(
    {
        "name": "app",
        "version": "1.0.0",
        "dependencies": {"chokidar": "^3.6.0", "ms-alias": "npm:ms@2.1.3"},
        "devDependencies": {"left-pad": "^1.3.0", "debug": "^2.6.9"},
    }
).encode()

# The package set npm, yarn and pnpm all resolved YC2_MANIFEST to (chokidar 3 and its tree, fsevents
# optional, debug 2 with its own ms).
YC2_PAIRS = {
    ("anymatch", "3.1.3"),
    ("binary-extensions", "2.3.0"),
    ("braces", "3.0.3"),
    ("chokidar", "3.6.0"),
    ("debug", "2.6.9"),
    ("fill-range", "7.1.1"),
    ("fsevents", "2.3.3"),
    ("glob-parent", "5.1.2"),
    ("is-binary-path", "2.1.0"),
    ("is-extglob", "2.1.1"),
    ("is-glob", "4.0.3"),
    ("is-number", "7.0.0"),
    ("left-pad", "1.3.0"),
    ("ms", "2.0.0"),
    ("ms", "2.1.3"),
    ("normalize-path", "3.0.0"),
    ("picomatch", "2.3.2"),
    ("readdirp", "3.6.0"),
    ("to-regex-range", "5.0.1"),
}


def _check_yc2_scopes(found: list[Package]) -> None:
    got = by_key(found)
    assert pairs(found) == YC2_PAIRS
    assert got[("chokidar", "3.6.0")].scope == "runtime" and got[("chokidar", "3.6.0")].direct
    assert got[("fsevents", "2.3.3")].scope == "optional" and not got[("fsevents", "2.3.3")].direct
    assert got[("debug", "2.6.9")].scope == "dev" and got[("ms", "2.0.0")].scope == "dev"
    assert got[("left-pad", "1.3.0")].scope == "dev"
    # The alias installs ms itself: its license is ms's.
    assert got[("ms", "2.1.3")].direct and got[("ms", "2.1.3")].scope == "runtime"
    assert got[("is-number", "7.0.0")].scope == "runtime" and not got[("is-number", "7.0.0")].direct


def _check_lines(found: list[Package], text: str, name_in_line: bool = True) -> None:
    lines = text.splitlines()
    for p in found:
        _, _, line = p.source.rpartition(":")
        assert line.isdigit(), p.source
        if name_in_line:
            assert p.name.split("/")[-1] in lines[int(line) - 1], (p, lines[int(line) - 1])


def test_yarn_classic_with_manifest() -> None:
    found = npm.YarnLockSource().read("yarn.lock", YARN_CLASSIC.encode(), YC2_MANIFEST)
    _check_yc2_scopes(found)
    # The alias entry names ms-alias; the package is ms, so the cited line names the alias.
    _check_lines([p for p in found if p.name != "ms" or p.version != "2.1.3"], YARN_CLASSIC)


def test_yarn_classic_without_manifest() -> None:
    found = npm.YarnLockSource().read("yarn.lock", YARN_CLASSIC.encode())
    assert pairs(found) == YC2_PAIRS
    assert {p.scope for p in found} == {"runtime"}
    # Without the manifest, direct are only the entries no other entry depends on.
    assert {p.name for p in found if p.direct} == {"chokidar", "ms", "left-pad", "debug"}


def test_pnpm_9_with_optional_and_dev_derived_from_importers() -> None:
    found = npm.PnpmLockSource().read("pnpm-lock.yaml", PNPM_9_CHOKIDAR.encode())
    _check_yc2_scopes(found)
    _check_lines(found, PNPM_9_CHOKIDAR)


REACT_PAIRS = {
    ("is-number", "7.0.0"),
    ("js-tokens", "4.0.0"),
    ("loose-envify", "1.4.0"),
    ("react", "18.2.0"),
    ("react-dom", "18.2.0"),
    ("scheduler", "0.23.2"),
}


@pytest.mark.parametrize("name", ["PNPM_5_REACT", "PNPM_6_REACT", "PNPM_9_REACT"])
def test_pnpm_versions_and_peer_suffixes(name: str) -> None:
    text = globals()[name]
    found = npm.PnpmLockSource().read("pnpm-lock.yaml", text.encode())
    assert pairs(found) == REACT_PAIRS
    got = by_key(found)
    assert got[("is-number", "7.0.0")].scope == "dev" and got[("is-number", "7.0.0")].direct
    # react-dom is keyed with its peer (18.2.0_react@18.2.0, 18.2.0(react@18.2.0)) and still direct.
    assert got[("react-dom", "18.2.0")].direct and got[("react-dom", "18.2.0")].scope == "runtime"
    assert not got[("scheduler", "0.23.2")].direct
    _check_lines(found, text)


def test_yarn_berry_workspaces_patches_and_aliases() -> None:
    manifest = json.dumps(
        {
            "name": "app",
            "private": True,
            "workspaces": ["packages/*"],
            "dependencies": {"resolve": "^1.22.0", "ms-alias": "npm:ms@2.1.3", "lib": "workspace:*"},
            "devDependencies": {"left-pad": "^1.3.0"},
        }
    ).encode()
    found = npm.YarnLockSource().read("yarn.lock", YARN_BERRY.encode(), manifest)
    got = by_key(found)
    # Workspaces (linkType soft) are the project's own; the patched resolve is the same package.
    assert set(got) == {
        ("es-errors", "1.3.0"),
        ("function-bind", "1.1.2"),
        ("hasown", "2.0.4"),
        ("is-core-module", "2.18.0"),
        ("is-number", "7.0.0"),
        ("left-pad", "1.3.0"),
        ("ms", "2.1.3"),
        ("path-parse", "1.0.7"),
        ("resolve", "1.22.14"),
        ("supports-preserve-symlinks-flag", "1.0.0"),
    }
    assert got[("left-pad", "1.3.0")].scope == "dev"
    assert got[("resolve", "1.22.14")].direct and not got[("hasown", "2.0.4")].direct
    # is-number is what the workspace lib asks for: direct for the project as a whole.
    assert got[("is-number", "7.0.0")].direct
    _check_lines([p for p in found if p.name != "ms"], YARN_BERRY)
    # Berry does not record dev: without the manifest it is runtime.
    bare = by_key(npm.YarnLockSource().read("yarn.lock", YARN_BERRY.encode()))
    assert bare[("left-pad", "1.3.0")].scope == "runtime"


def test_yarn_berry_small_with_optional_meta() -> None:
    found = by_key(npm.YarnLockSource().read("yarn.lock", YARN_BERRY_SMALL.encode()))
    assert found[("escape-string-regexp", "4.0.0")].scope == "optional"
    assert found[("ms", "2.0.0")].scope == "runtime" and not found[("ms", "2.0.0")].direct
    assert len(found) == 8


# ---------------------------------------------------------------- malformed input


def _cut_lines(text: str, keep: int) -> str:
    return "\n".join(text.splitlines()[:keep]) + "\n"


SMALL_LOCK = json.dumps(
    {
        "name": "x",
        "lockfileVersion": 3,
        "requires": True,
        "packages": {
            "": {"dependencies": {"ms": "^2"}},
            "node_modules/ms": {"version": "2.1.3", "license": "MIT"},
        },
    },
    indent=2,
)

MALFORMED: list[tuple[str, str, bytes]] = [
    ("lock", "truncated JSON", SMALL_LOCK[: len(SMALL_LOCK) // 2].encode()),
    ("lock", "top level not an object", b"[1, 2]"),
    ("lock", "packages not an object", b'{"lockfileVersion": 3, "packages": []}'),
    ("lock", "entry not an object", b'{"lockfileVersion": 3, "packages": {"node_modules/a": 5}}'),
    (
        "lock",
        "version not a string",
        b'{"lockfileVersion": 3, "packages": {"node_modules/a": {"version": 1}}}',
    ),
    ("lock", "not a lockfile", b'{"name": "x"}'),
    ("lock", "nested too deeply", b"[" * 200_000),
    ("lock", "binary junk", bytes(range(256)) * 8),
    ("lock", "not UTF-8", b'{"name": "\xff\xfe"}'),
    ("manifest", "dependencies not an object", b'{"dependencies": ["a"]}'),
    ("manifest", "spec not a string", b'{"dependencies": {"a": 1}}'),
    ("manifest", "bundle list of numbers", b'{"bundledDependencies": [1]}'),
    (
        "yarn",
        "classic cut after a whole entry: references lost",
        YARN_CLASSIC[: YARN_CLASSIC.index("\n\n", YARN_CLASSIC.index("chokidar@^3.6.0:")) + 2].encode(),
    ),
    ("yarn", "classic header cut mid-line", (_cut_lines(YARN_CLASSIC, 24) + "chokidar@^3").encode()),
    ("yarn", "classic entry without version", _cut_lines(YARN_CLASSIC, 25).encode()),
    ("yarn", "berry cut at a line: references lost", _cut_lines(YARN_BERRY, 60).encode()),
    (
        "yarn",
        "berry entry cut after its key",
        YARN_BERRY[: YARN_BERRY.index('"es-errors@npm:^1.3.0":') + 24].encode(),
    ),
    ("yarn", "berry alias", (YARN_BERRY + "\nextra: *anchor\n").encode()),
    ("yarn", "berry anchor", (YARN_BERRY + '\n"x@npm:1.0.0": &anchor\n  version: 1.0.0\n').encode()),
    ("yarn", "berry block scalar", (YARN_BERRY + "\nnote: |\n  text\n").encode()),
    ("yarn", "berry tab indentation", YARN_BERRY.replace("  version: 1.3.0", "\tversion: 1.3.0").encode()),
    ("pnpm", "cut at a line: snapshots lost", _cut_lines(PNPM_9_CHOKIDAR, 110).encode()),
    ("pnpm", "5.4 cut after a package key", _cut_lines(PNPM_5_REACT, 50).encode()),
    ("pnpm", "9.0 cut inside the snapshots", _cut_lines(PNPM_9_REACT, 66).encode()),
    (
        "pnpm",
        "cut inside a flow mapping",
        PNPM_9_CHOKIDAR[: PNPM_9_CHOKIDAR.index("integrity:") + 20].encode(),
    ),
    ("pnpm", "not a lockfile", b"importers: {}\n"),
    ("pnpm", "duplicate key", (PNPM_5_REACT + "\nlockfileVersion: 5.4\n").encode()),
    (
        "pnpm",
        "bad indentation",
        PNPM_6_REACT.replace("\n  /scheduler@0.23.2:", "\n /scheduler@0.23.2:").encode(),
    ),
    ("pnpm", "binary junk", b"\x00\x01lockfileVersion: '9.0'\n"),
    # as PowerShell's Out-File writes it: UTF-16 with a byte-order mark
    ("manifest", "UTF-16 with a BOM", '{"name": "x", "dependencies": {"ms": "2.1.3"}}'.encode("utf-16")),
    ("pnpm", "oversize", b" " * (MAX_MANIFEST_BYTES + 1)),
]


@pytest.mark.parametrize(("kind", "what", "data"), MALFORMED, ids=[m[1] for m in MALFORMED])
def test_malformed_inputs_are_one_clear_error(kind: str, what: str, data: bytes) -> None:
    source: Any = {
        "lock": npm.NpmLockSource(),
        "manifest": npm.PackageJsonSource(),
        "yarn": npm.YarnLockSource(),
        "pnpm": npm.PnpmLockSource(),
    }[kind]
    path = {
        "lock": "package-lock.json",
        "manifest": "package.json",
        "yarn": "yarn.lock",
        "pnpm": "pnpm-lock.yaml",
    }[kind]
    with pytest.raises(SourceError) as caught:
        source.read(path, data)
    message = str(caught.value)
    assert message and "\n" not in message and "Traceback" not in message
    if what == "UTF-16 with a BOM":
        assert message.startswith("UTF-16 text")


def test_lockfile_with_broken_manifest_says_so() -> None:
    with pytest.raises(SourceError, match=r"root package\.json"):
        npm.YarnLockSource().read("yarn.lock", YARN_CLASSIC.encode(), b"{broken")


# ---------------------------------------------------------------- scale


def test_thousand_package_lockfiles() -> None:
    packages: dict[str, Any] = {"": {"name": "big", "dependencies": {f"pkg-{i}": "^1" for i in range(50)}}}
    expected: set[tuple[str, str | None]] = set()
    for i in range(600):
        packages[f"node_modules/pkg-{i}"] = {"version": f"1.0.{i}", "license": "MIT", "dev": i % 5 == 4}
        expected.add((f"pkg-{i}", f"1.0.{i}"))
    for i in range(200):
        packages[f"node_modules/@scope/pkg-{i}"] = {
            "version": "3.0.0",
            "license": "Apache-2.0",
            "optional": True,
        }
        expected.add((f"@scope/pkg-{i}", "3.0.0"))
    for i in range(200):
        # The same names again at other versions, nested under another package.
        packages[f"node_modules/pkg-{i + 1}/node_modules/pkg-{i}"] = {"version": "2.0.0", "license": "ISC"}
        expected.add((f"pkg-{i}", "2.0.0"))
    lock = json.dumps({"name": "big", "lockfileVersion": 3, "requires": True, "packages": packages}, indent=2)
    found = npm.NpmLockSource().read("package-lock.json", lock.encode())
    assert len(found) == 1000 and pairs(found) == expected
    got = by_key(found)
    assert got[("pkg-4", "1.0.4")].scope == "dev" and got[("pkg-3", "1.0.3")].scope == "runtime"
    assert got[("@scope/pkg-7", "3.0.0")].scope == "optional"
    assert got[("pkg-10", "1.0.10")].direct and not got[("pkg-10", "2.0.0")].direct
    assert not got[("pkg-60", "1.0.60")].direct
    assert got[("pkg-9", "2.0.0")].declared == "ISC"

    # The same thousand as pnpm 9 and yarn classic write them.
    ordered = sorted(expected, key=lambda p: (p[0], p[1] or ""))
    first: dict[str, str | None] = {}
    for name, version in ordered:
        first.setdefault(name, version)
    pnpm_lines = ["lockfileVersion: '9.0'", "", "importers:", "", "  .:", "    dependencies:"]
    for name, version in first.items():
        pnpm_lines += [f"      '{name}':", f"        specifier: {version}", f"        version: {version}"]
    pnpm_lines += ["", "packages:", ""]
    for name, version in ordered:
        pnpm_lines += [f"  '{name}@{version}':", f"    resolution: {{integrity: sha512-{name}}}", ""]
    pnpm_lines += ["snapshots:", ""]
    for name, version in ordered:
        pnpm_lines += [f"  '{name}@{version}': {{}}", ""]
    pnpm_found = npm.PnpmLockSource().read("pnpm-lock.yaml", "\n".join(pnpm_lines).encode())
    assert len(pnpm_found) == 1000 and pairs(pnpm_found) == expected
    assert sum(p.direct for p in pnpm_found) == len(first)
    yarn_lines = [
        "# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.",
        "# yarn lockfile v1",
        "",
        "",
    ]
    for name, version in ordered:
        header = f'"{name}@^{version}"' if name.startswith("@") else f"{name}@^{version}"
        yarn_lines += [
            f"{header}:",
            f'  version "{version}"',
            f'  resolved "https://registry.yarnpkg.com/{name}/-/x-{version}.tgz"',
            "",
        ]
    yarn_found = npm.YarnLockSource().read("yarn.lock", "\n".join(yarn_lines).encode())
    assert len(yarn_found) == 1000 and pairs(yarn_found) == expected


def test_node_modules_unlicense_file_is_detected(tmp_path: Path) -> None:
    # A package whose package.json names no license still has one in its folder's UNLICENSE
    # file, one of the license file names pkg.go.dev reads; it was passed over.
    _write(
        tmp_path,
        {
            "package.json": {"name": "proj", "dependencies": {"pd": "^1"}},
            "node_modules/pd/package.json": {"name": "pd", "version": "1.0.0"},
            "node_modules/pd/UNLICENSE": license_text("unlicense"),
        },
    )
    got, errors = npm.read_node_modules(tmp_path)
    assert errors == []
    assert [(p.name, p.detected) for p in got] == [("pd", "Unlicense")]


@needs_npm
def test_local_folder_dependencies_are_the_projects_own(tmp_path: Path) -> None:
    # package.json reported `file:` folders and yarn/pnpm `workspace:`, `link:`, `portal:` entries
    # as dependencies without a version or license, which the lockfile readers rightly skip.
    from commonscheck.audit.deps import DepsOptions, collect

    _write(
        tmp_path,
        {
            "package.json": {
                "name": "proj",
                "version": "1.0.0",
                "dependencies": {"local": "file:./local", "ms": "2.1.3"},
            },
            "local/package.json": {"name": "local", "version": "0.1.0", "license": "MIT"},
        },
    )
    subprocess.run(
        ["npm", "install", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    shutil.rmtree(tmp_path / "node_modules")
    lock = json.loads((tmp_path / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/local"]["link"] is True
    found = collect(tmp_path, DepsOptions())
    assert found.errors == ()
    assert [(p.name, p.version, p.direct) for p in found.packages] == [("ms", "2.1.3", True)]
    manifest = {
        "name": "app",
        "dependencies": {
            "lib": "workspace:*",
            "x": "link:../x",
            "z": "portal:./z",
            "packed": "file:vendor/packed-1.0.0.tgz",
        },
    }
    got = npm.PackageJsonSource().read("package.json", json.dumps(manifest, indent=2).encode())
    # A file: tarball is a package someone else packed: still a dependency.
    assert [p.name for p in got] == ["packed"]
