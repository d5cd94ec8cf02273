# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
# ruff: noqa: E501
"""The Ruby and PHP ecosystems: Gemfile.lock, vendored gemspecs, composer.json and composer.lock.

Neither Bundler nor Composer is installed here (`shutil.which` finds neither), and the code never runs them. The
fixtures are written in the shapes the tools write: Gemfile.lock as Bundler 2.4/2.5 writes it
(sections GIT, PATH, GEM with 4-space specs and 6-space dependencies, PLATFORMS, DEPENDENCIES with
`!` for gems of other sources, CHECKSUMS, RUBY VERSION, BUNDLED WITH; bundler's lockfile_parser.rb
is the grammar), installed gemspecs as RubyGems writes them under specifications/ (`# stub:` header,
`.freeze` on every literal), composer.lock as Composer 2 writes it (4-space JSON, `_readme`,
`content-hash`, `packages`, `packages-dev`, `platform`, `plugin-api-version`).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from commonscheck.audit.deps import DepsOptions, collect
from commonscheck.audit.sources.base import MAX_MANIFEST_BYTES, SourceError
from commonscheck.audit.sources.php import ComposerJsonSource, ComposerLockSource, is_platform_package
from commonscheck.audit.sources.ruby import GemfileLockSource, read_vendored_gemspecs
from commonscheck.model import Package
from conftest import license_text, write_tree

GEMFILE_LOCK = """GIT
  remote: https://github.com/rails/rails.git
  revision: 3f1d6f2b8a5e1c0d9e7f6a5b4c3d2e1f0a9b8c7d
  branch: main
  specs:
    activesupport (7.2.0.alpha)
      concurrent-ruby (~> 1.0, >= 1.0.2)
      i18n (>= 1.6, < 2)

PATH
  remote: .
  specs:
    shopapp (0.1.0)
      rack (>= 2.2)

PATH
  remote: vendor/engines/billing
  specs:
    billing (0.3.0)

GEM
  remote: https://rubygems.org/
  specs:
    concurrent-ruby (1.2.2)
    diff-lcs (1.5.0)
    i18n (1.14.1)
      concurrent-ruby (~> 1.0)
    nokogiri (1.15.4-arm64-darwin)
      racc (~> 1.4)
    nokogiri (1.15.4-x86_64-linux)
      racc (~> 1.4)
    racc (1.7.1)
    rack (3.0.8)
    rspec (3.12.0)
      rspec-core (~> 3.12.0)
    rspec-core (3.12.2)

PLATFORMS
  arm64-darwin-22
  x86_64-linux

DEPENDENCIES
  activesupport!
  billing!
  nokogiri (~> 1.15)
  rspec (~> 3.12)
  shopapp!

CHECKSUMS
  concurrent-ruby (1.2.2) sha256=3879119b8b75e3b62616acc256c64a134d0b0a7a9a3fcba5a233025bcde22c4f

RUBY VERSION
   ruby 3.2.2p53

BUNDLED WITH
   2.5.3
