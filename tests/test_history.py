# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""graph/history.py against git itself, on real repositories built in tmp_path."""

from __future__ import annotations

import os
import subprocess
from collections import Counter
from pathlib import Path

import git
import pytest

from commonscheck.graph.history import (
    EmptyHistory,
    HistoryOptions,
    HistoryStats,
    NotARepository,
    read_history,
)
from commonscheck.model import Commit, FileChange, Trailer
from conftest import AUTHOR, write_tree

BOB = git.Actor("Bob Builder", "bob@example.com")
ZOE = git.Actor("Zoë Ærø", "zoe@exämple.org")
T0 = 1_600_000_000
DAY = 86_400


def commit(
    repo: git.Repo,
    files: dict[str, str | bytes],
    message: str,
    who: git.Actor = AUTHOR,
    t: int = T0,
    remove: tuple[str, ...] = (),
) -> str:
    root = Path(repo.working_tree_dir or ".")
    write_tree(root, files)
    for path in remove:
        repo.git.rm("-q", path)
    repo.git.add("--all")
    date = f"{t} +0000"
    c = repo.index.commit(message, author=who, committer=who, author_date=date, commit_date=date)
    return c.hexsha


def git_out(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(root), *args], capture_output=True, check=True, text=True, encoding="utf-8"
    ).stdout


def read(
    root: Path, options: HistoryOptions | None = None, **kw: object
) -> tuple[list[Commit], HistoryStats]:
    stats = HistoryStats()
    commits = list(read_history(root, options or HistoryOptions(), stats=stats, **kw))  # type: ignore[arg-type]
    return commits, stats


def tree_state(root: Path) -> dict[str, tuple[int, int]]:
    """Every file under root with its size and mtime: what says nothing was written."""
    out = {}
    for dirpath, _dirs, names in os.walk(root):
        for n in names:
            p = Path(dirpath) / n
            st = p.lstat()
            out[str(p.relative_to(root))] = (st.st_size, st.st_mtime_ns)
    return out


@pytest.fixture
def history(tmp_path: Path) -> Path:
    """Five commits by three people over five days: a rename, a binary file, a deletion, non-ASCII
    paths, then a merge of a side branch."""
    root = tmp_path / "repo"
    root.mkdir()
    repo = git.Repo.init(root, initial_branch="main")
    with repo.config_writer() as cw:
        cw.set_value("user", "name", "Merger")
        cw.set_value("user", "email", "merger@example.net")
    commit(repo, {"a.txt": "one\ntwo\nthree\n", "logo.png": b"\x89PNG\0\1\2\3"}, "first", AUTHOR, T0)
    commit(repo, {"a.txt": "one\n2\nthree\nfour\n", "b.txt": "b\n"}, "second", BOB, T0 + DAY)
    repo.git.mv("a.txt", "renamed.txt")
    commit(repo, {"renamed.txt": "one\n2\nthree\nfour\nfive\n"}, "rename", ZOE, T0 + 2 * DAY)
    commit(
        repo, {"dïr/ünïcode name.txt": "x\ny\n", "logo.png": b"\x89PNG\0\x09"}, "unicode", ZOE, T0 + 3 * DAY
    )
    base = repo.head.commit.hexsha
    commit(repo, {}, "delete b", BOB, T0 + 4 * DAY, remove=("b.txt",))
    repo.git.checkout("-q", "-b", "side", base)
    commit(repo, {"side.txt": "s\n"}, "side work", BOB, T0 + 5 * DAY)
    repo.git.checkout("-q", "main")
    env = {"GIT_AUTHOR_DATE": f"{T0 + 6 * DAY} +0000", "GIT_COMMITTER_DATE": f"{T0 + 6 * DAY} +0000"}
    repo.git.merge("--no-ff", "-q", "-m", "merge side", "side", env=env)
    return root


def parse_numstat(text: str) -> dict[str, set[tuple[str, str, str]]]:
    """`git log --numstat --format=@%H` -> commit id -> {(added, deleted, path)}."""
    out: dict[str, set[tuple[str, str, str]]] = {}
    cur = ""
    for line in text.splitlines():
        if line.startswith("@"):
            cur = line[1:]
            out[cur] = set()
        elif line.strip():
            a, d, p = line.split("\t", 2)
            out[cur].add((a, d, p))
    return out


