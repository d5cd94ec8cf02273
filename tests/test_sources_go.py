# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
# ruff: noqa: E501
"""The Go ecosystem: go.mod, go.sum, vendor/modules.txt and vendored license files.

The go command is not installed here (and could not download modules if it were), so the files
below are written in exactly the shapes it writes them, per the Go Modules Reference
(https://go.dev/ref/mod: "go.mod files", "go.sum files", "Vendoring") and the writers in the go
command's source (cmd/go/internal/modcmd/vendor.go `moduleLine`: `# path version [=> new [version]]`,
then `## explicit; go 1.x`, then the vendored packages; unused and wildcard replacements recorded
at the end without packages). go.sum lines are `path version h1:<base64 SHA-256>` and
`path version/go.mod h1:...`. When go is installed, one test also runs `go mod edit -json` (which
parses go.mod without touching the network) as a judge of the go.mod reading.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from commonscheck.audit.deps import DepsOptions, collect
from commonscheck.audit.sources import golang
from commonscheck.audit.sources.base import MAX_MANIFEST_BYTES, SourceError
from commonscheck.model import Package
from tests.conftest import license_text, make_repo

HAVE_GO = shutil.which("go") is not None


def h1(seed: str) -> str:
    """A hash in go.sum's h1 form (base64 of a SHA-256)."""
    return "h1:" + base64.b64encode(hashlib.sha256(seed.encode()).digest()).decode()


def by_key(packages: list[Package]) -> dict[tuple[str, str | None], Package]:
    return {(p.name, p.version): p for p in packages}


GO_MOD = """\
module example.com/app

go 1.22.0

toolchain go1.22.5

require (
	github.com/google/uuid v1.6.0
	github.com/sirupsen/logrus v1.9.3
	golang.org/x/text v0.14.0
	gopkg.in/yaml.v3 v3.0.1
)

require (
	github.com/davecgh/go-spew v1.1.1 // indirect
	github.com/stretchr/testify v1.8.4 // indirect; used by tests only
	golang.org/x/sys v0.0.0-20220715151400-c0bba94af5f8 // indirect
)

require github.com/pkg/errors v0.9.1

require "github.com/quoted/mod" v2.0.0+incompatible

replace github.com/sirupsen/logrus => github.com/example/logrus v1.9.4-fork

replace golang.org/x/text v0.14.0 => ../text

replace github.com/unused/thing => github.com/other/thing v1.0.0

exclude github.com/google/uuid v1.5.0

exclude (
	github.com/pkg/errors v0.9.1
)

retract (
	v1.0.0 // published by mistake
	[v1.1.0, v1.1.5]
)

tool golang.org/x/tools/cmd/stringer
"""


def go_sum() -> str:
    """go.sum for GO_MOD: a content and a go.mod line for what the build uses, go.mod lines only for
    versions minimal version selection read and dropped, and an older version tidy left behind."""
    lines = []
    for path, version, full in [
        ("github.com/davecgh/go-spew", "v1.1.0", False),
        ("github.com/davecgh/go-spew", "v1.1.1", True),
        ("github.com/example/logrus", "v1.9.4-fork", True),
        ("github.com/google/uuid", "v1.5.0", False),
        ("github.com/google/uuid", "v1.6.0", True),
        ("github.com/pkg/errors", "v0.9.1", True),
        ("github.com/quoted/mod", "v2.0.0+incompatible", True),
        ("github.com/stretchr/testify", "v1.7.0", True),
        ("github.com/stretchr/testify", "v1.8.4", True),
        ("golang.org/x/sys", "v0.0.0-20220715151400-c0bba94af5f8", True),
        ("gopkg.in/yaml.v3", "v3.0.1", True),
    ]:
        if full:
            lines.append(f"{path} {version} {h1(path + version)}")
        lines.append(f"{path} {version}/go.mod {h1(path + version + 'mod')}")
    return "\n".join(lines) + "\n"


