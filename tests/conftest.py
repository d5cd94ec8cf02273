# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Shared fixtures: real git repositories in tmp_path, real license texts from the reference data."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib.resources import files as package_files
from pathlib import Path

import git
import pytest

from commonscheck.cache import default_cache_dir

AUTHOR = git.Actor("Ada Tester", "ada@example.org")


def license_text(key: str) -> str:
    """The text of a license from ScanCode's database (licensedcode-data), without front matter."""
    raw = (package_files("licensedcode") / "data" / "licenses" / f"{key}.LICENSE").read_text("utf-8")
    # The file is YAML front matter between two '---' lines, then the text.
    _, _, rest = raw.partition("---\n")
    _, _, body = rest.partition("\n---\n")
    return body.strip("\n") + "\n"


def write_tree(root: Path, files: Mapping[str, str | bytes]) -> None:
    """Write files (text or bytes) under root, creating folders."""
    for rel, content in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            p.write_bytes(content)
        else:
            p.write_text(content, encoding="utf-8")


def make_repo(root: Path, files: Mapping[str, str | bytes], message: str = "initial") -> git.Repo:
    """A real git repository at root with one commit holding files (and whatever else is
    already in the folder)."""
    root.mkdir(parents=True, exist_ok=True)
    repo = git.Repo.init(root, initial_branch="main")
    write_tree(root, files)
    # git's own `add`, as a user would: everything in the tree, symlinks included.
    repo.git.add("--all")
    repo.index.commit(message, author=AUTHOR, committer=AUTHOR)
    return repo


@pytest.fixture(scope="session")
def cache_dir() -> Path:
    """The cache folder shared by the session: the license index is built once per machine
    (CI points COMMONSCHECK_CACHE_DIR at a fresh folder), scan results go to per-test folders."""
    return default_cache_dir()


@pytest.fixture
def repo_factory(tmp_path: Path) -> Callable[..., Path]:
    """Build a git repository under tmp_path: repo_factory(files, name="repo") -> its path."""

    def build(files: Mapping[str, str | bytes], name: str = "repo") -> Path:
        root = tmp_path / name
        make_repo(root, files)
        return root

    return build