def test_counts_identities_and_numstat_match_git(history: Path) -> None:
    commits, stats = read(history, HistoryOptions(renames=False))
    assert stats.commits == len(commits) == int(git_out(history, "rev-list", "--count", "HEAD")) == 7
    assert [c.id for c in commits] == git_out(history, "rev-list", "HEAD").split()
    raw = Counter(git_out(history, "log", "--format=%an <%ae>").splitlines())
    ours = Counter(f"{c.author_name} <{c.author_email}>" for c in commits)
    assert ours == raw
    committers = Counter(git_out(history, "log", "--format=%cn|%ce|%ct").splitlines())
    assert (
        Counter(f"{c.committer_name}|{c.committer_email}|{c.committer_time}" for c in commits) == committers
    )
    expected = parse_numstat(
        git_out(history, "-c", "core.quotePath=false", "log", "--no-renames", "--numstat", "--format=@%H")
    )
    for c in commits:
        got = {
            ("-" if f.added is None else str(f.added), "-" if f.deleted is None else str(f.deleted), f.path)
            for f in c.files
        }
        assert got == expected[c.id], c.id
    assert stats.merges == 1 and stats.incomplete == 0 and stats.errors == [] and not stats.shallow
    assert stats.first == T0 and stats.last == T0 + 6 * DAY
    assert {c.author_time for c in commits} == {T0 + i * DAY for i in range(7)}


def test_rename_binary_merge_and_unicode(history: Path) -> None:
    commits, stats = read(history)
    by_msg = {git_out(history, "log", "-1", "--format=%s", c.id).strip(): c for c in commits}
    ren = by_msg["rename"]
    assert ren.files == (FileChange("renamed.txt", "a.txt", 1, 0),)
    assert ren.author_name == "Zoë Ærø" and ren.author_email == "zoe@exämple.org"
    first = by_msg["first"]
    assert FileChange("logo.png", None, None, None) in first.files
    assert FileChange("a.txt", None, 3, 0) in first.files and first.parents == ()
    uni = by_msg["unicode"]
    assert FileChange("dïr/ünïcode name.txt", None, 2, 0) in uni.files
    assert by_msg["delete b"].files == (FileChange("b.txt", None, 0, 1),)
    merge = by_msg["merge side"]
    assert merge.merge and len(merge.parents) == 2 and merge.files == ()
    assert merge.author_name == "Merger"
    assert sum(c.merge for c in commits) == stats.merges == 1
    # without rename detection the rename is a deletion and an addition
    plain, _ = read(history, HistoryOptions(renames=False))
    ren2 = next(c for c in plain if c.id == ren.id)
    assert {(f.path, f.old_path) for f in ren2.files} == {("renamed.txt", None), ("a.txt", None)}


def test_filters_match_rev_list(history: Path) -> None:
    def ids(*args: str) -> list[str]:
        return git_out(history, "rev-list", *args).split()

    cases = [
        (HistoryOptions(rev="side"), ["side"]),
        (HistoryOptions(rev="main~2..main"), ["main~2..main"]),
        (HistoryOptions(since=str(T0 + 3 * DAY)), [f"--since={T0 + 3 * DAY}", "HEAD"]),
        (HistoryOptions(until=str(T0 + 2 * DAY)), [f"--until={T0 + 2 * DAY}", "HEAD"]),
        (HistoryOptions(paths=("renamed.txt",)), ["HEAD", "--", "renamed.txt"]),
        (HistoryOptions(paths=("dïr",)), ["HEAD", "--", "dïr"]),
        (HistoryOptions(no_merges=True), ["--no-merges", "HEAD"]),
    ]
    everything = ids("HEAD")
    for options, args in cases:
        commits, stats = read(history, options)
        want = ids(*args)
        assert [c.id for c in commits] == want, options
        assert stats.commits == len(want) and 0 < len(want) < len(everything), options
    # a path filter lists only the files it names
    commits, _ = read(history, HistoryOptions(paths=("logo.png",)))
    assert len(commits) == 2 and all(f.path == "logo.png" for c in commits for f in c.files)
    commits, stats = read(history, HistoryOptions(no_merges=True))
    assert stats.merges == 0 and not any(c.merge for c in commits)


