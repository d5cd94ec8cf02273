# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The shared vocabulary of commonscheck: plain frozen dataclasses, no behaviour.

Evidence modules produce these, judgement modules read them, formats render them. Keeping them
free of behaviour (beyond small derived properties) is what lets data flow one way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

FindingKind = Literal["tag", "text", "notice", "reference", "declared", "file-name"]
"""How a license was found: an SPDX tag, a full text, a notice, a short reference, a manifest
declaration, or the name of a file (a REUSE `LICENSES/<id>.txt` file, a `.license` sidecar)."""


@dataclass(frozen=True, slots=True)
class LicenseFinding:
    """One piece of license evidence in one file.

    `expression` is a normalised SPDX expression (unknown names as `LicenseRef-...`).
    `start_line`/`end_line` are 1-based and inclusive; 0 when the evidence has no line (a
    REUSE.toml annotation, a sidecar). `score` is 0-100: how much of the reference rule was
    matched, times how relevant the rule is. `rule` names the reference rule or mechanism.
    """

    path: str
    expression: str
    kind: FindingKind
    start_line: int
    end_line: int
    score: float
    rule: str
    # Files the evidence points to ("see LICENSE"), as the reference rule names them.
    references: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Copyright:
    """A copyright statement: the statement as written, its holder normalised, its years kept."""

    statement: str
    holder: str
    years: str
    start_line: int
    end_line: int


@dataclass(frozen=True, slots=True)
class FileResult:
    """Everything found in one file; `expression` combines the findings (AND) or is None."""

    path: str
    blob: str
    expression: str | None
    findings: tuple[LicenseFinding, ...]
    copyrights: tuple[Copyright, ...] = ()
    # Why the file was not read for evidence: "binary", "too-large", None when it was read.
    skipped: str | None = None


@dataclass(frozen=True, slots=True)
class ReadError:
    """A file or setting that could not be read or parsed, and why (one line)."""

    path: str
    message: str


@dataclass(frozen=True, slots=True)
class DeclaredLicense:
    """The project's declared license and where each part of the declaration comes from."""

    expression: str | None
    sources: tuple[LicenseFinding, ...] = ()


@dataclass(frozen=True, slots=True)
class ScanSummary:
    """The clarity of a scan: coverage by license evidence, conflicts and unknowns."""

    files: int
    files_read: int
    files_with_license: int
    files_with_copyright: int
    license_coverage: float
    conflicting_files: tuple[str, ...]
    unknown_references: tuple[str, ...]
    expressions: tuple[tuple[str, int], ...]
    skipped: tuple[tuple[str, str], ...]
    cache_hits: int = 0


@dataclass(frozen=True, slots=True)
class ReuseReport:
    """The REUSE 3.3 verdict on a tree, item by item as `reuse lint` reports it."""

    compliant: bool
    missing_licensing: tuple[str, ...]
    missing_copyright: tuple[str, ...]
    missing_licenses: tuple[tuple[str, tuple[str, ...]], ...]
    unused_licenses: tuple[str, ...]
    bad_licenses: tuple[str, ...]
    deprecated_licenses: tuple[str, ...]
    licenses_without_extension: tuple[str, ...]
    read_errors: tuple[str, ...]
    config_errors: tuple[str, ...]
    # file -> the SPDX expressions in it that do not parse (REUSE: not compliant)
    invalid_expressions: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True, slots=True)
class ScanReport:
    """The result of `scan`: one FileResult a file, the declared license and the summary."""

    root: str
    declared_license: DeclaredLicense
    files: tuple[FileResult, ...]
    summary: ScanSummary
    errors: tuple[ReadError, ...] = ()
    reuse: ReuseReport | None = None
    data_version: str = ""


@dataclass(frozen=True, slots=True)
class Package:
    """A dependency: scope is runtime, dev, optional or build; licenses are SPDX expressions
    (None when unknown: `declared_raw` then still says what the manifest wrote)."""

    ecosystem: str
    name: str
    version: str | None
    purl: str | None
    scope: str
    direct: bool
    declared: str | None
    detected: str | None
    source: str
    # The license as the manifest wrote it, kept even when it maps to no SPDX expression.
    declared_raw: str | None = None


