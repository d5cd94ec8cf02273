# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Which files a scan covers, and reading them safely.

In a git work tree the files are what git tracks (plus, on request, the untracked files git does not
ignore); elsewhere a walk that honours .gitignore files. The scanned tree is untrusted: git runs with
every setting that could execute a program or write into the repository switched off, symlinks are
never followed, and every read is capped in size.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import stat
import subprocess
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pathspec

DEFAULT_MAX_SIZE = 10 * 1024 * 1024
# Like git, a NUL byte near the start is what makes a file binary.
BINARY_SNIFF = 8000

# Settings that make git run a program (fsmonitor, textconv and filters do not apply to ls-files and
# diff-files, but hooks and fsmonitor could) or write into the repository (an index refresh).
SAFE_GIT = (
    "-c",
    "core.fsmonitor=false",
    "-c",
    "core.hooksPath=/dev/null",
    "-c",
    "core.untrackedCache=false",
    "-c",
    "protocol.allow=never",
)
GIT_ENV = {
    "GIT_OPTIONAL_LOCKS": "0",
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_CONFIG_NOSYSTEM": "1",
    "LC_ALL": "C",
}


class NotScannable(Exception):
    """The root itself cannot be scanned (missing, not a folder, unreadable)."""


# A stamp vouches for a file's content only once both its times lie this far before the moment
# the content was read: a write in the same timestamp tick as the read (coarse file system clocks,
# a tool that sets the mtime back) would otherwise leave the stamp as it was. git calls such
# entries "racy" and hashes them; two seconds also covers FAT's granularity and small clock skew.
RACY_NS = 2_000_000_000


def file_stamp(st: os.stat_result) -> str:
    """What says "unchanged" about a file outside git: inode, size, mtime and ctime in nanoseconds
    (git's stat signature). The ctime catches a rewrite whose mtime was set back by utime. The
    device number is left out, as git leaves it out: it changes when overlay and network file
    systems are mounted again, which would only cost a rehash, never a wrong answer."""
    return f"{st.st_ino}:{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}"


