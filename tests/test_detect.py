# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""License detection on real license texts from the reference data, in the shapes files have."""

from __future__ import annotations

import textwrap

import pytest

from commonscheck.audit.detect import Match, detect
from commonscheck.audit.licensedb import LicenseIndex, data_dir, load_index, split_front_matter


@pytest.fixture(scope="session")
def index(tmp_path_factory: pytest.TempPathFactory) -> LicenseIndex:
    # The same directory as test_licensedb.py uses: the index is built once per session.
    return load_index(tmp_path_factory.getbasetemp() / "licensedb-cache")


def license_text(key: str) -> str:
    """The reference text of a license, read from the installed data at test time."""
    _, body = split_front_matter((data_dir() / "licenses" / f"{key}.LICENSE").read_text("utf-8"))
    return body.strip("\n")


def reflow(text: str, width: int) -> str:
    paragraphs = [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]
    return "\n\n".join(textwrap.fill(p, width) for p in paragraphs)


def expressions(matches: list[Match]) -> list[str]:
    return [m.expression for m in matches]


def only(matches: list[Match]) -> Match:
    assert len(matches) == 1, matches
    return matches[0]


# --- full texts -------------------------------------------------------------------------------


def test_mit_text_with_copyright_line(index: LicenseIndex) -> None:
    text = "Copyright (c) 2020 Jane Doe\n\n" + license_text("mit") + "\n"
    m = only(detect(index, text))
    assert (m.expression, m.kind) == ("MIT", "text")
    assert m.start_line == 3  # the copyright line is not part of the license match
    assert m.end_line == text.rstrip("\n").count("\n") + 1
    assert m.score == 100.0
    assert m.rule.startswith("mit")


@pytest.mark.parametrize("width", [40, 100, 1000])
def test_apache_text_reflowed(index: LicenseIndex, width: int) -> None:
    text = reflow(license_text("apache-2.0"), width)
    m = only(detect(index, text))
    assert (m.expression, m.kind) == ("Apache-2.0", "text")
    assert m.start_line == 1
    assert m.end_line == text.count("\n") + 1


def test_gpl3_text_as_markdown(index: LicenseIndex) -> None:
    paragraphs = license_text("gpl-3.0").split("\n\n")
    md = []
    for i, p in enumerate(paragraphs):
        p = " ".join(p.split())
        md.append(f"## {p}" if len(p) < 60 else (f"**{p}**" if i % 3 == 0 else f"* {p}"))
    m = only(detect(index, "\n\n".join(md)))
    assert m.expression == "GPL-3.0-only"
    assert m.kind == "text"


def _comment(text: str, style: str) -> str:
    lines = text.splitlines()
    if style == "#":
        return "\n".join(f"# {line}".rstrip() for line in lines)
    if style == "//":
        return "\n".join(f"// {line}".rstrip() for line in lines)
    if style == "/*":
        return "/*\n" + "\n".join(f" * {line}".rstrip() for line in lines) + "\n */"
    return "<!--\n" + text + "\n-->"


@pytest.mark.parametrize("style", ["#", "//", "/*", "<!--"])
def test_bsd_text_inside_comments(index: LicenseIndex, style: str) -> None:
    body = "Copyright (c) 2021, ACME Inc.\nAll rights reserved.\n\n" + license_text("bsd-new")
    code = {"#": "import os\n", "//": "fn main() {}\n", "/*": "int main(void) { return 0; }\n"}
    text = _comment(body, style) + "\n\n" + code.get(style, "<p>hello</p>\n")
    m = only(detect(index, text))
    assert (m.expression, m.kind) == ("BSD-3-Clause", "text")
    first_clause = next(i for i, line in enumerate(text.splitlines(), 1) if "Redistribution" in line)
    assert m.start_line == first_clause
    assert m.end_line < text.count("\n")  # the code after the comment is not part of the match


def test_two_texts_in_one_file(index: LicenseIndex) -> None:
    mit = "Copyright (c) 2020 Jane Doe\n\n" + license_text("mit")
    bsd = "Copyright (c) 2019 John Roe\n\n" + license_text("bsd-new")
    text = mit + "\n\n----\n\n" + bsd + "\n"
    matches = detect(index, text)
    assert expressions(matches) == ["MIT", "BSD-3-Clause"]
    mit_end = mit.count("\n") + 1
    assert matches[0].end_line == mit_end
    assert matches[1].start_line > mit_end + 2