def test_go_mod_requires_replaces_excludes() -> None:
    got = golang.GoModSource().read("go.mod", GO_MOD.encode())
    rows = {(p.name, p.version, p.direct, p.source) for p in got}
    assert rows == {
        ("github.com/google/uuid", "v1.6.0", True, "go.mod:8"),
        # replaced by another module: the replacement is what is built
        (
            "github.com/example/logrus",
            "v1.9.4-fork",
            True,
            "go.mod:24 (replaces github.com/sirupsen/logrus v1.9.3)",
        ),
        # replaced by a directory: under its own path, no version
        (
            "golang.org/x/text",
            None,
            True,
            "go.mod:26 (golang.org/x/text v0.14.0 replaced by local path ../text)",
        ),
        ("gopkg.in/yaml.v3", "v3.0.1", True, "go.mod:11"),
        ("github.com/davecgh/go-spew", "v1.1.1", False, "go.mod:15"),
        # "// indirect; ..." is indirect too (the go command's own test)
        ("github.com/stretchr/testify", "v1.8.4", False, "go.mod:16"),
        ("golang.org/x/sys", "v0.0.0-20220715151400-c0bba94af5f8", False, "go.mod:17"),
        ("github.com/quoted/mod", "v2.0.0+incompatible", True, "go.mod:22"),
    }
    # github.com/pkg/errors v0.9.1 is excluded; the unused replacement, the module itself, the
    # tool, retract and toolchain lines are no dependencies.
    assert all(p.scope == "runtime" and p.declared is None and p.ecosystem == "golang" for p in got)
    purls = {p.name: p.purl for p in got}
    assert purls["github.com/google/uuid"] == "pkg:golang/github.com/google/uuid@v1.6.0"
    assert purls["gopkg.in/yaml.v3"] == "pkg:golang/gopkg.in/yaml.v3@v3.0.1"
    assert purls["github.com/quoted/mod"] == "pkg:golang/github.com/quoted/mod@v2.0.0%2Bincompatible"
    assert purls["golang.org/x/text"] == "pkg:golang/golang.org/x/text"


def test_versioned_replace_wins_over_wildcard() -> None:
    text = (
        "module m\n\ngo 1.21\n\nrequire a.example/x v1.2.0\n\n"
        "replace a.example/x => b.example/x v9.0.0\n"
        "replace a.example/x v1.2.0 => c.example/x v1.2.1\n"
    )
    (p,) = golang.GoModSource().read("go.mod", text.encode())
    assert (p.name, p.version, p.source) == (
        "c.example/x",
        "v1.2.1",
        "go.mod:8 (replaces a.example/x v1.2.0)",
    )


@pytest.mark.skipif(not HAVE_GO, reason="go is not installed")
def test_go_mod_agrees_with_go_mod_edit(tmp_path: Path) -> None:
    (tmp_path / "go.mod").write_text(GO_MOD)
    done = subprocess.run(
        ["go", "mod", "edit", "-json"], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    mod = golang.read_go_mod(GO_MOD)
    assert {(r["Path"], r["Version"], bool(r.get("Indirect"))) for r in doc["Require"]} == {
        (r.path, r.version, r.indirect) for r in mod.requires
    }
    assert {(e["Path"], e["Version"]) for e in doc["Exclude"]} == set(mod.excludes)


def test_go_sum_is_a_superset_without_go_mod_only_versions() -> None:
    text = go_sum()
    got = golang.GoSumSource().read("go.sum", text.encode())
    keys = [(p.name, p.version) for p in got]
    # One package a module version with content: the /go.mod lines do not add a second one, and
    # versions known only by their go.mod (go-spew v1.1.0, uuid v1.5.0) were never built.
    assert len(keys) == len(set(keys)) == 9
    assert ("github.com/google/uuid", "v1.5.0") not in keys
    assert ("github.com/davecgh/go-spew", "v1.1.0") not in keys
    # The older testify tidy left behind is still listed: go.sum is a superset, so nothing is direct.
    assert ("github.com/stretchr/testify", "v1.7.0") in keys
    assert not any(p.direct for p in got)
    uuid = by_key(got)[("github.com/google/uuid", "v1.6.0")]
    assert text.splitlines()[int(uuid.source.split(":")[1]) - 1].startswith(
        "github.com/google/uuid v1.6.0 h1:"
    )


MODULES_TXT = """\
# github.com/davecgh/go-spew v1.1.1
## explicit
github.com/davecgh/go-spew/spew
# github.com/google/uuid v1.6.0
## explicit
github.com/google/uuid
# github.com/pkg/errors v0.9.1
## explicit
github.com/pkg/errors
# github.com/sirupsen/logrus v1.9.3 => github.com/example/logrus v1.9.4-fork
## explicit; go 1.13
github.com/sirupsen/logrus
# github.com/stretchr/testify v1.8.4
## explicit; go 1.20
# golang.org/x/sys v0.0.0-20220715151400-c0bba94af5f8
## explicit; go 1.17
golang.org/x/sys/internal/unsafeheader
golang.org/x/sys/unix
# golang.org/x/text v0.14.0 => ../text
## explicit; go 1.18
golang.org/x/text/language
# gopkg.in/yaml.v3 v3.0.1
## explicit
gopkg.in/yaml.v3
# github.com/unused/thing => github.com/other/thing v1.0.0
"""


def vendored_tree(root: Path, with_go_mod: bool = True) -> None:
    files: dict[str, str] = {
        "vendor/modules.txt": MODULES_TXT,
        "vendor/github.com/davecgh/go-spew/LICENSE": license_text("isc"),
        "vendor/github.com/davecgh/go-spew/spew/spew.go": "package spew\n",
        "vendor/github.com/google/uuid/LICENSE": license_text("bsd-new"),
        "vendor/github.com/google/uuid/uuid.go": "package uuid\n",
        "vendor/github.com/pkg/errors/LICENSE": license_text("bsd-simplified"),
        # vendored under the path the code imports, the original module path
        "vendor/github.com/sirupsen/logrus/LICENSE": license_text("mit"),
        "vendor/golang.org/x/sys/LICENSE": license_text("bsd-new"),
        "vendor/golang.org/x/sys/PATENTS": "Additional IP Rights Grant (Patents)\n",
        "vendor/golang.org/x/sys/unix/syscall.go": "package unix\n",
        "vendor/golang.org/x/text/LICENSE": license_text("bsd-new"),
        "vendor/gopkg.in/yaml.v3/LICENSE": license_text("apache-2.0"),
        "vendor/gopkg.in/yaml.v3/COPYING.md": license_text("mit"),
        "vendor/gopkg.in/yaml.v3/yaml.go": "package yaml\n",
    }
    if with_go_mod:
        files["go.mod"] = GO_MOD
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)


