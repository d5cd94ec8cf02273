# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""SPDX tags in every comment style, ignore blocks, sidecars, REUSE.toml and dep5."""

from __future__ import annotations

from pathlib import Path

import pytest
from reuse.extract import extract_reuse_info, filter_ignore_block

from commonscheck.audit.tags import ReuseAnnotations, find_file_tags, find_tags, read_sidecar

LIC = "SPDX" + "-License-Identifier: "
CPR = "SPDX" + "-FileCopyrightText: "
SNIP_CPR = "SPDX" + "-SnippetCopyrightText: "


@pytest.mark.parametrize(
    "line",
    [
        f"# {LIC}MIT",
        f"// {LIC}MIT",
        f"/* {LIC}MIT */",
        f" * {LIC}MIT",
        f"-- {LIC}MIT",
        f"; {LIC}MIT",
        f"% {LIC}MIT",
        f"<!-- {LIC}MIT -->",
        f".. {LIC}MIT",
        f"REM {LIC}MIT",
        f"' {LIC}MIT",
        f"(* {LIC}MIT *)",
        f"{{# {LIC}MIT #}}",
        f"<%-- {LIC}MIT --%>",
    ],
)
def test_comment_styles(line: str) -> None:
    findings, _copyrights, problems = find_tags("f", f"first line\n{line}\n")
    assert [(f.expression, f.start_line, f.kind, f.score, f.rule) for f in findings] == [
        ("MIT", 2, "tag", 100.0, "spdx-license-identifier")
    ]
    assert problems == []
    # Same expression as the reuse tool reads.
    assert {str(e) for e in extract_reuse_info(line).spdx_expressions} == {"MIT"}


def test_normalisation_unknown_and_invalid() -> None:
    text = "\n".join(
        [
            f"# {LIC}mit or apache-2.0",
            f"# {LIC}GPL-3.0+",
            f"# {LIC}Foo AND LicenseRef-Bar AND DocumentRef-x:LicenseRef-y",
            f"# {LIC}MIT OR",
            f'x = "{LIC}MIT"',
        ]
    )
    findings, _c, problems = find_tags("a.py", text)
    assert [(f.expression, f.start_line) for f in findings] == [
        ("MIT OR Apache-2.0", 1),
        ("GPL-3.0-or-later", 2),
        ("Foo AND LicenseRef-Bar AND DocumentRef-x:LicenseRef-y", 3),
    ]
    assert problems[0] == "line 3: unknown license identifier 'Foo'"
    assert problems[1].startswith("line 4: invalid SPDX expression 'MIT OR': ")
    # In a string the closing quote is part of the value: invalid, as for reuse.
    assert problems[2].startswith("line 5: invalid SPDX expression 'MIT\"'")
    assert len(problems) == 3


def test_ignore_blocks_match_reuse() -> None:
    text = (
        f"# {CPR}2020 A\n"
        "# REUSE-IgnoreStart\n"
        f"# {LIC}LicenseRef-Hidden\n"
        "# REUSE-IgnoreEnd\n"
        f"# {LIC}MIT  REUSE-IgnoreStart {LIC}GPL-2.0-only\n"
        "still ignored\n"
        "REUSE-IgnoreEnd\n"
        f"# {LIC}Apache-2.0\n"
        "# REUSE-IgnoreStart (never closed)\n"
        f"# {LIC}BSD-2-Clause\n"
    )
    findings, copyrights, _p = find_tags("a", text)
    assert [(f.expression, f.start_line) for f in findings] == [("MIT", 5), ("Apache-2.0", 8)]
    assert [c.holder for c in copyrights] == ["A"]
    theirs = extract_reuse_info(filter_ignore_block(text).text)
    assert {str(e) for e in theirs.spdx_expressions} == {"MIT", "Apache-2.0"}


def test_snippets_and_copyright_lines() -> None:
    text = (
        f"# {CPR}2019-2024 Jane Doe <jane@example.com>\n"
        "# Copyright (c) 2020, 2021 Foo Inc.\n"
        "# © 2018 Zed\n"
        "# REUSE-SnippetBegin\n"
        f"# {SNIP_CPR}2015 Snippet Author\n"
        f"# {LIC}BSD-2-Clause\n"
        "# REUSE-SnippetEnd\n"
        "copyright = 1\n"
    )
    findings, copyrights, _p = find_tags("a.py", text)
    assert [(f.expression, f.start_line) for f in findings] == [("BSD-2-Clause", 6)]
    assert [(c.holder, c.years, c.start_line) for c in copyrights] == [
        ("Jane Doe", "2019-2024", 1),
        ("Foo Inc.", "2020, 2021", 2),
        ("Zed", "2018", 3),
        ("Snippet Author", "2015", 5),
    ]
    assert len(extract_reuse_info(text).copyright_notices) == 4


def test_sidecar_replaces_file(tmp_path: Path) -> None:
    (tmp_path / "img.png").write_bytes(b"\x89PNG\x00\x00" + f"{LIC}LicenseRef-Inside".encode())
    (tmp_path / "img.png.license").write_text(f"{CPR}2020 X\n{LIC}CC-BY-4.0\n", encoding="utf-8")
    assert read_sidecar(tmp_path, "img.png") is not None
    assert read_sidecar(tmp_path, "nothing.txt") is None
    findings, copyrights, problems, source = find_file_tags(tmp_path, "img.png")
    assert source == "img.png.license"
    assert [(f.path, f.expression, f.start_line, f.rule) for f in findings] == [
        ("img.png", "CC-BY-4.0", 0, ".license")
    ]
    assert [c.holder for c in copyrights] == ["X"]
    assert problems == []