@dataclass(frozen=True, slots=True)
class Verdict:
    """A compatibility verdict: compatible, conditional, incompatible or unknown, with why."""

    subject: str
    inbound: str
    outbound: str
    context: str
    status: str
    reasons: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Report:
    """The one object every command builds part of and hands to one renderer."""

    command: str
    scan: ScanReport | None = None
    extra: dict[str, object] = field(default_factory=dict, hash=False, compare=False)


Severity = Literal["error", "warning", "note"]
"""How much a check finding matters: `--fail-on` sets which severities fail the run."""


@dataclass(frozen=True, slots=True)
class CheckFinding:
    """One thing `check` reports: a verdict that is not clean, a policy breach, a missing outbound
    license, an expired exception, something that could not be read.

    `rule` is a stable id (`incompatible-license`, `denied-license`, ...; SARIF's ruleId).
    `subject` names what is judged: `file:<path>`, a package's purl (or `<ecosystem>:<name>`) or
    `project`. `path`/`line` locate it in the repository (a file, or the manifest line that brought a
    package in); `line` is 0 when there is none. `suppressed` holds the reason of the exception that
    covers it: a suppressed finding is reported but never fails the run.
    """

    rule: str
    severity: Severity
    message: str
    subject: str
    path: str | None
    line: int
    license: str | None = None
    verdict: Verdict | None = None
    suppressed: str | None = None


@dataclass(frozen=True, slots=True)
class Subject:
    """One inbound thing judged by `check`: a file or a package, with the license relied on."""

    subject: str
    kind: Literal["file", "package"]
    license: str | None
    context: str
    path: str | None
    line: int
    scope: str | None = None
    name: str | None = None
    # what the manifest wrote when it names no SPDX license ("BSD"), kept for the report
    declared_raw: str | None = None


@dataclass(frozen=True, slots=True)
class FileChange:
    """One file a commit touched: its path after the commit, the path before when renamed or copied,
    and the lines added and deleted (None when git gives no count: a binary file, or a blob that is
    missing from a shallow or partial clone)."""

    path: str
    old_path: str | None
    added: int | None
    deleted: int | None


@dataclass(frozen=True, slots=True)
class Trailer:
    """A trailer naming a person (`Co-authored-by: Name <email>`), key in its canonical spelling."""

    key: str
    name: str
    email: str


@dataclass(frozen=True, slots=True)
class Commit:
    """One commit as `git log` gives it: raw (not mailmapped) identities, times in seconds since the
    epoch, the files changed and the trailers. `incomplete` says the file list or line counts could
    not be read (a missing object); the commit still counts."""

    id: str
    parents: tuple[str, ...]
    author_name: str
    author_email: str
    author_time: int
    committer_name: str
    committer_email: str
    committer_time: int
    files: tuple[FileChange, ...] = ()
    trailers: tuple[Trailer, ...] = ()
    incomplete: bool = False

    @property
    def merge(self) -> bool:
        """True for a commit with more than one parent."""
        return len(self.parents) > 1


@dataclass(frozen=True, slots=True)
class Contributor:
    """A person (or bot) after mailmap and merging: every email used, the organization of most of
    their commits (None: independent or unknown), their commits and lines, first and last commit
    time (seconds since the epoch)."""

    id: str
    name: str
    emails: tuple[str, ...]
    organization: str | None
    bot: bool
    commits: int
    lines_added: int
    lines_deleted: int
    first: int
    last: int


@dataclass(frozen=True, slots=True)
class Organization:
    """An organization: the email domains that made it one, its people and their commits."""

    name: str
    domains: tuple[str, ...]
    contributors: int
    commits: int


@dataclass(frozen=True, slots=True)
class Metric:
    """One metric: its value (None when it cannot be computed, e.g. no files), and JSON-able details
    in order (the variant used, shares, the people who make it up, ...)."""

    name: str
    value: float | int | None
    details: tuple[tuple[str, object], ...] = ()
