# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The whole audit of one or more repositories of a company: scan, deps, check, graph (the whole
history and the participation window), governance, and the openness index per repository and for
the company. The CLI's `openness` and `audit` commands are thin layers over `run`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from commonscheck import openness
from commonscheck.audit.check import CheckOptions, CheckReport, check
from commonscheck.audit.deps import DepsOptions, collect
from commonscheck.audit.policy import Policy, PolicyError, load_policy
from commonscheck.audit.scan import ScanOptions, scan
from commonscheck.config import Config, discover
from commonscheck.graph.analyse import GraphOptions, GraphReport, analyse
from commonscheck.graph.history import EmptyHistory, HistoryOptions, NotARepository
from commonscheck.model import ReadError

MONTH = 30.436875 * 86400  # a Gregorian month in seconds


@dataclass(frozen=True, slots=True)
class AuditOptions:
    """What to read: the company (`orgs`: domains or organization names), an organizations file,
    the participation window, caches, environments for the dependencies, and the index's settings."""

    orgs: tuple[str, ...] = ()
    orgs_file: Path | None = None
    since: str | None = None
    window_months: int = 24
    cache_dir: Path | None = None
    jobs: int = 0
    environments: tuple[Path, ...] = ()
    weights: Mapping[str, float] = field(default_factory=dict)
    thresholds: Mapping[str, float] = field(default_factory=dict)
    policy: str | None = None


@dataclass(frozen=True, slots=True)
class RepositoryAudit:
    """One repository: its check report, its graphs, the evidence and the index."""

    path: str
    check: CheckReport
    graph: GraphReport | None
    window: GraphReport | None
    evidence: openness.Evidence
    openness: openness.Openness
    errors: tuple[ReadError, ...]


@dataclass(frozen=True, slots=True)
class AuditReport:
    """Every repository audited, the company's organizations and its combined index."""

    repositories: tuple[RepositoryAudit, ...]
    company: tuple[str, ...]
    company_openness: openness.Openness


def _window_start(full: GraphReport | None, options: AuditOptions) -> tuple[int | None, str | None]:
    """(epoch, git date) of the window's start: --since, else window_months before the last commit."""
    if options.since:
        try:
            day = date.fromisoformat(options.since)
        except ValueError:
            raise ValueError(f"--since {options.since!r}: expected a date YYYY-MM-DD") from None
        start = int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp())
        # Midnight UTC, spelled out: git reads a bare "YYYY-MM-DD" as that day at the current time
        # of day, which left the first hours of the day (and the epoch `start` above) out of step.
        return start, f"{day.isoformat()}T00:00:00Z"
    if full is None or full.stats.last is None:
        return None, None
    start = int(full.stats.last - options.window_months * MONTH)
    return start, datetime.fromtimestamp(start, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _check_one(root: Path, cfg: Config, options: AuditOptions) -> tuple[CheckReport, list[ReadError]]:
    scan_options = ScanOptions(
        untracked=cfg.untracked,
        excludes=cfg.exclude,
        max_size=cfg.max_file_size,
        jobs=options.jobs or cfg.jobs,
        cache_dir=options.cache_dir,
        use_cache=options.cache_dir is not None and cfg.cache,
    )
    scanned = scan(root, scan_options)
    found = collect(
        root, DepsOptions(untracked=cfg.untracked, excludes=cfg.exclude, environments=options.environments)
    )
    name = options.policy or cfg.policy
    chosen = load_policy(name) if name else Policy("none")
    report = check(
        scanned,
        found,
        CheckOptions(
            outbound=cfg.outbound,
            outbound_origin="configured" if cfg.outbound else "",
            context=cfg.context,
            contexts=cfg.contexts,
            choices=cfg.choices,
            policy=chosen,
            inbound_rules=cfg.inbound_rules,
            waivers=cfg.exceptions,
        ),
    )
    return report, [*scanned.errors, *found.errors]


def run(
    paths: Sequence[Path], options: AuditOptions, progress: Callable[[str], None] | None = None
) -> AuditReport:
    """Audit each repository in `paths` and the company they belong to. Raises ValueError (bad
    --since or organizations file), PolicyError, files.NotScannable for a path that cannot be read;
    a path without git history is audited without the history components (their confidence low)."""
    say = progress or (lambda _message: None)
    staged: list[tuple[Path, CheckReport, GraphReport | None, list[ReadError]]] = []
    for root in paths:
        cfg, cfg_errors = discover(root, None)
        say(f"{root}: licenses and dependencies")
        report, errors = _check_one(root, cfg, options)
        errors += [ReadError(p, m) for p, m in cfg_errors]
        say(f"{root}: history")
        try:
            full = analyse(root, GraphOptions(orgs_file=options.orgs_file, cache_dir=options.cache_dir))
        except (NotARepository, EmptyHistory) as exc:
            errors.append(ReadError(str(root), f"no history read: {exc}"))
            full = None
        staged.append((root, report, full, errors))
    # The company: named, else the organization with most commits across every repository.
    pooled: dict[str, tuple[set[str], int]] = {}
    for _, _, full, _ in staged:
        if full is None:
            continue
        for org in full.result.organizations:
            domains, commits = pooled.get(org.name, (set(), 0))
            pooled[org.name] = (domains | set(org.domains), commits + org.commits)
    company = openness.choose_company(
        ((name, sorted(d), n) for name, (d, n) in pooled.items()), [*options.orgs]
    )
    audits = []
    for root, report, full, errors in staged:
        start, since = _window_start(full, options)
        window = None
        if full is not None and since is not None:
            try:
                window = analyse(
                    root,
                    GraphOptions(
                        history=HistoryOptions(since=since),
                        orgs_file=options.orgs_file,
                        cache_dir=options.cache_dir,
                    ),
                )
            except EmptyHistory:
                window = None
        holders = [c.holder for f in report.scan.files for c in f.copyrights]
        governance = openness.read_governance(root, (f.path for f in report.scan.files), holders)
        evidence = openness.build_evidence(
            path=str(root),
            check=report,
            full=full,
            window=window,
            window_start=start,
            governance=governance,
            company=company,
        )
        result = openness.index(evidence, options.weights, options.thresholds)
        audits.append(RepositoryAudit(str(root), report, full, window, evidence, result, tuple(errors)))
    combined = openness.company_view([(a.evidence, a.openness) for a in audits], options.weights)
    return AuditReport(tuple(audits), company, combined)


__all__ = ["AuditOptions", "AuditReport", "PolicyError", "RepositoryAudit", "run"]
