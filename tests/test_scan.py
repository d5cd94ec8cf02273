# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The scan pipeline end to end on real repositories: evidence, tree-level REUSE data, the declared
license, the summary, the cache and bad input."""

from __future__ import annotations

import errno
import os
import time
from pathlib import Path

import pytest

from commonscheck.audit import files as files_mod
from commonscheck.audit.scan import ScanOptions, scan
from commonscheck.model import FileResult, ScanReport
from conftest import license_text, make_repo, write_tree

TAG = "SPDX" + "-License-Identifier"
COPY = "SPDX" + "-FileCopyrightText"


def _scan(root: Path, tmp_path: Path, cache_dir: Path, **kw: object) -> ScanReport:
    opts = ScanOptions(cache_dir=tmp_path / "results", index_dir=cache_dir, jobs=1, **kw)  # type: ignore[arg-type]
    return scan(root, opts)


def _file(report: ScanReport, path: str) -> FileResult:
    return next(f for f in report.files if f.path == path)


APACHE_HEADER = """\
# Copyright 2021 Example Corp.
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

def main():
    return 42
"""


def test_repository_scan_collects_every_kind_of_evidence(tmp_path: Path, cache_dir: Path) -> None:
    root = tmp_path / "r"
    make_repo(
        root,
        {
            "LICENSE": "Copyright (c) 2019-2024 Jane Doe <jane@example.org>\n\n" + license_text("mit"),
            "src/tool.py": APACHE_HEADER,
            "src/tagged.c": (
                f"/* {COPY}: 2022 ACME Inc. */\n"
                f"/* {TAG}: GPL-2.0-or-later WITH Classpath-exception-2.0 */\nint x;\n"
            ),
            "src/plain.py": "def license_key(x):\n    return x.upper()\n",
            "logo.png": b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(64),
        },
    )
    report = _scan(root, tmp_path, cache_dir)
    lic = _file(report, "LICENSE")
    assert lic.expression == "MIT"
    assert lic.findings[0].kind == "text"
    assert [c.holder for c in lic.copyrights] == ["Jane Doe"]
    assert lic.copyrights[0].years == "2019-2024"
    tool = _file(report, "src/tool.py")
    assert tool.expression == "Apache-2.0"
    assert {f.kind for f in tool.findings} == {"notice"}
    assert 3 <= tool.findings[0].start_line <= tool.findings[0].end_line <= 13
    tagged = _file(report, "src/tagged.c")
    assert tagged.expression == "GPL-2.0-or-later WITH Classpath-exception-2.0"
    assert tagged.findings[0].kind == "tag" and tagged.findings[0].start_line == 2
    assert _file(report, "src/plain.py").findings == ()
    assert _file(report, "logo.png").skipped == "binary"
    assert report.declared_license.expression == "MIT"
    s = report.summary
    assert (s.files, s.files_read, s.files_with_license) == (5, 4, 3)
    assert s.conflicting_files == ("src/tagged.c", "src/tool.py")
    assert report.errors == ()


def test_reuse_toml_sidecars_and_licenses_folder(tmp_path: Path, cache_dir: Path) -> None:
    root = tmp_path / "r"
    make_repo(
        root,
        {
            "REUSE.toml": (
                'version = 1\n[[annotations]]\npath = "docs/**"\nprecedence = "override"\n'
                f'{COPY} = "2020 Docs Team"\n{TAG} = "CC-BY-4.0"\n'
                '[[annotations]]\npath = "data/*.csv"\nprecedence = "closest"\n'
                f'{COPY} = "2020 Data Team"\n{TAG} = "CC0-1.0"\n'
            ),
            "docs/guide.md": f"<!-- {TAG}: MIT -->\n# Guide\n",
            "data/a.csv": "x,y\n1,2\n",
            "data/b.csv": f"# {TAG}: ODbL-1.0\nx\n",
            "img/logo.bin": b"\0\1\2",
            "img/logo.bin.license": f"{COPY}: 2021 Art Dept\n{TAG}: CC-BY-SA-4.0\n",
            "LICENSES/MIT.txt": license_text("mit"),
        },
    )
    report = _scan(root, tmp_path, cache_dir)
    # override: the annotation replaces the file's own tag
    assert _file(report, "docs/guide.md").expression == "CC-BY-4.0"
    # closest: the annotation fills in where the file says nothing, and only there
    assert _file(report, "data/a.csv").expression == "CC0-1.0"
    assert _file(report, "data/b.csv").expression == "ODbL-1.0"
    logo = _file(report, "img/logo.bin")
    assert logo.expression == "CC-BY-SA-4.0"
    assert logo.findings[0].path == "img/logo.bin.license"
    assert [c.holder for c in logo.copyrights] == ["Art Dept"]
    mit = _file(report, "LICENSES/MIT.txt")
    assert ("MIT", "file-name") in {(f.expression, f.kind) for f in mit.findings}


def test_declared_license_prefers_the_manifest_and_keeps_every_source(
    tmp_path: Path, cache_dir: Path
) -> None:
    root = tmp_path / "r"
    make_repo(
        root,
        {
            "Cargo.toml": '[package]\nname = "x"\nversion = "0.1.0"\nlicense = "MIT OR Apache-2.0"\n',
            "LICENSE-MIT": license_text("mit"),
            "LICENSE-APACHE": license_text("apache-2.0"),
        },
    )
    report = _scan(root, tmp_path, cache_dir)
    declared = report.declared_license
    assert declared.expression == "MIT OR Apache-2.0"
    assert {(f.path, f.expression) for f in declared.sources} >= {
        ("Cargo.toml", "MIT OR Apache-2.0"),
        ("LICENSE-MIT", "MIT"),
        ("LICENSE-APACHE", "Apache-2.0"),
    }


def test_unknown_manifest_license_stays_visible(tmp_path: Path, cache_dir: Path) -> None:
    root = tmp_path / "r"
    make_repo(root, {"package.json": '{"name": "x", "license": "SEE LICENSE IN EULA.txt"}\n'})
    report = _scan(root, tmp_path, cache_dir)
    assert report.declared_license.expression is not None
    assert report.declared_license.expression.startswith("LicenseRef-")
    assert "EULA" in report.declared_license.expression
    assert report.declared_license.sources[0].rule == "license = 'SEE LICENSE IN EULA.txt'"


def test_rescan_rereads_exactly_the_changed_file(tmp_path: Path, cache_dir: Path) -> None:
    root = tmp_path / "r"
    files = {f"src/m{i}.py": f"# {TAG}: MIT\nx = {i}\n" for i in range(12)}
    make_repo(root, files)
    first = _scan(root, tmp_path, cache_dir)
    assert first.summary.cache_hits == 0
    second = _scan(root, tmp_path, cache_dir)
    assert second.summary.cache_hits == 12
    assert second.files == first.files
    (root / "src/m3.py").write_text(f"# {TAG}: BSD-3-Clause\nx = 3\n")
    third = _scan(root, tmp_path, cache_dir)
    assert third.summary.cache_hits == 11
    assert _file(third, "src/m3.py").expression == "BSD-3-Clause"
    assert _file(third, "src/m4.py").expression == "MIT"


def test_plain_folder_cache_uses_content_hash(tmp_path: Path, cache_dir: Path) -> None:
    write_tree(tmp_path / "plain", {"a.txt": license_text("isc"), "b.txt": "nothing here\n"})
    first = _scan(tmp_path / "plain", tmp_path, cache_dir)
    assert _file(first, "a.txt").expression == "ISC"
    second = _scan(tmp_path / "plain", tmp_path, cache_dir)
    assert second.summary.cache_hits == 2


def test_process_pool_gives_the_same_result_as_one_process(tmp_path: Path, cache_dir: Path) -> None:
    root = tmp_path / "r"
    files = {f"f{i}.txt": license_text(k) for i, k in enumerate(["mit", "isc", "bsd-new", "apache-2.0"] * 4)}
    make_repo(root, files)
    one = scan(root, ScanOptions(jobs=1, cache_dir=None, index_dir=cache_dir))
    two = scan(root, ScanOptions(jobs=2, cache_dir=None, index_dir=cache_dir))
    assert one.files == two.files
    assert {f.expression for f in two.files} == {"MIT", "ISC", "BSD-3-Clause", "Apache-2.0"}


def test_unreadable_file_is_reported_and_the_scan_goes_on(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tree(tmp_path / "plain", {"secret.txt": license_text("mit"), "ok.txt": license_text("isc")})
    target = tmp_path / "plain" / "secret.txt"
    if os.geteuid() != 0:
        target.chmod(0)
    else:
        # root reads everything: make this one file refuse to open, as it would for a user.
        real_open = os.open

        def refusing_open(path: object, *args: object, **kw: object) -> int:
            if Path(str(path)) == target:
                raise PermissionError(errno.EACCES, "Permission denied", str(path))
            return real_open(path, *args, **kw)  # type: ignore[arg-type]

        monkeypatch.setattr(files_mod.os, "open", refusing_open)
    report = _scan(tmp_path / "plain", tmp_path, cache_dir)
    assert [(e.path, e.message) for e in report.errors] == [("secret.txt", "Permission denied")]
    assert _file(report, "ok.txt").expression == "ISC"


def test_invalid_utf8_and_invalid_tags(tmp_path: Path, cache_dir: Path) -> None:
    root = tmp_path / "r"
    make_repo(
        root,
        {
            "latin1.c": b"/* Copyright (c) 2001 Fran\xe7ois Dupont */\n/* " + TAG.encode() + b": MIT */\n",
            "bad.py": f"# {TAG}: MIT AND AND GPL\n",
        },
    )
    report = _scan(root, tmp_path, cache_dir)
    latin = _file(report, "latin1.c")
    assert latin.expression == "MIT"
    assert latin.copyrights[0].holder == "François Dupont"
    assert any(e.path == "bad.py" and "invalid" in e.message.lower() for e in report.errors)


def test_scan_never_writes_into_the_tree(tmp_path: Path, cache_dir: Path) -> None:
    root = tmp_path / "r"
    make_repo(root, {"a.py": f"# {TAG}: MIT\n", "LICENSE": license_text("mit")})
    (root / "a.py").write_text(f"# {TAG}: ISC\n")
    before = {p: (p.stat().st_mtime_ns, p.stat().st_size) for p in root.rglob("*")}
    _scan(root, tmp_path, cache_dir, untracked=True, reuse=True)
    after = {p: (p.stat().st_mtime_ns, p.stat().st_size) for p in root.rglob("*")}
    assert before == after


def test_see_license_follows_the_reference_to_the_nearest_license_file(
    tmp_path: Path, cache_dir: Path
) -> None:
    root = tmp_path / "r"
    make_repo(
        root,
        {
            "LICENSE": license_text("apache-2.0"),
            "vendor/lib/LICENSE": license_text("mit"),
            "src/app.py": "# For license information, please see LICENSE.\nx = 1\n",
            "vendor/lib/util.c": "/* See LICENSE file for license information */\nint y;\n",
            "orphan/x.py": "# Licensed under the terms outlined in the file COPYING.\n",
        },
    )
    report = _scan(root, tmp_path, cache_dir)
    app = _file(report, "src/app.py")
    assert app.expression == "Apache-2.0"
    assert app.findings[0].rule.endswith("-> LICENSE")
    assert _file(report, "vendor/lib/util.c").expression == "MIT"
    # A file named in a reference that does not exist stays an unknown reference, never a guess.
    orphan = _file(report, "orphan/x.py").expression
    assert orphan is not None and "unknown" in orphan


def test_copyright_statements_come_from_the_detector_and_spdx_tags(tmp_path: Path, cache_dir: Path) -> None:
    root = tmp_path / "r"
    make_repo(
        root,
        {
            "NEWS.rst": "* DOC: Update Copyright to 2022 [License]\n",
            "a.py": f"# {COPY}: 2024 Jane Doe <jane@example.org>\n# Copyright (c) 2019 ACME Inc.\n",
        },
    )
    report = _scan(root, tmp_path, cache_dir)
    # REUSE would count the changelog line as a notice; as a statement of who holds what it is none.
    assert _file(report, "NEWS.rst").copyrights == ()
    assert [(c.holder, c.years) for c in _file(report, "a.py").copyrights] == [
        ("Jane Doe", "2024"),
        ("ACME Inc.", "2019"),
    ]


def test_outside_git_unchanged_files_are_not_read_again(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from commonscheck.audit import scan as scan_mod

    plain = tmp_path / "plain"
    write_tree(plain, {"a.txt": license_text("mit"), "b.txt": license_text("isc")})
    old = 1_600_000_000
    for p in plain.iterdir():
        os.utime(p, (old, old))
    # utime sets the change time to now: the scans must run later for the stamps to be settled.
    _clock(monkeypatch, time.time_ns() + LATER_NS)
    first = _scan(plain, tmp_path, cache_dir)
    reads: list[str] = []
    real_read = scan_mod.read_file
    real_read_stamped = scan_mod.read_file_stamped

    def counting_read(root: Path, path: str, max_size: int = 10 * 1024 * 1024) -> bytes:
        reads.append(path)
        return real_read(root, path, max_size)

    def counting_read_stamped(root: Path, path: str, max_size: int = 10 * 1024 * 1024) -> tuple[bytes, str]:
        reads.append(path)
        return real_read_stamped(root, path, max_size)

    monkeypatch.setattr(scan_mod, "read_file", counting_read)
    monkeypatch.setattr(scan_mod, "read_file_stamped", counting_read_stamped)
    second = _scan(plain, tmp_path, cache_dir)
    assert reads == []
    assert second.files == first.files
    # Same size, same mtime, new content: the inode's change time still tells, so it is re-read.
    text = (plain / "b.txt").read_text()
    (plain / "b.txt").write_text(license_text("mit")[: len(text)].ljust(len(text)))
    os.utime(plain / "b.txt", (old, old))
    third = _scan(plain, tmp_path, cache_dir)
    assert "b.txt" in reads
    assert _file(third, "b.txt").blob != _file(first, "b.txt").blob


def test_texts_of_offered_licenses_do_not_turn_a_choice_into_and(tmp_path: Path, cache_dir: Path) -> None:
    root = tmp_path / "r"
    statement = (
        "This project is dual-licensed: you may use it under either the MIT License or the\n"
        "ISC License, at your choice. Both texts follow.\n\n"
    )
    texts = license_text("mit") + "\n---\n\n" + license_text("isc")
    make_repo(
        root,
        {
            "COPYING": statement + texts,
            "NOTICE": texts,
            "PROSE": "See the MIT License or the ISC license for details.\n",
        },
    )
    report = _scan(root, tmp_path, cache_dir)
    copying = _file(report, "COPYING")
    assert [(f.expression, f.kind) for f in copying.findings] == [
        ("MIT OR ISC", "reference"),
        ("MIT", "text"),
        ("ISC", "text"),
    ]
    assert copying.expression == "MIT OR ISC"
    # without a stated choice, two texts are two licenses, and "A or B" in prose is no grant
    assert _file(report, "NOTICE").expression == "ISC AND MIT"
    assert _file(report, "PROSE").expression == "ISC AND MIT"


# ---------------------------------------------------------------- blob ids remembered by file stamp

LATER_NS = 10_000_000_000  # well past the racy margin


def _count_hashes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the blob ids the scan computes by hashing content (each one means the file was read)."""
    from commonscheck.audit import scan as scan_mod

    sizes: list[int] = []
    real = scan_mod.git_blob_id

    def counting(data: bytes) -> str:
        sizes.append(len(data))
        return real(data)

    monkeypatch.setattr(scan_mod, "git_blob_id", counting)
    return sizes


