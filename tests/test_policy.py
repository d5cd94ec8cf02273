# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Policies: the five presets of rules/policies/ load and decide as their sources say; decide() over
OR / AND / WITH / or-later / globs / required flags / otherwise; invalid policy files; exceptions."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest

from commonscheck.audit import commons
from commonscheck.audit.expressions import licensing
from commonscheck.audit.policy import (
    PolicyError,
    Rules,
    Waiver,
    decide,
    load_policy,
    parse_exceptions,
    presets,
)
from commonscheck.resources import rules_dir

PRESETS = ("asf", "commons", "fsf-free", "no-network-copyleft", "permissive-only")


def outcome(preset: str, expression: str, chosen: str | None = None, side: str = "inbound") -> str:
    rules = getattr(load_policy(preset), side)
    return decide(rules, expression, chosen).outcome


# ---- the presets ---------------------------------------------------------------------------------


def test_presets_are_listed() -> None:
    assert set(PRESETS) <= set(presets())


@pytest.mark.parametrize("name", PRESETS)
def test_preset_loads_with_description_and_source(name: str) -> None:
    path = rules_dir() / "policies" / f"{name}.toml"
    text = path.read_text(encoding="utf-8")
    # REUSE header (spelled in two parts so that REUSE does not read this file's own tag)
    assert text.startswith("# SPDX-" + "FileCopyrightText: 2026 The commonscheck authors\n")
    assert "# SPDX-" + "License-Identifier: GPL-3.0-or-later\n" in text
    policy = load_policy(name)
    assert policy.name == name
    assert policy.description.strip()
    assert policy.source.strip()
    # a preset that says nothing inbound would be no policy at all
    assert not policy.inbound.empty
    # the same file, read by path, is the same policy
    assert load_policy(str(path)) == policy


def test_presets_rest_on_public_documents() -> None:
    for name in ("asf", "fsf-free", "no-network-copyleft", "permissive-only"):
        assert "https://" in load_policy(name).source, name
    assert "https://www.apache.org/legal/resolved.html" in load_policy("asf").source


def test_asf_ids_are_canonical_spdx_ids() -> None:
    """An id that license-expression renders differently (a deprecated alias) would never match a
    normalised expression; an id no source knows is a typo."""
    rules = load_policy("asf").inbound
    for listed in (*rules.allow, *rules.warn, *rules.deny):
        if "*" in listed or listed.startswith("LicenseRef-"):
            continue
        assert str(licensing().parse(listed).render()) == listed
        assert commons.classify(listed).cls != commons.UNKNOWN, listed


def test_asf_categories_do_not_overlap() -> None:
    rules = load_policy("asf").inbound
    allow, warn, deny = set(rules.allow), set(rules.warn), set(rules.deny)
    assert not allow & warn and not allow & deny and not warn & deny
    assert rules.otherwise == "warn"


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        # category A (resolved.html "Category A" and the public-domain section)
        ("Apache-2.0", "allow"),
        ("BSD-3-Clause", "allow"),
        ("MIT", "allow"),
        ("CC0-1.0", "allow"),
        ("Python-2.0", "allow"),
        ("BlueOak-1.0.0", "allow"),
        # category B: binary-only, labelled: review
        ("MPL-2.0", "warn"),
        ("EPL-2.0", "warn"),
        ("CDDL-1.1", "warn"),
        ("CC-BY-4.0", "warn"),
        ("OSL-3.0", "warn"),
        # category X
        ("GPL-3.0-only", "deny"),
        ("LGPL-2.1-or-later", "deny"),
        ("AGPL-3.0-only", "deny"),
        ("SSPL-1.0", "deny"),
        ("BUSL-1.1", "deny"),
        ("BSD-4-Clause", "deny"),
        # JSON is permissive by class ("used for Good, not Evil"), but the ASF lists it in X
        ("JSON", "deny"),
        # glob: "Creative Commons Non-Commercial variants", versions the ASF's JSON does not spell out
        ("CC-BY-NC-SA-2.0", "deny"),
        ("CC-BY-NC-ND-4.0", "deny"),
        # or-later written the old way is normalised before matching
        ("GPL-2.0+", "deny"),
        # "Any license including the Commons Clause": the exception makes a category A license X
        ("Apache-2.0 WITH LicenseRef-scancode-commons-clause", "deny"),
        # not on the page: ask legal
        ("LicenseRef-our-vendor-eula", "warn"),
        ("Artistic-2.0", "warn"),
    ],
)
def test_asf_categories(expression: str, expected: str) -> None:
    assert outcome("asf", expression) == expected


