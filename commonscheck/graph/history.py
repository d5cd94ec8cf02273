# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The git history streamed into Commit records, in one `git log` pass.

One `git log -z --numstat` process runs through GitPython's command interface (`as_process=True`) and
its output is parsed as it arrives, a chunk at a time: memory is bounded by the distinct names, emails
and paths (interned), never by the number of commits. Commits come newest first, in git log's order.

What git cannot give is marked, never dropped:
- a missing blob (a partial clone, a damaged object store) makes `git log --numstat` stop part way.
  The commits not yet read are listed with `git rev-list` (same filters, so the count is always right)
  and read on from the next one; the commit whose diff failed gets its file list without line counts
  (`--name-status` needs trees, not blobs) and `incomplete=True`.
- in a shallow clone the boundary commits (listed in `$GIT_DIR/shallow`) look like root commits: git
  shows all their files as added, which are not real changes, so they are marked incomplete too.
- merges keep `files=()`: git log shows no diff for them by default, their changes are their parents'
  (the commits the merge brings in are listed, and counted, on their own).

The repository is untrusted: git runs with hooks, fsmonitor, textconv, external diff, signature
checking, `log.follow` and every network protocol switched off, and nothing is written inside it. A
partial clone would fetch missing blobs from its promisor remote: `protocol.allow=never` makes that
attempt fail at once (and `GIT_NO_LAZY_FETCH=1` stops it before it starts on git >= 2.44).

Records are cached by commit id (with the options that change a record and a format version in the
key): a later run lists the ids with `git rev-list`, takes the cached records and runs `git log
--no-walk=unsorted --stdin` only for the commits it has not seen.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import git

from commonscheck.audit.files import GIT_ENV, SAFE_GIT
from commonscheck.cache import Cache
from commonscheck.model import Commit, FileChange, Trailer

# Bump when the record encoding or what a record holds changes: old cache entries are then ignored.
FORMAT_VERSION = 1

TRAILER_KEYS = (
    "Co-authored-by",
    "Signed-off-by",
    "Reviewed-by",
    "Acked-by",
    "Tested-by",
    "Reported-by",
    "Helped-by",
)
_CANONICAL = {k.lower(): k for k in TRAILER_KEYS}

# \x1d starts a commit (no numstat token can: they start with a digit, '-' or a newline, and the paths
# after a rename token are taken by position); fields are split on \x1f; trailers come last. git
# matches the key= filters case-insensitively and implies `only`.
_FORMAT = (
    "--format=%x1d%H%x1f%P%x1f%an%x1f%ae%x1f%at%x1f%cn%x1f%ce%x1f%ct%x1f%(trailers:"
    + ",".join(f"key={k}" for k in TRAILER_KEYS)
    + ",unfold)"
)

# Settings that could run a program, follow renames of a single path, hide root commits or
# change the output encoding are pinned, whatever the repository's own config says.
_EXTRA_CONFIG = (
    "log.showSignature=false",
    "log.follow=false",
    "log.showRoot=true",
    "diff.external=",
    "core.quotePath=false",
)
_LOG_COMMON = (
    "-z",
    _FORMAT,
    "--encoding=UTF-8",
    "--no-color",
    "--no-notes",
    "--no-show-signature",
    "--no-textconv",
    "--no-ext-diff",
    "--no-relative",
    "--diff-merges=off",
)
_ENV = {**GIT_ENV, "GIT_NO_LAZY_FETCH": "1", "GIT_PAGER": "cat", "PAGER": "cat"}

_PERSON = re.compile(r"\s*(.*?)\s*<([^<>\s]+)>\s*$")
_CHUNK = 1 << 16
_CACHE_BATCH = 1000
# batches handed to the cache writer and not yet written, at most
_CACHE_QUEUE = 8
# Past this many, failing commits are summed up in one line rather than listed one by one.
_MAX_ERROR_LINES = 20


@dataclass(frozen=True, slots=True)
class HistoryOptions:
    """Which commits to read: `rev` (default HEAD, a range such as `v1..v2` works), `since`/`until`
    (as git's --since/--until take them), `paths` (pathspecs; only these files are listed and only
    commits touching them are read), `no_merges`, and whether renames are detected (-M)."""

    rev: str | None = None
    since: str | None = None
    until: str | None = None
    paths: tuple[str, ...] = ()
    no_merges: bool = False
    renames: bool = True


