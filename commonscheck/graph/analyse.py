# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The graph pipeline: one pass over the history, identities resolved at the end, metrics.

Streaming: each commit is folded into the aggregate as it comes off `git log`, and its identities
(author, committer, every person a trailer names) are registered with the resolver by index; only
after the last commit are the identities merged and affiliated, and the metrics computed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from commonscheck.audit.files import git_output
from commonscheck.graph.history import HistoryOptions, HistoryStats, read_history
from commonscheck.graph.identity import IdentityResolver, load_org_rules, read_mailmap
from commonscheck.graph.metrics import Aggregate, GraphResult
from commonscheck.graph.people import Identities

# Trailer keys by the relation they record (the list; Reported-by and Helped-by credit a
# person without review).
COAUTHOR_KEYS = frozenset({"Co-authored-by"})
SIGNER_KEYS = frozenset({"Signed-off-by"})
REVIEWER_KEYS = frozenset({"Reviewed-by", "Acked-by", "Tested-by"})


@dataclass(frozen=True, slots=True)
class GraphOptions:
    """What to read and how to group it."""

    history: HistoryOptions = field(default_factory=HistoryOptions)
    depth: int = 1
    period: str = "quarter"
    merge_emails: bool = True
    merge_names: bool = True
    orgs_file: Path | None = None
    cache_dir: Path | None = None


@dataclass(frozen=True, slots=True)
class GraphReport:
    """The history read (with what could not be), the identities and the result."""

    root: str
    stats: HistoryStats
    identities: Identities
    result: GraphResult
    period: str = "quarter"


def analyse(root: Path, options: GraphOptions) -> GraphReport:
    """Read the history of the repository at `root` and build contributors, organizations and
    metrics. Raises history.NotARepository / history.EmptyHistory, and ValueError for a bad
    organizations file."""
    rules = load_org_rules(options.orgs_file)
    resolver = IdentityResolver(
        read_mailmap(root), rules, merge_emails=options.merge_emails, merge_names=options.merge_names
    )
    aggregate = Aggregate(depth=options.depth, period=options.period)
    stats = HistoryStats()
    add = resolver.add
    fold = aggregate.add
    for commit in read_history(root, options.history, cache_dir=options.cache_dir, stats=stats):
        trailers = commit.trailers
        if trailers:
            coauthors = [add(t.name, t.email) for t in trailers if t.key in COAUTHOR_KEYS]
            signers = [add(t.name, t.email) for t in trailers if t.key in SIGNER_KEYS]
            reviewers = [add(t.name, t.email) for t in trailers if t.key in REVIEWER_KEYS]
        else:
            coauthors = signers = reviewers = []
        fold(
            commit,
            add(commit.author_name, commit.author_email),
            add(commit.committer_name, commit.committer_email),
            coauthors,
            signers,
            reviewers,
        )
    identities = resolver.resolve()
    result = aggregate.finish(identities, existing_files=_existing_files(root, options.history))
    return GraphReport(
        root=str(root), stats=stats, identities=identities, result=result, period=options.period
    )


def _existing_files(root: Path, history: HistoryOptions) -> frozenset[str] | None:
    """The files at the revision read (the truck factor counts files that still exist, as Avelino et
    al. do on the current snapshot); None when they cannot be listed (a range such as `a..b`)."""
    rev = history.rev or "HEAD"
    if ".." in rev:
        rev = rev.split("..")[-1].lstrip(".") or "HEAD"
    try:
        out = git_output(root, "ls-tree", "-r", "-z", "--name-only", "--end-of-options", rev)
    except (RuntimeError, OSError):
        return None
    return frozenset(p for p in out.decode("utf-8", "surrogateescape").split("\0") if p)