def test_bsd2_and_bsd3_are_told_apart(index: LicenseIndex) -> None:
    two = "Copyright (c) 2020 Jane Doe\n\n" + license_text("bsd-simplified")
    three = "Copyright (c) 2020 Jane Doe\n\n" + license_text("bsd-new")
    assert expressions(detect(index, two)) == ["BSD-2-Clause"]
    assert expressions(detect(index, three)) == ["BSD-3-Clause"]


# --- notices ----------------------------------------------------------------------------------

APACHE_HEADER = """\
# Copyright 2024 ACME Inc.
#
# Licensed under the Apache License, Version 2.0 (the "License");
# you may not use this file except in compliance with the License.
# You may obtain a copy of the License at
#
#     http://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS,
# WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
# See the License for the specific language governing permissions and
# limitations under the License.
"""

SOURCE_BODY = """
import json


def load_license_file(path):
    \"\"\"Read a license file; the word license in identifiers is not a statement.\"\"\"
    with open(path) as fh:
        license_text = fh.read()
    return {"license": license_text, "length": len(license_text)}
"""


def test_apache_header_notice_in_source(index: LicenseIndex) -> None:
    text = APACHE_HEADER + SOURCE_BODY * 20
    m = only(detect(index, text))
    assert (m.expression, m.kind) == ("Apache-2.0", "notice")
    assert (m.start_line, m.end_line) == (3, 13)


def test_gpl2_or_later_notice(index: LicenseIndex) -> None:
    text = (
        "/* frob.c - frobnicate things\n"
        " * Copyright (C) 2001 Jane Doe\n"
        " *\n"
        " * This program is free software; you can redistribute it and/or modify\n"
        " * it under the terms of the GNU General Public License as published by\n"
        " * the Free Software Foundation; either version 2 of the License, or\n"
        " * (at your option) any later version.\n"
        " */\n"
        "int frob(void);\n"
    )
    m = only(detect(index, text))
    assert m.expression == "GPL-2.0-or-later"
    assert m.kind == "notice"
    assert (m.start_line, m.end_line) == (4, 7)


def test_gpl3_only_notice_is_not_or_later(index: LicenseIndex) -> None:
    text = (
        "This program is free software: you can redistribute it and/or modify\n"
        "it under the terms of the GNU General Public License version 3 as\n"
        "published by the Free Software Foundation.\n"
    )
    assert expressions(detect(index, text)) == ["GPL-3.0-only"]


def test_lgpl21_or_later_notice(index: LicenseIndex) -> None:
    text = (
        "This library is free software; you can redistribute it and/or modify it under the terms\n"
        "of the GNU Lesser General Public License as published by the Free Software Foundation;\n"
        "either version 2.1 of the License, or (at your option) any later version.\n"
    )
    assert expressions(detect(index, text)) == ["LGPL-2.1-or-later"]


def test_short_reference(index: LicenseIndex) -> None:
    m = only(detect(index, "Hello.\n\nThis project is released under the MIT license.\n"))
    assert m.expression == "MIT"
    assert m.kind in ("reference", "notice")
    assert (m.start_line, m.end_line) == (3, 3)


def test_dual_license_or_notice(index: LicenseIndex) -> None:
    text = (
        "## License\n\n"
        "Licensed under either of\n\n"
        " * Apache License, Version 2.0, ([LICENSE-APACHE](LICENSE-APACHE) or\n"
        "   http://www.apache.org/licenses/LICENSE-2.0)\n"
        " * MIT license ([LICENSE-MIT](LICENSE-MIT) or http://opensource.org/licenses/MIT)\n\n"
        "at your option.\n"
    )
    assert expressions(detect(index, text)) == ["Apache-2.0 OR MIT"]


def test_gpl2_with_classpath_exception(index: LicenseIndex) -> None:
    text = (
        "/*\n"
        " * This code is free software; you can redistribute it and/or modify it\n"
        " * under the terms of the GNU General Public License version 2 only, as\n"
        " * published by the Free Software Foundation.  Oracle designates this\n"
        ' * particular file as subject to the "Classpath" exception as provided\n'
        " * by Oracle in the LICENSE file that accompanied this code.\n"
        " */\n"
        "package java.lang;\n"
    )
    m = only(detect(index, text))
    assert m.expression == "GPL-2.0-only WITH Classpath-exception-2.0"
    assert m.start_line == 2
    assert m.end_line in (5, 6)  # the exception sentence, not the Java code