def test_asf_gpl_with_classpath_exception_is_category_x() -> None:
    decision = decide(load_policy("asf").inbound, "GPL-2.0-only WITH Classpath-exception-2.0")
    assert decision.outcome == "deny"
    assert "GPL-2.0-only WITH Classpath-exception-2.0" in decision.reasons[0]
    # the same exception on a category B license does not lift it out of review
    assert outcome("asf", "EPL-2.0 WITH Classpath-exception-2.0") == "warn"


def test_asf_prefers_category_a_branch_of_a_choice() -> None:
    # Java's javadoc search: "MIT OR GPL-3.0" (resolved.html FAQ): the MIT branch is taken
    decision = decide(load_policy("asf").inbound, "MIT OR GPL-3.0")
    assert (decision.outcome, decision.chosen) == ("allow", "MIT")
    # B OR X: the better branch is B
    decision = decide(load_policy("asf").inbound, "GPL-2.0-only OR MPL-2.0")
    assert (decision.outcome, decision.chosen) == ("warn", "MPL-2.0")


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("MIT", "allow"),
        ("0BSD", "allow"),
        ("Unlicense", "allow"),
        ("CC0-1.0", "allow"),
        ("MPL-2.0", "deny"),
        ("GPL-3.0-or-later", "deny"),
        ("AGPL-3.0-only", "deny"),
        ("PPL", "deny"),
        ("BUSL-1.1", "deny"),
        ("CC-BY-NC-4.0", "deny"),
        ("LicenseRef-scancode-proprietary-license", "deny"),
        ("LicenseRef-never-heard-of-it", "deny"),
        ("MIT OR GPL-3.0-only", "allow"),
        ("MIT AND GPL-3.0-only", "deny"),
        ("Apache-2.0 WITH LicenseRef-scancode-commons-clause", "deny"),
    ],
)
def test_permissive_only(expression: str, expected: str) -> None:
    assert outcome("permissive-only", expression) == expected


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("AGPL-3.0-only", "deny"),
        ("AGPL-3.0+", "deny"),
        ("AGPL-1.0-or-later", "deny"),
        ("OSL-3.0", "deny"),
        ("RPL-1.5", "deny"),
        ("EUPL-1.2", "deny"),
        ("SSPL-1.0", "deny"),
        ("GPL-3.0-or-later", "allow"),
        ("LGPL-2.1-only", "allow"),
        ("OSL-2.1", "allow"),
        ("MIT", "allow"),
        ("BUSL-1.1", "allow"),
        ("LicenseRef-never-heard-of-it", "allow"),
        ("MIT OR AGPL-3.0-only", "allow"),
        ("MIT AND AGPL-3.0-only", "deny"),
        ("(MIT OR Apache-2.0) AND OSL-3.0", "deny"),
    ],
)
def test_no_network_copyleft(expression: str, expected: str) -> None:
    assert outcome("no-network-copyleft", expression) == expected