def test_binary_file_without_sidecar(tmp_path: Path) -> None:
    (tmp_path / "blob.bin").write_bytes(b"\x00\x01" + f"{LIC}MIT".encode())
    assert find_file_tags(tmp_path, "blob.bin") == ([], [], [], None)


def test_symlink_out_of_root_is_not_read(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text(f"{LIC}MIT\n", encoding="utf-8")
    root = tmp_path / "root"
    root.mkdir()
    (root / "a.txt").write_text("a\n", encoding="utf-8")
    (root / "a.txt.license").symlink_to(outside)
    (root / "b.txt").symlink_to(outside)
    assert read_sidecar(root, "a.txt") is None
    assert find_file_tags(root, "a.txt")[0] == []
    with pytest.raises(OSError):
        find_file_tags(root, "b.txt")


def _write(root: Path, files: dict[str, str]) -> list[str]:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return sorted(files)


def test_reuse_toml_globs_and_precedence(tmp_path: Path) -> None:
    paths = _write(
        tmp_path,
        {
            "REUSE.toml": (
                "version = 1\n"
                '[[annotations]]\npath = ["src/*.py", "doc/**/*.md"]\nprecedence = "aggregate"\n'
                'SPDX-FileCopyrightText = "2020 Jane"\nSPDX-License-Identifier = "mit"\n'
                '[[annotations]]\npath = "src/gen_*.py"\nprecedence = "override"\n'
                'SPDX-License-Identifier = ["Apache-2.0"]\n'
                '[[annotations]]\npath = "lit\\\\*.txt"\nSPDX-License-Identifier = "0BSD"\n'
            ),
            "sub/REUSE.toml": (
                'version = 1\n[[annotations]]\npath = "**"\nSPDX-License-Identifier = "CC0-1.0"\n'
            ),
        },
    )
    ann = ReuseAnnotations.load(tmp_path, paths)
    assert ann.errors == []
    findings, copyrights, precedence = ann.for_path("src/a.py")
    assert precedence == "aggregate"
    assert [(f.expression, f.rule, f.start_line) for f in findings] == [("MIT", "REUSE.toml", 0)]
    assert [c.holder for c in copyrights] == ["Jane"]
    assert ann.for_path("src/gen_x.py")[2] == "override"  # the last matching table wins
    assert ann.for_path("src/deep/a.py")[2] is None  # '*' stays within a directory
    assert ann.for_path("doc/a.md")[2] == "aggregate"  # '**/' may match nothing
    assert ann.for_path("doc/x/y/a.md")[2] == "aggregate"
    assert ann.for_path("lit*.txt")[0][0].expression == "0BSD"
    assert ann.for_path("litX.txt")[2] is None
    sub = ann.for_path("sub/x/y.txt")
    assert [f.expression for f in sub[0]] == ["CC0-1.0"] and sub[2] == "closest"


@pytest.mark.parametrize(
    ("toml", "needle"),
    [
        ('version = 1\n[[annotations]]\npath = "x"\nprecedence = "nearest"\n', "'precedence'"),
        ('[[annotations]]\npath = "x"\n', "'version'"),
        ('version = 1\n[[annotations]]\nSPDX-License-Identifier = "MIT"\n', "'path'"),
        (
            'version = 1\n[[annotations]]\npath = "x"\nSPDX-License-Identifier = 3\n',
            "'SPDX-License-Identifier'",
        ),
        ("version = 1\n[[annotations]\n", "not valid TOML"),
    ],
)
def test_reuse_toml_errors_name_file_and_key(tmp_path: Path, toml: str, needle: str) -> None:
    paths = _write(tmp_path, {"REUSE.toml": toml})
    ann = ReuseAnnotations.load(tmp_path, paths)
    assert len(ann.errors) == 1
    assert ann.errors[0].path == "REUSE.toml"
    assert needle in ann.errors[0].message and "REUSE.toml" in ann.errors[0].message


def test_dep5_last_paragraph_wins(tmp_path: Path) -> None:
    (tmp_path / ".reuse").mkdir()
    (tmp_path / ".reuse" / "dep5").write_text(
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\n"
        "Files: *\nCopyright: 2019 All\nLicense: MIT\n\n"
        "Files: assets/*.pn?\nCopyright: 2020 Art\n 2021 More Art\nLicense: CC-BY-4.0\n Long text.\n",
        encoding="utf-8",
    )
    ann = ReuseAnnotations.load(tmp_path, [])
    assert ann.errors == []
    findings, copyrights, precedence = ann.for_path("assets/deep/x.png")
    assert precedence == "aggregate"
    assert [(f.expression, f.rule) for f in findings] == [("CC-BY-4.0", ".reuse/dep5")]
    assert [c.holder for c in copyrights] == ["Art", "More Art"]
    assert [f.expression for f in ann.for_path("src/a.c")[0]] == ["MIT"]


def test_dep5_and_reuse_toml_conflict(tmp_path: Path) -> None:
    paths = _write(tmp_path, {"REUSE.toml": "version = 1\n", ".reuse/dep5": "Format: x\n"})
    ann = ReuseAnnotations.load(tmp_path, paths)
    assert [e.path for e in ann.errors] == [".reuse/dep5"]
    assert ann.for_path("a")[2] is None