def test_text_wins_over_the_notice_it_contains(index: LicenseIndex) -> None:
    # the GPL-2.0 text ends with "How to Apply": a GPL-2.0-or-later notice inside the text
    text = license_text("gpl-2.0")
    assert "any later version" in text
    m = only(detect(index, text))
    assert (m.expression, m.kind) == ("GPL-2.0-only", "text")


# --- nothing to find --------------------------------------------------------------------------


def test_source_without_license(index: LicenseIndex) -> None:
    text = (
        "class LicenseChecker:\n"
        "    def __init__(self, license_path, copyright_holder):\n"
        "        self.license_path = license_path\n"
        "        self.license_name = None\n"
        "    def check_license(self):\n"
        "        return self.license_name in ('mit', 'apache')\n"
    ) * 30
    assert detect(index, text) == []


def test_identifier_holding_rule_words_is_not_a_reference(index: LicenseIndex) -> None:
    text = "module github.com/example/go-license-detector/v4\n\ngo 1.18\n"
    assert detect(index, text) == []


def test_empty_and_punctuation_only(index: LicenseIndex) -> None:
    assert detect(index, "") == []
    assert detect(index, "---\n***\n// \n") == []


def test_false_positive_rule_suppresses(index: LicenseIndex) -> None:
    # a text that is exactly a false-positive rule yields nothing, although it holds words of
    # real rules
    fp = [i for i, k in enumerate(index.rule_kind) if k == "false-positive"]
    checked = 0
    for i in fp:
        name = index.rule_ids[i]
        _, body = split_front_matter((data_dir() / "rules" / name).read_text("utf-8"))
        if "license" not in body.lower() or len(body.split()) < 4:
            continue
        assert detect(index, body) == [], name
        checked += 1
        if checked == 5:
            break
    assert checked == 5


def test_matches_are_frozen(index: LicenseIndex) -> None:
    m = only(detect(index, license_text("mit")))
    with pytest.raises(AttributeError):
        m.expression = "GPL-3.0-only"  # type: ignore[misc]


def test_alignment_budget_keeps_exact_matches_and_says_it_stopped(
    index: LicenseIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    import commonscheck.audit.detect as detect_mod

    # An MIT text with words changed needs alignment; a notice elsewhere is an exact rule hit.
    mit = license_text("mit").replace("sublicense", "rent")
    text = "Licensed under the Apache License, Version 2.0\n\n" + mit
    notes: list[str] = []
    monkeypatch.setattr(detect_mod, "_ALIGN_BUDGET", 10)
    found = {m.expression for m in detect_mod.detect(index, text, notes)}
    assert found == {"Apache-2.0"}
    assert notes and "work limit" in notes[0]
    monkeypatch.undo()
    notes = []
    assert {m.expression for m in detect_mod.detect(index, text, notes)} >= {"Apache-2.0", "MIT"}
    assert notes == []


LGPL3_NOTICE = """\
# ldap-like is free software: you can redistribute it and/or modify
# it under the terms of the GNU Lesser General Public License as published
# by the Free Software Foundation, either version {version} of the License, or
# (at your option) any later version.
#
# ldap-like is distributed in the hope that it will be useful,
# but WITHOUT ANY WARRANTY; without even the implied warranty of
# MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
# GNU Lesser General Public License for more details.
#
# You should have received a copy of the GNU Lesser General Public License
# along with ldap-like in the COPYING and COPYING.LESSER files.
# If not, see <http://www.gnu.org/licenses/>.
"""


@pytest.mark.parametrize(("version", "expected"), [("3", "LGPL-3.0-or-later"), ("2.1", "LGPL-2.1-or-later")])
def test_the_version_number_decides_between_near_identical_notices(
    index: LicenseIndex, version: str, expected: str
) -> None:
    found = [m.expression for m in detect(index, LGPL3_NOTICE.format(version=version))]
    assert found == [expected]


def test_an_upper_case_or_between_ids_is_a_choice(index: LicenseIndex) -> None:
    # SPDX expression syntax outside a tag (a __license__ string, a manifest field in prose)
    found = [
        m.expression for m in detect(index, '__license__ = "MPL-1.1 OR GPL-2.0-only OR LGPL-2.1-or-later"\n')
    ]
    assert found == ["MPL-1.1 OR GPL-2.0-only OR LGPL-2.1-or-later"]
    # lower-case "or" in prose without words announcing a choice stays two statements
    prose = [m.expression for m in detect(index, "See the MIT License or the ISC license for details.\n")]
    assert prose == ["MIT", "ISC"]