"""


def by_key(packages: list[Package]) -> dict[tuple[str, str | None], Package]:
    return {(p.name, p.version): p for p in packages}


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_gemfile_lock_specs_sources_platforms_and_direct() -> None:
    got = GemfileLockSource().read("Gemfile.lock", GEMFILE_LOCK.encode())
    names = sorted({p.name for p in got})
    # the project's own gemspec (PATH remote ".") is not a dependency; a vendored engine is
    assert "shopapp" not in names
    assert names == sorted(
        [
            "activesupport",
            "billing",
            "concurrent-ruby",
            "diff-lcs",
            "i18n",
            "nokogiri",
            "racc",
            "rack",
            "rspec",
            "rspec-core",
        ]
    )
    direct = {p.name for p in got if p.direct}
    # DEPENDENCIES, plus what the project's own gemspec asks for (rack)
    assert direct == {"activesupport", "billing", "nokogiri", "rspec", "rack"}
    nokogiri = sorted(p.purl or "" for p in got if p.name == "nokogiri")
    assert nokogiri == [
        "pkg:gem/nokogiri@1.15.4?platform=arm64-darwin",
        "pkg:gem/nokogiri@1.15.4?platform=x86_64-linux",
    ]
    keyed = by_key(got)
    assert (
        keyed[("activesupport", "7.2.0.alpha")].source
        == f"Gemfile.lock:{line_of(GEMFILE_LOCK, 'activesupport (7.2.0.alpha)')}"
    )
    assert keyed[("rack", "3.0.8")].purl == "pkg:gem/rack@3.0.8"
    assert all(p.scope == "runtime" and p.ecosystem == "gem" for p in got)
    assert GemfileLockSource().handles("sub/gems.locked")
    assert not GemfileLockSource().handles("Gemfile")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (GEMFILE_LOCK[: GEMFILE_LOCK.index("PLATFORMS")].encode(), "no DEPENDENCIES"),
        (
            GEMFILE_LOCK.replace("    rspec (3.12.0)\n      rspec-core (~> 3.12.0)\n", "").encode(),
            "'rspec' has no spec",
        ),
        (b"hello world\n", "not a Gemfile.lock"),
        (
            b"GEM\n  remote: https://rubygems.org/\n  specs:\n    rack\n\nDEPENDENCIES\n  rack\n",
            "has no version",
        ),
        (
            b"GEM\n  remote: https://rubygems.org/\n    rack (1.0)\n\nDEPENDENCIES\n  rack\n",
            "outside a 'specs:' list",
        ),
        (b"GEM\n\x00\x00\x00", "binary"),
        (b"GEM\n  remote: \xff\xfe\n", "not UTF-8"),
        (b"<<<<<<< HEAD\nGEM\n=======\n>>>>>>> x\n", "merge conflict"),
    ],
)
def test_broken_gemfile_locks(data: bytes, expected: str) -> None:
    with pytest.raises(SourceError, match=expected) as info:
        GemfileLockSource().read("Gemfile.lock", data)
    assert "\n" not in str(info.value)


def test_oversize_lockfiles_are_refused() -> None:
    big = b" " * (MAX_MANIFEST_BYTES + 1)
    for source, path in ((GemfileLockSource(), "Gemfile.lock"), (ComposerLockSource(), "composer.lock")):
        with pytest.raises(SourceError, match="larger than"):
            source.read(path, big)


# ---------------------------------------------------------------- vendored gemspecs

RACK_SPEC = """# -*- encoding: utf-8 -*-
# stub: rack 3.0.8 ruby lib

Gem::Specification.new do |s|
  s.name = "rack".freeze
  s.version = "3.0.8"

  s.required_rubygems_version = Gem::Requirement.new(">= 0".freeze) if s.respond_to? :required_rubygems_version=
  s.metadata = { "changelog_uri" => "https://github.com/rack/rack/blob/main/CHANGELOG.md" } if s.respond_to? :metadata=
  s.require_paths = ["lib".freeze]
  s.authors = ["Leah Neukirchen".freeze]
  s.date = "2023-06-14"
  s.homepage = "https://github.com/rack/rack".freeze
  s.licenses = ["MIT".freeze]
  s.rubygems_version = "3.4.10".freeze
  s.summary = "A modular Ruby webserver interface".freeze

  s.installed_by_version = "3.4.10" if s.respond_to? :installed_by_version
end
"""

MULTI_SPEC = """# stub: rouge-like 4.1.0 ruby lib

Gem::Specification.new do |s|
  s.name = "dual-gem".freeze
  s.version = "4.1.0"
  s.licenses = ["MIT".freeze, "Apache-2.0".freeze]
end
"""

UNPACKED_SPEC = """require_relative "lib/billing/version"