def test_no_network_copyleft_denies_by_class_and_sspl_by_id() -> None:
    # The preset's premise: commons classes AGPL and OSL-3.0 as network-reciprocal, SSPL not.
    assert commons.classify("AGPL-3.0-only").cls == "network-reciprocal"
    assert commons.classify("OSL-3.0").cls == "network-reciprocal"
    assert commons.classify("SSPL-1.0").cls != "network-reciprocal"
    rules = load_policy("no-network-copyleft").inbound
    assert "deny_classes" in decide(rules, "AGPL-3.0-only").reasons[0]
    assert "'SSPL-1.0' in deny" in decide(rules, "SSPL-1.0").reasons[0]


@pytest.mark.parametrize(
    ("expression", "flag", "expected"),
    [
        ("MIT", True, "allow"),
        ("GPL-3.0-or-later", True, "allow"),
        ("JSON", False, "deny"),
        ("CC-BY-NC-4.0", False, "deny"),
        ("Unicode-DFS-2016", None, "warn"),
        ("0BSD", None, "warn"),
        ("LicenseRef-never-heard-of-it", None, "warn"),
    ],
)
def test_fsf_free_follows_the_flag(expression: str, flag: bool | None, expected: str) -> None:
    # the flag as the data has it (SPDX isFsfLibre), then the policy's answer for it
    assert commons.classify(expression).fsf_free is flag
    assert outcome("fsf-free", expression) == expected


def test_fsf_free_expressions() -> None:
    assert outcome("fsf-free", "JSON OR MIT") == "allow"
    assert outcome("fsf-free", "JSON AND MIT") == "deny"
    assert outcome("fsf-free", "MIT AND 0BSD") == "warn"


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("MIT", "allow"),
        ("GPL-3.0-or-later", "allow"),
        ("PPL", "allow"),
        ("BUSL-1.1", "deny"),
        ("SSPL-1.0", "deny"),
        ("CC-BY-NC-SA-4.0", "deny"),
        ("LicenseRef-scancode-proprietary-license", "deny"),
        ("LicenseRef-never-heard-of-it", "deny"),
        ("MIT AND LicenseRef-never-heard-of-it", "deny"),
        ("MIT OR LicenseRef-scancode-proprietary-license", "allow"),
    ],
)
def test_commons_inbound(expression: str, expected: str) -> None:
    assert outcome("commons", expression) == expected


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("GPL-3.0-or-later", "allow"),  # commonscheck's own license
        ("LGPL-3.0-only", "allow"),
        ("MPL-2.0", "allow"),
        ("AGPL-3.0-only", "allow"),
        ("CC-BY-SA-4.0", "allow"),
        ("PPL", "allow"),
        ("MIT", "deny"),
        ("Apache-2.0", "deny"),
        ("BUSL-1.1", "deny"),
        ("LicenseRef-never-heard-of-it", "deny"),
        ("MIT OR GPL-2.0-or-later", "allow"),
    ],
)
def test_commons_outbound(expression: str, expected: str) -> None:
    assert outcome("commons", expression, side="outbound") == expected


def test_commons_outbound_respects_the_chosen_branch() -> None:
    assert outcome("commons", "MIT OR GPL-2.0-or-later", chosen="MIT", side="outbound") == "deny"


def test_only_commons_constrains_outbound() -> None:
    for name in PRESETS:
        assert load_policy(name).outbound.empty == (name != "commons"), name


# ---- decide(): the mechanics ---------------------------------------------------------------------

STRICT = Rules(allow=("MIT", "BSD-*"), warn=("MPL-2.0",), deny=("GPL-*",))


def test_or_takes_the_best_branch_unless_one_was_chosen() -> None:
    decision = decide(STRICT, "GPL-2.0-only OR MIT")
    assert (decision.outcome, decision.chosen) == ("allow", "MIT")
    decision = decide(STRICT, "GPL-2.0-only OR MIT", chosen="GPL-2.0-only")
    assert (decision.outcome, decision.chosen) == ("deny", "GPL-2.0-only")
    assert any("chosen branch 'GPL-2.0-only'" in r for r in decision.reasons)
    decision = decide(STRICT, "GPL-2.0-only OR MPL-2.0 OR MIT", chosen="MPL-2.0")
    assert (decision.outcome, decision.chosen) == ("warn", "MPL-2.0")
    # a choice that names no branch is no choice: the best branch is taken
    assert decide(STRICT, "GPL-2.0-only OR MIT", chosen="Apache-2.0").chosen == "MIT"