@dataclass
class HistoryStats:
    """Filled while iterating: commits and merges read, commits whose files or line counts could not
    be read, whether the clone is shallow, how many records came from the cache, the earliest and
    latest author time, and one line per thing that could not be read."""

    commits: int = 0
    merges: int = 0
    incomplete: int = 0
    shallow: bool = False
    from_cache: int = 0
    first: int | None = None
    last: int | None = None
    errors: list[str] = field(default_factory=list)


class NotARepository(Exception):
    """The path is not (inside) a git repository; the message names it."""


class EmptyHistory(Exception):
    """No commits: an empty repository, an unborn branch, an unknown revision, or filters that match
    nothing. The message says which."""


def read_history(
    root: Path,
    options: HistoryOptions = HistoryOptions(),
    *,
    cache_dir: Path | None = None,
    stats: HistoryStats | None = None,
) -> Iterator[Commit]:
    """Stream the commits of the repository at `root` as `git log` lists them (newest first).

    Raises NotARepository or EmptyHistory (before the first commit). `stats`, when given, is filled in
    as the commits go by; its `errors` say what could not be read. With `cache_dir`, records are
    cached by commit id and a later run reads only the commits it has not seen."""
    reader = _Reader(Path(root), options, stats if stats is not None else HistoryStats())
    reader.check()
    return reader.run(cache_dir)


class _Failed(Exception):
    pass


class _Process:
    """One git process: its stdout read in chunks, its stderr drained by a thread (so that a flood of
    warnings cannot block git), the last lines kept for the error message."""

    def __init__(self, handle: Any, stdin: bytes | None) -> None:
        self.handle = handle
        self.proc: subprocess.Popen[bytes] = handle.proc
        self.tail: deque[bytes] = deque(maxlen=8)
        self._thread = threading.Thread(target=self._drain, daemon=True)
        self._thread.start()
        if stdin is not None:
            assert self.proc.stdin is not None
            try:
                self.proc.stdin.write(stdin)
                self.proc.stdin.close()
            except OSError:
                pass

    def _drain(self) -> None:
        err = self.proc.stderr
        if err is None:
            return
        for line in err:
            if line.strip():
                self.tail.append(line.rstrip())

    def chunks(self) -> Iterator[bytes]:
        out = self.proc.stdout
        assert out is not None
        read = getattr(out, "read1", out.read)
        while True:
            data = read(_CHUNK)
            if not data:
                return
            yield data

    def finish(self) -> tuple[int, str]:
        rc = self.proc.wait()
        self._thread.join(timeout=5)
        for stream in (self.proc.stdout, self.proc.stderr):
            if stream is not None:
                stream.close()
        lines = [ln.decode("utf-8", "replace") for ln in self.tail]
        # the fatal line says what stopped git; warnings before it are noise
        fatal = [ln for ln in lines if ln.startswith(("fatal:", "error:"))]
        return rc, (fatal[-1] if fatal else lines[-1] if lines else f"git exited with status {rc}")

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        with contextlib.suppress(OSError, ValueError):
            self.finish()


