# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Python dependency sources: manifests and lockfiles in the shapes their tools write them, and
installed environments made by the real tools (venv, pip, hatchling) in tmp_path.

uv, Poetry, PDM and Pipenv are not installed here: their lockfiles below are written by hand in the
exact layout those tools write (field order, inline tables, the generated-file header), following
each tool's documentation and lockfiles in public projects; a comment above each says which
version's format it follows.
"""
# Lockfile fixtures keep their tools' long lines (hashes, URLs) as written.
# ruff: noqa: E501

from __future__ import annotations

import importlib.metadata
import json
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from commonscheck.audit.sources import python as py
from commonscheck.audit.sources.base import MAX_MANIFEST_BYTES, SourceError
from commonscheck.model import Package
from conftest import license_text as text_of

REPO = Path(__file__).resolve().parents[1]


def by_name(packages: list[Package]) -> dict[str, Package]:
    out: dict[str, Package] = {}
    for p in packages:
        assert p.name not in out, f"{p.name} listed twice"
        out[p.name] = p
    return out


def name_line(text: str, name: str) -> int:
    """The line where a lockfile's `[[package]]` names itself."""
    lines = text.splitlines()
    return next(n for n, line in enumerate(lines, 1) if line == f'name = "{name}"')


def line_of(text: str, needle: str) -> int:
    """1-based number of the first line containing needle (fixtures say where a name is)."""
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in fixture")


# ---------------------------------------------------------------- PEP 508


def test_parse_requirement_forms() -> None:
    r = py.parse_requirement("Foo.Bar[Security, socks] == 1.2.3 ; python_version < '3.12'")
    assert (r.name, r.extras, r.version, r.url) == ("Foo.Bar", ("security", "socks"), "1.2.3", None)
    assert r.marker == "python_version < '3.12'"
    assert py.parse_requirement("requests>=2,<3").version is None
    assert py.parse_requirement("requests==2.*").version is None
    assert py.parse_requirement("requests===2.0-odd").version == "2.0-odd"
    assert py.parse_requirement("name (==1.0)").version == "1.0"
    u = py.parse_requirement("pip @ https://example.org/pip-24.0.zip ; os_name == 'nt'")
    assert u.url == "https://example.org/pip-24.0.zip" and u.marker == "os_name == 'nt'"
    for bad in ("", ">=1.0", "foo >> 1", "foo[bar", "foo @ ", "foo[b@d]"):
        with pytest.raises(ValueError):
            py.parse_requirement(bad)


def test_normalise_name_pep503() -> None:
    assert py.normalise_name("Foo__Bar.-baz") == "foo-bar-baz"
    assert py.normalise_name("zope.interface") == "zope-interface"


# ---------------------------------------------------------------- pyproject.toml

PEP621 = """\
[build-system]
requires = ["hatchling>=1.24", "hatch-vcs==0.4.0"]
build-backend = "hatchling.build"

[project]
name = "demo"
version = "1.0"
dependencies = [
  "requests[socks]>=2.31",
  "Typing_Extensions==4.12.2; python_version < '3.12'",
  "pip @ https://github.com/pypa/pip/archive/22.0.2.zip",
]

[project.optional-dependencies]
cli = ["rich==13.7.1", "click"]

[dependency-groups]
test = ["pytest>=8", "coverage[toml]"]
typing = ["mypy==1.10.0"]
dev = [{include-group = "test"}, {include-group = "typing"}, "ruff"]
"""


def test_pyproject_pep621_pep735_build() -> None:
    pkgs = py.PyprojectSource().read("sub/pyproject.toml", PEP621.encode())
    got = {(p.name, p.scope): p for p in pkgs}
    assert set(got) == {
        ("hatchling", "build"),
        ("hatch-vcs", "build"),
        ("requests", "runtime"),
        ("typing-extensions", "runtime"),
        ("pip", "runtime"),
        ("rich", "optional"),
        ("click", "optional"),
        ("pytest", "dev"),
        ("coverage", "dev"),
        ("mypy", "dev"),
        ("ruff", "dev"),
    }
    assert all(p.direct and p.ecosystem == "pypi" and p.declared is None for p in pkgs)
    te = got[("typing-extensions", "runtime")]
    assert te.version == "4.12.2"
    assert te.purl == "pkg:pypi/typing-extensions@4.12.2"
    assert te.source == f"sub/pyproject.toml:{line_of(PEP621, 'Typing_Extensions')}"
    assert got[("requests", "runtime")].version is None
    assert got[("hatch-vcs", "build")].version == "0.4.0"
    assert got[("pip", "runtime")].purl == (
        "pkg:pypi/pip?download_url=https://github.com/pypa/pip/archive/22.0.2.zip"
    )
    # included groups resolve to the lines where the requirement is written
    assert got[("pytest", "dev")].source == f"sub/pyproject.toml:{line_of(PEP621, 'pytest>=8')}"
    assert got[("ruff", "dev")].source.endswith(f":{line_of(PEP621, 'ruff')}")
    # pytest is reached from two groups (test, dev) and is still one package
    assert sum(1 for p in pkgs if p.name == "pytest") == 1


POETRY = """\
[tool.poetry]
name = "legacy"
version = "0.1.0"
description = ""
authors = ["A <a@example.org>"]

[tool.poetry.dependencies]
python = "^3.11"
requests = "^2.31"
Flask = "3.0.3"
pendulum = { version = "==3.0.0", optional = true }
mylib = { git = "https://github.com/example/mylib.git", tag = "v1.2" }
numpy = [
  { version = "1.26.4", python = "<3.13" },
  { version = "2.1.0", python = ">=3.13" },
]

[tool.poetry.group.dev.dependencies]
pytest = "^8.0"

[tool.poetry.group.docs]
optional = true

[tool.poetry.group.docs.dependencies]
mkdocs = "*"

[tool.poetry.dev-dependencies]
black = "24.4.2"

[tool.poetry.extras]
dates = ["pendulum"]
"""


def test_pyproject_poetry_tables() -> None:
    got = by_name(py.PyprojectSource().read("pyproject.toml", POETRY.encode()))
    assert "python" not in got
    assert got["requests"].scope == "runtime" and got["requests"].version is None
    # Poetry reads a bare version as exactly that version
    assert got["flask"].version == "3.0.3"
    assert got["flask"].source == f"pyproject.toml:{line_of(POETRY, 'Flask =')}"
    assert got["pendulum"].scope == "optional" and got["pendulum"].version == "3.0.0"
    assert got["mylib"].purl == "pkg:pypi/mylib?vcs_url=git%2Bhttps://github.com/example/mylib.git%40v1.2"
    # two constraints for two Pythons pin no single version
    assert got["numpy"].version is None
    assert got["pytest"].scope == "dev"
    assert got["mkdocs"].scope == "dev"
    assert got["black"].scope == "dev" and got["black"].version == "24.4.2"
    assert got["black"].source == f"pyproject.toml:{line_of(POETRY, 'black =')}"