def test_and_needs_every_part() -> None:
    decision = decide(STRICT, "MIT AND GPL-2.0-only")
    assert decision.outcome == "deny"
    assert any("GPL-2.0-only" in r for r in decision.reasons)
    assert decide(STRICT, "MIT AND MPL-2.0").outcome == "warn"
    assert decide(STRICT, "MIT AND BSD-3-Clause").outcome == "allow"
    # a permissive branch inside an OR never hides an AND'ed denied part
    assert decide(STRICT, "(MIT OR Apache-2.0) AND GPL-3.0-only").outcome == "deny"
    assert decide(STRICT, "(GPL-3.0-only OR MIT) AND BSD-2-Clause").outcome == "allow"
    # the choice applies to a top-level OR only
    assert decide(STRICT, "MIT AND GPL-3.0-only", chosen="MIT").outcome == "deny"


def test_with_is_judged_as_the_license_unless_named_whole() -> None:
    gpl_cp = "GPL-2.0-only WITH Classpath-exception-2.0"
    assert decide(Rules(deny=("GPL-2.0-only",)), gpl_cp).outcome == "deny"
    assert decide(Rules(allow=("GPL-2.0-only",)), gpl_cp).outcome == "allow"
    # an allow list naming the whole expression lifts the bare license's denial, for it only
    rules = Rules(allow=(gpl_cp,), deny=("GPL-2.0-only",))
    assert decide(rules, gpl_cp).outcome == "allow"
    assert decide(rules, "GPL-2.0-only").outcome == "deny"
    # a deny list naming the whole expression denies it, not the bare license
    rules = Rules(allow=("GPL-2.0-only",), deny=(gpl_cp,))
    assert decide(rules, gpl_cp).outcome == "deny"
    assert decide(rules, "GPL-2.0-only").outcome == "allow"


def test_or_later_ids_are_normalised_before_matching() -> None:
    rules = Rules(allow=("GPL-2.0-or-later",))
    assert decide(rules, "GPL-2.0+").outcome == "allow"
    assert decide(rules, "GPL-2.0-or-later").outcome == "allow"
    # -only is another license: not allowed by the or-later entry
    assert decide(rules, "GPL-2.0").outcome == "deny"
    assert decide(rules, "GPL-2.0-only").outcome == "deny"


def test_globs() -> None:
    rules = Rules(allow=("BSD-*-Clause",), deny=("*-NC-*",), otherwise="warn")
    assert decide(rules, "BSD-2-Clause").outcome == "allow"
    assert decide(rules, "BSD-3-Clause").outcome == "allow"
    assert decide(rules, "BSD-3-Clause-LBNL").outcome == "warn"
    assert decide(rules, "CC-BY-NC-SA-4.0").outcome == "deny"
    # fnmatchcase: globs are case-sensitive, as SPDX ids are normalised
    assert decide(Rules(allow=("mit",)), "MIT").outcome == "deny"


def test_deny_before_allow_and_ids_before_classes() -> None:
    assert decide(Rules(allow=("MIT",), deny=("MIT",)), "MIT").outcome == "deny"
    assert decide(Rules(allow=("JSON",), deny_classes=("permissive",)), "JSON").outcome == "allow"
    assert decide(Rules(warn=("MIT",), allow_classes=("permissive",)), "MIT").outcome == "warn"
    both = Rules(allow_classes=("permissive",), warn_classes=("permissive",))
    assert decide(both, "MIT").outcome == "allow"


