# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Statements of copyright: the forms people write, and the places the word appears otherwise."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from commonscheck.audit.copyrights import find_copyrights

# REUSE-IgnoreStart
# (Copyright lines below are patterns and fixtures, not this file's notices.)

CPR = "SPDX" + "-FileCopyrightText: "
LICENSE_DATA = (
    Path(sys.prefix)
    / "lib"
    / f"python{sys.version_info.major}.{sys.version_info.minor}"
    / "site-packages"
    / "licensedcode"
    / "data"
    / "licenses"
)


@pytest.mark.parametrize(
    ("line", "holder", "years"),
    [
        ("# Copyright (c) 2019-2024 Holder <holder@example.com>", "Holder", "2019-2024"),
        ("// Copyright 2020, 2021 Foo Inc.", "Foo Inc.", "2020, 2021"),
        ("(C) 2019 X", "X", "2019"),
        ("© 2020 Y", "Y", "2020"),
        ("Copyright: Z", "Z", ""),
        (f"# {CPR}2021 Jane Doe <jane@example.com>", "Jane Doe", "2021"),
        (" * Portions Copyright 2003 Bar Ltd. All rights reserved.", "Bar Ltd.", "2003"),
        (
            "/* Copyright (C) 2001-2003 The Foo Project, https://foo.example */",
            "The Foo Project",
            "2001-2003",
        ),
        ("<!-- Copyright 2010 W3C -->", "W3C", "2010"),
        ("Copyright 2017 The   Go Authors. All rights reserved.", "The Go Authors", "2017"),
        ("COPYRIGHT (C) 1999 BIG CORP", "BIG CORP", "1999"),
    ],
)
def test_statement_forms(line: str, holder: str, years: str) -> None:
    found = find_copyrights(f"x = 1\n{line}\n")
    assert [(c.holder, c.years, c.start_line, c.end_line) for c in found] == [(holder, years, 2, 2)]
    assert "Copyright" in found[0].statement or "©" in found[0].statement or "(C)" in found[0].statement


def test_statement_wrapping_onto_next_comment_line() -> None:
    text = "# Copyright (c) 2015,\n#   2016 The Foo Authors and\n#   Bar Contributors\n#\n# next\n"
    found = find_copyrights(text)
    assert len(found) == 1
    assert found[0].years == "2015, 2016"
    assert found[0].holder == "The Foo Authors and Bar Contributors"
    assert (found[0].start_line, found[0].end_line) == (1, 3)


@pytest.mark.parametrize(
    "text",
    [
        "copyright = get_copyright()\n",
        "if copyright:\n    pass\n",
        "self.copyright: str = ''\n",
        "The above copyright notice and this permission notice shall be included\n",
        'THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS"\n',
        "Copyright law protects works of authorship.\n",
        "Copyright (c) <year> <copyright holders>\n",
        "Copyright [yyyy] [name of copyright owner]\n",
        "y = f(c) + g(c)\n",
        "Copyright\n",
        "Copyright\n=========\n\nThis document has been placed in the public domain.\n",
        "* DOC: Update Copyright to 2022 [License]\n",
        "The original appeared with no Copyright notice, and its history attributes it to sasha.\n",
    ],
)
def test_false_positives(text: str) -> None:
    assert find_copyrights(text) == []


def test_license_bodies_have_no_statement() -> None:
    # Real license texts are full of the word; none of them carries an actual notice.
    for key in ("apache-2.0", "gpl-3.0", "bsd-new", "mpl-2.0"):
        raw = (LICENSE_DATA / f"{key}.LICENSE").read_text(encoding="utf-8").split("\n---", 1)[1]
        holders = [c.holder for c in find_copyrights(raw)]
        assert all("[" not in h and "<" not in h for h in holders), (key, holders)
        assert not any(h.lower().startswith(("notice", "holder", "law")) for h in holders), (key, holders)


@pytest.mark.parametrize(
    ("text", "holder", "years"),
    [
        # seen in numpy: "All rights reserved" cut by the line break, and open-ended ranges
        (
            "Copyright (c) 2000-2013 The University of California Berkeley. All\nrights reserved.\n",
            "The University of California Berkeley",
            "2000-2013",
        ),
        (
            "Copyright (c) 2006-2013 The University of Colorado Denver.  All rights\nreserved.\n",
            "The University of Colorado Denver",
            "2006-2013",
        ),
        ("Copyright 2011 -- present NumPy Developers.\n", "NumPy Developers", "2011 -- present"),
    ],
)
def test_real_world_statements(text: str, holder: str, years: str) -> None:
    assert [(c.holder, c.years) for c in find_copyrights(text)] == [(holder, years)]


def test_prefilter_and_several_statements() -> None:
    assert find_copyrights("nothing to see\n" * 1000) == []
    text = "# Copyright 2001 A\n# Copyright 2002 B\nprint()\n// © 2003 C\n"
    assert [(c.holder, c.start_line) for c in find_copyrights(text)] == [("A", 1), ("B", 2), ("C", 4)]


# REUSE-IgnoreEnd
