# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""SBOMs in: SPDX 2.3 JSON and CycloneDX 1.4-1.6 JSON documents read as dependency lists.

An SBOM is somebody else's inventory of a project: its packages (SPDX) or components (CycloneDX)
become `Package` records, the ecosystem taken from each one's package URL (type "pypi", "npm", ...;
"unknown" without one). The document's own subject (SPDX: the package the document DESCRIBES;
CycloneDX: `metadata.component`) is the project, not one of its dependencies.

Parsed with the standard json module after a size check: an SBOM is data, and the validating
libraries (spdx-tools, cyclonedx-python-lib) are meant for writing; reading leniently lets an SBOM
that a tool wrote slightly off the schema still be audited, while a document that is not an SBOM at
all is one SourceError line.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from packageurl import PackageURL

from commonscheck.audit.expressions import normalise_known
from commonscheck.audit.licnames import LicenseName, normalise_license
from commonscheck.audit.sources.base import MAX_MANIFEST_BYTES, DependencySource, SourceError, file_name
from commonscheck.model import Package, ReadError

UNKNOWN_ECOSYSTEM = "unknown"

# What the SPDX relationship types say about the package they relate to the project. The "_OF"
# types point from the dependency to the dependant, DEPENDS_ON and friends the other way round.
_SPDX_FORWARD = {
    "DEPENDS_ON": "runtime",
    "CONTAINS": "runtime",
    "HAS_PREREQUISITE": "runtime",
}
_SPDX_REVERSE = {
    "DEPENDENCY_OF": "runtime",
    "RUNTIME_DEPENDENCY_OF": "runtime",
    "DEV_DEPENDENCY_OF": "dev",
    "TEST_DEPENDENCY_OF": "dev",
    "OPTIONAL_DEPENDENCY_OF": "optional",
    "BUILD_DEPENDENCY_OF": "build",
    "DEV_TOOL_OF": "dev",
    "BUILD_TOOL_OF": "build",
    "PREREQUISITE_FOR": "runtime",
    "PROVIDED_DEPENDENCY_OF": "runtime",
}
# When several relationships name one package, the one that ships wins (as in deps.merge).
_RANK = {"runtime": 0, "optional": 1, "build": 2, "dev": 3}

# CycloneDX component scopes (1.4-1.6): "excluded" components are not part of what ships, which is
# what commonscheck calls development (test, tooling) dependencies.
_CDX_SCOPE = {"required": "runtime", "optional": "optional", "excluded": "dev"}
# Our own writer (formats/cyclonedx.py) keeps the finer scope in a property, since CycloneDX has no
# "build" scope; other tools' hints are read too (npm sbom marks dev and optional packages this way).
SCOPE_PROPERTY = "commonscheck:scope"
DIRECT_PROPERTY = "commonscheck:direct"
# CycloneDX 1.6 cannot list a concluded license beside a declared expression; our writer then keeps
# the detected expression in this property.
DETECTED_PROPERTY = "commonscheck:detected"
_NPM_DEV_PROPERTY = "cdx:npm:package:development"
# Our SPDX writer marks dependencies reached through others with this relationship comment, since
# SPDX relationships to the project otherwise read as direct.
INDIRECT_COMMENT = "indirect"

_NO_VALUE = frozenset({"NOASSERTION", "NONE"})