def test_vendored_modules_with_detected_licenses(tmp_path: Path) -> None:
    vendored_tree(tmp_path)
    got, errors = golang.read_vendor_modules(tmp_path)
    assert errors == []
    pkgs = by_key(got)
    assert set(pkgs) == {
        ("github.com/davecgh/go-spew", "v1.1.1"),
        ("github.com/google/uuid", "v1.6.0"),
        ("github.com/pkg/errors", "v0.9.1"),
        ("github.com/example/logrus", "v1.9.4-fork"),
        ("github.com/stretchr/testify", "v1.8.4"),
        ("golang.org/x/sys", "v0.0.0-20220715151400-c0bba94af5f8"),
        ("golang.org/x/text", None),
        ("gopkg.in/yaml.v3", "v3.0.1"),
    }
    assert pkgs[("github.com/google/uuid", "v1.6.0")].detected == "BSD-3-Clause"
    assert pkgs[("github.com/davecgh/go-spew", "v1.1.1")].detected == "ISC"
    assert pkgs[("github.com/example/logrus", "v1.9.4-fork")].detected == "MIT"
    assert pkgs[("github.com/example/logrus", "v1.9.4-fork")].source == (
        "vendor/modules.txt:10 (replaces github.com/sirupsen/logrus v1.9.3)"
    )
    assert pkgs[("golang.org/x/sys", "v0.0.0-20220715151400-c0bba94af5f8")].detected == "BSD-3-Clause"
    assert pkgs[("gopkg.in/yaml.v3", "v3.0.1")].detected == "Apache-2.0 AND MIT"
    # A module with no vendored packages has no folder, and nothing to detect.
    assert pkgs[("github.com/stretchr/testify", "v1.8.4")].detected is None
    # Direct from go.mod's `// indirect` marks: `## explicit` is on every go.mod line since Go 1.17.
    assert {p.name for p in got if p.direct} == {
        "github.com/google/uuid",
        "github.com/pkg/errors",
        "github.com/example/logrus",
        "golang.org/x/text",
        "gopkg.in/yaml.v3",
    }
    assert all(p.declared is None for p in got)


def test_vendored_modules_without_go_mod_use_explicit(tmp_path: Path) -> None:
    vendored_tree(tmp_path, with_go_mod=False)
    got, errors = golang.read_vendor_modules(tmp_path)
    assert errors == []
    assert all(p.direct for p in got) and len(got) == 8