def test_pyproject_poetry2_project_table_wins() -> None:
    text = """\
[project]
name = "p2"
dependencies = ["requests>=2"]

[tool.poetry.dependencies]
requests = { source = "internal" }
"""
    pkgs = py.PyprojectSource().read("pyproject.toml", text.encode())
    assert [(p.name, p.source) for p in pkgs] == [("requests", "pyproject.toml:3")]


def test_pyproject_legacy_dev_tables_of_pdm_and_uv() -> None:
    text = """\
[project]
name = "x"

[tool.pdm.dev-dependencies]
lint = ["flake8==7.0.0"]

[tool.uv]
dev-dependencies = ["pytest>=8"]
"""
    got = by_name(py.PyprojectSource().read("pyproject.toml", text.encode()))
    assert (got["flake8"].scope, got["flake8"].version, got["flake8"].source) == (
        "dev",
        "7.0.0",
        "pyproject.toml:5",
    )
    assert got["pytest"].scope == "dev"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '[dependency-groups]\na = [{include-group = "b"}]\nb = [{include-group = "a"}]\n',
            "cycle a -> b -> a",
        ),
        ('[dependency-groups]\na = [{include-group = "nope"}]\n', "'nope' is not defined"),
        ('[project]\ndependencies = "requests"\n', "project.dependencies is not an array"),
        ('[project]\ndependencies = ["requests >> 2"]\n', "invalid requirement 'requests >> 2'"),
        (
            '[project]\nname = "x"\ndependencies = [\n  "a",\n  "b"\n',
            "invalid TOML at end of document: Unclosed array",
        ),
        ("[project]\nname = x\n", "invalid TOML at line 2"),
    ],
)
def test_pyproject_malformed(text: str, message: str) -> None:
    with pytest.raises(SourceError, match=message.replace("(", r"\(").replace("[", r"\[")) as info:
        py.PyprojectSource().read("pyproject.toml", text.encode())
    assert "\n" not in str(info.value)