Gem::Specification.new do |spec|
  spec.name        = 'billing'
  spec.version     = Billing::VERSION
  spec.license     = 'Apache License 2.0'
  spec.files       = Dir["lib/**/*"]
  system("touch PWNED")
end
"""


def test_vendored_gemspecs_read_statically_with_license_files_detected(tmp_path: Path) -> None:
    base = "vendor/bundle/ruby/3.2.0"
    write_tree(
        tmp_path,
        {
            f"{base}/specifications/rack-3.0.8.gemspec": RACK_SPEC,
            f"{base}/gems/rack-3.0.8/MIT-LICENSE": license_text("mit"),
            f"{base}/gems/rack-3.0.8/lib/rack.rb": "module Rack; end\n",
            f"{base}/specifications/dual-gem-4.1.0.gemspec": MULTI_SPEC,
            "vendor/engines/billing/billing.gemspec": UNPACKED_SPEC,
            "vendor/engines/broken/broken.gemspec": "Gem::Specification.new do |s|\n  s.name = ENV['NAME']\nend\n",
            "vendor/engines/junk/junk.gemspec": b"\x00\x01\x02",
            "lib/not-vendored.gemspec": RACK_SPEC.replace('"rack"', '"outside"'),
        },
    )
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "evil.gemspec").write_text(RACK_SPEC.replace('"rack"', '"linked"'))
    os.symlink(tmp_path / "elsewhere", tmp_path / "vendor" / "linked")
    packages, errors = read_vendored_gemspecs(tmp_path)
    got = {p.name: p for p in packages}
    assert set(got) == {"rack", "dual-gem", "billing"}
    rack = got["rack"]
    assert (rack.version, rack.declared, rack.declared_raw, rack.detected) == ("3.0.8", "MIT", "MIT", "MIT")
    assert rack.purl == "pkg:gem/rack@3.0.8"
    assert rack.source == f"{base}/specifications/rack-3.0.8.gemspec:5"
    assert (rack.scope, rack.direct) == ("runtime", False)
    # RubyGems gives several licenses no stated meaning: no expression, the list kept
    assert got["dual-gem"].declared is None
    assert got["dual-gem"].declared_raw == "MIT, Apache-2.0"
    billing = got["billing"]
    assert (billing.version, billing.declared, billing.detected) == (None, "Apache-2.0", None)
    assert not (tmp_path / "PWNED").exists()
    assert sorted((e.path, e.message.split(" ")[0]) for e in errors) == [
        ("vendor/engines/broken/broken.gemspec", "no"),
        ("vendor/engines/junk/junk.gemspec", "binary"),
    ]


def test_no_vendor_folder_means_nothing(tmp_path: Path) -> None:
    assert read_vendored_gemspecs(tmp_path) == ([], [])


# ---------------------------------------------------------------- composer

COMPOSER_JSON = """{
    "name": "acme/shop",
    "description": "A shop",
    "type": "project",
    "license": "GPL-3.0-or-later",
    "require": {
        "php": ">=8.1",
        "ext-json": "*",
        "ext-pdo_mysql": "*",
        "lib-curl": ">=7.0",
        "composer-plugin-api": "^2.0",
        "Monolog/Monolog": "^3.4",
        "nette/utils": "v4.0.1",
        "acme/closed": "1.2.0"
    },
    "require-dev": {
        "phpunit/phpunit": "^10.3"
    },
    "autoload": {
        "psr-4": {
            "Acme\\\\Shop\\\\": "src/"
        }
    }
}
"""


def lock_package(
    name: str, version: str, licenses: list[str], require: dict[str, str] | None = None
) -> dict[str, object]:
    return {
        "name": name,
        "version": version,
        "source": {
            "type": "git",
            "url": f"https://github.com/{name}.git",
            "reference": "0123456789abcdef0123456789abcdef01234567",
        },
        "dist": {
            "type": "zip",
            "url": f"https://api.github.com/repos/{name}/zipball/0123456789abcdef",
            "reference": "0123456789abcdef0123456789abcdef01234567",
            "shasum": "",
        },
        "require": require or {"php": ">=8.1"},
        "type": "library",
        "autoload": {"psr-4": {"X\\": "src/"}},
        "notification-url": "https://packagist.org/downloads/",
        "license": licenses,
        "authors": [{"name": "Somebody", "email": "somebody@example.org"}],
        "description": "a package",
        "time": "2023-08-01T12:00:00+00:00",
    }


LOCK_DOC = {
    "_readme": [
        "This file locks the dependencies of your project to a known state",
        "Read more about it at https://getcomposer.org/doc/01-basic-usage.md#installing-dependencies",
        "This file is @generated automatically",
    ],
    "content-hash": "5d1f0a0c9b7e3a2f4c6d8e0b1a3c5e7f",
    "packages": [
        lock_package("acme/closed", "1.2.0", ["proprietary"]),
        lock_package("monolog/monolog", "3.4.0", ["MIT"], {"php": ">=8.1", "psr/log": "^2.0 || ^3.0"}),
        lock_package("nette/utils", "v4.0.1", ["BSD-3-Clause", "GPL-2.0-only", "GPL-3.0-only"]),
        lock_package("psr/log", "3.0.0", ["MIT"]),
    ],
    "packages-dev": [
        lock_package("phpunit/phpunit", "10.3.2", ["BSD-3-Clause"]),
        lock_package("sebastian/diff", "5.0.3", ["BSD-3-Clause"]),
    ],
    "aliases": [],
    "minimum-stability": "stable",
    "stability-flags": [],
    "prefer-stable": False,
    "prefer-lowest": False,
    "platform": {"php": ">=8.1", "ext-json": "*"},
    "platform-dev": [],
    "plugin-api-version": "2.6.0",
}
# Composer writes JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE: 4 spaces.
COMPOSER_LOCK = json.dumps(LOCK_DOC, indent=4, ensure_ascii=False) + "\n"


def test_composer_json_requires_without_platform_packages() -> None:
    got = {p.name: p for p in ComposerJsonSource().read("composer.json", COMPOSER_JSON.encode())}
    assert set(got) == {"monolog/monolog", "nette/utils", "acme/closed", "phpunit/phpunit"}
    # a constraint is no version, not even an exact one ("v4.0.1" is what the lock records)
    assert got["monolog/monolog"].version is None
    assert got["nette/utils"].version is None
    assert got["phpunit/phpunit"].scope == "dev"
    assert got["monolog/monolog"].scope == "runtime" and got["monolog/monolog"].direct
    assert got["monolog/monolog"].source == f"composer.json:{line_of(COMPOSER_JSON, 'Monolog/Monolog')}"
    assert got["nette/utils"].purl == "pkg:composer/nette/utils"
    assert all(p.declared is None for p in got.values())  # the project's own license is not a dependency
    for platform in ("php", "php-64bit", "ext-mbstring", "lib-icu-uc", "composer-runtime-api", "hhvm"):
        assert is_platform_package(platform)
    assert not is_platform_package("phpunit/phpunit")
    assert not ComposerJsonSource().handles("vendor/monolog/monolog/composer.json")


def test_composer_lock_licenses_scopes_and_direct_from_the_manifest() -> None:
    got = {
        p.name: p
        for p in ComposerLockSource().read(
            "composer.lock", COMPOSER_LOCK.encode(), manifest=COMPOSER_JSON.encode()
        )
    }
    assert set(got) == {
        "acme/closed",
        "monolog/monolog",
        "nette/utils",
        "psr/log",
        "phpunit/phpunit",
        "sebastian/diff",
    }
    # a list is a choice ("disjunctive license", Composer's schema documentation)
    assert got["nette/utils"].declared == "BSD-3-Clause OR GPL-2.0-only OR GPL-3.0-only"
    assert got["monolog/monolog"].declared == "MIT"
    assert got["acme/closed"].declared is None
    assert got["acme/closed"].declared_raw == "proprietary"
    assert {n for n, p in got.items() if p.direct} == {
        "acme/closed",
        "monolog/monolog",
        "nette/utils",
        "phpunit/phpunit",
    }
    assert got["sebastian/diff"].scope == "dev" and got["psr/log"].scope == "runtime"
    assert got["nette/utils"].version == "v4.0.1"
    assert got["monolog/monolog"].purl == "pkg:composer/monolog/monolog@3.4.0"
    psr_line = line_of(COMPOSER_LOCK, '"name": "psr/log"')
    assert got["psr/log"].source == f"composer.lock:{psr_line}"
    without = ComposerLockSource().read("composer.lock", COMPOSER_LOCK.encode())
    assert not any(p.direct for p in without)
    # a package.json beside it is not taken for composer.json
    npm_manifest = json.dumps({"name": "x", "dependencies": {"monolog/monolog": "1"}}).encode()
    assert not any(
        p.direct
        for p in ComposerLockSource().read("composer.lock", COMPOSER_LOCK.encode(), manifest=npm_manifest)
    )


@pytest.mark.parametrize(
    ("data", "manifest", "expected"),
    [
        (COMPOSER_LOCK[: len(COMPOSER_LOCK) // 2].encode(), None, "invalid JSON"),
        (b'{"_readme": []}', None, 'no "packages"'),
        (b'{"packages": [{"name": "a/b"}]}', None, "has no version"),
        (b'{"packages": [{"version": "1.0"}]}', None, "has no name"),
        (b'{"packages": {"a/b": "1.0"}}', None, "is not a list"),
        (b"[1, 2]", None, "not an object"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", None, "binary"),
        (COMPOSER_LOCK.encode(), b"{not json", "composer.json beside it"),
    ],
)
def test_broken_composer_locks(data: bytes, manifest: bytes | None, expected: str) -> None:
    with pytest.raises(SourceError, match=expected) as info:
        ComposerLockSource().read("composer.lock", data, manifest=manifest)
    assert "\n" not in str(info.value)


def test_broken_composer_json() -> None:
    with pytest.raises(SourceError, match='"require" entry'):
        ComposerJsonSource().read("composer.json", b'{"require": {"a/b": 1}}')
    with pytest.raises(SourceError, match="invalid JSON"):
        ComposerJsonSource().read("composer.json", b'{"require": {"a/b": "1.0"')


def test_collect_over_a_tree_with_ruby_and_php(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "Gemfile.lock": GEMFILE_LOCK,
            "web/composer.json": COMPOSER_JSON,
            "web/composer.lock": COMPOSER_LOCK,
            "legacy/composer.lock": COMPOSER_LOCK[:200],
        },
    )
    report = collect(
        tmp_path, DepsOptions(), sources=[GemfileLockSource(), ComposerJsonSource(), ComposerLockSource()]
    )
    assert [(e.path, e.message.split(":")[0]) for e in report.errors] == [
        ("legacy/composer.lock", "invalid JSON")
    ]
    keyed = {(p.ecosystem, p.name, p.version): p for p in report.packages}
    # the manifest's range folds into the locked version, which becomes direct
    monolog = keyed[("composer", "monolog/monolog", "3.4.0")]
    assert monolog.direct and monolog.declared == "MIT"
    assert ("composer", "monolog/monolog", None) not in keyed
    assert keyed[("composer", "nette/utils", "v4.0.1")].direct
    assert [k for k in keyed if k[1] == "nette/utils"] == [("composer", "nette/utils", "v4.0.1")]
    assert not keyed[("composer", "psr/log", "3.0.0")].direct
    assert keyed[("gem", "rack", "3.0.8")].direct
    assert {"Gemfile.lock", "web/composer.json", "web/composer.lock"} <= set(report.manifests)
