# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Free-text license names to SPDX: the table in rules/, splits, and what must stay unknown."""

from __future__ import annotations

import tomllib

import pytest

from commonscheck.audit.expressions import normalise_known
from commonscheck.audit.licnames import from_classifiers, lookup, normalise_license
from commonscheck.resources import rules_dir


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("MIT", "MIT"),
        ("mit", "MIT"),
        ("Apache 2.0", "Apache-2.0"),
        ("Apache License, Version 2.0", "Apache-2.0"),
        ("BSD License (3 clause)", None),
        ("New BSD License", "BSD-3-Clause"),
        ("MIT/X11", "MIT"),
        ("GPLv2+", "GPL-2.0-or-later"),
        ("GPL-2.0+", "GPL-2.0-or-later"),
        ("MIT OR Apache-2.0", "MIT OR Apache-2.0"),
        ("Apache 2.0 or MIT", "Apache-2.0 OR MIT"),
        ("MIT / Apache 2.0", "MIT OR Apache-2.0"),
        ("MIT and BSD 3-Clause", "MIT AND BSD-3-Clause"),
        ("(MIT OR Apache-2.0) AND Unicode-3.0", "(MIT OR Apache-2.0) AND Unicode-3.0"),
    ],
)
def test_names(raw: str, expected: str | None) -> None:
    found = normalise_license(raw)
    assert found is not None
    assert found.raw == raw
    assert found.expression == expected


@pytest.mark.parametrize(
    "raw",
    [
        "BSD License",
        "GPL",
        "Apache Software License",
        "SEE LICENSE IN LICENSE.md",
        "Proprietary",
        "Dual License",
    ],
)
def test_ambiguous_or_free_text_stays_unknown_with_its_text(raw: str) -> None:
    found = normalise_license(raw)
    assert found is not None and found.expression is None and found.raw == raw


def test_nothing_declared_is_none() -> None:
    assert normalise_license(None) is None
    assert normalise_license("  ") is None


def test_classifiers_follow_pep_639() -> None:
    assert from_classifiers(["License :: OSI Approved :: MIT License"]) == "MIT"
    assert (
        from_classifiers(["Programming Language :: Python", "License :: OSI Approved :: ISC License (ISCL)"])
        == "ISC"
    )
    # ambiguous by PEP 639: never inferred
    assert from_classifiers(["License :: OSI Approved :: BSD License"]) is None
    assert from_classifiers(["License :: OSI Approved :: Apache Software License"]) is None
    # several classifiers: their relationship is ambiguous
    assert (
        from_classifiers(
            ["License :: OSI Approved :: MIT License", "License :: OSI Approved :: ISC License (ISCL)"]
        )
        is None
    )
    assert from_classifiers([]) is None


def test_every_table_entry_is_a_valid_expression_with_a_source() -> None:
    with (rules_dir() / "license_names.toml").open("rb") as fh:
        entries = tomllib.load(fh)["name"]
    assert len(entries) > 30
    for entry in entries:
        assert normalise_known(entry["spdx"]) == entry["spdx"]
        assert entry["source"].strip()
        for spelling in entry["spellings"]:
            assert lookup(spelling) == entry["spdx"], spelling
