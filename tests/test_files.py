# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Which files a scan covers: git-tracked, untracked, gitignore walks, binaries, sizes, symlinks."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from commonscheck.audit.files import (
    NotScannable,
    decode_text,
    git_blob_id,
    is_binary,
    list_files,
    read_file,
)
from conftest import make_repo, write_tree


def _paths(listing: object) -> list[str]:
    return [f.path for f in listing.files]  # type: ignore[attr-defined]


def test_git_tree_lists_tracked_files_with_git_blob_ids(tmp_path: Path) -> None:
    root = tmp_path / "r"
    make_repo(root, {"a.py": "print(1)\n", "src/b.txt": "hello\n"})
    write_tree(root, {"untracked.txt": "new\n"})
    listing = list_files(root)
    assert listing.is_git
    assert _paths(listing) == ["a.py", "src/b.txt"]
    blobs = {f.path: f.blob for f in listing.files}
    expected = subprocess.run(
        ["git", "-C", str(root), "rev-parse", "HEAD:src/b.txt"], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert blobs["src/b.txt"] == expected == git_blob_id(b"hello\n")


def test_untracked_adds_files_git_does_not_ignore(tmp_path: Path) -> None:
    root = tmp_path / "r"
    make_repo(root, {"a.py": "x\n", ".gitignore": "*.log\n"})
    write_tree(root, {"new.py": "y\n", "debug.log": "z\n"})
    assert _paths(list_files(root)) == [".gitignore", "a.py"]
    assert _paths(list_files(root, untracked=True)) == [".gitignore", "a.py", "new.py"]


def test_modified_working_copy_has_no_blob_so_it_is_rehashed(tmp_path: Path) -> None:
    root = tmp_path / "r"
    make_repo(root, {"a.py": "x\n", "b.py": "y\n"})
    (root / "a.py").write_text("changed\n")
    blobs = {f.path: f.blob for f in list_files(root).files}
    assert blobs["a.py"] is None
    assert blobs["b.py"] == git_blob_id(b"y\n")


def test_plain_folder_walk_honours_nested_gitignore(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            ".gitignore": "build/\n*.tmp\n",
            "keep.py": "1\n",
            "x.tmp": "2\n",
            "build/out.py": "3\n",
            "sub/.gitignore": "!keep.tmp\nlocal.txt\n",
            "sub/keep.tmp": "4\n",
            "sub/local.txt": "5\n",
            "sub/other.txt": "6\n",
        },
    )
    listing = list_files(tmp_path)
    assert not listing.is_git
    assert _paths(listing) == [".gitignore", "keep.py", "sub/.gitignore", "sub/keep.tmp", "sub/other.txt"]


def test_excludes_and_size_limit(tmp_path: Path) -> None:
    root = tmp_path / "r"
    make_repo(root, {"vendor/lib.js": "a\n", "big.txt": "x" * 5000, "small.txt": "ok\n"})
    listing = list_files(root, excludes=["vendor/"], max_size=1000)
    assert _paths(listing) == ["small.txt"]
    assert [(s.path, s.reason) for s in listing.skipped] == [("big.txt", "too-large")]


def test_symlinks_are_never_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("secret GPL text\n")
    root = tmp_path / "r"
    make_repo(root, {"a.txt": "a\n"})
    os.symlink(outside, root / "link.txt")
    os.symlink(tmp_path, root / "linkdir")
    repo_listing = list_files(root, untracked=True)
    assert "link.txt" not in _paths(repo_listing)
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "f.txt").write_text("f\n")
    os.symlink(outside, plain / "link.txt")
    os.symlink(tmp_path, plain / "loop")
    listing = list_files(plain)
    assert _paths(listing) == ["f.txt"]
    assert ("link.txt", "symlink") in [(s.path, s.reason) for s in listing.skipped]
    with pytest.raises(OSError):
        read_file(plain, "link.txt")


def test_tracked_symlink_is_listed_as_skipped(tmp_path: Path) -> None:
    root = tmp_path / "r"
    root.mkdir()
    os.symlink("/etc/passwd", root / "passwd")
    make_repo(root, {"a.txt": "a\n"})
    subprocess.run(["git", "-C", str(root), "add", "passwd"], check=True)
    listing = list_files(root)
    assert ("passwd", "symlink") in [(s.path, s.reason) for s in listing.skipped]
    assert "passwd" not in _paths(listing)


def test_not_scannable_roots(tmp_path: Path) -> None:
    with pytest.raises(NotScannable, match="No such file"):
        list_files(tmp_path / "missing")
    f = tmp_path / "file.txt"
    f.write_text("x")
    with pytest.raises(NotScannable, match="not a folder"):
        list_files(f)


def test_binary_and_text_decoding() -> None:
    assert is_binary(b"\x89PNG\r\n\x1a\n\0\0\0")
    assert not is_binary("plain text é".encode())
    assert not is_binary("hi".encode("utf-16"))
    assert decode_text("hi".encode("utf-16")) == "hi"
    assert decode_text(b"\xef\xbb\xbfMIT") == "MIT"
    # Invalid UTF-8 never raises: it falls back to Latin-1.
    assert decode_text(b"caf\xe9 \xff") == "café ÿ"


def test_listing_never_writes_into_the_repository(tmp_path: Path) -> None:
    root = tmp_path / "r"
    make_repo(root, {"a.py": "x\n"})
    (root / "a.py").write_text("y\n")  # dirty: a refreshing git would rewrite .git/index
    before = {p: p.stat().st_mtime_ns for p in root.rglob("*")}
    list_files(root, untracked=True)
    after = {p: p.stat().st_mtime_ns for p in root.rglob("*")}
    assert before == after


def test_staged_files_keep_their_index_blob_until_the_working_copy_differs(tmp_path: Path) -> None:
    root = tmp_path / "r"
    make_repo(root, {"a.py": "x\n"})
    (root / "new.py").write_text("new\n")
    (root / "a.py").write_text("staged change\n")
    subprocess.run(["git", "-C", str(root), "add", "new.py", "a.py"], check=True)
    blobs = {f.path: f.blob for f in list_files(root).files}
    assert blobs == {"a.py": git_blob_id(b"staged change\n"), "new.py": git_blob_id(b"new\n")}
    (root / "new.py").write_text("edited after staging\n")
    assert {f.path: f.blob for f in list_files(root).files}["new.py"] is None
