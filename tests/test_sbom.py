# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""SBOMs in and out: our SPDX 2.3 and CycloneDX 1.6 output validated by the formats' own tools
(spdx-tools' parser and validator; cyclonedx-python-lib's JSON schema validator, which ships the
1.6 schema and works offline), read back through our SBOM source, and real SBOMs written by real
generators (npm sbom, cyclonedx-py) read and compared with what our lockfile and environment
readers find in the same project.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from cyclonedx.schema import SchemaVersion
from cyclonedx.validation.json import JsonStrictValidator
from spdx_tools.spdx.parser.jsonlikedict.json_like_dict_parser import JsonLikeDictParser
from spdx_tools.spdx.validation.document_validator import validate_full_spdx_document

from commonscheck.audit.deps import DepsOptions, DepsReport, collect
from commonscheck.audit.sources import npm, python
from commonscheck.audit.sources.base import MAX_MANIFEST_BYTES, SourceError
from commonscheck.audit.sources.sbom import SbomSource, read_sbom, read_sbom_file
from commonscheck.formats.cyclonedx import deps_cyclonedx_json
from commonscheck.formats.spdx import deps_spdx_json
from commonscheck.model import Package
from conftest import make_repo

UNKNOWN_RAW = "Custom Vendor License v2 (see vendor.example)"

PACKAGES = (
    Package("pypi", "requests", "2.32.3", "pkg:pypi/requests@2.32.3", "runtime", True, "Apache-2.0", None,
            "uv.lock:12", declared_raw="Apache-2.0"),
    Package("pypi", "attrs", "24.2.0", "pkg:pypi/attrs@24.2.0", "runtime", False, "MIT", "MIT",
            "uv.lock:40", declared_raw="MIT"),
    Package("pypi", "pytest", "8.3.3", "pkg:pypi/pytest@8.3.3", "dev", True, "MIT", None, "uv.lock:80"),
    Package("pypi", "setuptools", "75.1.0", "pkg:pypi/setuptools@75.1.0", "build", True, "MIT", None,
            "pyproject.toml:3"),
    Package("pypi", "vendorlib", "1.0", "pkg:pypi/vendorlib@1.0", "runtime", True, None,
            "LicenseRef-scancode-proprietary-license", "uv.lock:99", declared_raw=UNKNOWN_RAW),
    Package("npm", "@babel/core", "7.24.0", "pkg:npm/%40babel/core@7.24.0", "dev", True, "MIT", None,
            "package-lock.json:10"),
    Package("npm", "rimraf", "5.0.5", "pkg:npm/rimraf@5.0.5", "optional", True, "ISC", None,
            "package-lock.json:30"),
    Package("npm", "jszip", "3.10.1", "pkg:npm/jszip@3.10.1", "runtime", False, "MIT OR GPL-3.0-or-later",
            None, "package-lock.json:50"),
    Package("npm", "gcc-runtime-shim", "1.0.0", "pkg:npm/gcc-runtime-shim@1.0.0", "runtime", True,
            "GPL-3.0-or-later WITH GCC-exception-3.1", None, "package-lock.json:70"),
    Package("npm", "apache-or-mit", "0.2.0", "pkg:npm/apache-or-mit@0.2.0", "runtime", True,
            "Apache-2.0 OR MIT", "Apache-2.0", "package-lock.json:90"),
)  # fmt: skip


def report(packages: tuple[Package, ...] = PACKAGES) -> DepsReport:
    return DepsReport(root="/home/dev/demo-app", packages=packages, manifests=(), errors=())


def key(p: Package) -> tuple[str, str, str | None, str | None, str]:
    return (p.ecosystem, p.name, p.version, p.declared, p.scope)


def spdx_messages(text: str) -> list[str]:
    document = JsonLikeDictParser().parse(json.loads(text))
    return [m.validation_message for m in validate_full_spdx_document(document)]


def cdx_errors(text: str) -> Any:
    return JsonStrictValidator(SchemaVersion.V1_6).validate_str(text)


