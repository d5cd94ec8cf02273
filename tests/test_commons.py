# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Commons orientation: classes and flags of well-known licenses, expressions, the shipped data, and
the Peer Production and CoopCycle licenses recognised in real license files."""

from __future__ import annotations

import importlib.util
import json
import re
import tomllib
from collections.abc import Iterator
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

import pytest
from license_expression import get_license_index

import commonscheck.audit.licensedb as licensedb
import commonscheck.audit.scan as scan
from commonscheck.audit import commons
from commonscheck.audit.commons import CATEGORY_CLASSES, CLASSES, DOMAINS, classify, classify_each
from commonscheck.audit.expressions import licensing
from commonscheck.cache import default_cache_dir
from commonscheck.resources import rules_dir

# (id, class, OSI-approved, FSF-free, domain). Flags as the SPDX License List 3.27.0 has them.
WELL_KNOWN = [
    ("MIT", "permissive", True, True, "software"),
    ("Apache-2.0", "permissive", True, True, "software"),
    ("0BSD", "permissive", True, None, "software"),
    ("Unlicense", "permissive", True, True, "software"),
    ("GPL-3.0-or-later", "strong-reciprocal", True, True, "software"),
    ("LGPL-2.1-only", "weak-reciprocal", True, True, "software"),
    ("MPL-2.0", "weak-reciprocal", True, True, "software"),
    ("EPL-2.0", "weak-reciprocal", True, True, "software"),
    ("AGPL-3.0-only", "network-reciprocal", True, True, "software"),
    ("OSL-3.0", "network-reciprocal", True, True, "software"),
    ("RPL-1.5", "network-reciprocal", True, None, "software"),
    ("EUPL-1.2", "network-reciprocal", True, True, "software"),
    ("SSPL-1.0", "source-available", False, None, "software"),
    ("BUSL-1.1", "source-available", False, None, "software"),
    ("Elastic-2.0", "source-available", False, None, "software"),
    ("PolyForm-Noncommercial-1.0.0", "source-available", False, None, "software"),
    ("CC-BY-NC-4.0", "restricted", False, False, "content"),
    ("CC-BY-ND-4.0", "restricted", False, False, "content"),
    ("CC-BY-NC-SA-4.0", "restricted", False, None, "content"),
    ("CC-BY-SA-4.0", "strong-reciprocal", False, True, "content"),
    ("CC-BY-4.0", "permissive", False, True, "content"),
    ("CC0-1.0", "permissive", False, True, "content"),
    ("ODbL-1.0", "strong-reciprocal", False, True, "data"),
    ("CERN-OHL-S-2.0", "strong-reciprocal", True, None, "hardware"),
    ("CERN-OHL-W-2.0", "weak-reciprocal", True, None, "hardware"),
    ("GFDL-1.3-or-later", "strong-reciprocal", False, True, "documentation"),
    ("OFL-1.1", "weak-reciprocal", True, True, "font"),
    ("PPL", "copyfair", False, False, "content"),
    ("LicenseRef-CoopCycle", "copyfair", False, None, "software"),
    ("NONE", "proprietary", None, None, None),
    ("LicenseRef-scancode-proprietary-license", "proprietary", None, None, "software"),
]


@pytest.mark.parametrize(("spdx_id", "cls", "osi", "fsf", "domain"), WELL_KNOWN)
def test_well_known_licenses(spdx_id: str, cls: str, osi: bool | None, fsf: bool | None, domain: str) -> None:
    info = classify(spdx_id)
    assert (info.cls, info.osi_approved, info.fsf_free, info.domain) == (cls, osi, fsf, domain)
    assert info.sources, f"{spdx_id}: a class without a source"
    assert info.operator is None and info.parts == ()


def test_scancode_misfilings_are_overridden() -> None:
    # The reasons the overrides exist: ScanCode's categories differ from the class we give.
    index = {e["spdx_license_key"]: e["category"] for e in get_license_index()}
    assert index["CC-BY-NC-4.0"] == "Source-available"
    assert index["CC-BY-SA-4.0"] == "Copyleft Limited"
    assert index["AGPL-3.0-only"] == "Copyleft"
    assert index["PPL"] == "Copyleft"
    for spdx_id in ("CC-BY-NC-4.0", "CC-BY-SA-4.0", "AGPL-3.0-only", "PPL"):
        assert classify(spdx_id).basis.startswith("rules/licenses.toml")


def test_deprecated_and_plus_forms_are_normalised() -> None:
    assert classify("GPL-2.0+").expression == "GPL-2.0-or-later"
    assert classify("GPL-2.0+").cls == "strong-reciprocal"
    assert classify("mit").expression == "MIT"


@pytest.mark.parametrize(
    "expression", ["LicenseRef-acme-eula", "LicenseRef-scancode-unknown", "Not-A-License-1.0", "NOASSERTION"]
)
def test_unknown_ids_are_never_guessed(expression: str) -> None:
    info = classify(expression)
    assert info.cls == "unknown"
    assert info.osi_approved is None and info.fsf_free is None and info.domain is None
    assert info.rank == -1


def test_or_chooses_the_most_commons_oriented_branch_and_keeps_all() -> None:
    info = classify("MIT OR GPL-3.0-only OR CC-BY-NC-4.0")
    assert info.operator == "OR"
    assert info.cls == "strong-reciprocal"
    assert info.governing == "GPL-3.0-only"
    assert [p.expression for p in info.parts] == ["MIT", "GPL-3.0-only", "CC-BY-NC-4.0"]
    assert [p.cls for p in info.parts] == ["permissive", "strong-reciprocal", "restricted"]


def test_or_with_an_unknown_branch_uses_the_known_one() -> None:
    assert classify("LicenseRef-acme OR Apache-2.0").governing == "Apache-2.0"
    assert classify("LicenseRef-acme OR LicenseRef-other").cls == "unknown"


def test_and_restriction_governs() -> None:
    info = classify("MIT AND CC-BY-NC-4.0 AND GPL-3.0-only")
    assert (info.cls, info.governing) == ("restricted", "CC-BY-NC-4.0")
    assert info.osi_approved is False and info.fsf_free is False


def test_and_copyleft_is_not_hidden_by_a_permissive_part() -> None:
    info = classify("Apache-2.0 AND (MIT OR BSD-3-Clause) AND LGPL-2.1-only")
    assert (info.cls, info.governing) == ("weak-reciprocal", "LGPL-2.1-only")
    assert classify("MIT AND AGPL-3.0-or-later").cls == "network-reciprocal"


def test_and_with_an_unknown_part_is_unknown_unless_proprietary() -> None:
    assert classify("MIT AND LicenseRef-acme").cls == "unknown"
    assert classify("LicenseRef-acme AND LicenseRef-scancode-proprietary-license").cls == "proprietary"


def test_or_inside_and() -> None:
    info = classify("(MIT OR GPL-2.0-only) AND BUSL-1.1")
    assert info.cls == "source-available"
    assert info.parts[0].operator == "OR" and info.parts[0].cls == "strong-reciprocal"


def test_with_keeps_the_license_class_and_names_the_exception() -> None:
    info = classify("GPL-2.0-only WITH Classpath-exception-2.0")
    assert info.cls == "strong-reciprocal"
    assert info.exception == "Classpath-exception-2.0"
    assert "extra permissions" in info.basis
    assert classify("Apache-2.0 WITH LLVM-exception").cls == "permissive"


def test_a_restricting_exception_lowers_the_class() -> None:
    info = classify("MIT WITH LicenseRef-scancode-commons-clause")
    assert info.cls == "source-available"
    # MIT's own flags no longer describe the combination.
    assert info.osi_approved is False and info.fsf_free is None


def test_classify_each_lists_every_license_once_in_order() -> None:
    found = classify_each("MIT AND (GPL-2.0-only WITH Classpath-exception-2.0 OR MIT) AND PPL")
    assert [i.expression for i in found] == ["MIT", "GPL-2.0-only WITH Classpath-exception-2.0", "PPL"]
    assert [i.cls for i in found] == ["permissive", "strong-reciprocal", "copyfair"]


@pytest.mark.parametrize("expression", ["MIT AND", "(MIT", "MIT WITH", ""])
def test_invalid_expressions_raise_value_error(expression: str) -> None:
    with pytest.raises(ValueError):
        classify(expression)


def test_rank_orders_the_classes() -> None:
    assert [commons.rank(c) for c in CLASSES] == list(range(len(CLASSES)))
    assert commons.rank("copyfair") > commons.rank("network-reciprocal") > commons.rank("permissive")
    with pytest.raises(ValueError):
        commons.rank("open")


def test_every_scancode_category_is_mapped() -> None:
    categories = {e["category"] for e in get_license_index()}
    assert categories <= set(CATEGORY_CLASSES)
    assert set(CATEGORY_CLASSES.values()) <= {*CLASSES, "unknown"}


# ---------------------------------------------------------------------------- rules/licenses.toml


def _toml() -> dict[str, Any]:
    with (rules_dir() / "licenses.toml").open("rb") as handle:
        return tomllib.load(handle)


def _entries() -> Iterator[dict[str, Any]]:
    yield from _toml()["license"]


_SOURCE = re.compile(r"https?://\S+|licensedcode-data")


def test_every_entry_has_a_source_and_a_known_class_and_domain() -> None:
    for entry in _entries():
        name = entry.get("id") or entry.get("match")
        assert ("id" in entry) != ("match" in entry), name
        assert _SOURCE.search(entry["source"]), f"{name}: source names no address"
        assert "class" in entry or "domain" in entry, f"{name}: says nothing"
        assert entry.get("class", "permissive") in CLASSES, name
        assert entry.get("domain", "software") in DOMAINS, name


def test_every_entry_names_a_valid_id() -> None:
    spdx_ids = set(_toml()["spdx"]["listed"])
    scancode_ids = {e["spdx_license_key"] for e in get_license_index()}
    for entry in _entries():
        if "id" in entry:
            spdx_id = entry["id"]
            if spdx_id.startswith("LicenseRef-scancode-"):
                assert spdx_id in scancode_ids, f"{spdx_id} is not in ScanCode's database"
            elif spdx_id == "NONE" or spdx_id.startswith("LicenseRef-"):
                assert re.fullmatch(r"NONE|LicenseRef-[A-Za-z0-9.-]+", spdx_id), spdx_id
            else:
                assert spdx_id in spdx_ids, f"{spdx_id} is not on the SPDX list"
                assert not licensing().validate(spdx_id).invalid_symbols, spdx_id
        else:
            pattern = entry["match"]
            assert any(fnmatchcase(i, pattern) for i in spdx_ids), f"{pattern} matches no SPDX id"


def test_exact_entries_are_unique() -> None:
    ids = [e["id"] for e in _entries() if "id" in e]
    assert len(ids) == len(set(ids))


def test_finding_entries_name_real_rules_that_are_misfiled() -> None:
    for finding in _toml()["finding"]:
        rule = licensedb.data_dir() / "rules" / finding["rule"]
        meta, _ = licensedb.split_front_matter(rule.read_text(encoding="utf-8"))
        assert licensedb.to_spdx(str(meta["license_expression"])) == finding["detected"]
        assert classify(finding["spdx"]).cls == "copyfair"
        assert _SOURCE.search(finding["source"])


def _reuse_spdx_list() -> dict[str, Any]:
    spec = importlib.util.find_spec("reuse")
    if spec is None or spec.origin is None:
        pytest.skip("the reuse package (test dependency) carries the SPDX list copy compared against")
    path = Path(spec.origin).parent / "resources" / "licenses.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def test_spdx_flags_agree_with_the_spdx_license_list() -> None:
    # The lists in rules/licenses.toml are a copy of SPDX data; a drift is a bug in the copy, or a
    # new SPDX release to take over (then only our positive answers must still hold).
    spdx = _reuse_spdx_list()
    ours = _toml()["spdx"]
    theirs = {lic["licenseId"]: lic for lic in spdx["licenses"]}
    osi = {i for i, lic in theirs.items() if lic.get("isOsiApproved") is True}
    libre = {i for i, lic in theirs.items() if lic.get("isFsfLibre") is True}
    not_libre = {i for i, lic in theirs.items() if lic.get("isFsfLibre") is False}
    if spdx["licenseListVersion"] == ours["version"]:
        assert set(ours["listed"]) == set(theirs)
        assert (set(ours["osi_approved"]), set(ours["fsf_libre"])) == (osi, libre)
        assert set(ours["fsf_not_libre"]) == not_libre
    else:
        assert set(ours["osi_approved"]) <= osi
        assert set(ours["fsf_libre"]) <= libre
    assert commons.spdx_list_version() == ours["version"]


def test_a_flag_the_spdx_list_omits_stays_unknown() -> None:
    # SSPL-1.0 has no isFsfLibre on the SPDX list: the FSF has not judged it.
    assert "SSPL-1.0" not in _toml()["spdx"]["fsf_libre"] + _toml()["spdx"]["fsf_not_libre"]
    assert classify("SSPL-1.0").fsf_free is None


# ------------------------------------------------------------------- license texts found in files


@pytest.fixture(scope="module")
def detector() -> Iterator[None]:
    saved = scan._INDEX
    scan._INDEX = licensedb.load_index(default_cache_dir())
    yield
    scan._INDEX = saved


def _rule_text(name: str) -> str:
    _, text = licensedb.split_front_matter(
        (licensedb.data_dir() / "rules" / name).read_text(encoding="utf-8")
    )
    return text


@pytest.mark.parametrize(
    ("rule", "spdx"),
    [
        ("proprietary-license_927.RULE", "PPL"),
        ("proprietary-license_564.RULE", "LicenseRef-CoopCycle"),
        ("proprietary-license_565.RULE", "LicenseRef-CoopCycle"),
    ],
)
def test_copyfair_license_files_are_recognised(detector: None, rule: str, spdx: str) -> None:
    record = scan.analyse_text("LICENSE", _rule_text(rule))
    texts = [f for f in record["f"] if f[1] == "text"]
    assert texts, f"the detector found no license text in {rule}"
    expression, rule_found = texts[0][0], texts[0][5]
    # What the reference data says: a generic proprietary license ...
    assert expression == "LicenseRef-scancode-proprietary-license"
    assert classify(expression).cls == "proprietary"
    # ... and what it is.
    recognised = commons.recognise_finding(expression, rule_found)
    assert recognised == spdx
    assert classify(recognised).cls == "copyfair"


def test_other_findings_are_left_alone(detector: None) -> None:
    mit = (licensedb.data_dir() / "licenses" / "mit.LICENSE").read_text(encoding="utf-8")
    _, text = licensedb.split_front_matter(mit)
    finding = scan.analyse_text("LICENSE", text)["f"][0]
    assert commons.recognise_finding(finding[0], finding[5]) == "MIT"
    assert commons.recognise_finding(
        "LicenseRef-scancode-proprietary-license", "proprietary-license_1.RULE"
    ) == ("LicenseRef-scancode-proprietary-license")
    assert commons.recognise_finding("MIT", None) == "MIT"


def test_a_ppl_tag_is_copyfair_without_the_detector() -> None:
    # A license tag in a file names the id directly; no rule lookup is needed.
    assert classify("PPL").cls == "copyfair"
    assert classify("PPL OR CC-BY-NC-SA-4.0").governing == "PPL"