class _Reader:
    def __init__(self, root: Path, options: HistoryOptions, stats: HistoryStats) -> None:
        self.root = root
        self.options = options
        self.stats = stats
        self.boundary: frozenset[str] = frozenset()
        self.strings: dict[bytes, str] = {}
        self.failed = 0
        self.error = ""
        # -C with an absolute path: GitPython also runs git in that folder, a relative -C would
        # then point below it.
        where = str(root.absolute())
        g = git.Git(where)
        g.update_environment(**_ENV)
        safe = [v for v in SAFE_GIT if v != "-c"]
        g.set_persistent_git_options(C=where, c=[*safe, *_EXTRA_CONFIG])
        self.git = g
        rev = options.rev or "HEAD"
        filters: list[str] = []
        if options.since:
            filters.append(f"--since={options.since}")
        if options.until:
            filters.append(f"--until={options.until}")
        if options.no_merges:
            filters.append("--no-merges")
        self.walk = [*filters, "--end-of-options", rev, "--", *options.paths]
        self.diff = ["--numstat", "-M" if options.renames else "--no-renames"]

    # -- git -------------------------------------------------------------------------------------

    def _call(self, cmd: str, *args: str) -> tuple[int, bytes, str]:
        try:
            rc, out, err = getattr(self.git, cmd)(
                *args, with_extended_output=True, with_exceptions=False, stdout_as_string=False
            )
        except (OSError, git.GitCommandNotFound) as exc:
            raise NotARepository(f"{self.root}: git could not run ({exc})") from None
        text = err.decode("utf-8", "replace") if isinstance(err, bytes) else str(err)
        lines = [ln for ln in text.strip().splitlines() if ln.strip()]
        return rc, out, (lines[-1] if lines else "")

    def _start(self, args: Sequence[str], stdin: bytes | None = None) -> _Process:
        try:
            handle = self.git.log(
                *args, as_process=True, istream=subprocess.PIPE if stdin is not None else None
            )
        except (OSError, git.GitCommandNotFound) as exc:
            raise NotARepository(f"{self.root}: git could not run ({exc})") from None
        return _Process(handle, stdin)

    def check(self) -> None:
        """Fail early, with one clear line, when there is nothing to read."""
        if not self.root.is_dir():
            raise NotARepository(f"{self.root}: not a folder")
        rc, out, _ = self._call("rev_parse", "--is-shallow-repository", "--git-path", "shallow")
        if rc != 0:
            raise NotARepository(f"{self.root}: not a git repository")
        lines = out.decode("utf-8", "surrogateescape").splitlines()
        if lines and lines[0].strip() == "true":
            self.stats.shallow = True
            shallow = Path(lines[1]) if len(lines) > 1 else None
            if shallow is not None and not shallow.is_absolute():
                shallow = self.root.absolute() / shallow
            try:
                data = shallow.read_bytes() if shallow is not None else b""
            except OSError:
                data = b""
            self.boundary = frozenset(data.decode("ascii", "replace").split())
        rev = self.options.rev or "HEAD"
        rc, _, _ = self._call("rev_parse", "--quiet", "--end-of-options", rev, "--")
        if rc == 0:
            return
        if self.options.rev is None or rev == "HEAD":
            _, head, _ = self._call("symbolic_ref", "--quiet", "--short", "HEAD")
            _, refs, _ = self._call("for_each_ref", "--count=1", "--format=%(refname)")
            branch = head.decode("utf-8", "replace").strip()
            if not refs.strip():
                raise EmptyHistory(f"{self.root}: empty repository, no commits yet")
            raise EmptyHistory(f"{self.root}: branch {branch or 'HEAD'!r} has no commits yet (unborn)")
        raise EmptyHistory(f"{self.root}: unknown revision {rev!r}")

    def rev_list(self) -> list[bytes]:
        rc, out, err = self._call("rev_list", *self.walk)
        if rc != 0:
            raise _Failed(f"git rev-list failed: {err}")
        return out.split()

    # -- the run ---------------------------------------------------------------------------------

    def run(self, cache_dir: Path | None) -> Iterator[Commit]:
        stats = self.stats
        cache = Cache(cache_dir, "history") if cache_dir is not None else None
        if cache is not None and cache.error:
            stats.errors.append(cache.error)
        source = self._cached(cache) if cache is not None and cache.enabled else self._walk(None)
        try:
            for c in source:
                stats.commits += 1
                if len(c.parents) > 1:
                    stats.merges += 1
                if c.incomplete:
                    stats.incomplete += 1
                t = c.author_time
                if stats.first is None or t < stats.first:
                    stats.first = t
                if stats.last is None or t > stats.last:
                    stats.last = t
                yield c
        except _Failed as exc:
            stats.errors.append(str(exc))
        finally:
            if cache is not None:
                cache.close()
        if self.failed > _MAX_ERROR_LINES:
            stats.errors.append(
                f"{self.failed - _MAX_ERROR_LINES} more commits whose changes could not be read"
            )
        if self.failed:
            stats.errors.append(
                f"{self.failed} of {stats.commits} commits could not be read in full (missing objects):"
                " their files have no line counts"
            )
        if stats.shallow:
            stats.errors.append(
                f"history is shallow: {stats.commits} commits reachable; older history absent"
                f" ({len(self.boundary)} boundary commits marked incomplete)"
            )
        if stats.commits == 0:
            raise EmptyHistory(f"{self.root}: no commits match {self._describe()}")

    def _describe(self) -> str:
        o = self.options
        parts = [f"revision {o.rev or 'HEAD'!r}"]
        if o.since:
            parts.append(f"since {o.since!r}")
        if o.until:
            parts.append(f"until {o.until!r}")
        if o.paths:
            parts.append("paths " + ", ".join(o.paths))
        if o.no_merges:
            parts.append("no merges")
        return ", ".join(parts)

    def _walk(self, put: Callable[[Commit], None] | None) -> Iterator[Commit]:
        """The one streaming pass; on a failure, the commits after the last one known whole."""
        proc = self._start([*_LOG_COMMON, *self.diff, *self.walk])
        n = 0
        last: list[Commit] = []
        try:
            for c in self._parse(proc.chunks(), last):
                n += 1
                if put is not None:
                    put(c)
                yield c
        except BaseException:
            proc.kill()
            raise
        rc, err = proc.finish()
        if rc == 0:
            for c in last:
                if put is not None:
                    put(c)
                yield c
            return
        # git may have printed the header (and some files) of the commit it failed on, or failed on
        # the next one before printing anything: the last commit seen is read again.
        self.error = err
        ids = self.rev_list()
        if len(ids) > n:
            yield from self._read_ids(ids[n:], put=put, size=1)

    def _note(self, oid: bytes, err: str) -> None:
        self.failed += 1
        if self.failed <= _MAX_ERROR_LINES:
            self.stats.errors.append(f"commit {oid.decode('ascii', 'replace')}: {err}")

    def _read_ids(
        self, ids: Sequence[bytes], *, put: Callable[[Commit], None] | None, size: int = 256
    ) -> Iterator[Commit]:
        """These commits, in this order, with their line counts where git can give them. After git
        fails, the next commit is tried alone: if that fails too it is the one git cannot read, and
        it gets its file list without counts. Each failure so moves on by at least one commit."""
        i = 0
        failing = False
        args = [*_LOG_COMMON, *self.diff, "--no-walk=unsorted", "--stdin", "--", *self.options.paths]
        while i < len(ids):
            if failing:
                self._note(ids[i], self.error)
                yield self._read_one(ids[i], files=True)
                i += 1
                failing = False
                continue
            part = ids[i : i + size]
            proc = self._start(args, b"\n".join(part) + b"\n")
            j = 0
            last: list[Commit] = []
            try:
                for c in self._parse(proc.chunks(), last):
                    oid = c.id.encode("ascii")
                    while j < len(part) and part[j] != oid:
                        # git leaves out a commit the pathspec does not touch (a merge): no files
                        yield self._read_one(part[j], files=False)
                        j += 1
                    if j == len(part):
                        proc.kill()
                        raise _Failed(f"git log gave commit {c.id}, which was not asked for; stopped here")
                    j += 1
                    if put is not None:
                        put(c)
                    yield c
            except BaseException:
                proc.kill()
                raise
            rc, err = proc.finish()
            if rc == 0:
                for c in last:
                    oid = c.id.encode("ascii")
                    while j < len(part) and part[j] != oid:
                        yield self._read_one(part[j], files=False)
                        j += 1
                    if j < len(part):
                        j += 1
                        if put is not None:
                            put(c)
                        yield c
                for oid in part[j:]:
                    yield self._read_one(oid, files=False)
                i += len(part)
                size = min(size * 2, 1 << 14)
            else:
                # the last commit git printed (if any) may be the one it failed on: it is tried
                # alone next, which settles it
                self.error = err
                failing = len(part) == 1
                i += j
                size = 1

    def _read_one(self, oid: bytes, *, files: bool) -> Commit:
        """One commit without line counts: `files` lists its paths from the trees alone (no blob is
        read) and marks it incomplete; else its header only."""
        base = [*_LOG_COMMON, "--no-walk=unsorted", "--end-of-options", oid.decode("ascii"), "--"]
        if files:
            proc = self._start(["--name-status", "--no-renames", *base, *self.options.paths])
            commits: list[Commit] = []
            commits.extend(self._parse(proc.chunks(), commits, name_status=True))
            rc, _ = proc.finish()
            if rc == 0 and commits:
                c = commits[0]
                return Commit(
                    c.id, c.parents, c.author_name, c.author_email, c.author_time, c.committer_name,
                    c.committer_email, c.committer_time, c.files, c.trailers, True,
                )  # fmt: skip
        proc = self._start(base)
        commits = []
        commits.extend(self._parse(proc.chunks(), commits))
        rc, err = proc.finish()
        if rc != 0 or not commits:
            raise _Failed(f"commit {oid.decode('ascii', 'replace')}: cannot be read ({err}); stopped here")
        c = commits[0]
        if files:
            return Commit(
                c.id, c.parents, c.author_name, c.author_email, c.author_time, c.committer_name,
                c.committer_email, c.committer_time, (), c.trailers, True,
            )  # fmt: skip
        return c

    # -- the cache -------------------------------------------------------------------------------

    def _cache_key(self) -> str:
        o = self.options
        paths = hashlib.sha1("\0".join(o.paths).encode("utf-8", "surrogateescape"), usedforsecurity=False)
        return f"{FORMAT_VERSION}{'M' if o.renames else 'N'}{paths.hexdigest()[:12] if o.paths else ''}:"

    def _cached(self, cache: Cache) -> Iterator[Commit]:
        prefix = self._cache_key()
        pending: list[Commit] = []
        boundary = self.boundary
        # Records are encoded and written by one thread of their own, with its own connection
        # (SQLite connections stay in their thread): the reading thread spends much of a cold run
        # waiting for git, and the writer uses that time instead of adding to it.
        writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="history-cache")
        local = threading.local()
        folder = cache.folder
        queued: deque[Future[None]] = deque()

        def write(batch: list[Commit]) -> None:
            db = getattr(local, "cache", None)
            if db is None:
                db = local.cache = Cache(folder, cache.namespace)
            db.put_many({prefix + c.id: _encode(c) for c in batch})

        def put(c: Commit) -> None:
            if c.incomplete:
                return
            pending.append(c)
            if len(pending) >= _CACHE_BATCH:
                queued.append(writer.submit(write, pending[:]))
                pending.clear()
                # bounded: should the writer fall behind, the reader waits rather than hold
                # the whole history in memory
                while len(queued) > _CACHE_QUEUE:
                    queued.popleft().result()

        try:
            ids = self.rev_list()
            # A sample says whether the cache knows this history at all; when it does not, one
            # streaming pass (which fills it) beats reading by batches.
            step = max(1, len(ids) // 64)
            sample = [prefix + oid.decode("ascii") for oid in ids[::step]]
            if not cache.get_many(sample):
                yield from self._walk(put)
                return
            for start in range(0, len(ids), _CACHE_BATCH):
                batch = [oid.decode("ascii") for oid in ids[start : start + _CACHE_BATCH]]
                got = cache.get_many([prefix + oid for oid in batch if oid not in boundary])
                known: dict[str, Commit] = {}
                for oid in batch:
                    rec = got.get(prefix + oid)
                    c = self._decode(oid, rec) if rec is not None else None
                    if c is not None:
                        known[oid] = c
                missing = [oid.encode("ascii") for oid in batch if oid not in known]
                fresh = self._read_ids(missing, put=put) if missing else iter(())
                for oid in batch:
                    hit = known.get(oid)
                    if hit is None:
                        yield next(fresh)
                    else:
                        self.stats.from_cache += 1
                        yield hit
        finally:
            if pending:
                writer.submit(write, pending[:])
            writer.submit(lambda: getattr(local, "cache", None) and local.cache.close())
            writer.shutdown(wait=True)

    def _decode(self, oid: str, rec: Any) -> Commit | None:
        try:
            parents, an, ae, at, cn, ce, ct, files, trailers = rec
            s = self._str
            return Commit(
                oid,
                tuple(parents.split()),
                s(an),
                s(ae),
                int(at),
                s(cn),
                s(ce),
                int(ct),
                tuple(FileChange(s(p), s(o) if o is not None else None, a, d) for p, o, a, d in files),
                tuple(Trailer(k, s(n), s(e)) for k, n, e in trailers),
            )
        except (TypeError, ValueError, AttributeError):
            return None  # a damaged entry: read it again from git

    @staticmethod
    def _str(value: str) -> str:
        return sys.intern(str(value))

    # -- parsing ---------------------------------------------------------------------------------

    def _parse(
        self, chunks: Iterator[bytes], last: list[Commit], *, name_status: bool = False
    ) -> Iterator[Commit]:
        """Commits from `git log -z` output: a \\x1d header token, then numstat tokens
        (`added\\tdeleted\\tpath`, or `added\\tdeleted\\t` followed by the old and the new path), or
        with `name_status` status and path token pairs. The last commit is not yielded but appended
        to `last`: only git's exit status says whether its file list is whole."""
        strings = self.strings
        boundary = self.boundary

        def text(raw: bytes) -> str:
            s = strings.get(raw)
            if s is None:
                s = strings[raw] = sys.intern(raw.decode("utf-8", "surrogateescape"))
            return s

        head: list[bytes] | None = None
        files: list[FileChange] = []
        state = 0  # 0: a numstat token, 1: old path of a rename, 2: new path, 3: name-status path
        added: int | None = None
        deleted: int | None = None
        old = ""
        rest = b""
        for chunk in chunks:
            tokens = (rest + chunk).split(b"\0") if rest else chunk.split(b"\0")
            rest = tokens.pop()
            for tok in tokens:
                if state == 0:
                    if tok[:1] == b"\x1d":
                        if head is not None:
                            yield self._commit(head, files, text, boundary)
                            files = []
                        head = tok[1:].split(b"\x1f", 8)
                        continue
                    if tok[:1] == b"\n":
                        tok = tok[1:]
                    if not tok:
                        continue
                    if name_status:
                        state = 3
                        continue
                    a, d, p = tok.split(b"\t", 2)
                    added = None if a == b"-" else int(a)
                    deleted = None if d == b"-" else int(d)
                    if p:
                        files.append(FileChange(text(p), None, added, deleted))
                    else:
                        state = 1
                elif state == 1:
                    old = text(tok)
                    state = 2
                elif state == 2:
                    files.append(FileChange(text(tok), old, added, deleted))
                    state = 0
                else:
                    files.append(FileChange(text(tok), None, None, None))
                    state = 0
        if head is not None:
            last.append(self._commit(head, files, text, boundary))

    def _commit(
        self,
        head: list[bytes],
        files: list[FileChange],
        text: Callable[[bytes], str],
        boundary: frozenset[str],
    ) -> Commit:
        if len(head) < 9:
            head = [*head, *([b""] * (9 - len(head)))]
        oid = head[0].decode("ascii", "replace")
        parents = tuple(head[1].decode("ascii", "replace").split())
        tr = head[8]
        trailers = _trailers(tr, text) if tr.strip() else ()
        # a merge's diff is its parents' changes: git shows none, and none is kept
        return Commit(
            oid,
            parents,
            text(head[2]),
            text(head[3]),
            _int(head[4]),
            text(head[5]),
            text(head[6]),
            _int(head[7]),
            tuple(files) if len(parents) < 2 else (),
            trailers,
            oid in boundary,
        )


def _int(raw: bytes) -> int:
    try:
        return int(raw)
    except ValueError:
        return 0


def _trailers(raw: bytes, text: Callable[[bytes], str]) -> tuple[Trailer, ...]:
    out: list[Trailer] = []
    for line in raw.split(b"\n"):
        key, sep, value = line.partition(b":")
        if not sep:
            continue
        canon = _CANONICAL.get(key.strip().decode("ascii", "replace").lower())
        if canon is None:
            continue
        m = _PERSON.match(value.decode("utf-8", "replace"))
        if m is None or not m.group(1):
            continue  # malformed: no name, or no <email>
        out.append(Trailer(canon, sys.intern(m.group(1)), sys.intern(m.group(2))))
    return tuple(out)


def _encode(c: Commit) -> list[Any]:
    return [
        " ".join(c.parents),
        c.author_name,
        c.author_email,
        c.author_time,
        c.committer_name,
        c.committer_email,
        c.committer_time,
        [[f.path, f.old_path, f.added, f.deleted] for f in c.files],
        [[t.key, t.name, t.email] for t in c.trailers],
    ]


__all__ = [
    "TRAILER_KEYS",
    "EmptyHistory",
    "HistoryOptions",
    "HistoryStats",
    "NotARepository",
    "read_history",
]