# ---------------------------------------------------------------- SPDX out


def test_spdx_output_parses_and_validates_with_spdx_tools() -> None:
    text = deps_spdx_json(report())
    assert spdx_messages(text) == []
    doc = json.loads(text)
    assert doc["spdxVersion"] == "SPDX-2.3"
    # the project itself and one package per dependency
    assert len(doc["packages"]) == len(PACKAGES) + 1
    by_name = {p["name"]: p for p in doc["packages"]}
    babel = by_name["@babel/core"]
    (ref,) = babel["externalRefs"]
    # spdx-tools writes PACKAGE_MANAGER, npm PACKAGE-MANAGER: the SPDX 2.3 JSON schema lists both.
    assert ref["referenceCategory"] in ("PACKAGE-MANAGER", "PACKAGE_MANAGER")
    assert (ref["referenceType"], ref["referenceLocator"]) == ("purl", "pkg:npm/%40babel/core@7.24.0")
    assert babel["supplier"] == "NOASSERTION" and babel["downloadLocation"] == "NOASSERTION"
    # Concluded only where our detection found something; a declaration is never promoted.
    assert babel["licenseConcluded"] == "NOASSERTION"
    assert by_name["attrs"]["licenseConcluded"] == "MIT"
    assert by_name["gcc-runtime-shim"]["licenseDeclared"] == "GPL-3.0-or-later WITH GCC-exception-3.1"
    assert by_name["jszip"]["licenseDeclared"] == "MIT OR GPL-3.0-or-later"
    # The unknown license: a LicenseRef whose extracted text is the text as written.
    ref = by_name["vendorlib"]["licenseDeclared"]
    assert ref.startswith("LicenseRef-")
    extracted = {e["licenseId"]: e for e in doc["hasExtractedLicensingInfos"]}
    assert extracted[ref]["extractedText"] == UNKNOWN_RAW
    assert "LicenseRef-scancode-proprietary-license" in extracted


def test_spdx_relationships_follow_scope_and_directness() -> None:
    doc = json.loads(deps_spdx_json(report()))
    ids = {p["name"]: p["SPDXID"] for p in doc["packages"]}
    root = ids["demo-app"]
    rels = {
        (r["spdxElementId"], r["relationshipType"], r["relatedSpdxElement"]): r.get("comment")
        for r in doc["relationships"]
    }
    assert ("SPDXRef-DOCUMENT", "DESCRIBES", root) in rels
    assert rels[(root, "DEPENDS_ON", ids["requests"])] is None
    assert rels[(root, "DEPENDS_ON", ids["attrs"])] == "indirect"
    assert (ids["pytest"], "DEV_DEPENDENCY_OF", root) in rels
    assert (ids["rimraf"], "OPTIONAL_DEPENDENCY_OF", root) in rels
    assert (ids["setuptools"], "BUILD_DEPENDENCY_OF", root) in rels