def test_binary_huge_and_non_utf8_refused() -> None:
    src = py.PyprojectSource()
    with pytest.raises(SourceError, match="binary content"):
        src.read("pyproject.toml", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")
    with pytest.raises(SourceError, match="not UTF-8"):
        src.read("pyproject.toml", '[project]\nname = "caf\u00e9"\n'.encode("latin-1"))
    with pytest.raises(SourceError, match="too large"):
        py.RequirementsSource().read("requirements.txt", b"a\n" * (MAX_MANIFEST_BYTES // 2 + 1))
    with pytest.raises(SourceError, match="binary content"):
        py.PoetryLockSource().read("poetry.lock", os.urandom(64) + b"\0" + os.urandom(64))


# ---------------------------------------------------------------- requirements files

REQUIREMENTS = """\
# Runtime requirements
-r base.txt
--requirement=../shared/common.txt
-c constraints.txt
--index-url https://pypi.org/simple
requests[security]==2.32.3 \\
    --hash=sha256:70761cfe03c773ceb22aa2f671b4757976145175cdfca038c02654d061d6dcc6 \\
    --hash=sha256:55365417734eb18255590a9ff9eb97e9e1da868d4ccd6402399eaab2f94a72dd
urllib3>=1.26  # keep below 3
Django==4.2.* ; python_version >= "3.10"
idna @ https://files.pythonhosted.org/packages/idna-3.7.tar.gz
six@https://files.pythonhosted.org/packages/six-1.16.0.tar.gz
./vendor/Local_Dist-2.0.tar.gz ; python_version >= "3.8"
https://example.org/wheels/Foo_Bar-1.0.1-py3-none-any.whl
-e git+https://github.com/example/editable-lib.git@v1.0#egg=editable-lib
--editable ./libs/local_pkg
-e .
-e .[socks]
--editable ./libs/extras_pkg[fast]
-e ../outside/Other_Pkg
    # an indented comment
certifi==2024.2.2
"""


def test_requirements_file() -> None:
    got = by_name(py.RequirementsSource().read("requirements.txt", REQUIREMENTS.encode()))
    assert set(got) == {
        "requests",
        "urllib3",
        "django",
        "idna",
        "six",
        "local-dist",
        "foo-bar",
        "editable-lib",
        "other-pkg",
        "certifi",
    }
    # ./libs/local_pkg and ./libs/extras_pkg are folders of the scanned tree: the project's own
    # code, read by the scan; a folder outside the tree (../outside/Other_Pkg) is a dependency
    assert got["other-pkg"].version is None and got["other-pkg"].direct
    assert got["six"].version is None  # a URL pins no version PEP 508 can read
    assert got["local-dist"].version == "2.0"
    assert got["requests"].version == "2.32.3"
    assert got["requests"].source == f"requirements.txt:{line_of(REQUIREMENTS, 'requests[')}"
    assert got["urllib3"].version is None
    assert got["django"].version is None  # a wildcard pins nothing
    assert (
        got["idna"].purl
        == "pkg:pypi/idna?download_url=https://files.pythonhosted.org/packages/idna-3.7.tar.gz"
    )
    assert (got["foo-bar"].version, got["foo-bar"].source) == (
        "1.0.1",
        f"requirements.txt:{line_of(REQUIREMENTS, 'Foo_Bar')}",
    )
    assert (got["editable-lib"].purl or "").startswith(
        "pkg:pypi/editable-lib?vcs_url=git%2Bhttps://github.com/example/"
    )
    assert got["certifi"].source == f"requirements.txt:{line_of(REQUIREMENTS, 'certifi')}"
    assert all(p.scope == "runtime" and p.direct for p in got.values())


def test_requirement_includes_relative_to_the_file_and_inside_the_tree() -> None:
    data = REQUIREMENTS.encode()
    assert py.requirement_includes("app/requirements.txt", data) == ["app/base.txt", "shared/common.txt"]
    assert py.RequirementsSource().includes("app/requirements.txt", data) == [
        "app/base.txt",
        "shared/common.txt",
    ]
    # at the root, ../shared leaves the tree: never followed
    assert py.requirement_includes("requirements.txt", data) == ["base.txt"]
    assert py.constraint_includes("app/requirements.txt", data) == ["app/constraints.txt"]
    odd = b"-r /etc/passwd\n-r https://example.org/r.txt\n-rnested/dev.txt\n-r ../../out.txt\n"
    assert py.requirement_includes("a/requirements.txt", odd) == ["a/nested/dev.txt"]


def test_constraints_file_yields_no_packages() -> None:
    assert py.RequirementsSource().read("constraints.txt", b"urllib3==2.2.1\nidna<4\n") == []


def test_requirements_dev_scope_from_file_name() -> None:
    src = py.RequirementsSource()
    for path in (
        "requirements-dev.txt",
        "test-requirements.txt",
        "requirements/docs.txt",
        "requirements_test.in",
    ):
        assert [p.scope for p in src.read(path, b"pytest\n")] == ["dev"], path
    for path in ("requirements.txt", "requirements/base.txt", "requirements-prod.txt"):
        assert [p.scope for p in src.read(path, b"flask\n")] == ["runtime"], path


def test_requirements_handles() -> None:
    src = py.RequirementsSource()
    for yes in ("requirements.txt", "a/requirements-dev.txt", "dev-requirements.txt", "requirements.in",
                "requirements/base.txt", "requirements/test.in", "constraints.txt", "ci/constraints-py311.txt"):  # fmt: skip
        assert src.handles(yes), yes
    for no in ("MANIFEST.in", "notes.txt", "requirementsfoo.md", "docs/requirements.rst", "setup.in"):
        assert not src.handles(no), no


def test_pip_compile_annotations_tell_direct_from_transitive() -> None:
    # the layout pip-compile (pip-tools 7) and `uv pip compile` write
    text = """\
#
# This file is autogenerated by pip-compile with Python 3.11
# by the following command:
#
#    pip-compile requirements.in
#
certifi==2024.2.2
    # via requests
charset-normalizer==3.3.2
    # via requests
requests==2.31.0
    # via -r requirements.in
urllib3==2.2.1
    # via
    #   -r requirements.in
    #   requests
idna==3.6
    # via
    #   requests
    #   yarl
"""
    got = by_name(py.RequirementsSource().read("requirements.txt", text.encode()))
    assert {n for n, p in got.items() if p.direct} == {"requests", "urllib3"}
    assert got["idna"].version == "3.6" and not got["idna"].direct


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (b"flask\nrequests >>> 2\n", "invalid requirement at line 2"),
        (b"-e\n", "line 1: -e without a location"),
        (
            b"https://example.org/download\n",
            "line 1: cannot tell the package name of 'https://example.org/download'",
        ),
        (b"-e git+https://github.com/a/b.git@v1\n", r"line 1: cannot tell the package name .* \(no #egg=\)"),
    ],
)
def test_requirements_malformed(text: bytes, message: str) -> None:
    with pytest.raises(SourceError, match=message):
        py.RequirementsSource().read("requirements.txt", text)


# ---------------------------------------------------------------- setup.cfg

SETUP_CFG = """\
[metadata]
name = old
license = MIT

[options]
packages = find:
install_requires =
    requests>=2.0
    # a comment line
    importlib-metadata==7.0.1; python_version<"3.10"
setup_requires = setuptools_scm==8.0.4
tests_require = pytest; pytest-cov

[options.extras_require]
yaml = PyYAML>=6
all =
    PyYAML>=6
    toml
"""


def test_setup_cfg() -> None:
    got = {(p.name, p.scope): p for p in py.SetupCfgSource().read("setup.cfg", SETUP_CFG.encode())}
    assert set(got) == {
        ("requests", "runtime"),
        ("importlib-metadata", "runtime"),
        ("setuptools-scm", "build"),
        ("pytest", "dev"),
        ("pytest-cov", "dev"),
        ("pyyaml", "optional"),
        ("toml", "optional"),
    }
    assert got[("importlib-metadata", "runtime")].version == "7.0.1"
    assert got[("importlib-metadata", "runtime")].source == f"setup.cfg:{line_of(SETUP_CFG, 'importlib')}"
    assert got[("setuptools-scm", "build")].version == "8.0.4"
    with pytest.raises(SourceError, match=r"invalid setup\.cfg"):
        py.SetupCfgSource().read("setup.cfg", b"install_requires = x\n")


# ---------------------------------------------------------------- poetry.lock

# Poetry 2.1 (lock-version 2.1): `groups` and `markers` per package, [metadata] last.
POETRY_LOCK_2 = """\
# This file is automatically @generated by Poetry 2.1.3 and should not be changed by hand.

[[package]]
name = "certifi"
version = "2025.4.26"
description = "Python package for providing Mozilla's CA Bundle."
optional = false
python-versions = ">=3.6"
groups = ["main"]
files = [
    {file = "certifi-2025.4.26-py3-none-any.whl", hash = "sha256:30350364dfe371162649852c63336a15c70c6510c2ad5015b21c2345311805f3"},
    {file = "certifi-2025.4.26.tar.gz", hash = "sha256:0a816057ea3cdefcef70270d2c515e4506bbc954f417fa5ade2021213bb8f0c6"},
]

[[package]]
name = "colorama"
version = "0.4.6"
description = "Cross-platform colored terminal text."
optional = false
python-versions = "!=3.0.*,!=3.1.*,!=3.2.*,!=3.3.*,!=3.4.*,!=3.5.*,!=3.6.*,>=2.7"
groups = ["main", "dev"]
markers = {main = "platform_system == \\"Windows\\"", dev = "sys_platform == \\"win32\\""}
files = [
    {file = "colorama-0.4.6-py2.py3-none-any.whl", hash = "sha256:4f1d9991f5acc0ca119f9d443620b77f9d6b33703e51011c16baf57afb285fc6"},
]

[[package]]
name = "mylib"
version = "1.2.0"
description = ""
optional = false
python-versions = ">=3.9"
groups = ["main"]
files = []
develop = false

[package.source]
type = "git"
url = "https://github.com/example/mylib.git"
reference = "v1.2"
resolved_reference = "0f3c2a1b9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a"

[[package]]
name = "pysocks"
version = "1.7.1"
description = "A Python SOCKS client module."
optional = true
python-versions = ">=2.7, !=3.0.*, !=3.1.*, !=3.2.*, !=3.3.*, !=3.4.*"
groups = ["main"]
markers = "extra == \\"socks\\""
files = [
    {file = "PySocks-1.7.1-py3-none-any.whl", hash = "sha256:2725bd0a9925919b9b51739eea5f9e2bae91e83288108a9ad338b2e3a4435ee5"},
]

[[package]]
name = "pytest"
version = "8.3.5"
description = "pytest: simple powerful testing with Python"
optional = false
python-versions = ">=3.8"
groups = ["dev"]
files = [
    {file = "pytest-8.3.5-py3-none-any.whl", hash = "sha256:c69214aa47deac29fad6c2a4f590b9c4a9fdb16a403176fe154b79c0b4d4d820"},
]

[package.dependencies]
colorama = {version = "*", markers = "sys_platform == \\"win32\\""}
iniconfig = "*"

[package.extras]
dev = ["argcomplete", "attrs (>=19.2)"]

[extras]
socks = ["pysocks"]

[metadata]
lock-version = "2.1"
python-versions = ">=3.11"
content-hash = "6a4e8d2b1c0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d"
"""

# Poetry 1.4 (lock-version 2.0): `category` per package.
POETRY_LOCK_1 = """\
# This file is automatically @generated by Poetry 1.4.2 and should not be changed by hand.

[[package]]
name = "Django"
version = "4.2.1"
description = "A high-level Python web framework that encourages rapid development and clean, pragmatic design."
category = "main"
optional = false
python-versions = ">=3.8"
files = [
    {file = "Django-4.2.1-py3-none-any.whl", hash = "sha256:066b6debb5ac335458d2a713ed995570536c8b59a580005acb0732378d5eb1ee"},
]

[package.dependencies]
sqlparse = ">=0.3.1"

[[package]]
name = "sqlparse"
version = "0.4.4"
description = "A non-validating SQL parser."
category = "main"
optional = false
python-versions = ">=3.5"
files = []

[[package]]
name = "black"
version = "23.3.0"
description = "The uncompromising code formatter."
category = "dev"
optional = false
python-versions = ">=3.7"
files = []

[metadata]
lock-version = "2.0"
python-versions = "^3.10"
content-hash = "0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e"
"""


def test_poetry_lock_2() -> None:
    got = by_name(py.PoetryLockSource().read("poetry.lock", POETRY_LOCK_2.encode()))
    assert {n: p.scope for n, p in got.items()} == {
        "certifi": "runtime",
        "colorama": "runtime",
        "mylib": "runtime",
        "pysocks": "optional",
        "pytest": "dev",
    }
    assert all(not p.direct for p in got.values())
    assert got["certifi"].version == "2025.4.26"
    assert got["pytest"].source == f"poetry.lock:{name_line(POETRY_LOCK_2, 'pytest')}"
    assert got["mylib"].purl == (
        "pkg:pypi/mylib@1.2.0?vcs_url=git%2Bhttps://github.com/example/mylib.git"
        "%400f3c2a1b9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a"
    )


def test_poetry_lock_1_categories() -> None:
    got = by_name(py.PoetryLockSource().read("poetry.lock", POETRY_LOCK_1.encode()))
    assert {n: (p.scope, p.version) for n, p in got.items()} == {
        "django": ("runtime", "4.2.1"),
        "sqlparse": ("runtime", "0.4.4"),
        "black": ("dev", "23.3.0"),
    }
    assert got["black"].source == f"poetry.lock:{name_line(POETRY_LOCK_1, 'black')}"


def test_poetry_lock_truncated() -> None:
    cut = POETRY_LOCK_2[: POETRY_LOCK_2.index("[extras]")]
    with pytest.raises(SourceError, match=r"no \[metadata\] table \(truncated\?\)"):
        py.PoetryLockSource().read("poetry.lock", cut.encode())
    mid = POETRY_LOCK_2[: POETRY_LOCK_2.index("files = [") + 20]
    with pytest.raises(SourceError, match="invalid TOML at end of document"):
        py.PoetryLockSource().read("poetry.lock", mid.encode())


# ---------------------------------------------------------------- uv.lock

# uv 0.7 (lock version 1, revision 2): the project itself is `source = { editable = "." }`, and
# its dependency lists, extras and PEP 735 groups are in the lock as a graph.
UV_LOCK = """\
version = 1
revision = 2
requires-python = ">=3.11"

[[package]]
name = "anyio"
version = "4.9.0"
source = { registry = "https://pypi.org/simple" }
dependencies = [
    { name = "idna" },
    { name = "sniffio" },
]
sdist = { url = "https://files.pythonhosted.org/packages/95/7d/anyio-4.9.0.tar.gz", hash = "sha256:673c0c244e15788651a4ff38710fea9675823028a6f08a5eda409e0c9840a028", size = 190949, upload-time = "2025-03-17T00:02:54.77Z" }
wheels = [
    { url = "https://files.pythonhosted.org/packages/a1/ee/anyio-4.9.0-py3-none-any.whl", hash = "sha256:9f76d541cad6e36af7beb62e978876f3b41e3e04f2c1fbf0884604c0a9c4d93c", size = 100916, upload-time = "2025-03-17T00:02:52.713Z" },
]

[[package]]
name = "colorama"
version = "0.4.6"
source = { registry = "https://pypi.org/simple" }
sdist = { url = "https://files.pythonhosted.org/packages/d8/53/colorama-0.4.6.tar.gz", hash = "sha256:08695f5cb7ed6e0531a20572697297273c47b8cae5a63ffc6d6ed5c201be6e44", size = 27697, upload-time = "2022-10-25T02:36:22.414Z" }

[[package]]
name = "demo"
version = "0.1.0"
source = { editable = "." }
dependencies = [
    { name = "anyio" },
    { name = "httpx", extra = ["socks"] },
    { name = "mylib" },
]

[package.optional-dependencies]
cli = [
    { name = "rich" },
]

[package.dev-dependencies]
dev = [
    { name = "pytest" },
]

[package.metadata]
requires-dist = [
    { name = "anyio", specifier = ">=4" },
    { name = "httpx", extras = ["socks"], specifier = ">=0.27" },
    { name = "mylib", git = "https://github.com/example/mylib?tag=v1.2" },
    { name = "rich", marker = "extra == 'cli'", specifier = ">=13" },
]
provides-extras = ["cli"]

[package.metadata.requires-dev]
dev = [{ name = "pytest", specifier = ">=8" }]

[[package]]
name = "httpx"
version = "0.28.1"
source = { registry = "https://pypi.org/simple" }
dependencies = [
    { name = "anyio" },
    { name = "idna" },
]

[package.optional-dependencies]
socks = [
    { name = "socksio" },
]

[[package]]
name = "idna"
version = "3.10"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "iniconfig"
version = "2.1.0"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "markdown-it-py"
version = "3.0.0"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "mylib"
version = "1.2.0"
source = { git = "https://github.com/example/mylib?tag=v1.2#0f3c2a1b9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a" }

[[package]]
name = "pytest"
version = "8.3.5"
source = { registry = "https://pypi.org/simple" }
dependencies = [
    { name = "colorama", marker = "sys_platform == 'win32'" },
    { name = "iniconfig" },
]

[[package]]
name = "rich"
version = "14.0.0"
source = { registry = "https://pypi.org/simple" }
dependencies = [
    { name = "markdown-it-py" },
]

[[package]]
name = "sniffio"
version = "1.3.1"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "socksio"
version = "1.0.0"
source = { registry = "https://pypi.org/simple" }
"""


def test_uv_lock_graph_gives_scope_and_directness() -> None:
    got = by_name(py.UvLockSource().read("uv.lock", UV_LOCK.encode()))
    assert "demo" not in got  # the project itself
    assert {n: (p.scope, p.direct) for n, p in got.items()} == {
        "anyio": ("runtime", True),
        "httpx": ("runtime", True),
        "mylib": ("runtime", True),
        "idna": ("runtime", False),
        "sniffio": ("runtime", False),
        "socksio": ("runtime", False),  # through httpx[socks]
        "rich": ("optional", True),
        "markdown-it-py": ("optional", False),
        "pytest": ("dev", True),
        "iniconfig": ("dev", False),
        "colorama": ("dev", False),
    }
    assert got["idna"].version == "3.10" and got["idna"].purl == "pkg:pypi/idna@3.10"
    assert got["idna"].source == f"uv.lock:{name_line(UV_LOCK, 'idna')}"
    assert "vcs_url=git%2Bhttps://github.com/example/mylib" in (got["mylib"].purl or "")


def test_uv_lock_workspace_members_are_not_dependencies() -> None:
    text = """\
version = 1
revision = 2
requires-python = ">=3.12"

[manifest]
members = [
    "app",
    "lib-core",
]

[[package]]
name = "app"
version = "0.1.0"
source = { virtual = "." }
dependencies = [
    { name = "lib-core" },
]

[[package]]
name = "lib-core"
version = "0.1.0"
source = { editable = "packages/lib-core" }
dependencies = [
    { name = "six" },
]

[[package]]
name = "six"
version = "1.17.0"
source = { registry = "https://pypi.org/simple" }
"""
    got = by_name(py.UvLockSource().read("uv.lock", text.encode()))
    assert list(got) == ["six"]
    # six is named by a workspace member, one of the roots
    assert got["six"].direct and got["six"].scope == "runtime"


def test_uv_lock_truncated() -> None:
    cut = UV_LOCK[: UV_LOCK.index('[[package]]\nname = "socksio"')]
    with pytest.raises(SourceError, match="'socksio', a dependency of 'httpx', is not locked"):
        py.UvLockSource().read("uv.lock", cut.encode())
    with pytest.raises(SourceError, match="no lock format"):
        py.UvLockSource().read("uv.lock", b'[[package]]\nname = "a"\n')


# ---------------------------------------------------------------- pdm.lock

# PDM 2.22 (lock_version 4.5.0): `groups` per package; a package with extras is locked twice.
PDM_LOCK = """\
# This file is @generated by PDM.
# It is not intended for manual editing.

[metadata]
groups = ["default", "dev"]
strategy = ["inherit_metadata"]
lock_version = "4.5.0"
content_hash = "sha256:3e1c2b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c"

[[metadata.targets]]
requires_python = ">=3.11"

[[package]]
name = "certifi"
version = "2025.4.26"
requires_python = ">=3.6"
summary = "Python package for providing Mozilla's CA Bundle."
groups = ["default"]
files = [
    {file = "certifi-2025.4.26-py3-none-any.whl", hash = "sha256:30350364dfe371162649852c63336a15c70c6510c2ad5015b21c2345311805f3"},
]

[[package]]
name = "pysocks"
version = "1.7.1"
requires_python = ">=2.7, !=3.0.*, !=3.1.*, !=3.2.*, !=3.3.*, !=3.4.*"
summary = "A Python SOCKS client module."
groups = ["default"]
files = []

[[package]]
name = "pytest"
version = "8.3.5"
requires_python = ">=3.8"
summary = "pytest: simple powerful testing with Python"
groups = ["dev"]
dependencies = [
    "colorama; sys_platform == \\"win32\\"",
]
files = []

[[package]]
name = "requests"
version = "2.32.3"
requires_python = ">=3.8"
summary = "Python HTTP for Humans."
groups = ["default"]
dependencies = [
    "certifi>=2017.4.17",
]
files = []

[[package]]
name = "requests"
version = "2.32.3"
extras = ["socks"]
requires_python = ">=3.8"
summary = "Python HTTP for Humans."
groups = ["default"]
dependencies = [
    "PySocks!=1.5.7,>=1.5.6",
    "requests==2.32.3",
]
files = []
"""


def test_pdm_lock() -> None:
    got = by_name(py.PdmLockSource().read("pdm.lock", PDM_LOCK.encode()))
    assert {n: (p.scope, p.version) for n, p in got.items()} == {
        "certifi": ("runtime", "2025.4.26"),
        "pysocks": ("runtime", "1.7.1"),
        "pytest": ("dev", "8.3.5"),
        "requests": ("runtime", "2.32.3"),
    }
    assert got["requests"].source == f"pdm.lock:{name_line(PDM_LOCK, 'requests')}"
    cut = (
        PDM_LOCK[: PDM_LOCK.index('[[package]]\nname = "certifi"')]
        + PDM_LOCK[PDM_LOCK.index('[[package]]\nname = "pysocks"') :]
    )
    with pytest.raises(SourceError, match="'certifi', a dependency of 'requests', is not locked"):
        py.PdmLockSource().read("pdm.lock", cut.encode())


# ---------------------------------------------------------------- Pipfile.lock


def _pipfile_lock() -> str:
    # Pipenv writes the lock with json.dumps(indent=4, sort_keys=True) and a trailing newline
    doc = {
        "_meta": {
            "hash": {"sha256": "8c2d0e1f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d"},
            "pipfile-spec": 6,
            "requires": {"python_version": "3.11"},
            "sources": [{"name": "pypi", "url": "https://pypi.org/simple", "verify_ssl": True}],
        },
        "default": {
            "certifi": {
                "hashes": ["sha256:30350364dfe371162649852c63336a15c70c6510c2ad5015b21c2345311805f3"],
                "index": "pypi",
                "markers": "python_version >= '3.6'",
                "version": "==2025.4.26",
            },
            "mylib": {"git": "https://github.com/example/mylib.git", "ref": "0f3c2a1b9d8e"},
            "requests": {"hashes": [], "index": "pypi", "version": "==2.32.3"},
        },
        "develop": {"pytest": {"hashes": [], "index": "pypi", "version": "==8.3.5"}},
        "docs": {"mkdocs": {"hashes": [], "index": "pypi", "version": "==1.6.1"}},
    }
    return json.dumps(doc, indent=4, sort_keys=True) + "\n"


def test_pipfile_lock() -> None:
    text = _pipfile_lock()
    got = by_name(py.PipfileLockSource().read("Pipfile.lock", text.encode()))
    assert {n: (p.scope, p.version) for n, p in got.items()} == {
        "certifi": ("runtime", "2025.4.26"),
        "mylib": ("runtime", None),
        "requests": ("runtime", "2.32.3"),
        "pytest": ("dev", "8.3.5"),
        "mkdocs": ("dev", "1.6.1"),
    }
    assert got["requests"].source == "Pipfile.lock:" + str(line_of(text, '"requests": {'))
    assert (
        got["mylib"].purl
        == "pkg:pypi/mylib?vcs_url=git%2Bhttps://github.com/example/mylib.git%400f3c2a1b9d8e"
    )
    with pytest.raises(SourceError, match="invalid JSON at line"):
        py.PipfileLockSource().read("Pipfile.lock", text[: len(text) // 2].encode())
    with pytest.raises(SourceError, match="no _meta"):
        py.PipfileLockSource().read("Pipfile.lock", b"[]")


# ---------------------------------------------------------------- scale


def test_thousand_package_locks_parse_correctly() -> None:
    names = [f"pkg-{i:04d}" for i in range(1000)]
    root_deps = "".join(f'    {{ name = "{n}" }},\n' for n in names[:10])
    uv = ['version = 1\nrevision = 2\nrequires-python = ">=3.11"\n']
    uv.append(
        f'\n[[package]]\nname = "root"\nversion = "0.1.0"\nsource = {{ editable = "." }}\ndependencies = [\n{root_deps}]\n'
    )
    poetry = ["# This file is automatically @generated by Poetry 2.1.3 and should not be changed by hand.\n"]
    for i, n in enumerate(names):
        # a chain: each of the first ten heads a hundred-package line of dependencies
        dep = f'dependencies = [\n    {{ name = "{names[i + 10]}" }},\n]\n' if i + 10 < len(names) else ""
        uv.append(
            f'\n[[package]]\nname = "{n}"\nversion = "1.{i}.0"\nsource = {{ registry = "https://pypi.org/simple" }}\n{dep}'
        )
        poetry.append(
            f'\n[[package]]\nname = "{n}"\nversion = "1.{i}.0"\ndescription = ""\noptional = false\n'
            f'python-versions = ">=3.8"\ngroups = ["{"main" if i % 2 else "dev"}"]\nfiles = []\n'
        )
    poetry.append('\n[metadata]\nlock-version = "2.1"\npython-versions = ">=3.11"\ncontent-hash = "0"\n')
    uv_text = "".join(uv)
    got = py.UvLockSource().read("uv.lock", uv_text.encode())
    assert [p.name for p in got] == names
    assert all(p.scope == "runtime" for p in got)
    assert [p.name for p in got if p.direct] == names[:10]
    assert got[999].version == "1.999.0"
    assert got[999].source == f"uv.lock:{name_line(uv_text, 'pkg-0999')}"
    pgot = py.PoetryLockSource().read("poetry.lock", "".join(poetry).encode())
    assert len(pgot) == 1000
    assert sum(p.scope == "dev" for p in pgot) == 500
    assert len({p.source for p in pgot}) == 1000


# ---------------------------------------------------------------- installed environments


def _metadata_text(fields: list[tuple[str, str]], body: str = "") -> str:
    return "".join(f"{k}: {v}\n" for k, v in fields) + ("\n" + body if body else "")


def _dist(
    site: Path, name: str, version: str, fields: list[tuple[str, str]], files: dict[str, str] | None = None
) -> Path:
    info = site / f"{name}-{version}.dist-info"
    info.mkdir(parents=True)
    head = [("Metadata-Version", "2.4"), ("Name", name), ("Version", version)]
    (info / "METADATA").write_text(
        _metadata_text(head + fields, "A long description.\nLicense: not a header\n")
    )
    for rel, text in (files or {}).items():
        (info / rel).parent.mkdir(parents=True, exist_ok=True)
        (info / rel).write_text(text)
    return info


def test_declared_license_pep639_order(tmp_path: Path) -> None:
    site = tmp_path / "site-packages"
    mit = text_of("mit")
    _dist(site, "expr", "1.0", [("License-Expression", "apache-2.0 OR mit"), ("License", "GPL"),
          ("Classifier", "License :: OSI Approved :: BSD License"), ("License-File", "LICENSE")],
          {"licenses/LICENSE": mit})  # fmt: skip
    _dist(
        site,
        "field",
        "1.0",
        [("License", "Apache 2.0"), ("Classifier", "License :: OSI Approved :: MIT License")],
    )
    _dist(site, "classifier_only", "2.0", [("Classifier", "License :: OSI Approved :: MIT License"),
          ("License-File", "COPYING")], {"COPYING": mit})  # fmt: skip
    _dist(
        site,
        "ambiguous",
        "1.0",
        [("License", "UNKNOWN"), ("Classifier", "License :: OSI Approved :: BSD License")],
    )
    _dist(site, "unknown_name", "1.0", [("License", "Dual License")])
    _dist(site, "legacy", "0.1", [], {"LICENSE.txt": mit})
    # several texts named after their license, as licensedcode-data ships them; RECORD is no license
    _dist(site, "named_texts", "1.0", [], {"apache-2.0.LICENSE": text_of("apache-2.0"), "cc-by-4.0.LICENSE":
          text_of("cc-by-4.0"), "NOTICE": "Copyright 2026 A\n"})  # fmt: skip
    pkgs, errors = py.read_installed(site)
    assert errors == []
    got = by_name(pkgs)
    assert (got["expr"].declared, got["expr"].declared_raw) == ("Apache-2.0 OR MIT", "apache-2.0 OR mit")
    assert got["expr"].detected == "MIT"
    assert (got["field"].declared, got["field"].declared_raw) == ("Apache-2.0", "Apache 2.0")
    assert got["classifier-only"].declared == "MIT"
    assert got["classifier-only"].declared_raw == "License :: OSI Approved :: MIT License"
    # legacy layout: License-File in the dist-info root
    assert got["classifier-only"].detected == "MIT"
    # ambiguous classifiers give no expression, but stay visible
    assert (got["ambiguous"].declared, got["ambiguous"].declared_raw) == (
        None,
        "License :: OSI Approved :: BSD License",
    )
    assert (got["unknown-name"].declared, got["unknown-name"].declared_raw) == (None, "Dual License")
    # no License-File header at all: a LICENSE file in the dist-info root is still the license
    assert got["legacy"].detected == "MIT" and got["legacy"].declared is None
    assert got["named-texts"].detected == "Apache-2.0 AND CC-BY-4.0"
    p = got["classifier-only"]
    assert (p.scope, p.direct, p.version, p.purl, p.source) == (
        "runtime",
        True,
        "2.0",
        "pkg:pypi/classifier-only@2.0",
        "classifier_only-2.0.dist-info/METADATA",
    )


def _pip_install(site: Path, project: Path) -> None:
    # pip and hatchling from the test environment build and install the project for real
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-index", "--no-build-isolation",
         "--no-deps", "--target", str(site), str(project)],
        check=True, capture_output=True, env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
    )  # fmt: skip


def _project(root: Path, name: str, license_toml: str, classifiers: list[str], license_file: str) -> Path:
    module = name.lower().replace("-", "_")
    (root / "src" / module).mkdir(parents=True)
    (root / "src" / module / "__init__.py").write_text("VALUE = 1\n")
    (root / "LICENSE").write_text(license_file)
    (root / "pyproject.toml").write_text(
        '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n\n'
        f'[project]\nname = "{name}"\nversion = "1.0"\n{license_toml}\nclassifiers = {json.dumps(classifiers)}\n'
        f'\n[tool.hatch.build.targets.wheel]\npackages = ["src/{module}"]\n'
    )
    return root


def test_real_venv_built_by_venv_pip_and_hatchling(tmp_path: Path) -> None:
    env = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env)], check=True)
    site = next(env.glob("lib/python*/site-packages"))
    mit, apache = text_of("mit"), text_of("apache-2.0")
    pasted = (
        "Copyright (c) 2026 Tiny\\n\\n"
        + "Permission is hereby granted, free of charge, to any person.\\n" * 3
    )
    _pip_install(site, _project(tmp_path / "a", "Tiny_Expr", 'license = "Apache-2.0"', [], apache))
    _pip_install(site, _project(tmp_path / "b", "tiny-pasted", f'license = {{ text = "{pasted}" }}',
                                ["License :: OSI Approved :: MIT License"], mit))  # fmt: skip
    _pip_install(
        site, _project(tmp_path / "c", "tiny.classic", "", ["License :: OSI Approved :: MIT License"], mit)
    )
    pkgs, errors = py.read_installed(env)
    assert errors == []
    got = by_name(pkgs)
    assert set(got) == {"tiny-expr", "tiny-pasted", "tiny-classic"}
    assert (got["tiny-expr"].declared, got["tiny-expr"].detected) == ("Apache-2.0", "Apache-2.0")
    # a pasted license text is no name: the classifier answers, the first line is not read as one
    assert got["tiny-pasted"].declared == "MIT"
    assert got["tiny-pasted"].detected is not None and "MIT" in got["tiny-pasted"].detected
    assert got["tiny-classic"].declared == "MIT" and got["tiny-classic"].detected == "MIT"
    assert got["tiny-expr"].source == "tiny_expr-1.0.dist-info/METADATA"

    # pip freeze of the same environment, read as a requirements file, names the same packages
    frozen = subprocess.run(
        [sys.executable, "-m", "pip", "freeze", "--path", str(site)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert "@ file://" in frozen
    req = by_name(py.RequirementsSource().read("requirements.txt", frozen.encode()))
    assert set(req) == set(got)
    # the site-packages folder given directly reads the same
    again, _ = py.read_installed(site)
    assert {p.name for p in again} == set(got)


def test_pasted_license_without_classifier_is_declared_by_its_text(tmp_path: Path) -> None:
    site = tmp_path / "sp"
    mit = text_of("mit")
    # the License field as setuptools writes a multi-line value: continuation lines indented by 8
    folded = mit.strip().replace("\n", "\n        ")
    _dist(site, "pasted", "1.0", [("License", folded)])
    pkgs, errors = py.read_installed(site)
    assert errors == []
    (p,) = pkgs
    # the field is the declaration written out: its text, detected, is the declared license
    assert p.declared == "MIT"
    assert p.declared_raw == mit.strip().splitlines()[0].strip()
    assert p.detected == "MIT"
    # without detection nothing reads the text, and nothing is guessed from its first line
    (q,), _ = py.read_installed(site, detect=False)
    assert q.declared is None and q.declared_raw == p.declared_raw and q.detected is None


def test_installed_matches_importlib_metadata_of_this_environment() -> None:
    site = Path(sysconfig.get_paths()["purelib"])
    pkgs, errors = py.read_installed(Path(sys.prefix))
    assert errors == []
    expected = {
        (py.normalise_name(d.metadata["Name"]), d.version)
        for d in importlib.metadata.distributions(path=[str(site)])
    }
    assert {(p.name, p.version) for p in pkgs} == expected
    got = by_name(pkgs)
    # our own metadata: PEP 639 License-Expression, license texts under licenses/LICENSES/
    ours = got["commonscheck"]
    assert ours.declared is not None and "GPL-3.0-or-later" in ours.declared
    assert ours.detected is not None and "GPL-3.0" in ours.detected
    for name, dist in (
        (py.normalise_name(d.metadata["Name"]), d) for d in importlib.metadata.distributions(path=[str(site)])
    ):
        expression = dist.metadata["License-Expression"]
        if expression:
            assert got[name].declared_raw == " ".join(expression.split()), name


def test_environment_symlinks_and_damage(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    secret = _dist(outside, "secret", "1.0", [("License", "MIT")])
    (outside / "gpl.txt").write_text(text_of("gpl-3.0"))
    env = tmp_path / "env"
    site = env / "lib" / "python3.11" / "site-packages"
    site.mkdir(parents=True)
    (env / "pyvenv.cfg").write_text("home = /usr/bin\n")
    (env / "lib64").symlink_to("lib")  # as venv does on some systems: one folder, read once
    (site / secret.name).symlink_to(secret)
    _dist(site, "good", "1.0", [("License-Expression", "MIT"), ("License-File", "LICENSE")])
    (site / "good-1.0.dist-info" / "licenses").mkdir()
    (site / "good-1.0.dist-info" / "licenses" / "LICENSE").symlink_to(outside / "gpl.txt")
    bad = site / "bad-1.0.dist-info"
    bad.mkdir()
    (bad / "METADATA").write_bytes(b"\x7fELF\0\0\0\0" + os.urandom(32))
    (site / "noname-1.0.dist-info").mkdir()
    (site / "noname-1.0.dist-info" / "METADATA").write_text("Metadata-Version: 2.1\nVersion: 1.0\n")
    (site / "gone-1.0.dist-info").mkdir()  # no METADATA at all
    old = site / "old_egg-0.9-py3.11.egg-info"
    old.write_text("Metadata-Version: 1.1\nName: old-egg\nVersion: 0.9\nLicense: BSD-3-Clause\n")

    pkgs, errors = py.read_installed(env)
    got = by_name(pkgs)
    assert set(got) == {"good", "old-egg"}
    # the license file linking out of the environment was not read
    assert got["good"].declared == "MIT" and got["good"].detected is None
    assert (got["old-egg"].declared, got["old-egg"].source) == ("BSD-3-Clause", "old_egg-0.9-py3.11.egg-info")
    messages = {Path(e.path).parent.name: e.message for e in errors}
    assert set(messages) == {
        "secret-1.0.dist-info",
        "bad-1.0.dist-info",
        "noname-1.0.dist-info",
        "gone-1.0.dist-info",
    }
    assert "outside the environment" in messages["secret-1.0.dist-info"]
    assert "binary" in messages["bad-1.0.dist-info"]
    assert messages["noname-1.0.dist-info"] == "metadata has no Name field"
    assert all("\n" not in e.message for e in errors)


def test_not_an_environment(tmp_path: Path) -> None:
    pkgs, errors = py.read_installed(tmp_path)
    assert pkgs == [] and len(errors) == 1 and "no site-packages" in errors[0].message
    pkgs, errors = py.read_installed(tmp_path / "missing")
    assert pkgs == [] and "cannot be read" in errors[0].message


def test_every_source_handles_its_file_names() -> None:
    names = {
        "pyproject.toml": py.PyprojectSource,
        "a/b/setup.cfg": py.SetupCfgSource,
        "poetry.lock": py.PoetryLockSource,
        "uv.lock": py.UvLockSource,
        "Pipfile.lock": py.PipfileLockSource,
        "pdm.lock": py.PdmLockSource,
        "requirements.txt": py.RequirementsSource,
    }
    for path, cls in names.items():
        handlers = [type(s) for s in py.SOURCES if s.handles(path)]
        assert handlers == [cls], path
    assert not any(s.handles("Pipfile") or s.handles("setup.py") for s in py.SOURCES)


ODD_SHAPES = [
    ("pyproject.toml", "project = 1\n"),
    ("pyproject.toml", "[project]\noptional-dependencies = [1]\n"),
    ("pyproject.toml", "[project.optional-dependencies]\nx = [1]\n"),
    ("pyproject.toml", "[dependency-groups]\na = [1]\n"),
    ("pyproject.toml", "[dependency-groups]\na = 1\n"),
    ("pyproject.toml", "tool = 1\n"),
    ("pyproject.toml", "[tool.poetry]\ndependencies = [1]\n"),
    ("pyproject.toml", "[tool.poetry.dependencies]\nx = 1\n"),
    ("pyproject.toml", "[tool.poetry.dependencies]\n'bad name!' = '1'\n"),
    ("pyproject.toml", "[tool.poetry.group]\ndev = 1\n"),
    ("pyproject.toml", "[build-system]\nrequires = 'x'\n"),
    ("poetry.lock", "package = 1\n[metadata]\n"),
    ("poetry.lock", "package = [1]\n[metadata]\n"),
    ("poetry.lock", "[[package]]\nname = 'a'\n[metadata]\n"),
    ("poetry.lock", "[[package]]\nname = 'a'\nversion = 1\n[metadata]\n"),
    ("uv.lock", "version = 1\n[[package]]\nname = 'a'\nversion = '1'\nsource = 1\n"),
    ("uv.lock", "version = 1\n[[package]]\nname = 'a'\nsource = { editable = '.' }\ndependencies = 1\n"),
    (
        "uv.lock",
        "version = 1\n[[package]]\nname = 'a'\nsource = { editable = '.' }\ndependencies = [{ name = 'a', extra = 'x' }]\n",
    ),
    (
        "uv.lock",
        "version = 1\n[[package]]\nname = 'a'\nsource = { editable = '.' }\noptional-dependencies = 1\n",
    ),
    ("uv.lock", "version = 1\n[manifest]\nmembers = 1\n"),
    ("pdm.lock", "[metadata]\n[[package]]\nname = 'a'\ndependencies = 'x'\n"),
    ("Pipfile.lock", '{"_meta": {}, "default": []}'),
    ("Pipfile.lock", '{"_meta": {}, "default": {"a": 1}}'),
    ("Pipfile.lock", '"just a string"'),
    ("Pipfile.lock", "[" * 100000),
    ("requirements.txt", "-r\n"),
    ("requirements.txt", "flask\n--constraint\n"),
    ("requirements.txt", "[extras]\n"),
    ("setup.cfg", "[options]\ninstall_requires = ???\n"),
]


@pytest.mark.parametrize(("path", "text"), ODD_SHAPES)
def test_odd_shapes_are_one_line_source_errors(path: str, text: str) -> None:
    (source,) = [s for s in py.SOURCES if s.handles(path)]
    with pytest.raises(SourceError) as info:
        source.read(path, text.encode())
    assert str(info.value) and "\n" not in str(info.value)


def test_uv_workspace_member_named_in_dependencies_is_not_a_dependency() -> None:
    # The root of a uv workspace names its member `lib` in project.dependencies, with
    # `lib = { workspace = true }` under [tool.uv.sources] (as `uv add --package` writes it): lib is
    # the project's own code, which uv.lock skips too; it was reported with no version or license.
    text = """\
[project]
name = "app"
version = "0.1.0"
requires-python = ">=3.11"
dependencies = ["lib", "six==1.16.0"]

[tool.uv.sources]
lib = { workspace = true }
Other_Lib = { workspace = true }
requests = { git = "https://github.com/psf/requests" }

[tool.uv.workspace]
members = ["packages/*"]

[dependency-groups]
dev = ["other-lib", "requests"]
"""
    got = py.PyprojectSource().read("pyproject.toml", text.encode())
    assert [(p.name, p.version, p.scope) for p in got] == [
        ("six", "1.16.0", "runtime"),
        ("requests", None, "dev"),
    ]


def test_requirement_urls_in_purls_are_urls() -> None:
    # pip freeze writes an editable VCS install as `-e git+<url>@<commit>#egg=<name>`: the
    # `#egg=` fragment ended up inside the purl's vcs_url, and a local folder (`-e ./pkg`) became
    # a download_url that is no URL at all.
    text = (
        "-e git+https://github.com/pallets/click.git@8.1.7#egg=click\n"
        "pkgx @ git+https://github.com/example/pkgx.git@v1#subdirectory=src\n"
        "-e ../localpkg\n"
        "https://files.pythonhosted.org/packages/ab/attrs-23.2.0-py3-none-any.whl\n"
    )
    got = by_name(py.RequirementsSource().read("requirements.txt", text.encode()))
    assert got["click"].purl == "pkg:pypi/click?vcs_url=git%2Bhttps://github.com/pallets/click.git%408.1.7"
    assert got["pkgx"].purl == "pkg:pypi/pkgx?vcs_url=git%2Bhttps://github.com/example/pkgx.git%40v1"
    assert got["localpkg"].purl == "pkg:pypi/localpkg"  # a folder beside the tree, no URL
    assert got["attrs"].purl == (
        "pkg:pypi/attrs@23.2.0"
        "?download_url=https://files.pythonhosted.org/packages/ab/attrs-23.2.0-py3-none-any.whl"
    )