def _load(data: bytes) -> dict[str, Any]:
    """The top-level JSON object of an SBOM, or SourceError in one line."""
    if len(data) > MAX_MANIFEST_BYTES:
        raise SourceError(f"file is larger than {MAX_MANIFEST_BYTES // (1024 * 1024)} MiB, not read")
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise SourceError(f"not UTF-8 text (byte {exc.start})") from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SourceError(f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    except RecursionError:
        raise SourceError("invalid JSON: nested too deeply") from None
    if not isinstance(doc, dict):
        raise SourceError("invalid JSON: the top level is not an object")
    return doc


def sbom_kind(doc: Mapping[str, Any]) -> str | None:
    """ "spdx" or "cyclonedx" for a parsed SBOM document, None for any other JSON."""
    if doc.get("bomFormat") == "CycloneDX":
        return "cyclonedx"
    if isinstance(doc.get("spdxVersion"), str):
        return "spdx"
    return None


def _list(value: object, what: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise SourceError(f'"{what}" is not a list')
    return value


def _object(value: object, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise SourceError(f"{what} is not an object")
    return value


def _optional_str(value: object, what: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise SourceError(f'"{what}" is not a string')
    return value


def _identity(purl: str | None, name: str) -> tuple[str, str]:
    """(ecosystem, name) of a package: its purl's type, and the name as that ecosystem's other
    sources spell it (npm: "@scope/name"; PyPI: normalised per PEP 503) so that deps.merge folds a
    package named by an SBOM and by a lockfile into one record."""
    if not purl:
        return UNKNOWN_ECOSYSTEM, name
    try:
        parsed = PackageURL.from_string(purl)
    except ValueError:
        return UNKNOWN_ECOSYSTEM, name
    ecosystem = str(parsed.type)
    if ecosystem == "pypi":
        return ecosystem, re.sub(r"[-_.]+", "-", str(parsed.name)).lower()
    if ecosystem == "npm":
        return ecosystem, f"{parsed.namespace}/{parsed.name}" if parsed.namespace else str(parsed.name)
    return ecosystem, name


def _expression(text: str | None) -> LicenseName | None:
    """An SPDX expression as an SBOM carries it: taken as it is when it parses (LicenseRef ids
    included), else through the table of common spellings; NOASSERTION/NONE mean "not said"."""
    if text is None or not text.strip() or text.strip() in _NO_VALUE:
        return None
    try:
        return LicenseName(normalise_known(text), text)
    except ValueError:
        return normalise_license(text)


# ---------------------------------------------------------------- SPDX 2.3


def _spdx_license(value: object, what: str, refs: Mapping[str, str]) -> LicenseName | None:
    """licenseDeclared / licenseConcluded. A lone LicenseRef that the document explains by a name
    (hasExtractedLicensingInfos) is what commonscheck calls unknown with its raw text: the name is
    read through the spelling table, and kept as raw text when it maps to nothing."""
    text = _optional_str(value, what)
    if text is None:
        return None
    stripped = text.strip()
    if stripped in _NO_VALUE:
        # Not a license, but the document did say something: keep it as raw text.
        return LicenseName(None, stripped)
    if stripped in refs:
        named = normalise_license(refs[stripped])
        if named is not None:
            return named
    return _expression(stripped)


def _extracted_names(doc: Mapping[str, Any]) -> dict[str, str]:
    """LicenseRef id -> the name the document gives it. Only the name: an extracted text is
    usually a whole license, which is evidence to match, not a name to look up; a LicenseRef
    without a name stays the LicenseRef it is."""
    out: dict[str, str] = {}
    for item in _list(doc.get("hasExtractedLicensingInfos"), "hasExtractedLicensingInfos"):
        if not isinstance(item, dict) or not isinstance(item.get("licenseId"), str):
            continue
        name = item.get("name")
        if isinstance(name, str) and name.strip() and name.strip() not in _NO_VALUE:
            out[item["licenseId"]] = name
    return out


def _spdx_purl(pkg: Mapping[str, Any]) -> str | None:
    for ref in _list(pkg.get("externalRefs"), "externalRefs"):
        if isinstance(ref, dict) and ref.get("referenceType") == "purl":
            locator = ref.get("referenceLocator")
            if isinstance(locator, str) and locator:
                return locator
    return None


def _propagate_scopes(roots: set[str], edges: Sequence[tuple[str, str, str]]) -> dict[str, str]:
    """The scope of every package reached from the project: along a path the weakest scope counts
    (what only a dev dependency needs is a dev dependency too, as npm sbom writes its graph), and
    of several paths the strongest wins (what anything shipped needs ships)."""
    scope_of: dict[str, str] = {}
    for owner, dep, scope in edges:
        if owner in roots and dep not in roots:
            old = scope_of.get(dep)
            if old is None or _RANK[scope] < _RANK[old]:
                scope_of[dep] = scope
    # Relaxation until nothing changes: a scope only ever gets stronger and there are four of
    # them, so this ends after at most four rounds per package.
    changed = True
    while changed:
        changed = False
        for owner, dep, scope in edges:
            if owner in roots or dep in roots or owner not in scope_of:
                continue
            parent = scope_of[owner]
            reached = parent if _RANK[parent] >= _RANK[scope] else scope
            old = scope_of.get(dep)
            if old is None or _RANK[reached] < _RANK[old]:
                scope_of[dep] = reached
                changed = True
    return scope_of


def read_spdx(path: str, doc: Mapping[str, Any]) -> list[Package]:
    """The packages of an SPDX 2.x JSON document, without the ones it describes (the project)."""
    packages = [_object(p, 'an entry of "packages"') for p in _list(doc.get("packages"), "packages")]
    relationships = [
        _object(r, 'an entry of "relationships"') for r in _list(doc.get("relationships"), "relationships")
    ]
    doc_id = doc.get("SPDXID", "SPDXRef-DOCUMENT")
    described = {d for d in _list(doc.get("documentDescribes"), "documentDescribes") if isinstance(d, str)}
    for rel in relationships:
        kind, a, b = rel.get("relationshipType"), rel.get("spdxElementId"), rel.get("relatedSpdxElement")
        if kind == "DESCRIBES" and a == doc_id and isinstance(b, str):
            described.add(b)
        elif kind == "DESCRIBED_BY" and b == doc_id and isinstance(a, str):
            described.add(a)
    # What each package is to the project: its scope, and whether it is related to it directly.
    edges: list[tuple[str, str, str]] = []
    direct: set[str] = set()
    indirect: set[str] = set()
    for rel in relationships:
        kind, a, b = rel.get("relationshipType"), rel.get("spdxElementId"), rel.get("relatedSpdxElement")
        if not isinstance(a, str) or not isinstance(b, str) or not isinstance(kind, str):
            continue
        if kind in _SPDX_FORWARD:
            owner, dep, scope = a, b, _SPDX_FORWARD[kind]
        elif kind in _SPDX_REVERSE:
            owner, dep, scope = b, a, _SPDX_REVERSE[kind]
        else:
            continue
        edges.append((owner, dep, scope))
        if owner in described:
            (indirect if rel.get("comment") == INDIRECT_COMMENT else direct).add(dep)
    scope_of = _propagate_scopes(described, edges)
    refs = _extracted_names(doc)
    out: list[Package] = []
    for pkg in packages:
        spdx_id = pkg.get("SPDXID")
        name = pkg.get("name")
        if not isinstance(name, str) or not name:
            raise SourceError(f"package {spdx_id or '?'} has no name")
        if spdx_id in described:
            continue
        version = _optional_str(pkg.get("versionInfo"), "versionInfo")
        purl = _spdx_purl(pkg)
        ecosystem, pname = _identity(purl, name)
        declared = _spdx_license(pkg.get("licenseDeclared"), "licenseDeclared", refs)
        concluded = _spdx_license(pkg.get("licenseConcluded"), "licenseConcluded", refs)
        out.append(
            Package(
                ecosystem=ecosystem,
                name=pname,
                version=version or None,
                purl=purl,
                scope=scope_of.get(str(spdx_id), "runtime"),
                direct=spdx_id in direct and spdx_id not in indirect,
                declared=declared.expression if declared else None,
                detected=concluded.expression if concluded else None,
                source=f"{path}#{spdx_id}" if isinstance(spdx_id, str) else path,
                declared_raw=declared.raw if declared else None,
            )
        )
    return out


# ---------------------------------------------------------------- CycloneDX 1.4-1.6


def _cdx_licenses(value: object) -> tuple[LicenseName | None, LicenseName | None]:
    """(declared, concluded) from a component's `licenses`: each entry is {license: {id | name}} or
    {expression}; CycloneDX 1.6 marks an entry "concluded" through `acknowledgement`, everything else
    is what the package declares. Several entries mean all of them apply (AND), as CycloneDX lists
    the licenses of a component, not a choice."""
    groups: dict[str, list[LicenseName]] = {"declared": [], "concluded": []}
    for item in _list(value, "licenses"):
        if not isinstance(item, dict):
            raise SourceError('an entry of "licenses" is not an object')
        if isinstance(item.get("expression"), str):
            name = _expression(item["expression"])
            ack = item.get("acknowledgement")
        else:
            lic = _object(item.get("license"), 'a "license" entry')
            ack = lic.get("acknowledgement")
            if isinstance(lic.get("id"), str):
                name = _expression(lic["id"])
            elif isinstance(lic.get("name"), str):
                name = normalise_license(lic["name"])
            else:
                raise SourceError('a "license" entry has neither "id" nor "name"')
        if name is not None:
            groups["concluded" if ack == "concluded" else "declared"].append(name)
    return _all_of(groups["declared"]), _all_of(groups["concluded"])


def _all_of(names: Sequence[LicenseName]) -> LicenseName | None:
    if not names:
        return None
    if any(n.expression is not None for n in names):
        # cyclonedx-py lists a Python package's License-Expression / License field and its trove
        # classifiers side by side ("Apache-2.0", "License :: OSI Approved :: Apache Software
        # License"): a classifier beside an SPDX license restates it more coarsely, it adds no
        # license, so it must not turn the whole into unknown.
        names = [n for n in names if n.expression is not None or not n.raw.startswith("License ::")]
    if len(names) == 1:
        return names[0]
    raw = " AND ".join(n.raw for n in names)
    if any(n.expression is None for n in names):
        return LicenseName(None, raw)
    try:
        return LicenseName(normalise_known(" AND ".join(f"({n.expression})" for n in names)), raw)
    except ValueError:
        return LicenseName(None, raw)


def _properties(comp: Mapping[str, Any]) -> dict[str, str]:
    out: dict[str, str] = {}
    for prop in _list(comp.get("properties"), "properties"):
        if (
            isinstance(prop, dict)
            and isinstance(prop.get("name"), str)
            and isinstance(prop.get("value"), str)
        ):
            out.setdefault(prop["name"], prop["value"])
    return out


def _walk(components: Iterable[object]) -> Iterable[dict[str, Any]]:
    """Every component, nested ones (a component's `components`) included, depth first."""
    stack = [_object(c, 'an entry of "components"') for c in reversed(list(components))]
    while stack:
        comp = stack.pop()
        yield comp
        stack.extend(
            _object(c, 'an entry of "components"')
            for c in reversed(_list(comp.get("components"), "components"))
        )


def read_cyclonedx(path: str, doc: Mapping[str, Any]) -> list[Package]:
    """The components of a CycloneDX JSON BOM (1.4-1.6), without `metadata.component`."""
    spec = doc.get("specVersion")
    if spec is not None and not isinstance(spec, str):
        raise SourceError('"specVersion" is not a string')
    metadata = doc.get("metadata")
    root_ref: str | None = None
    if isinstance(metadata, dict) and isinstance(metadata.get("component"), dict):
        ref = metadata["component"].get("bom-ref")
        root_ref = ref if isinstance(ref, str) else None
    direct_refs: set[str] = set()
    graph_known = False
    for dep in _list(doc.get("dependencies"), "dependencies"):
        if isinstance(dep, dict) and root_ref is not None and dep.get("ref") == root_ref:
            graph_known = True
            direct_refs.update(d for d in _list(dep.get("dependsOn"), "dependsOn") if isinstance(d, str))
    out: list[Package] = []
    for comp in _walk(_list(doc.get("components"), "components")):
        name = comp.get("name")
        if not isinstance(name, str) or not name:
            raise SourceError("a component has no name")
        if comp.get("type") not in (None, "library", "framework", "application", "platform"):
            # files, data, firmware, devices, models...: not packages a license audit of
            # dependencies is about
            continue
        group = _optional_str(comp.get("group"), "group")
        version = _optional_str(comp.get("version"), "version")
        purl = _optional_str(comp.get("purl"), "purl")
        props = _properties(comp)
        scope = _CDX_SCOPE.get(str(comp.get("scope", "required")), "runtime")
        if props.get(_NPM_DEV_PROPERTY) == "true":
            scope = "dev"
        if props.get(SCOPE_PROPERTY) in _RANK:
            scope = props[SCOPE_PROPERTY]
        full = f"{group}/{name}" if group and not purl else name
        ecosystem, pname = _identity(purl, full)
        declared, concluded = _cdx_licenses(comp.get("licenses"))
        if concluded is None and DETECTED_PROPERTY in props:
            concluded = _expression(props[DETECTED_PROPERTY])
        ref = comp.get("bom-ref")
        if DIRECT_PROPERTY in props:
            direct = props[DIRECT_PROPERTY] == "true"
        else:
            # Without a dependency graph for the project, which components it asked for is not
            # known, and is not guessed.
            direct = graph_known and isinstance(ref, str) and ref in direct_refs
        out.append(
            Package(
                ecosystem=ecosystem,
                name=pname,
                version=version or None,
                purl=purl,
                scope=scope,
                direct=direct,
                declared=declared.expression if declared else None,
                detected=concluded.expression if concluded else None,
                source=f"{path}#{ref}" if isinstance(ref, str) else path,
                declared_raw=declared.raw if declared else None,
            )
        )
    return out


# ---------------------------------------------------------------- entry points


def read_sbom(path: str, data: bytes) -> list[Package]:
    """The packages of an SPDX or CycloneDX JSON document; SourceError for anything else."""
    doc = _load(data)
    kind = sbom_kind(doc)
    if kind == "spdx":
        version = str(doc.get("spdxVersion"))
        if not version.startswith("SPDX-2."):
            raise SourceError(f"unsupported SPDX version {version!r} (SPDX 2.x JSON is read)")
        return read_spdx(path, doc)
    if kind == "cyclonedx":
        return read_cyclonedx(path, doc)
    raise SourceError('neither an SPDX document ("spdxVersion") nor a CycloneDX BOM ("bomFormat")')


class SbomSource(DependencySource):
    """SBOM files found in the tree: *.spdx.json, bom.json, *.cdx.json, *.bom.json.

    handles() sees only the path, so only the conventional names are taken; a CycloneDX BOM under
    another name is read when given with `--sbom FILE` (see read_sbom_file).
    """

    ecosystem = UNKNOWN_ECOSYSTEM

    def handles(self, path: str) -> bool:
        """The names the SPDX and CycloneDX specifications recommend for JSON documents."""
        name = file_name(path).lower()
        return name == "bom.json" or name.endswith((".spdx.json", ".cdx.json", ".bom.json"))

    def read(self, path: str, data: bytes) -> list[Package]:
        """The packages the SBOM lists; the ecosystem of each comes from its purl."""
        return read_sbom(path, data)


def read_sbom_file(path: Path) -> tuple[list[Package], list[ReadError]]:
    """An SBOM given on the command line (outside the scanned tree): its packages, or one ReadError.

    The file is read with the same size cap as manifests, and the `source` of each package names
    the path as given.
    """
    where = str(path)
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_MANIFEST_BYTES + 1)
    except OSError as exc:
        return [], [ReadError(where, exc.strerror or str(exc))]
    try:
        return read_sbom(where, data), []
    except SourceError as exc:
        return [], [ReadError(where, str(exc))]
    except (ValueError, KeyError, TypeError, RecursionError) as exc:
        return [], [ReadError(where, f"could not be parsed ({type(exc).__name__}: {exc})")]