def test_required_flags() -> None:
    rules = Rules(require=("osi_approved",))
    assert commons.classify("Apache-2.0").osi_approved is True
    assert decide(rules, "Apache-2.0").outcome == "allow"
    assert commons.classify("JSON").osi_approved is False
    assert decide(rules, "JSON").outcome == "deny"
    assert commons.classify("LicenseRef-never-heard-of-it").osi_approved is None
    assert decide(rules, "LicenseRef-never-heard-of-it").outcome == "warn"
    # both flags: one false denies
    both = Rules(require=("fsf_free", "osi_approved"))
    assert commons.classify("CC0-1.0").fsf_free is True
    assert decide(both, "CC0-1.0").outcome == "deny"
    assert decide(both, "MIT").outcome == "allow"
    # with allow_classes, flags are checked on the allowed classes; other classes fall to otherwise
    scoped = Rules(allow_classes=("permissive",), require=("osi_approved",))
    assert decide(scoped, "JSON").outcome == "deny"
    assert decide(scoped, "MIT").outcome == "allow"
    assert decide(scoped, "GPL-3.0-only").outcome == "deny"


def test_otherwise() -> None:
    # default: deny when an allow list exists, else allow
    assert decide(Rules(allow=("MIT",)), "ISC").outcome == "deny"
    assert decide(Rules(allow_classes=("permissive",)), "GPL-3.0-only").outcome == "deny"
    assert decide(Rules(deny=("GPL-*",)), "ISC").outcome == "allow"
    assert decide(Rules(allow=("MIT",), otherwise="warn"), "ISC").outcome == "warn"
    assert decide(Rules(deny=("GPL-*",), otherwise="deny"), "ISC").outcome == "deny"
    reasons = decide(Rules(allow=("MIT",), otherwise="warn"), "ISC").reasons
    assert "otherwise = warn" in reasons[0]


def test_empty_rules_allow_anything_and_bad_expressions_raise() -> None:
    assert decide(Rules(), "LicenseRef-anything AND GPL-3.0-only").outcome == "allow"
    with pytest.raises(ValueError, match="invalid license expression"):
        decide(STRICT, "MIT AND AND")


def test_config_lists_extend_a_preset() -> None:
    asf = load_policy("asf").inbound
    extended = asf.extended(Rules(deny=("MIT",), allow=("Artistic-2.0",), otherwise="deny"))
    assert decide(asf, "MIT").outcome == "allow"
    assert decide(extended, "MIT").outcome == "deny"
    assert decide(extended, "Artistic-2.0").outcome == "allow"
    assert decide(extended, "LicenseRef-unlisted").outcome == "deny"
    assert decide(asf.extended(Rules(deny=("MIT",))), "LicenseRef-unlisted").outcome == "warn"


# ---- invalid policy files ------------------------------------------------------------------------


