# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The scan pipeline: list files, reuse cached results by content, detect the rest in a process
pool, then apply what depends on the tree rather than on one file's content (REUSE.toml, dep5,
.license sidecars, LICENSES/ file names) and summarise.

What is cached per blob is exactly what depends on the blob's content alone, so a rescan after a
one-file change reads that one file.
"""

from __future__ import annotations

import hashlib
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Any

from commonscheck.audit import copyrights as copyright_mod
from commonscheck.audit import licensedb, tags
from commonscheck.audit.declared import declared_license
from commonscheck.audit.expressions import combine, combine_evidence, symbols
from commonscheck.audit.files import (
    FileEntry,
    Listing,
    decode_text,
    git_blob_id,
    is_binary,
    list_files,
    read_file,
    read_file_stamped,
)
from commonscheck.cache import Cache
from commonscheck.model import (
    Copyright,
    FileResult,
    LicenseFinding,
    ReadError,
    ScanReport,
    ScanSummary,
)

# Bump when what is cached per blob changes shape or meaning.
ENGINE_VERSION = "7"

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class ScanOptions:
    """How to scan: which files, how many processes, where the cache lives (None: no cache)."""

    untracked: bool = False
    excludes: tuple[str, ...] = ()
    max_size: int = 10 * 1024 * 1024
    jobs: int = 0
    cache_dir: Path | None = None
    reuse: bool = False
    # Per-file results; the license index is cached in cache_dir whatever this says, since
    # building it costs far more than any scan.
    use_cache: bool = True
    # Where the license index is cached; None: next to the results (cache_dir).
    index_dir: Path | None = None


# ---------------------------------------------------------------- per-blob analysis (workers)

_INDEX: Any = None
_INDEX_DIR: Path | None = None


def _index() -> Any:
    global _INDEX
    if _INDEX is None:
        _INDEX = licensedb.load_index(_INDEX_DIR)
    return _INDEX


def _detect(text: str, notes: list[str]) -> list[Any]:
    # Imported on first use: a rescan that finds everything cached never pays for the matcher.
    from commonscheck.audit import detect

    return detect.detect(_index(), text, notes)


def _init_worker(index_dir: Path | None) -> None:
    global _INDEX_DIR
    _INDEX_DIR = index_dir
    _index()


def analyse_text(path: str, text: str) -> dict[str, Any]:
    """Everything one file's content says: tags, detected licenses, copyrights and tag errors,
    as a JSON-ready record (what the cache stores for the blob)."""
    tag_findings, tag_copyrights, tag_errors = tags.find_tags(path, text)
    tag_lines: set[int] = set()
    for f in tag_findings:
        tag_lines.update(range(f.start_line, f.end_line + 1))
    findings: list[list[Any]] = [
        [f.expression, f.kind, f.start_line, f.end_line, round(f.score, 2), f.rule] for f in tag_findings
    ]
    notes: list[str] = []
    for m in _detect(text, notes):
        # A detector hit on an SPDX tag line repeats what the tag parser already said exactly.
        if tag_lines and all(n in tag_lines for n in range(m.start_line, m.end_line + 1)):
            continue
        findings.append(
            [m.expression, m.kind, m.start_line, m.end_line, round(m.score, 2), m.rule, list(m.references)]
        )
    found = [
        [c.statement, c.holder, c.years, c.start_line, c.end_line]
        for c in _merge_copyrights(tag_copyrights, copyright_mod.find_copyrights(text))
    ]
    # The same rule can match the same lines twice (a line repeated); once is evidence enough.
    unique = {(f[0], f[1], f[2], f[3], f[5]): f for f in findings}
    findings = sorted(unique.values(), key=lambda f: (f[2], f[3], f[0], f[1], f[5]))
    # The combined expression is stored too, so a rescan never needs the expression parser.
    return {
        "f": findings,
        "c": found,
        "e": [*tag_errors, *notes],
        "s": None,
        "x": combine_evidence((f[0], f[1]) for f in findings),
    }


def _merge_copyrights(tagged: Iterable[Copyright], detected: Iterable[Copyright]) -> list[Copyright]:
    """The detector's statements, plus SPDX copyright tags on lines it did not cover.

    The REUSE reader counts any line with "Copyright" in it (that is REUSE's rule, and the REUSE
    verdict keeps it); as statements of who holds what, only the detector's reading and explicit
    SPDX tags are kept, so prose such as "Update Copyright to 2022" does not become a holder.
    """
    out = list(detected)
    covered = {n for c in out for n in range(c.start_line, c.end_line + 1)}
    out.extend(c for c in tagged if c.statement.startswith("SPDX-") and c.start_line not in covered)
    return sorted(out, key=lambda c: (c.start_line, c.holder))


def _analyse_entry(root: Path, entry: FileEntry, max_size: int) -> tuple[str, str, dict[str, Any] | str]:
    """(path, blob, record) for one file, or (path, blob, error message) when it cannot be read."""
    try:
        data = read_file(root, entry.path, max_size)
    except OSError as exc:
        return entry.path, entry.blob or "", exc.strerror or str(exc)
    blob = entry.blob or git_blob_id(data)
    if is_binary(data):
        return entry.path, blob, {"f": [], "c": [], "e": [], "s": "binary"}
    try:
        return entry.path, blob, analyse_text(entry.path, decode_text(data))
    except Exception as exc:  # one bad file must not end the scan
        return entry.path, blob, f"analysis failed: {type(exc).__name__}: {exc}"


def _analyse_batch(root: Path, entries: list[FileEntry], max_size: int) -> list[tuple[str, str, Any]]:
    return [_analyse_entry(root, e, max_size) for e in entries]


# ---------------------------------------------------------------- orchestration


def _record_to_result(path: str, blob: str, rec: dict[str, Any]) -> FileResult:
    findings = tuple(
        LicenseFinding(
            path, f[0], f[1], int(f[2]), int(f[3]), float(f[4]), f[5], tuple(f[6] if len(f) > 6 else ())
        )
        for f in rec["f"]
    )
    cps = tuple(Copyright(c[0], c[1], c[2], int(c[3]), int(c[4])) for c in rec["c"])
    expression = rec["x"] if "x" in rec else combine_evidence((f.expression, f.kind) for f in findings)
    return FileResult(path, blob, expression, findings, cps, rec.get("s"))


# The clock that judges stamps racy; a name of its own so that tests can move it.
_now_ns: Callable[[], int] = time.time_ns

# Bump when what the stamp namespace stores changes shape or meaning.
STAMP_NAMESPACE = "stamp:2"


def _hash_unknown(
    root: Path, listing: Listing, max_size: int, stamps: Cache
) -> tuple[list[FileEntry], list[ReadError]]:
    """Give every entry a blob id: git's where it vouches for the file, else the id remembered for
    the same file (absolute path) with the same stamp (files.file_stamp), else by reading and
    hashing the file.

    An id is remembered only when the stamp was settled before the file was read and the file
    still had it once the read ended: then no later content can share the stamp, so a changed
    file is never given a stale id. One row per file: a new stamp replaces the old one, so the
    cache does not grow with every edit.
    """
    entries: list[FileEntry] = []
    errors: list[ReadError] = []
    base = os.fspath(root.resolve())
    keys = {e.path: f"{base}/{e.path}" for e in listing.files if e.blob is None and e.stamp}
    known = stamps.get_many(keys.values())
    fresh: dict[str, list[str]] = {}
    # Taken before any read: a stamp settled by then was settled during the read too.
    now = _now_ns()
    for e in listing.files:
        if e.blob is not None:
            entries.append(e)
            continue
        key = keys.get(e.path)
        hit = known.get(key) if key is not None else None
        if isinstance(hit, list) and len(hit) == 2 and hit[0] == e.stamp and isinstance(hit[1], str):
            entries.append(FileEntry(e.path, hit[1], e.size, e.stamp, e.mtime_ns, e.ctime_ns))
            continue
        try:
            data, stamp_after = read_file_stamped(root, e.path, max_size)
        except OSError as exc:
            errors.append(ReadError(e.path, exc.strerror or str(exc)))
            continue
        blob = git_blob_id(data)
        if key is not None and stamp_after == e.stamp and e.settled(now):
            fresh[key] = [e.stamp, blob]
        entries.append(FileEntry(e.path, blob, e.size, e.stamp, e.mtime_ns, e.ctime_ns))
    stamps.put_many(fresh)
    return entries, errors


def list_tree(root: Path, options: ScanOptions) -> Listing:
    """The files a scan of `root` with these options covers (files.NotScannable if none can be)."""
    return list_files(root, untracked=options.untracked, excludes=options.excludes, max_size=options.max_size)


def tree_state(listing: Listing, fingerprint: str) -> str | None:
    """A key for everything a scan's result depends on: each file's content id (git's blob id, or
    its lstat stamp), what was skipped and why, and `fingerprint` (options, versions, format).

    None when the state cannot be trusted: a file changed too recently for its stamp to prove it
    unchanged, or the listing itself had errors.
    """
    if listing.errors:
        return None
    now = _now_ns()
    h = hashlib.sha256(fingerprint.encode())
    for e in listing.files:
        if e.blob is None and not e.settled(now):
            return None
        h.update(f"\0{e.path}\0{e.blob or e.stamp}".encode("utf-8", "surrogateescape"))
    for sk in listing.skipped:
        h.update(f"\1{sk.path}\0{sk.reason}".encode("utf-8", "surrogateescape"))
    return h.hexdigest()


def scan(
    root: Path, options: ScanOptions, progress: Progress | None = None, listing: Listing | None = None
) -> ScanReport:
    """Scan the tree at `root` and return the report. Raises files.NotScannable when the root
    itself cannot be scanned; every other problem is listed in `errors` and the scan goes on.
    `listing` is the result of `list_tree` when the caller already has it."""
    if listing is None:
        listing = list_tree(root, options)
    errors: list[ReadError] = [ReadError(p, m) for p, m in listing.errors]
    data_version = licensedb.data_version()
    cache_dir = options.cache_dir if options.use_cache else None
    cache = Cache(cache_dir, f"scan:{ENGINE_VERSION}:{data_version}")
    if cache.error:
        errors.append(ReadError("<cache>", cache.error))
    stamps = Cache(cache_dir, STAMP_NAMESPACE)
    entries, hash_errors = _hash_unknown(root, listing, options.max_size, stamps)
    stamps.close()
    errors.extend(hash_errors)

    cached = cache.get_many(e.blob for e in entries if e.blob)
    misses = [e for e in entries if e.blob not in cached]
    records: dict[str, tuple[str, dict[str, Any]]] = {
        e.path: (e.blob or "", cached[e.blob]) for e in entries if e.blob in cached
    }
    fresh: dict[str, Any] = {}
    for path, blob, rec in _run(root, misses, options, progress):
        if isinstance(rec, str):
            errors.append(ReadError(path, rec))
            continue
        records[path] = (blob, rec)
        fresh[blob] = rec
    cache.put_many(fresh)
    cache.close()

    results = {path: _record_to_result(path, blob, rec) for path, (blob, rec) in records.items()}
    for path, (_, rec) in records.items():
        errors.extend(ReadError(path, msg) for msg in rec.get("e", []))

    annotations = tags.ReuseAnnotations.load(root, sorted(results))
    errors.extend(ReadError(p, m) for p, m in _annotation_errors(annotations))
    results = apply_tree_evidence(results, annotations)
    for sk in listing.skipped:
        results[sk.path] = FileResult(sk.path, "", None, (), (), sk.reason)

    files = tuple(results[p] for p in sorted(results))
    declared = declared_license(root, files, errors)
    reuse_report = None
    if options.reuse:
        from commonscheck.audit import reuse as reuse_mod

        reuse_report = reuse_mod.lint(
            root, [e.path for e in listing.files] + [s.path for s in listing.skipped]
        )
    summary = summarise(files, declared.expression, declared_paths={f.path for f in declared.sources})
    summary = replace(summary, cache_hits=len(entries) - len(misses))
    return ScanReport(
        root=str(root),
        declared_license=declared,
        files=files,
        summary=summary,
        errors=tuple(sorted(set(errors), key=lambda e: (e.path, e.message))),
        reuse=reuse_report,
        data_version=data_version,
    )


def _annotation_errors(annotations: tags.ReuseAnnotations) -> list[tuple[str, str]]:
    # The messages may start with the file name too; the report names it once.
    return [(e.path, e.message.removeprefix(f"{e.path}: ")) for e in annotations.errors]


def _workers(options: ScanOptions) -> int:
    return options.jobs if options.jobs > 0 else (os.cpu_count() or 1)


def _run(
    root: Path, misses: list[FileEntry], options: ScanOptions, progress: Progress | None
) -> Iterable[tuple[str, str, Any]]:
    global _INDEX_DIR
    index_dir = options.index_dir or options.cache_dir
    _INDEX_DIR = index_dir
    total = len(misses)
    if not total:
        return
    jobs = min(_workers(options), total)
    if jobs <= 1 or total < 8:
        for i, e in enumerate(misses, 1):
            yield _analyse_entry(root, e, options.max_size)
            if progress:
                progress(i, total)
        return
    # Load the index before the pool starts: forked workers then share its pages.
    if sys.platform.startswith("linux"):
        _index()
    batches = _batches(misses, jobs)
    done = 0
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(index_dir,)) as ex:
        for out in ex.map(_analyse_batch, [root] * len(batches), batches, [options.max_size] * len(batches)):
            done += len(out)
            yield from out
            if progress:
                progress(done, total)


def _batches(entries: Sequence[FileEntry], jobs: int) -> list[list[FileEntry]]:
    """Batches small enough to balance the load, big enough that dispatch costs little."""
    size = max(1, min(64, len(entries) // (jobs * 8) or 1))
    return [list(entries[i : i + size]) for i in range(0, len(entries), size)]


# ---------------------------------------------------------------- evidence from the tree


def _is_spdx_tag(f: LicenseFinding) -> bool:
    return f.kind == "tag" and f.rule == "spdx-license-identifier"


def apply_tree_evidence(
    results: dict[str, FileResult], annotations: tags.ReuseAnnotations
) -> dict[str, FileResult]:
    """Add what the tree says about each file: `.license` sidecars, REUSE.toml / dep5 annotations
    with their precedence, and `LICENSES/<id>.<ext>` file names."""
    out: dict[str, FileResult] = {}
    by_lower = {p.lower(): p for p in results}
    for path, res in results.items():
        # Only SPDX-License-Identifier tags are the file's own REUSE information; a detector rule of
        # kind "tag" ("License: GPL-3.0+" in prose) is evidence like any other and must not stop a
        # `closest` annotation from applying.
        own_tags = [f for f in res.findings if _is_spdx_tag(f)]
        others = [_follow_reference(path, f, results, by_lower) for f in res.findings if not _is_spdx_tag(f)]
        own_copy = list(res.copyrights)
        sidecar = results.get(path + ".license")
        if sidecar is not None:
            # REUSE: a sidecar's information replaces what the file itself says.
            own_tags = [replace(f, path=sidecar.path) for f in sidecar.findings if _is_spdx_tag(f)]
            own_copy = list(sidecar.copyrights)
        ann_findings, ann_copy, precedence = annotations.for_path(path)
        ann_findings = list(ann_findings)
        if ann_findings or ann_copy:
            if precedence == "override":
                own_tags, own_copy = ann_findings, list(ann_copy)
            elif precedence == "aggregate":
                own_tags = own_tags + ann_findings
                own_copy = own_copy + list(ann_copy)
            else:  # closest: the file's own information wins where it has some
                if not own_tags:
                    own_tags = ann_findings
                if not own_copy:
                    own_copy = list(ann_copy)
        extra: list[LicenseFinding] = []
        if path.startswith("LICENSES/") and path.count("/") == 1 and not path.endswith(".license"):
            stem = PurePosixPath(path).stem
            extra.append(LicenseFinding(path, stem, "file-name", 0, 0, 100.0, "REUSE LICENSES/ file name"))
        findings = tuple(
            sorted(
                {*own_tags, *others, *extra},
                key=lambda f: (f.start_line, f.end_line, f.expression, f.kind, f.rule, f.path),
            )
        )
        changed = findings != res.findings or tuple(own_copy) != res.copyrights
        if changed:
            res = replace(
                res,
                findings=findings,
                copyrights=tuple(own_copy),
                expression=combine_evidence((f.expression, f.kind) for f in findings if f.kind != "file-name")
                or combine(f.expression for f in findings),
            )
        out[path] = res
    return out


_UNKNOWN_REFERENCE = "LicenseRef-scancode-unknown-license-reference"


def _follow_reference(
    path: str, finding: LicenseFinding, results: dict[str, FileResult], by_lower: dict[str, str]
) -> LicenseFinding:
    """Resolve "see LICENSE" to the license of the file it names.

    A reference whose rule names files (LICENSE, COPYING, ...) but no license is looked up in the
    file's own folder, then in each folder above it up to the root (names compared without case,
    as projects spell them either way); the first such file with a license of its own lends its
    expression. Unresolved references stay unknown, never guessed.
    """
    if _UNKNOWN_REFERENCE not in finding.expression or not finding.references:
        return finding
    folder = PurePosixPath(path).parent
    while True:
        for name in finding.references:
            target = by_lower.get(str(folder / name).removeprefix("./").lower())
            if target is None or target == path:
                continue
            expression = results[target].expression
            if expression and _UNKNOWN_REFERENCE not in expression:
                wrapped = f"({expression})" if " " in expression else expression
                return replace(
                    finding,
                    expression=finding.expression.replace(_UNKNOWN_REFERENCE, wrapped),
                    rule=f"{finding.rule} -> {target}",
                )
        if folder == folder.parent:
            return finding
        folder = folder.parent


# ---------------------------------------------------------------- summary

_UNKNOWN_MARKERS = ("LicenseRef-scancode-unknown", "LicenseRef-scancode-free-unknown")


def summarise(
    files: Sequence[FileResult], declared: str | None, declared_paths: set[str] | frozenset[str] = frozenset()
) -> ScanSummary:
    """Clarity of the scan: coverage by license and copyright evidence, files whose licenses the
    declared license does not name, references to unknown licenses, and the expression counts."""
    read = [f for f in files if f.skipped is None]
    licensed = [f for f in read if f.findings]
    declared_ids = symbols(declared) if declared else frozenset()
    conflicting: list[str] = []
    unknown: set[str] = set()
    counts: Counter[str] = Counter()
    for f in read:
        if f.expression:
            counts[f.expression] += 1
        for finding in f.findings:
            if any(m in finding.expression for m in _UNKNOWN_MARKERS):
                unknown.add(f"{f.path}:{finding.start_line}: {finding.expression}")
        if not f.expression or f.path in declared_paths or f.path.startswith("LICENSES/"):
            continue
        ids = symbols(f.expression)
        if declared_ids and ids and not ids <= declared_ids:
            conflicting.append(f.path)
    skipped = tuple(sorted((f.path, f.skipped) for f in files if f.skipped is not None))
    return ScanSummary(
        files=len(files),
        files_read=len(read),
        files_with_license=len(licensed),
        files_with_copyright=sum(1 for f in read if f.copyrights),
        license_coverage=round(len(licensed) / len(read), 4) if read else 0.0,
        conflicting_files=tuple(sorted(conflicting)),
        unknown_references=tuple(sorted(unknown)),
        expressions=tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))),
        skipped=skipped,
    )