def test_spdx_output_is_deterministic_and_namespaced_by_content(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first, second = deps_spdx_json(report()), deps_spdx_json(report(tuple(reversed(PACKAGES))))
    assert first == second
    assert json.loads(first)["creationInfo"]["created"] == "2023-11-14T22:13:20Z"
    other = json.loads(deps_spdx_json(report(PACKAGES[:-1])))
    assert other["documentNamespace"] != json.loads(first)["documentNamespace"]


def test_spdx_validator_would_reject_a_broken_document() -> None:
    # The validation above means something: an undefined LicenseRef is reported.
    doc = json.loads(deps_spdx_json(report()))
    doc["hasExtractedLicensingInfos"] = []
    assert spdx_messages(json.dumps(doc))


# ---------------------------------------------------------------- CycloneDX out


def test_cyclonedx_output_validates_against_the_1_6_schema() -> None:
    text = deps_cyclonedx_json(report())
    assert cdx_errors(text) is None
    doc = json.loads(text)
    assert doc["specVersion"] == "1.6" and doc["bomFormat"] == "CycloneDX"
    assert "timestamp" not in doc["metadata"]
    comps = {(c.get("group"), c["name"]): c for c in doc["components"]}
    babel = comps[("@babel", "core")]
    assert babel["purl"] == "pkg:npm/%40babel/core@7.24.0"
    assert babel["scope"] == "excluded"
    assert comps[(None, "rimraf")]["scope"] == "optional"
    assert comps[(None, "requests")]["scope"] == "required"
    build = comps[(None, "setuptools")]
    assert build["scope"] == "excluded"
    assert {"name": "commonscheck:scope", "value": "build"} in build["properties"]
    assert comps[(None, "jszip")]["licenses"] == [
        {"expression": "MIT OR GPL-3.0-or-later", "acknowledgement": "declared"}
    ]
    assert comps[(None, "vendorlib")]["licenses"][0]["license"]["name"] == UNKNOWN_RAW
    assert {"license": {"id": "MIT", "acknowledgement": "concluded"}} in comps[(None, "attrs")]["licenses"]
    # A detected license that cannot stand beside a declared expression in 1.6 is a property.
    assert {"name": "commonscheck:detected", "value": "Apache-2.0"} in comps[(None, "apache-or-mit")][
        "properties"
    ]
    graph = {d["ref"]: d.get("dependsOn", []) for d in doc["dependencies"]}
    root = doc["metadata"]["component"]["bom-ref"]
    assert set(graph[root]) == {p.purl for p in PACKAGES if p.direct}


def test_cyclonedx_output_is_deterministic() -> None:
    first = deps_cyclonedx_json(report())
    assert first == deps_cyclonedx_json(report(tuple(reversed(PACKAGES))))
    assert (
        json.loads(first)["serialNumber"]
        != json.loads(deps_cyclonedx_json(report(PACKAGES[1:])))["serialNumber"]
    )


def test_cyclonedx_validator_would_reject_a_broken_bom() -> None:
    doc = json.loads(deps_cyclonedx_json(report()))
    doc["components"][0]["scope"] = "build"
    assert cdx_errors(json.dumps(doc)) is not None


ODD = (
    Package("unknown", "odd name ü/ß", None, None, "runtime", True, None, None, "vendor/x"),
    Package("unknown", "odd name ü/ß", None, None, "dev", True, "MIT", None, "vendor/y"),
    Package("pypi", "bad-purl", "1", ":not a purl", "runtime", True, "MIT", None, "z"),
    Package("npm", "noassert", "1.0.0", "pkg:npm/noassert@1.0.0", "runtime", False, None, None, "w",
            declared_raw="NOASSERTION"),
)  # fmt: skip


def test_odd_packages_still_give_valid_documents(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # No version, no purl, a purl nothing can parse, one name twice with two scopes, a root of ".".
    monkeypatch.chdir(tmp_path)
    odd = DepsReport(root=".", packages=ODD, manifests=(), errors=())
    spdx = deps_spdx_json(odd)
    assert spdx_messages(spdx) == []
    doc = json.loads(spdx)
    assert doc["packages"][0]["name"] == tmp_path.name
    assert len({p["SPDXID"] for p in doc["packages"]}) == len(ODD) + 1
    assert all("externalRefs" not in p for p in doc["packages"] if p["name"] == "bad-purl")
    assert next(p for p in doc["packages"] if p["name"] == "noassert")["licenseDeclared"] == "NOASSERTION"
    cdx = deps_cyclonedx_json(odd)
    assert cdx_errors(cdx) is None
    assert len({c["bom-ref"] for c in json.loads(cdx)["components"]}) == len(ODD)


# ---------------------------------------------------------------- round trip


@pytest.mark.parametrize(
    ("render", "name"), [(deps_spdx_json, "out.spdx.json"), (deps_cyclonedx_json, "bom.json")]
)
def test_round_trip_through_our_sbom_reader(render: Any, name: str) -> None:
    source = SbomSource()
    assert source.handles(name)
    back = source.read(name, render(report()).encode())
    assert {key(p) for p in back} == {key(p) for p in PACKAGES}
    assert {(p.name, p.direct, p.detected) for p in back} == {
        (p.name, p.direct, p.detected) for p in PACKAGES
    }
    vendor = next(p for p in back if p.name == "vendorlib")
    assert vendor.declared is None and vendor.declared_raw == UNKNOWN_RAW


# ---------------------------------------------------------------- real generators

HAVE_NPM = shutil.which("npm") is not None
CYCLONEDX_PY = shutil.which("cyclonedx-py") or str(Path(sys.executable).with_name("cyclonedx-py"))

NPM_PROJECT = {
    "name": "demo",
    "version": "1.0.0",
    "license": "MIT",
    "dependencies": {"is-number": "7.0.0", "debug": "2.6.9"},
    "devDependencies": {"ms": "2.1.3"},
    "optionalDependencies": {"@types/node": "20.11.0"},
}


def run(cmd: list[str], cwd: Path) -> str:
    env = {**os.environ, "npm_config_update_notifier": "false", "npm_config_fund": "false"}
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def npm_sboms(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small project installed by the real npm, with `npm sbom` in both formats beside it."""
    if not HAVE_NPM:
        pytest.skip("npm is not installed")
    folder = tmp_path_factory.mktemp("npm-sbom")
    (folder / "package.json").write_text(json.dumps(NPM_PROJECT, indent=2), encoding="utf-8")
    run(["npm", "install", "--ignore-scripts", "--no-audit", "--no-fund"], folder)
    for fmt, name in (("spdx", "npm.spdx.json"), ("cyclonedx", "npm.cdx.json")):
        (folder / name).write_text(run(["npm", "sbom", "--sbom-format", fmt], folder), encoding="utf-8")
    return folder


@pytest.mark.parametrize("name", ["npm.spdx.json", "npm.cdx.json"])
def test_npm_sbom_reads_like_the_lockfile(npm_sboms: Path, name: str) -> None:
    found = SbomSource().read(name, (npm_sboms / name).read_bytes())
    lock = npm.NpmLockSource().read(
        "package-lock.json",
        (npm_sboms / "package-lock.json").read_bytes(),
        (npm_sboms / "package.json").read_bytes(),
    )
    # debug@2.6.9 needs ms@2.0.0 while the project pins ms@2.1.3 for development: both versions,
    # with their own scopes, and the optional dependency's own dependency (undici-types) optional.
    assert ("ms", "2.0.0") in {(p.name, p.version) for p in found}

    def view(ps: Any) -> set[tuple[str, str, str | None, str, bool, str | None]]:
        return {(p.ecosystem, p.name, p.version, p.scope, p.direct, p.declared) for p in ps}

    assert view(found) == view(lock)
    # the project itself (the document's subject) is not a dependency
    assert "demo" not in {p.name for p in found}


def test_npm_cyclonedx_sbom_is_found_in_a_tree_by_collect(npm_sboms: Path, tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo", {"sbom/app.cdx.json": (npm_sboms / "npm.cdx.json").read_bytes()})
    result = collect(Path(root.working_dir), DepsOptions(), sources=[SbomSource()])
    assert result.manifests == ("sbom/app.cdx.json",)
    assert {p.name for p in result.packages} >= {"is-number", "debug", "ms", "@types/node"}
    assert all(p.source.startswith("sbom/app.cdx.json#") for p in result.packages)


@pytest.mark.skipif(not Path(CYCLONEDX_PY).exists(), reason="cyclonedx-py (cyclonedx-bom) is not installed")
def test_cyclonedx_py_environment_sbom_reads_like_the_environment(tmp_path: Path) -> None:
    # The venv the tests run in, as the CycloneDX project's own Python generator sees it.
    out = tmp_path / "env.cdx.json"
    run(
        [CYCLONEDX_PY, "environment", "--sv", "1.6", "--of", "JSON", "-o", str(out), sys.executable], tmp_path
    )
    packages, errors = read_sbom_file(out)
    assert errors == []
    installed, _ = python.read_installed(Path(sys.prefix), detect=False)
    assert {(p.name, p.version) for p in packages} == {(p.name, p.version) for p in installed}
    # cyclonedx-py gives no purl to a local (editable) install such as commonscheck itself: without
    # a purl the ecosystem is not guessed.
    assert {p.ecosystem for p in packages if p.purl} == {"pypi"}
    assert all(p.ecosystem == "unknown" for p in packages if not p.purl)
    # Where cyclonedx-py wrote an SPDX id or expression, we mostly read what the PEP 639 metadata
    # gives: the generators differ only where a package's License field and classifiers disagree
    # (defusedxml: "PSFL" -> PSF-2.0 for us, its classifier -> Python-2.0 for cyclonedx-py).
    ours = {(p.name, p.version): p.declared for p in installed}
    checked = [p for p in packages if p.declared is not None]
    differ = [
        (p.name, p.declared, ours[(p.name, p.version)])
        for p in checked
        if p.declared != ours[(p.name, p.version)]
    ]
    assert len(checked) >= 0.8 * len(packages)
    assert len(differ) <= 0.05 * len(checked), differ
    # A license listed with its own classifiers beside it is still that license, not unknown.
    assert not [
        p
        for p in packages
        if p.declared is None
        and (p.declared_raw or "").count("License ::")
        and "AND" in (p.declared_raw or "")
    ]


# ---------------------------------------------------------------- documented shapes


def test_cyclonedx_1_4_nested_components_and_license_forms() -> None:
    bom = {
        "bomFormat": "CycloneDX",
        "specVersion": "1.4",
        "metadata": {"component": {"bom-ref": "app", "type": "application", "name": "app"}},
        "components": [
            {
                "bom-ref": "a",
                "type": "library",
                "name": "a",
                "version": "1",
                "purl": "pkg:pypi/A_b@1",
                "licenses": [{"license": {"name": "Apache 2.0"}}],
                "components": [
                    {
                        "bom-ref": "b",
                        "type": "library",
                        "name": "b",
                        "version": "2",
                        "purl": "pkg:npm/b@2",
                        "scope": "optional",
                        "licenses": [{"expression": "MIT OR ISC"}],
                    }
                ],
            },
            {
                "bom-ref": "c",
                "type": "library",
                "name": "c",
                "group": "org.example",
                "version": "3",
                "scope": "excluded",
                "licenses": [{"license": {"id": "BSD-3-Clause"}}, {"license": {"id": "MIT"}}],
            },
            {"bom-ref": "f", "type": "file", "name": "README"},
        ],
        "dependencies": [{"ref": "app", "dependsOn": ["a"]}, {"ref": "a", "dependsOn": ["b"]}],
    }
    found = {p.name: p for p in read_sbom("bom.json", json.dumps(bom).encode())}
    assert set(found) == {"a-b", "b", "org.example/c"}
    assert (found["a-b"].ecosystem, found["a-b"].declared, found["a-b"].direct) == (
        "pypi",
        "Apache-2.0",
        True,
    )
    assert (found["b"].scope, found["b"].declared, found["b"].direct) == ("optional", "MIT OR ISC", False)
    c = found["org.example/c"]
    assert (c.ecosystem, c.scope, c.declared) == ("unknown", "dev", "BSD-3-Clause AND MIT")


def test_spdx_noassertion_describes_and_reverse_relationships() -> None:
    doc = {
        "spdxVersion": "SPDX-2.3",
        "SPDXID": "SPDXRef-DOCUMENT",
        "documentDescribes": ["SPDXRef-app"],
        "packages": [
            {"SPDXID": "SPDXRef-app", "name": "app", "licenseDeclared": "MIT"},
            {
                "SPDXID": "SPDXRef-x",
                "name": "x",
                "versionInfo": "1.0",
                "licenseDeclared": "NOASSERTION",
                "licenseConcluded": "NONE",
            },
            {
                "SPDXID": "SPDXRef-y",
                "name": "y",
                "versionInfo": "2.0",
                "licenseDeclared": "GPL-2.0+",
                "externalRefs": [
                    {
                        "referenceCategory": "PACKAGE-MANAGER",
                        "referenceType": "purl",
                        "referenceLocator": "pkg:cargo/y@2.0",
                    }
                ],
            },
            {
                "SPDXID": "SPDXRef-z",
                "name": "z",
                "licenseDeclared": "LicenseRef-z",
                "licenseConcluded": "LicenseRef-z",
            },
        ],
        "hasExtractedLicensingInfos": [
            {"licenseId": "LicenseRef-z", "name": "BSD License", "extractedText": "..."}
        ],
        "relationships": [
            {
                "spdxElementId": "SPDXRef-x",
                "relationshipType": "DEV_DEPENDENCY_OF",
                "relatedSpdxElement": "SPDXRef-app",
            },
            {
                "spdxElementId": "SPDXRef-app",
                "relationshipType": "DEPENDS_ON",
                "relatedSpdxElement": "SPDXRef-y",
            },
            {
                "spdxElementId": "SPDXRef-z",
                "relationshipType": "DEPENDENCY_OF",
                "relatedSpdxElement": "SPDXRef-x",
            },
        ],
    }
    found = {p.name: p for p in read_sbom("a.spdx.json", json.dumps(doc).encode())}
    assert set(found) == {"x", "y", "z"}
    x, y, z = found["x"], found["y"], found["z"]
    assert (x.declared, x.declared_raw, x.detected, x.scope, x.direct) == (
        None,
        "NOASSERTION",
        None,
        "dev",
        True,
    )
    assert (y.ecosystem, y.declared, y.scope) == ("cargo", "GPL-2.0-or-later", "runtime")
    # z is only needed by a dev dependency; its LicenseRef's name maps to nothing SPDX: kept as text
    assert (z.scope, z.direct, z.declared, z.declared_raw) == ("dev", False, None, "BSD License")


# ---------------------------------------------------------------- malformed input


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'{"bomFormat": "CycloneDX", "components": [', "invalid JSON"),
        (b"[1, 2]", "top level is not an object"),
        (b'{"name": "x"}', "neither an SPDX document"),
        (b'{"spdxVersion": "SPDX-3.0", "packages": []}', "unsupported SPDX version"),
        (b'{"spdxVersion": "SPDX-2.3", "packages": {"a": 1}}', '"packages" is not a list'),
        (b'{"bomFormat": "CycloneDX", "components": [{"version": "1"}]}', "a component has no name"),
        (b'{"bomFormat": "CycloneDX", "components": [{"name": "a", "licenses": [{"license": {}}]}]}',
         'neither "id" nor "name"'),
        (b"\xff\xfe{}", "not UTF-8"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    ],
)  # fmt: skip
def test_malformed_sboms_are_one_line_source_errors(data: bytes, message: str, tmp_path: Path) -> None:
    with pytest.raises(SourceError, match=message) as info:
        SbomSource().read("bom.json", data)
    assert "\n" not in str(info.value)
    path = tmp_path / "given.json"
    path.write_bytes(data)
    packages, errors = read_sbom_file(path)
    assert packages == [] and len(errors) == 1 and message in errors[0].message


def test_read_sbom_file_reports_missing_and_oversized_files(tmp_path: Path) -> None:
    _, missing = read_sbom_file(tmp_path / "nope.json")
    assert missing[0].path.endswith("nope.json") and missing[0].message
    big = tmp_path / "big.cdx.json"
    with big.open("wb") as fh:
        fh.truncate(MAX_MANIFEST_BYTES + 1)
    _, errors = read_sbom_file(big)
    assert "larger than" in errors[0].message


def test_handles_the_conventional_names_only() -> None:
    source = SbomSource()
    for name in ("bom.json", "sub/app.cdx.json", "x.bom.json", "dist/sbom.spdx.json", "BOM.JSON"):
        assert source.handles(name), name
    for name in ("package.json", "bom.xml", "app.spdx", "x.json"):
        assert not source.handles(name), name