def write(tmp_path: Path, text: str) -> str:
    path = tmp_path / "policy.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ('name = "x"\nmaintainer = "me"\n', "maintainer"),
        ('[inbound]\nallow = ["MIT"]\nforbid = ["GPL-*"]\n', "forbid"),
        ('[outbound]\nallowed = ["MIT"]\n', "allowed"),
        ('[inbound]\nallow_classes = ["permissive", "copyleft"]\n', "copyleft"),
        ('[inbound]\ndeny_classes = ["Proprietary"]\n', "Proprietary"),
        ('[inbound]\nrequire = ["gpl_compatible"]\n', "gpl_compatible"),
        ('[inbound]\notherwise = "ignore"\n', "otherwise"),
        ('[inbound]\nallow = "MIT"\ndeny = [1, 2]\n', "deny"),
        ('[severity]\nincompatible = "fatal"\n', "incompatible"),
        ('[severity]\nweird = "error"\n', "weird"),
        ('severity = "error"\n', "severity"),
        ('inbound = ["MIT"]\n', "inbound"),
    ],
)
def test_invalid_policy_names_the_key(tmp_path: Path, text: str, named: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(PolicyError) as info:
        load_policy(path)
    message = str(info.value)
    assert named in message
    assert path in message


def test_valid_custom_policy_file(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'name = "ours"\n[inbound]\nallow = "MIT"\ndeny-classes = ["source-available"]\n'
        '[severity]\nconditional = "note"\n',
    )
    policy = load_policy(path)
    assert policy.name == "ours"
    assert policy.inbound.allow == ("MIT",)
    assert policy.inbound.deny_classes == ("source-available",)
    assert policy.severity["conditional"] == "note"
    assert policy.severity["incompatible"] == "error"


def test_policy_file_relative_to_base(tmp_path: Path) -> None:
    (tmp_path / "policies").mkdir()
    (tmp_path / "policies" / "ours.toml").write_text('[inbound]\ndeny = ["JSON"]\n', encoding="utf-8")
    policy = load_policy("policies/ours.toml", tmp_path)
    assert policy.name == "ours"
    assert decide(policy.inbound, "JSON").outcome == "deny"


def test_unreadable_or_unknown_policies(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="no such preset"):
        load_policy("no-such-preset")
    with pytest.raises(PolicyError, match="cannot read policy"):
        load_policy(str(tmp_path / "missing.toml"))
    with pytest.raises(PolicyError, match="invalid TOML"):
        load_policy(write(tmp_path, "[inbound\nallow = 1\n"))


# ---- exceptions (waivers) ------------------------------------------------------------------------


def exceptions(text: str) -> tuple[Waiver, ...]:
    return parse_exceptions(tomllib.loads(text)["exceptions"], "commonscheck.toml: exceptions")


def test_parse_exceptions() -> None:
    waivers = exceptions(
        "[[exceptions]]\n"
        'package = "npm:left-pad"\nreason = " vendored, replaced in Q3 "\nexpires = 2026-09-30\n'
        "[[exceptions]]\n"
        'path = "third_party/"\nlicense = "GPL-2.0+"\nreason = "build tool only"\nexpires = "2027-01-15"\n'
    )
    first, second = waivers
    assert (first.package, first.path, first.license) == ("npm:left-pad", None, None)
    assert first.reason == "vendored, replaced in Q3"
    assert first.expires == date(2026, 9, 30)
    assert "[1]" in first.origin and "npm:left-pad" in first.origin
    # a YYYY-MM-DD string is a date too
    assert second.expires == date(2027, 1, 15)
    assert (second.path, second.license) == ("third_party/", "GPL-2.0+")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('package = "x"\nexpires = 2026-01-01\n', "'reason' is required"),
        ('package = "x"\nreason = "   "\nexpires = 2026-01-01\n', "'reason' is required"),
        ('package = "x"\nreason = "r"\n', "'expires' is required"),
        ('package = "x"\nreason = "r"\nexpires = 20260101\n', "'expires' is required"),
        ('package = "x"\nreason = "r"\nexpires = "next spring"\n', "'expires' must be a date"),
        ('package = "x"\npath = "y"\nreason = "r"\nexpires = 2026-01-01\n', "exactly one of"),
        ('reason = "r"\nexpires = 2026-01-01\n', "exactly one of"),
        ('package = "x"\nreason = "r"\nexpires = 2026-01-01\nuntil = 1\n', "unknown key 'until'"),
        ('package = 3\nreason = "r"\nexpires = 2026-01-01\n', "'package' must be a string"),
        ('package = "x"\nlicense = "MIT AND"\nreason = "r"\nexpires = 2026-01-01\n', "'license' is not"),
    ],
)
def test_invalid_exceptions(body: str, message: str) -> None:
    with pytest.raises(PolicyError) as info:
        exceptions("[[exceptions]]\n" + body)
    assert message in str(info.value)
    assert "exceptions[1]" in str(info.value)