@dataclass(frozen=True, slots=True)
class FileEntry:
    """One file to scan: POSIX path relative to the root, its git blob id when git knows it
    and the working copy is unchanged, else None (the blob id is then computed on read)."""

    path: str
    blob: str | None
    size: int
    # file_stamp() of the file as lstat saw it when listing: what says "unchanged" outside git
    stamp: str = ""
    mtime_ns: int = 0
    ctime_ns: int = 0

    def settled(self, now_ns: int) -> bool:
        """Whether the stamp can vouch for the content read at `now_ns` or later: both times lie
        more than RACY_NS before it (a future time, clock skew, never does)."""
        return bool(self.stamp) and now_ns - max(self.mtime_ns, self.ctime_ns) > RACY_NS


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file left out of the scan, and why (symlink, submodule, too-large, unreadable)."""

    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class Listing:
    """The files of a tree: whether git listed them, what to scan and what was left out."""

    root: Path
    is_git: bool
    files: tuple[FileEntry, ...]
    skipped: tuple[Skipped, ...]
    errors: tuple[tuple[str, str], ...]


def git_blob_id(data: bytes) -> str:
    """The id git gives a blob with this content, so that caching agrees in and out of git."""
    h = hashlib.sha1(b"blob %d\0" % len(data), usedforsecurity=False)
    h.update(data)
    return h.hexdigest()


def git_output(root: Path, *args: str) -> bytes:
    """Run git in `root` with the settings that keep an untrusted repository from running
    anything (SAFE_GIT, GIT_ENV); stdout as bytes, RuntimeError with git's last error line."""
    env = {**os.environ, **GIT_ENV}
    proc = subprocess.run(
        ["git", *SAFE_GIT, "-C", str(root), *args],
        capture_output=True,
        env=env,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    if proc.returncode != 0:
        msg = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RuntimeError(msg[-1] if msg else f"git {args[0]} failed")
    return proc.stdout


def staged_paths(root: Path) -> frozenset[str]:
    """Paths staged in the git index below `root` (added, copied, modified or renamed), relative to
    it. No external diff or textconv driver runs. NotScannable when `root` is not in a work tree."""
    try:
        out = git_output(
            root,
            "diff",
            "--cached",
            "--name-only",
            "-z",
            "--no-ext-diff",
            "--no-textconv",
            "--diff-filter=ACMR",
            "--relative",
        )
    except (RuntimeError, OSError) as exc:
        raise NotScannable(f"{root}: cannot list staged files: {exc}") from None
    return frozenset(p for p in out.decode("utf-8", "surrogateescape").split("\0") if p)


def git_toplevel(root: Path) -> Path | None:
    """The top of the git work tree holding `root`, or None when it is not in one."""
    try:
        out = git_output(root, "rev-parse", "--show-toplevel")
    except (RuntimeError, OSError):
        return None
    top = out.decode("utf-8", "surrogateescape").strip()
    return Path(top) if top else None


def _exclude_spec(excludes: Sequence[str]) -> pathspec.GitIgnoreSpec | None:
    if not excludes:
        return None
    return pathspec.GitIgnoreSpec.from_lines(excludes)


def list_files(
    root: Path,
    *,
    untracked: bool = False,
    excludes: Sequence[str] = (),
    max_size: int = DEFAULT_MAX_SIZE,
) -> Listing:
    """List the files to scan under `root` (a git work tree or a plain folder).

    Paths are POSIX and relative to `root`, sorted. Symlinks and submodules are never followed and
    are listed as skipped, as are files over `max_size` bytes. `excludes` are gitignore-style
    patterns relative to `root`.
    """
    try:
        st = root.stat()
    except OSError as exc:
        raise NotScannable(f"{root}: {exc.strerror or exc}") from None
    if not stat.S_ISDIR(st.st_mode):
        raise NotScannable(f"{root}: not a folder")
    if not os.access(root, os.R_OK | os.X_OK):
        raise NotScannable(f"{root}: permission denied")
    spec = _exclude_spec(excludes)
    top = git_toplevel(root)
    if top is not None:
        try:
            return _list_git(root, top, untracked, spec, max_size)
        except RuntimeError as exc:
            # A broken repository still has files: fall back to the walk, and say why.
            listing = _list_walk(root, spec, max_size)
            return Listing(
                listing.root,
                False,
                listing.files,
                listing.skipped,
                (*listing.errors, (".git", f"git could not list files ({exc}); walked the folder")),
            )
    return _list_walk(root, spec, max_size)


def _list_git(
    root: Path, top: Path, untracked: bool, spec: pathspec.GitIgnoreSpec | None, max_size: int
) -> Listing:
    # `-- .` limits the listing to `root` when it is a subfolder; paths come relative to it.
    staged = git_output(root, "ls-files", "-z", "--stage", "--", ".")
    # status, unlike diff-files, checks content when stat data is stale (a fresh clone, a tool that
    # wrote the index), and with GIT_OPTIONAL_LOCKS=0 it refreshes in memory, never on disk.
    modified = _modified(root)
    entries: dict[str, tuple[str | None, str]] = {}
    for record in staged.split(b"\0"):
        if not record:
            continue
        meta, _, raw = record.partition(b"\t")
        mode, blob, _stage = meta.split(b" ")
        path = raw.decode("utf-8", "surrogateescape")
        if mode == b"120000":
            entries[path] = (None, "symlink")
        elif mode == b"160000":
            entries[path] = (None, "submodule")
        else:
            # A modified working copy has another blob: None makes the reader hash what it reads.
            entries[path] = (None if raw in modified else blob.decode("ascii"), "")
    if untracked:
        others = git_output(root, "ls-files", "-z", "--others", "--exclude-standard", "--", ".")
        for raw in others.split(b"\0"):
            if raw:
                entries.setdefault(raw.decode("utf-8", "surrogateescape"), (None, ""))
    return _finish(root, True, entries, spec, max_size)


def _modified(root: Path) -> set[bytes]:
    out = git_output(
        root, "status", "--porcelain=v1", "-z", "--untracked-files=no", "--ignore-submodules=all", "--", "."
    )
    # Paths in status output are relative to the work tree top; ls-files gives them relative to root.
    prefix = git_output(root, "rev-parse", "--show-prefix").strip()
    modified: set[bytes] = set()
    records = out.split(b"\0")
    i = 0
    while i < len(records):
        rec = records[i]
        i += 1
        if len(rec) < 4:
            continue
        status, path = rec[:2], rec[3:]
        if status[0:1] in (b"R", b"C"):
            i += 1  # the next record is the rename's source path
        if prefix and path.startswith(prefix):
            path = path[len(prefix) :]
        # The second column compares the working copy with the index, whose blob ids we use;
        # the first (index against HEAD) does not matter here.
        if status[1:2] != b" ":
            modified.add(path)
    return modified


def _finish(
    root: Path,
    is_git: bool,
    entries: dict[str, tuple[str | None, str]],
    spec: pathspec.GitIgnoreSpec | None,
    max_size: int,
) -> Listing:
    files: list[FileEntry] = []
    skipped: list[Skipped] = []
    errors: list[tuple[str, str]] = []
    base = os.fspath(root)
    for path in sorted(entries):
        if spec is not None and spec.match_file(path):
            continue
        blob, reason = entries[path]
        if reason:
            skipped.append(Skipped(path, reason))
            continue
        try:
            st = os.lstat(os.path.join(base, path))
        except FileNotFoundError:
            # Tracked but deleted from the working copy: nothing to read, nothing to report.
            continue
        except OSError as exc:
            errors.append((path, exc.strerror or str(exc)))
            continue
        if stat.S_ISLNK(st.st_mode):
            skipped.append(Skipped(path, "symlink"))
        elif not stat.S_ISREG(st.st_mode):
            skipped.append(Skipped(path, "not a regular file"))
        elif st.st_size > max_size:
            skipped.append(Skipped(path, "too-large"))
        else:
            files.append(FileEntry(path, blob, st.st_size, file_stamp(st), st.st_mtime_ns, st.st_ctime_ns))
    return Listing(root, is_git, tuple(files), tuple(skipped), tuple(errors))


def _list_walk(root: Path, spec: pathspec.GitIgnoreSpec | None, max_size: int) -> Listing:
    entries: dict[str, tuple[str | None, str]] = {}
    errors: list[tuple[str, str]] = []
    for rel in _walk(root, errors):
        entries[rel] = (None, "")
    listing = _finish(root, False, entries, spec, max_size)
    return Listing(root, False, listing.files, listing.skipped, (*listing.errors, *errors))


def _walk(root: Path, errors: list[tuple[str, str]]) -> Iterator[str]:
    """Yield POSIX paths of the entries under root that no .gitignore on the way ignores."""
    # Each .gitignore applies below its own folder; a deeper one overrides a shallower one.
    stack: list[tuple[str, tuple[tuple[str, pathspec.GitIgnoreSpec], ...]]] = [("", ())]
    while stack:
        rel_dir, specs = stack.pop()
        abs_dir = root / rel_dir if rel_dir else root
        try:
            with os.scandir(abs_dir) as it:
                children = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            errors.append((rel_dir or ".", exc.strerror or str(exc)))
            continue
        for child in children:
            if child.name == ".gitignore" and child.is_file(follow_symlinks=False):
                try:
                    lines = _read_capped(Path(child.path), 1024 * 1024).decode("utf-8", "replace")
                    specs = (*specs, (rel_dir, pathspec.GitIgnoreSpec.from_lines(lines.splitlines())))
                except OSError as exc:
                    errors.append((_join(rel_dir, child.name), exc.strerror or str(exc)))
        for child in children:
            rel = _join(rel_dir, child.name)
            is_dir = child.is_dir(follow_symlinks=False)
            if child.name == ".git":
                continue
            if _ignored(rel, is_dir, specs):
                continue
            if is_dir:
                stack.append((rel, specs))
            else:
                yield rel


def _join(rel_dir: str, name: str) -> str:
    return f"{rel_dir}/{name}" if rel_dir else name


def _ignored(rel: str, is_dir: bool, specs: tuple[tuple[str, pathspec.GitIgnoreSpec], ...]) -> bool:
    verdict = False
    for base, spec in specs:
        # rel lies below base (the walk only descends): slicing is what relative_to would do, at a
        # fraction of pathlib's cost, which showed in the profile of a 32,000-file rescan.
        sub = rel[len(base) + 1 :] if base else rel
        if is_dir:
            sub += "/"
        result = spec.check_file(sub)
        if result.include is not None:
            verdict = result.include
    return verdict


def _read_capped(path: str | Path, limit: int) -> bytes:
    return _read_capped_stat(path, limit)[0]


def _read_capped_stat(path: str | Path, limit: int) -> tuple[bytes, os.stat_result]:
    # O_NOFOLLOW: a symlink swapped in after listing must still not be followed.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise OSError(0, "not a regular file")
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(limit + 1)
        # Taken after the read: a write during it changes the times, so a caller comparing this
        # with the listed stamp knows whether the bytes belong to that stamp.
        return data, os.fstat(fd)
    finally:
        os.close(fd)


def read_file(root: Path, path: str, max_size: int = DEFAULT_MAX_SIZE) -> bytes:
    """Read one listed file without following symlinks; OSError when it cannot be read or is
    larger than `max_size` (the listing already skips those; this guards against a race)."""
    data = _read_capped(os.path.join(root, path), max_size)
    if len(data) > max_size:
        raise OSError(0, f"larger than {max_size} bytes")
    return data


def read_file_stamped(root: Path, path: str, max_size: int = DEFAULT_MAX_SIZE) -> tuple[bytes, str]:
    """Like read_file, with the file_stamp() of the file as it was once the read had ended."""
    data, st = _read_capped_stat(os.path.join(root, path), max_size)
    if len(data) > max_size:
        raise OSError(0, f"larger than {max_size} bytes")
    return data, file_stamp(st)


# Byte-order marks, longest first (the UTF-32 LE mark begins with the UTF-16 LE one).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def is_binary(data: bytes) -> bool:
    """True when the content is binary: git's rule, a NUL byte in the first 8,000 bytes, except for
    UTF-16/32 text that announces itself with a byte-order mark."""
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return False
    return b"\0" in data[:BINARY_SNIFF]


def decode_text(data: bytes) -> str:
    """Decode file content by its byte-order mark, else as UTF-8, falling back to Latin-1, which never fails;
    license detection works on words, so a wrong guess for a few bytes costs nothing."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")