def test_trailers(tmp_path: Path) -> None:
    root = tmp_path / "t"
    repo = git.Repo.init(root, initial_branch="main")
    message = (
        "feat: things\n\nBody text.\nNot-a-trailer: in the body <x@y>\n\n"
        "Co-authored-by: Carol One <carol@example.org>\n"
        "SIGNED-OFF-BY: Dan Two <dan@example.org>\n"
        "reviewed-by: Eve Three <eve@example.org>\n"
        "Acked-By: Fay Four <fay@example.org>\n"
        "Tested-by: Gus Five <gus@example.org>\n"
        "Reported-by: Hal Six <hal@example.org>\n"
        "Helped-by: Ivy Seven <ivy@example.org>\n"
        "Signed-off-by: no email here\n"
        "Co-authored-by: <only@email.org>\n"
        "Closes: #12\n"
    )
    commit(repo, {"f": "1\n"}, message)
    commit(repo, {"f": "2\n"}, "no trailers\n\nCo-authored-by: Not Last <paragraph@example.org>\n\nbody")
    commits, _ = read(root)
    assert commits[0].trailers == ()
    assert commits[1].trailers == (
        Trailer("Co-authored-by", "Carol One", "carol@example.org"),
        Trailer("Signed-off-by", "Dan Two", "dan@example.org"),
        Trailer("Reviewed-by", "Eve Three", "eve@example.org"),
        Trailer("Acked-by", "Fay Four", "fay@example.org"),
        Trailer("Tested-by", "Gus Five", "gus@example.org"),
        Trailer("Reported-by", "Hal Six", "hal@example.org"),
        Trailer("Helped-by", "Ivy Seven", "ivy@example.org"),
    )


def test_never_writes_in_repository(history: Path) -> None:
    before = tree_state(history)
    read(history)
    assert tree_state(history) == before


def test_shallow_clone(history: Path, tmp_path: Path) -> None:
    clone = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "2", "--no-local", f"file://{history}", str(clone)], check=True
    )
    commits, stats = read(clone)
    assert stats.shallow
    assert stats.commits == len(commits) == int(git_out(clone, "rev-list", "--count", "HEAD")) < 7
    boundary = set((clone / ".git" / "shallow").read_text().split())
    assert boundary and {c.id for c in commits if c.incomplete} == boundary
    assert stats.incomplete == len(boundary)
    assert any(e.startswith(f"history is shallow: {stats.commits} commits reachable") for e in stats.errors)
    full, full_stats = read(history)
    assert not full_stats.shallow and not any(c.incomplete for c in full)


def _count_objects(root: Path) -> str:
    return git_out(root, "count-objects", "-v")


def test_deleted_blob_keeps_every_commit(history: Path) -> None:
    repo = git.Repo(history)
    # the blob of a.txt as the second commit left it; the rename commit needs it for its diff
    second = next(c for c in repo.iter_commits("main") if c.message.strip() == "second")
    blob = second.tree["a.txt"].hexsha
    obj = history / ".git" / "objects" / blob[:2] / blob[2:]
    assert obj.exists()
    obj.chmod(0o644)
    obj.unlink()
    commits, stats = read(history)
    assert stats.commits == len(commits) == 7
    assert [c.id for c in commits] == git_out(history, "rev-list", "HEAD").split()
    bad = [c for c in commits if c.incomplete]
    assert {git_out(history, "log", "-1", "--format=%s", c.id).strip() for c in bad} <= {"second", "rename"}
    assert bad and stats.incomplete == len(bad)
    for c in bad:
        assert c.files and all(f.added is None and f.deleted is None for f in c.files)
    ok = next(c for c in commits if git_out(history, "log", "-1", "--format=%s", c.id).strip() == "unicode")
    assert not ok.incomplete and FileChange("dïr/ünïcode name.txt", None, 2, 0) in ok.files
    assert any(blob in e for e in stats.errors)
    assert any("could not be read in full" in e for e in stats.errors)


def test_partial_clone_is_complete_and_fetches_nothing(history: Path, tmp_path: Path) -> None:
    git.Repo(history).git.config("uploadpack.allowFilter", "true")
    clone = tmp_path / "partial"
    subprocess.run(
        ["git", "clone", "-q", "--filter=blob:none", "--no-checkout", f"file://{history}", str(clone)],
        check=True,
    )
    before = _count_objects(clone)
    packs = sorted(p.name for p in (clone / ".git" / "objects" / "pack").iterdir())
    commits, stats = read(clone)
    assert stats.commits == len(commits) == int(git_out(clone, "rev-list", "--count", "HEAD")) == 7
    assert stats.incomplete == sum(c.incomplete for c in commits) > 0
    # the merge has no diff to read, so it is whole; every other commit needs blobs
    assert all(c.incomplete for c in commits if not c.merge)
    assert all(f.added is None for c in commits for f in c.files)
    assert any("promisor" in e or "unable to read" in e for e in stats.errors)
    assert _count_objects(clone) == before
    assert sorted(p.name for p in (clone / ".git" / "objects" / "pack").iterdir()) == packs


