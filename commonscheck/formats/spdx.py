# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The deps report as an SPDX 2.3 JSON document, built with spdx-tools' model and JSON writer.

Shape: the document DESCRIBES one package, the project (named after the scanned root); every
dependency is a package related to it by the relationship its scope calls for (the project
DEPENDS_ON runtime ones; DEV_DEPENDENCY_OF, OPTIONAL_DEPENDENCY_OF, BUILD_DEPENDENCY_OF the
project for the others). The report does not carry the dependency graph, so a dependency reached
through another one is still related to the project, with the comment "indirect"; our SBOM reader
honours it.

Licenses: `licenseDeclared` is what the package declares. `licenseConcluded` is, in SPDX 2.3
(clause 7.13), the preparer's own conclusion: commonscheck concludes only what its detection engine
found in the files shipped with the package (`Package.detected`), and NOASSERTION otherwise; it
never promotes a declaration to a conclusion. A declared license that maps to no SPDX id becomes a
`LicenseRef-` id with the text as written kept in `hasExtractedLicensingInfos`.

Determinism: the document namespace is a UUID5 of the project name and the sorted package list, so
the same report gives the same namespace. SPDX requires a creation time: it is the current time
unless SOURCE_DATE_EPOCH is set (the reproducible-builds convention), which pins it.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import PurePosixPath
from typing import Any

from packageurl import PackageURL

from commonscheck import __version__
from commonscheck.audit.expressions import symbols
from commonscheck.model import Package

# commonscheck's own namespace for UUID5s: fixed so that namespaces and serial numbers are stable.
COMMONSCHECK_UUID = uuid.uuid5(uuid.NAMESPACE_URL, "https://example.invalid/commonscheck")
NAMESPACE_BASE = "https://spdx.org/spdxdocs/commonscheck"
ROOT_ID = "SPDXRef-Project"
INDIRECT_COMMENT = "indirect"

# The relationship between the project and a dependency of each scope: (from-project, type).
# True means the project is the subject ("project DEPENDS_ON dep"), False the object.
_RELATIONSHIP = {
    "runtime": (True, "DEPENDS_ON"),
    "dev": (False, "DEV_DEPENDENCY_OF"),
    "optional": (False, "OPTIONAL_DEPENDENCY_OF"),
    "build": (False, "BUILD_DEPENDENCY_OF"),
}
_ID_CHARS = re.compile(r"[^A-Za-z0-9.-]+")


def _idstring(text: str) -> str:
    """Letters, digits, '.' and '-' only: what SPDX ids and LicenseRef ids may contain."""
    return _ID_CHARS.sub("-", text).strip("-") or "x"


def content_uuid(project: str, packages: Iterable[Package]) -> uuid.UUID:
    """A UUID5 of the project name and the sorted package records: the same input, the same id."""
    rows = sorted(
        json.dumps(
            [
                p.ecosystem,
                p.name,
                p.version,
                p.purl,
                p.scope,
                p.direct,
                p.declared,
                p.declared_raw,
                p.detected,
            ]
        )
        for p in packages
    )
    return uuid.uuid5(COMMONSCHECK_UUID, "\n".join([project, *rows]))


