# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The deps report as a CycloneDX 1.6 JSON BOM, built with cyclonedx-python-lib's model and written
by its JsonV1Dot6 outputter.

Shape: `metadata.component` is the project (named after the scanned root); every dependency is a
library component with its purl, scope and licenses; the dependency graph says which components
the project asked for directly (`dependencies[ref=project].dependsOn`). The report has no edges
between dependencies, so transitive components appear in no `dependsOn` list.

Scopes: runtime -> required, optional -> optional, dev -> excluded. CycloneDX has no build scope,
so build dependencies are excluded (they do not ship) with the property `commonscheck:scope` =
"build", which our SBOM reader honours.

Licenses: the declared license is a license entry acknowledged "declared" (an SPDX id as `id`, a
compound expression or a LicenseRef as `expression`, a text that maps to no SPDX id as `name`,
kept as written). The detected license is acknowledged "concluded" where CycloneDX 1.6 lets it
stand beside the declared one (its `licenses` is either license entries or a single expression,
never both); otherwise it goes in the property `commonscheck:detected`.

Determinism: bom-refs are purls (or ecosystem/name@version), the serial number is a UUID5 of the
project and the sorted package list, and there is no timestamp (CycloneDX makes it optional)
unless SOURCE_DATE_EPOCH is set.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from cyclonedx.model import Property
from cyclonedx.model.bom import Bom, BomMetaData
from cyclonedx.model.component import Component, ComponentScope, ComponentType
from cyclonedx.model.license import (
    DisjunctiveLicense,
    License,
    LicenseAcknowledgement,
    LicenseExpression,
)
from cyclonedx.output.json import JsonV1Dot6
from cyclonedx.spdx import is_supported_id
from packageurl import PackageURL

from commonscheck.formats.spdx import content_uuid, project_name, valid_purl
from commonscheck.model import Package

SCOPE_PROPERTY = "commonscheck:scope"
DETECTED_PROPERTY = "commonscheck:detected"
SOURCE_PROPERTY = "commonscheck:source"

_SCOPES = {
    "runtime": ComponentScope.REQUIRED,
    "optional": ComponentScope.OPTIONAL,
    "dev": ComponentScope.EXCLUDED,
    "build": ComponentScope.EXCLUDED,
}


def _entry(expression: str, ack: LicenseAcknowledgement) -> License:
    """One SPDX expression as CycloneDX writes it: a listed id as `id`, anything else as
    `expression` (LicenseRef ids are not in CycloneDX's id enumeration)."""
    if is_supported_id(expression):
        return DisjunctiveLicense(id=expression, acknowledgement=ack)
    return LicenseExpression(expression, acknowledgement=ack)


def _licenses(p: Package) -> tuple[list[License], str | None]:
    """The component's license entries, and the detected expression when it could not join them."""
    declared: License | None = None
    if p.declared is not None:
        declared = _entry(p.declared, LicenseAcknowledgement.DECLARED)
    elif p.declared_raw and p.declared_raw.strip() and p.declared_raw.strip() not in ("NOASSERTION", "NONE"):
        declared = DisjunctiveLicense(name=p.declared_raw, acknowledgement=LicenseAcknowledgement.DECLARED)
    if p.detected is None:
        return ([declared] if declared else []), None
    detected = _entry(p.detected, LicenseAcknowledgement.CONCLUDED)
    if declared is None:
        return [detected], None
    if isinstance(declared, DisjunctiveLicense) and isinstance(detected, DisjunctiveLicense):
        return [declared, detected], None
    return [declared], p.detected


def _bom_ref(p: Package, taken: set[str]) -> str:
    base = p.purl or f"{p.ecosystem}/{p.name}@{p.version or ''}"
    ref, n = base, 1
    while ref in taken:
        n += 1
        ref = f"{base}#{n}"
    taken.add(ref)
    return ref


def _component(p: Package, ref: str) -> Component:
    group, name = None, p.name
    if p.ecosystem == "npm" and p.name.startswith("@") and "/" in p.name:
        # npm scopes are CycloneDX groups, as npm's own `npm sbom` writes them.
        group, name = p.name.split("/", 1)
    licenses, detected_extra = _licenses(p)
    properties = [Property(name=SOURCE_PROPERTY, value=p.source)]
    if p.scope == "build":
        properties.append(Property(name=SCOPE_PROPERTY, value="build"))
    if detected_extra is not None:
        properties.append(Property(name=DETECTED_PROPERTY, value=detected_extra))
    text = valid_purl(p.purl)
    purl = PackageURL.from_string(text) if text else None
    return Component(
        name=name,
        group=group,
        version=p.version,
        type=ComponentType.LIBRARY,
        scope=_SCOPES.get(p.scope, ComponentScope.REQUIRED),
        purl=purl,
        bom_ref=ref,
        licenses=licenses,
        properties=properties,
    )


def build_bom(report: Any) -> Bom:
    """The cyclonedx-python-lib Bom of a deps report (a DepsReport)."""
    packages: Sequence[Package] = sorted(
        report.packages, key=lambda p: (p.ecosystem, p.name, p.version or "", p.scope, p.source)
    )
    project = project_name(str(report.root))
    root = Component(name=project, type=ComponentType.APPLICATION, bom_ref=f"project:{project}")
    metadata = BomMetaData(component=root)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    # The library stamps the current time by default; CycloneDX makes it optional, and a BOM that
    # changes on every run of the same input defeats diffing and caching.
    metadata.timestamp = (
        datetime.fromtimestamp(int(epoch), tz=UTC) if epoch.isdigit() else None  # type: ignore[assignment]
    )
    taken: set[str] = {f"project:{project}"}
    components = [_component(p, _bom_ref(p, taken)) for p in packages]
    bom = Bom(
        components=components,
        serial_number=content_uuid(project, packages),
        metadata=metadata,
    )
    bom.register_dependency(root, [c for c, p in zip(components, packages, strict=True) if p.direct])
    return bom


def deps_cyclonedx_json(report: Any) -> str:
    """The deps report as a CycloneDX 1.6 JSON document, written by cyclonedx-python-lib."""
    return str(JsonV1Dot6(build_bom(report)).output_as_string(indent=2)) + "\n"