def test_empty_unborn_bad_rev_and_not_a_repository(tmp_path: Path, history: Path) -> None:
    empty = tmp_path / "empty"
    git.Repo.init(empty, initial_branch="main")
    with pytest.raises(EmptyHistory, match="empty repository"):
        read_history(empty)
    # a repository with commits whose HEAD names a branch that has none
    git.Repo(history).git.symbolic_ref("HEAD", "refs/heads/nothing-yet")
    with pytest.raises(EmptyHistory, match="'nothing-yet' has no commits yet"):
        read_history(history)
    assert len(list(read_history(history, HistoryOptions(rev="main")))) == 7
    with pytest.raises(EmptyHistory, match="unknown revision 'no-such-branch'"):
        read_history(history, HistoryOptions(rev="no-such-branch"))
    with pytest.raises(EmptyHistory, match="no commits match"):
        list(read_history(history, HistoryOptions(rev="main", since=str(T0 + 100 * DAY))))
    plain = tmp_path / "plain"
    plain.mkdir()
    with pytest.raises(NotARepository, match=str(plain)):
        read_history(plain)
    with pytest.raises(NotARepository, match="missing"):
        read_history(tmp_path / "missing")


def test_cache_reads_only_new_commits(history: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    uncached, _ = read(history)
    first, s1 = read(history, cache_dir=cache)
    assert first == uncached and s1.from_cache == 0
    second, s2 = read(history, cache_dir=cache)
    assert second == uncached and s2.from_cache == 7 and s2.commits == 7
    repo = git.Repo(history)
    commit(repo, {"new.txt": "n\n"}, "new one", BOB, T0 + 7 * DAY)
    commit(repo, {"new.txt": "n\nm\n"}, "new two", AUTHOR, T0 + 8 * DAY)
    third, s3 = read(history, cache_dir=cache)
    assert s3.commits == 9 and s3.from_cache == 7
    assert third == read(history)[0]
    assert third[0].files == (FileChange("new.txt", None, 1, 0),)
    # options that change a record have their own entries
    _, s4 = read(history, HistoryOptions(renames=False), cache_dir=cache)
    assert s4.from_cache == 0
    # filters select from the same cache entries
    since, s5 = read(history, HistoryOptions(since=str(T0 + 5 * DAY)), cache_dir=cache)
    assert [c.id for c in since] == git_out(history, "rev-list", f"--since={T0 + 5 * DAY}", "HEAD").split()
    assert s5.from_cache == len(since)


def test_cache_never_stores_incomplete_records(history: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    repo = git.Repo(history)
    second = next(c for c in repo.iter_commits("main") if c.message.strip() == "second")
    blob = second.tree["a.txt"].hexsha
    obj = history / ".git" / "objects" / blob[:2] / blob[2:]
    saved = obj.read_bytes()
    obj.chmod(0o644)
    obj.unlink()
    _, s1 = read(history, cache_dir=cache)
    assert s1.incomplete > 0 and s1.commits == 7
    _, s2 = read(history, cache_dir=cache)
    assert s2.from_cache == 7 - s1.incomplete and s2.incomplete == s1.incomplete
    obj.write_bytes(saved)
    healed, s3 = read(history, cache_dir=cache)
    assert s3.incomplete == 0 and healed == read(history)[0]


def test_repository_config_cannot_change_what_is_read(history: Path) -> None:
    # log.follow would make a one-path log follow the rename back into a.txt's history
    git.Repo(history).git.config("log.follow", "true")
    git.Repo(history).git.config("log.showRoot", "false")
    followed = git_out(history, "log", "--format=%H", "--", "renamed.txt").split()
    commits, _ = read(history, HistoryOptions(paths=("renamed.txt",)))
    assert [c.id for c in commits] == git_out(history, "rev-list", "HEAD", "--", "renamed.txt").split()
    assert len(commits) < len(followed)
    first = read(history)[0][-1]
    assert first.parents == () and FileChange("a.txt", None, 3, 0) in first.files