def creation_time() -> datetime:
    """Now, or SOURCE_DATE_EPOCH when set, in UTC to the second (SPDX writes no fractions)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC).replace(tzinfo=None)
    return datetime.now(tz=UTC).replace(microsecond=0, tzinfo=None)


def project_name(root: str) -> str:
    """The name the SBOM gives the project: the last component of the scanned root ("." named by
    the folder it stands for: a string operation on the working directory, nothing is read)."""
    return PurePosixPath(os.path.abspath(root).replace("\\", "/")).name or "project"


def valid_purl(purl: str | None) -> str | None:
    """The purl when packageurl-python can parse it; None for one that no SBOM consumer could."""
    if not purl:
        return None
    try:
        return str(PackageURL.from_string(purl).to_string())
    except ValueError:
        return None


class _LicenseRefs:
    """LicenseRef ids for license texts that map to no SPDX id, one per distinct text."""

    def __init__(self) -> None:
        self.by_raw: dict[str, str] = {}
        self.used: dict[str, str] = {}

    def for_raw(self, raw: str) -> str:
        found = self.by_raw.get(raw)
        if found is not None:
            return found
        ref = f"LicenseRef-{_idstring(raw)[:60]}"
        if ref in self.used and self.used[ref] != raw:
            # Two texts that differ only in punctuation: the hash keeps their ids apart.
            ref = f"{ref}-{hashlib.sha256(raw.encode()).hexdigest()[:8]}"
        self.by_raw[raw] = ref
        self.used[ref] = raw
        return ref


def build_document(report: Any) -> Any:
    """The spdx-tools Document of a deps report (typed Any: spdx-tools ships no type stubs)."""
    # Imported here: spdx-tools builds its license table at import, a cost only SPDX output should
    # pay. From the defining modules: the package __init__ re-exports implicitly, which mypy
    # --strict does not accept.
    from spdx_tools.common.spdx_licensing import spdx_licensing
    from spdx_tools.spdx.model.actor import Actor, ActorType
    from spdx_tools.spdx.model.document import CreationInfo, Document
    from spdx_tools.spdx.model.extracted_licensing_info import ExtractedLicensingInfo
    from spdx_tools.spdx.model.package import ExternalPackageRef, ExternalPackageRefCategory
    from spdx_tools.spdx.model.package import Package as SpdxPackage
    from spdx_tools.spdx.model.relationship import Relationship, RelationshipType
    from spdx_tools.spdx.model.spdx_no_assertion import SpdxNoAssertion
    from spdx_tools.spdx.model.spdx_none import SpdxNone

    packages: list[Package] = sorted(
        report.packages, key=lambda p: (p.ecosystem, p.name, p.version or "", p.scope, p.source)
    )
    project = project_name(str(report.root))
    refs = _LicenseRefs()

    def license_of(expression: str | None, raw: str | None) -> Any:
        if expression is not None:
            return spdx_licensing.parse(expression)
        if raw is None or not raw.strip() or raw.strip() == "NOASSERTION":
            return SpdxNoAssertion()
        if raw.strip() == "NONE":
            return SpdxNone()
        return spdx_licensing.parse(refs.for_raw(raw))

    creation = CreationInfo(
        spdx_version="SPDX-2.3",
        spdx_id="SPDXRef-DOCUMENT",
        name=f"commonscheck-deps-{project}",
        document_namespace=f"{NAMESPACE_BASE}/{_idstring(project)}-{content_uuid(project, packages)}",
        creators=[Actor(ActorType.TOOL, f"commonscheck-{__version__}")],
        created=creation_time(),
    )
    root = SpdxPackage(
        spdx_id=ROOT_ID,
        name=project,
        download_location=SpdxNoAssertion(),
        files_analyzed=False,
        supplier=SpdxNoAssertion(),
        license_concluded=SpdxNoAssertion(),
        license_declared=SpdxNoAssertion(),
        copyright_text=SpdxNoAssertion(),
    )
    spdx_packages = [root]
    relationships = [Relationship("SPDXRef-DOCUMENT", RelationshipType.DESCRIBES, ROOT_ID)]
    ids: set[str] = {ROOT_ID}
    for p in packages:
        base = f"SPDXRef-Package-{_idstring(p.ecosystem)}-{_idstring(p.name)}"
        if p.version:
            base += f"-{_idstring(p.version)}"
        spdx_id, n = base, 1
        while spdx_id in ids:
            # Same name and version from two records (different scopes after filtering): keep both.
            n += 1
            spdx_id = f"{base}-{n}"
        ids.add(spdx_id)
        purl = valid_purl(p.purl)
        external = (
            [ExternalPackageRef(ExternalPackageRefCategory.PACKAGE_MANAGER, "purl", purl)] if purl else []
        )
        spdx_packages.append(
            SpdxPackage(
                spdx_id=spdx_id,
                name=p.name,
                download_location=SpdxNoAssertion(),
                version=p.version,
                files_analyzed=False,
                supplier=SpdxNoAssertion(),
                license_declared=license_of(p.declared, p.declared_raw),
                license_concluded=license_of(p.detected, None),
                copyright_text=SpdxNoAssertion(),
                external_references=external,
                source_info=f"found in {p.source}",
            )
        )
        forward, kind = _RELATIONSHIP.get(p.scope, _RELATIONSHIP["runtime"])
        subject, obj = (ROOT_ID, spdx_id) if forward else (spdx_id, ROOT_ID)
        relationships.append(
            Relationship(subject, RelationshipType[kind], obj, comment=None if p.direct else INDIRECT_COMMENT)
        )
    # Every LicenseRef used must be explained (SPDX 2.3 clause 10); refs that came from elsewhere
    # (the detection engine, an SBOM read in) carry no text we could quote, so they say so.
    extracted = [
        ExtractedLicensingInfo(license_id=ref, extracted_text=raw, license_name=raw)
        for ref, raw in sorted(refs.used.items())
    ]
    foreign = sorted(
        {
            s
            for p in packages
            for e in (p.declared, p.detected)
            if e
            for s in symbols(e)
            if s.startswith("LicenseRef-") and s not in refs.used
        }
    )
    extracted += [
        ExtractedLicensingInfo(
            license_id=ref,
            extracted_text=f"The license known as {ref}; its text is not part of this document.",
            license_name=SpdxNoAssertion(),
        )
        for ref in foreign
    ]
    return Document(
        creation_info=creation,
        packages=spdx_packages,
        relationships=relationships,
        extracted_licensing_info=extracted,
    )


def deps_spdx_json(report: Any) -> str:
    """The deps report (a DepsReport) as an SPDX 2.3 JSON document, written by spdx-tools.

    Validation (spdx-tools' validator) is left to the tests: the writer's own check would turn a
    surprise in one package into a crash of the whole report.
    """
    from spdx_tools.spdx.writer.json.json_writer import write_document_to_stream

    stream = io.StringIO()
    write_document_to_stream(build_document(report), stream, validate=False)
    return stream.getvalue() + "\n"