def _clock(monkeypatch: pytest.MonkeyPatch, now: int) -> None:
    """Make the scan believe it runs at `now` (ns since the epoch) when it judges stamps racy."""
    from commonscheck.audit import scan as scan_mod

    monkeypatch.setattr(scan_mod, "_now_ns", lambda: now)


def _plain_tree(root: Path) -> None:
    write_tree(
        root,
        {
            "LICENSE": license_text("mit"),
            "src/a.py": f"# {TAG}: MIT\nx = 1\n",
            "src/b.py": f"# {COPY}: 2024 Jane Doe\n# {TAG}: ISC\n",
            "docs/notes.txt": "nothing here\n",
            "vendor/lib/COPYING": license_text("isc"),
            "img.bin": b"\x00\x01binary\x00" * 10,
        },
    )


def test_plain_rescan_hashes_no_unchanged_file_and_equals_a_cold_scan(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = tmp_path / "plain"
    _plain_tree(plain)
    _clock(monkeypatch, time.time_ns() + LATER_NS)
    first = _scan(plain, tmp_path, cache_dir)
    hashed = _count_hashes(monkeypatch)
    second = _scan(plain, tmp_path, cache_dir)
    assert hashed == []
    assert second.summary.cache_hits == 6
    cold = scan(plain, ScanOptions(jobs=1, cache_dir=None, index_dir=cache_dir))
    assert second.files == first.files == cold.files
    assert second.errors == cold.errors
    assert len(hashed) == 6  # the cold scan, with no cache, hashes every file


def test_same_size_rewrite_with_its_old_mtime_is_hashed_again(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = tmp_path / "plain"
    _plain_tree(plain)
    old = 1_600_000_000_000_000_000
    for p in plain.rglob("*"):
        if p.is_file():
            os.utime(p, ns=(old, old))
    _clock(monkeypatch, time.time_ns() + LATER_NS)
    first = _scan(plain, tmp_path, cache_dir)
    target = plain / "src" / "a.py"
    before = target.stat()
    time.sleep(0.01)  # a change time in another tick, on coarse-grained clocks too
    target.write_text(f"# {TAG}: ISC\nx = 1\n")
    os.utime(target, ns=(old, old))
    after = target.stat()
    # What the stamp has to tell them apart by: the size and mtime are those of the old content.
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert after.st_ino == before.st_ino
    assert after.st_ctime_ns != before.st_ctime_ns
    hashed = _count_hashes(monkeypatch)
    second = _scan(plain, tmp_path, cache_dir)
    assert hashed == [after.st_size]
    assert _file(second, "src/a.py").blob == files_mod.git_blob_id(target.read_bytes())
    assert _file(second, "src/a.py").expression == "ISC" != _file(first, "src/a.py").expression
    cold = scan(plain, ScanOptions(jobs=1, cache_dir=None, index_dir=cache_dir))
    assert second.files == cold.files


def test_racy_fresh_file_is_hashed_until_its_stamp_has_settled(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = tmp_path / "plain"
    _plain_tree(plain)
    _clock(monkeypatch, time.time_ns() + LATER_NS)
    _scan(plain, tmp_path, cache_dir)
    fresh = plain / "docs" / "notes.txt"
    fresh.write_text("still nothing here\n")
    st = fresh.stat()
    hashed = _count_hashes(monkeypatch)
    # The scans run within the same second as the write: the stamp could still hide a change
    # made in the same timestamp tick, so the blob id is not remembered for it.
    _clock(monkeypatch, max(st.st_mtime_ns, st.st_ctime_ns) + 500_000_000)
    _scan(plain, tmp_path, cache_dir)
    _scan(plain, tmp_path, cache_dir)
    assert hashed == [st.st_size, st.st_size]
    # Once it has settled, one more hash and the stamp vouches for it.
    _clock(monkeypatch, max(st.st_mtime_ns, st.st_ctime_ns) + LATER_NS)
    _scan(plain, tmp_path, cache_dir)
    last = _scan(plain, tmp_path, cache_dir)
    assert hashed == [st.st_size] * 3
    assert _file(last, "docs/notes.txt").blob == files_mod.git_blob_id(b"still nothing here\n")


def test_an_old_mtime_does_not_settle_a_fresh_change_time(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = tmp_path / "plain"
    write_tree(plain, {"a.txt": "first\n", "b.txt": "other\n"})
    # A tool that rewrites a file and sets its mtime back: only the change time is new, and it
    # is as racy as a fresh mtime (another rewrite in the same tick would keep the whole stamp).
    old = 1_600_000_000_000_000_000
    os.utime(plain / "a.txt", ns=(old, old))
    st = (plain / "a.txt").stat()
    _clock(monkeypatch, st.st_ctime_ns + 500_000_000)
    hashed = _count_hashes(monkeypatch)
    _scan(plain, tmp_path, cache_dir)
    _scan(plain, tmp_path, cache_dir)
    assert sorted(hashed) == [6, 6, 6, 6]


def test_a_future_mtime_is_never_trusted(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = tmp_path / "plain"
    write_tree(plain, {"a.txt": "hello\n"})
    future = time.time_ns() + 3600 * 10**9
    os.utime(plain / "a.txt", ns=(future, future))
    hashed = _count_hashes(monkeypatch)
    _scan(plain, tmp_path, cache_dir)
    _scan(plain, tmp_path, cache_dir)
    assert len(hashed) == 2


def test_modified_files_in_a_git_work_tree_are_not_hashed_again(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "r"
    make_repo(root, {"a.py": f"# {TAG}: MIT\n", "b.py": f"# {TAG}: MIT\n", "LICENSE": license_text("mit")})
    (root / "a.py").write_text(f"# {TAG}: ISC\n")
    _clock(monkeypatch, time.time_ns() + LATER_NS)
    hashed = _count_hashes(monkeypatch)
    first = _scan(root, tmp_path, cache_dir)
    assert len(hashed) == 1  # only the modified file: git's index vouches for the others
    second = _scan(root, tmp_path, cache_dir)
    assert len(hashed) == 1
    assert _file(second, "a.py").expression == "ISC"
    assert _file(second, "a.py").blob == files_mod.git_blob_id(f"# {TAG}: ISC\n".encode())
    assert second.files == first.files