def test_exceptions_must_be_an_array_of_tables() -> None:
    with pytest.raises(PolicyError, match="array of tables"):
        parse_exceptions({"package": "x"}, "cfg: exceptions")
    with pytest.raises(PolicyError, match=r"\[1\]: expected a table"):
        parse_exceptions(["x"], "cfg: exceptions")


def test_waiver_expiry() -> None:
    waiver = Waiver(reason="r", expires=date(2026, 3, 31), package="x")
    assert not waiver.expired(date(2026, 3, 30))
    assert not waiver.expired(date(2026, 3, 31))  # valid through its last day
    assert waiver.expired(date(2026, 4, 1))


def test_waiver_expiry_given_as_toml_datetime() -> None:
    (waiver,) = exceptions('[[exceptions]]\npackage = "x"\nreason = "r"\nexpires = 2026-03-31T12:00:00\n')
    assert not waiver.expired(date(2026, 3, 31))
    assert waiver.expired(date(2026, 4, 1))


def test_waiver_covers() -> None:
    by_package = Waiver(reason="r", expires=date(2030, 1, 1), package="npm:@acme/*")
    assert by_package.covers(path=None, names=("left-pad", "npm:@acme/widgets"), license=None)
    assert not by_package.covers(path=None, names=("npm:left-pad",), license=None)
    # a package exception never covers a file, even one whose path looks like the name
    assert not by_package.covers(path="npm:@acme/x", names=(), license=None)

    by_path = Waiver(reason="r", expires=date(2030, 1, 1), path="vendor/")
    assert by_path.covers(path="vendor/lib/a.c", names=(), license="MIT")
    assert by_path.covers(path="vendor/x.c", names=(), license=None)
    assert not by_path.covers(path="src/vendor/x.c", names=(), license=None)
    assert not by_path.covers(path=None, names=("vendor",), license=None)
    assert Waiver(reason="r", expires=date(2030, 1, 1), path="docs/*.svg").covers(
        path="docs/logo.svg", names=(), license=None
    )

    one_license = Waiver(reason="r", expires=date(2030, 1, 1), package="foo", license="GPL-2.0+")
    # the license is compared after normalisation: GPL-2.0+ is GPL-2.0-or-later
    assert one_license.covers(path=None, names=("foo",), license="GPL-2.0-or-later")
    assert not one_license.covers(path=None, names=("foo",), license="GPL-2.0-only")
    assert not one_license.covers(path=None, names=("bar",), license="GPL-2.0-or-later")
    assert not one_license.covers(path=None, names=("foo",), license="not a valid ( expression")


def test_allowing_a_license_does_not_allow_it_with_a_restricting_exception() -> None:
    restricted = "Apache-2.0 WITH LicenseRef-scancode-commons-clause"
    # the premise: our data classes the Commons Clause as taking rights away
    assert commons.classify(restricted).rank < commons.classify("Apache-2.0").rank
    assert decide(Rules(allow=("Apache-2.0",)), restricted).outcome == "deny"
    assert decide(Rules(allow=("Apache-2.0",)), "Apache-2.0").outcome == "allow"
    assert decide(Rules(allow=(restricted,)), restricted).outcome == "allow"
    # an exception that only adds permissions is covered by allowing its license
    linking = "GPL-2.0-only WITH Classpath-exception-2.0"
    assert decide(Rules(allow=("GPL-2.0-only",)), linking).outcome == "allow"


def test_an_exception_for_one_license_does_not_cover_an_unknown_license() -> None:
    waiver = Waiver(reason="r", expires=date(2030, 1, 1), package="left-pad", license="MIT")
    assert waiver.covers(path=None, names=("left-pad",), license="MIT")
    assert not waiver.covers(path=None, names=("left-pad",), license=None)
    anything = Waiver(reason="r", expires=date(2030, 1, 1), package="left-pad")
    assert anything.covers(path=None, names=("left-pad",), license=None)