def test_vendored_modules_missing_folder_and_bad_go_mod(tmp_path: Path) -> None:
    vendored_tree(tmp_path)
    shutil.rmtree(tmp_path / "vendor" / "github.com" / "google")
    (tmp_path / "go.mod").write_text("module m\nrequire (\n")
    got, errors = golang.read_vendor_modules(tmp_path)
    assert len(got) == 8
    assert {(e.path, e.message) for e in errors} == {
        ("vendor/modules.txt", "line 4: vendor/github.com/google/uuid is missing or not a folder"),
        (
            "go.mod",
            "require block opened on line 2 is never closed (truncated file?); direct dependencies taken from ## explicit",
        ),
    }


def test_vendored_modules_path_cannot_leave_vendor(tmp_path: Path) -> None:
    (tmp_path / "vendor").mkdir()
    (tmp_path / "secret").mkdir()
    (tmp_path / "secret" / "LICENSE").write_text(license_text("mit"))
    (tmp_path / "vendor" / "modules.txt").write_text("# ../secret v1.0.0\n## explicit\n../secret\n")
    got, errors = golang.read_vendor_modules(tmp_path)
    assert [(p.name, p.detected) for p in got] == [("../secret", None)]
    assert errors[0].message == "line 1: vendor/../secret is missing or not a folder"


def test_workspace_vendor_header() -> None:
    mods = golang.parse_modules_txt(
        "## workspace\n# example.com/dep v1.0.0\n## explicit; go 1.22\nexample.com/dep\n"
    )
    assert [(m.path, m.version, m.explicit, m.packages) for m in mods] == [
        ("example.com/dep", "v1.0.0", True, 1)
    ]


def test_orchestrator_reads_go_mod_and_go_sum_only_without_go_mod(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    make_repo(root, {"go.mod": GO_MOD, "go.sum": go_sum(), "main.go": "package main\n"})
    report = collect(root, DepsOptions(), sources=[golang.GoModSource(), golang.GoSumSource()])
    assert report.errors == ()
    # beside a go.mod, go.sum (a checksum database, a superset of the build) is not read
    assert report.manifests == ("go.mod",)
    pkgs = {(p.name, p.version): p for p in report.packages}
    assert pkgs[("github.com/google/uuid", "v1.6.0")].direct
    assert not pkgs[("github.com/stretchr/testify", "v1.8.4")].direct
    assert ("github.com/stretchr/testify", "v1.7.0") not in pkgs  # only go.sum has it
    assert ("github.com/pkg/errors", "v0.9.1") not in pkgs  # excluded in go.mod
    alone = tmp_path / "alone"
    make_repo(alone, {"go.sum": go_sum()})
    only_sum = collect(alone, DepsOptions(), sources=[golang.GoModSource(), golang.GoSumSource()])
    assert only_sum.manifests == ("go.sum",)
    assert ("github.com/stretchr/testify", "v1.7.0") in {(p.name, p.version) for p in only_sum.packages}


def test_handles() -> None:
    assert golang.GoModSource().handles("go.mod") and golang.GoModSource().handles("tools/go.mod")
    assert not golang.GoModSource().handles("vendor/github.com/x/y/go.mod")
    assert golang.GoSumSource().handles("go.sum") and not golang.GoSumSource().handles("go.sum.bak")


def test_thousand_module_go_sum() -> None:
    lines = []
    for i in range(1000):
        path = f"example.com/org{i % 37}/mod{i:04d}"
        lines.append(f"{path} v1.{i}.0 {h1(path)}")
        lines.append(f"{path} v1.{i}.0/go.mod {h1(path + 'mod')}")
    got = golang.GoSumSource().read("go.sum", ("\n".join(lines) + "\n").encode())
    assert len(got) == 1000
    assert by_key(got)[("example.com/org0/mod0999", "v1.999.0")].source == "go.sum:1999"


# ---------------------------------------------------------------- malformed input


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b"module m\nrequire (\n\tgithub.com/a/b v1.0.0\n",
            "require block opened on line 2 is never closed (truncated file?)",
        ),
        (b"module m\nrequire github.com/a/b\n", "line 2: usage: require module/path v1.2.3"),
        (b"module m\nrequire github.com/a/b 1.0.0\n", "line 2: '1.0.0' is not a module version"),
        (b'module m\nrequire "github.com/a/b v1.0.0\n', "line 2: unterminated string"),
        (b"module m\n)\n", "line 2: unknown directive ')'"),
        (b"module m\nreplace a.example/x b.example/y v1.0.0\n", "line 2: usage: replace"),
        (b"module m\nreplace a.example/x => b.example/y\n", "line 2: a module replacement needs a version"),
        (
            b"module m\nreplace a.example/x => ../y v1.0.0\n",
            "line 2: a directory replacement takes no version",
        ),
        (b"module m\nrequire ( a.example/x v1.0.0 )\n", "line 2: unexpected parenthesis"),
        (b"module m\nrequire a.example/x v1.0.0 = 3\n", "line 2: unexpected '= 3'"),
        (b"go 1.21\nrequire a.example/x v1.0.0\n", "no module directive"),
        (b"Hello, this is not a go.mod\n", "line 1: unknown directive 'Hello,'"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00", "binary content"),
        (b"module \xff\n", "not UTF-8"),
    ],
)
def test_malformed_go_mod(data: bytes, message: str) -> None:
    with pytest.raises(SourceError, match=re.escape(message)) as info:
        golang.GoModSource().read("go.mod", data)
    assert "\n" not in str(info.value)


GOOD_SUM = f"github.com/a/b v1.0.0 {h1('x')}\ngithub.com/a/b v1.0.0/go.mod {h1('y')}\n"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (GOOD_SUM.encode()[:-20], "line 2: malformed h1 hash (truncated file?)"),
        (GOOD_SUM.encode()[: GOOD_SUM.index(" h1:", 30)], "line 2: malformed go.sum line (truncated file?)"),
        (b"github.com/a/b v1.0.0 nohash\n", "line 1: 'nohash' is not a module hash"),
        (b"github.com/a/b 1.0.0 h1:abc=\n", "malformed h1 hash"),
        (f"github.com/a/b 1.0.0 {h1('x')}\n".encode(), "line 1: '1.0.0' is not a module version"),
        (b"\x00\x00\x00\x00", "binary content"),
        (b" " * (MAX_MANIFEST_BYTES + 1), "larger than"),
    ],
)
def test_malformed_go_sum(data: bytes, message: str) -> None:
    with pytest.raises(SourceError, match=re.escape(message)) as info:
        golang.GoSumSource().read("go.sum", data)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("example.com/pkg\n", "line 1: package 'example.com/pkg' before any module line"),
        ("# example.com/a v1.0.0 v2\n", "line 1: malformed module line"),
        ("# example.com/a v1.0.0 => \n", "line 1: malformed replacement in module line"),
        ("# example.com/a one\n", "line 1: 'one' is not a module version"),
        ("#example.com/a v1.0.0\n", "line 1: malformed module line"),
    ],
)
def test_malformed_modules_txt(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "vendor").mkdir()
    (tmp_path / "vendor" / "modules.txt").write_text(text)
    got, errors = golang.read_vendor_modules(tmp_path)
    assert got == []
    assert [(e.path, e.message) for e in errors] == [("vendor/modules.txt", message)]


def test_vendored_unlicense_and_mit_license_files_are_read(tmp_path: Path) -> None:
    # github.com/vbauerster/mpb/v8 (vendored by skopeo) ships its license as UNLICENSE only, and
    # MIT-LICENSE is another name pkg.go.dev reads: both were passed over, leaving no license.
    files = {
        "vendor/modules.txt": (
            "# github.com/vbauerster/mpb/v8 v8.12.0\n## explicit; go 1.17\ngithub.com/vbauerster/mpb/v8\n"
            "# github.com/example/mitlib v1.0.0\n## explicit; go 1.20\ngithub.com/example/mitlib\n"
        ),
        "vendor/github.com/vbauerster/mpb/v8/UNLICENSE": license_text("unlicense"),
        "vendor/github.com/vbauerster/mpb/v8/bar.go": "package mpb\n",
        "vendor/github.com/example/mitlib/MIT-LICENSE": license_text("mit"),
        "vendor/github.com/example/mitlib/lib.go": "package mitlib\n",
    }
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    got, errors = golang.read_vendor_modules(tmp_path)
    assert errors == []
    assert {p.name: p.detected for p in got} == {
        "github.com/vbauerster/mpb/v8": "Unlicense",
        "github.com/example/mitlib": "MIT",
    }
