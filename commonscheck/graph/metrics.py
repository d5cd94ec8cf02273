# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Contributors, organizations and the metrics of a repository's history, computed in one pass.

`Aggregate.add` folds each commit into counters as it comes off `git log`; nothing per commit is kept
except one 8-byte author time per commit (`array('q')`, per raw identity), which dated affiliations,
newcomers and activity per period need. Everything else is bounded by identities x files touched:
per (file, identity) change and line counts, per file its creation, per identity pair the relations
that trailers and committers record. `Aggregate.finish` maps identities to people and organizations
(`people.Identities`) and computes the metrics.

Bots: their commits count in the history totals, in their own `Contributor` (bot=True) and in the
activity's commit totals; they are left out of every metric about people (truck factor, contributor
absence factor, elephant factor and organizational diversity, core and periphery, communities,
newcomers, active contributors). Each metric says so in its details.
"""

from __future__ import annotations

import calendar
import math
import time
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

import networkx as nx

from commonscheck.graph.network import projection_graph
from commonscheck.graph.people import Affiliation, Identities
from commonscheck.model import Commit, Contributor, Metric, Organization

PeriodKind = Literal["month", "quarter", "year"]
RelationKind = Literal["co-authored", "signed-off", "reviewed", "committed-for"]

# Degree of authorship (Avelino et al., ICPC 2016, after Fritz et al. 2014).
DOA_BASE = 3.293
DOA_FA = 1.098
DOA_DL = 0.164
DOA_AC = 0.321
DOA_NORMALISED_MIN = 0.75
RETENTION_SECONDS = 182 * 86400
CORE_SHARE = 0.8
HALF = 0.5
LOUVAIN_SEED = 42
# Files changed by more people than this (changelogs, version files) link nearly everyone and say
# nothing about who works together, while costing people^2 pairs; the projection leaves them out.
PROJECTION_MAX_FILE_PEOPLE = 300

_RELATIONS: tuple[RelationKind, ...] = ("co-authored", "signed-off", "reviewed", "committed-for")
_IDENT_BITS = 32
_IDENT_MASK = (1 << _IDENT_BITS) - 1
# Per (file, identity) counts packed in one int: changes in bits 0-31, lines added 32-79, deleted 80-.
_ADDED_SHIFT = 32
_DELETED_SHIFT = 80
_LOW32 = (1 << 32) - 1
_LOW48 = (1 << 48) - 1
_NO_TIME = 2**63 - 1


@dataclass(frozen=True, slots=True)
class HistoryTotals:
    """Every commit folded in: how many, merges, incomplete ones, first and last author time."""

    commits: int = 0
    merges: int = 0
    incomplete: int = 0
    first: int | None = None
    last: int | None = None
    # commits with a Signed-off-by trailer (the DCO's mark), merges included
    signed_off: int = 0


@dataclass(frozen=True, slots=True)
class FileStats:
    """A file under its current name (renames followed): its module, changes, lines, and whether it
    counts as existing (always True when no list of existing files was given)."""

    path: str
    module: str
    commits: int
    lines_added: int
    lines_deleted: int
    exists: bool = True


@dataclass(frozen=True, slots=True)
class Authorship:
    """A person's changes to a file; `created`: theirs is the file's first commit."""

    contributor: str
    path: str
    commits: int
    lines_added: int
    lines_deleted: int
    created: bool


@dataclass(frozen=True, slots=True)
class Relation:
    """Person `source` stands in relation `kind` to author `target` on `commits` commits:
    co-authored (a Co-authored-by trailer), signed-off, reviewed (trailers), committed-for (the
    committer is another person than the author)."""

    kind: RelationKind
    source: str
    target: str
    commits: int


@dataclass(frozen=True, slots=True)
class Membership:
    """A person authored `commits` commits while affiliated with `organization`."""

    contributor: str
    organization: str
    commits: int


@dataclass(frozen=True)
class GraphResult:
    """Contributors (sorted by commits desc, then id), organizations (by commits desc, then name),
    metrics by name, and what the graph is built from (`graph()`)."""

    contributors: tuple[Contributor, ...]
    organizations: tuple[Organization, ...]
    metrics: dict[str, Metric]
    history: HistoryTotals = field(default_factory=HistoryTotals)
    files: tuple[FileStats, ...] = ()
    authorship: tuple[Authorship, ...] = ()
    relations: tuple[Relation, ...] = ()
    memberships: tuple[Membership, ...] = ()
    # contributor-to-contributor projection: (id, id, shared files), ids sorted within and across
    shared_files: tuple[tuple[str, str, int], ...] = ()
    communities: tuple[tuple[str, ...], ...] = ()
    core: tuple[str, ...] = ()
    depth: int = 1
    # human commits per period and affiliation: (period label, organization or "independent" /
    # "unknown", commits), in time order
    period_organizations: tuple[tuple[str, str, int], ...] = ()

    def graph(self) -> nx.MultiDiGraph:
        """The typed networkx graph (network.build_graph), built on demand for exports."""
        from commonscheck.graph.network import build_graph

        return build_graph(self)


def module_of(path: str, depth: int) -> str:
    """The directory prefix of `path` at `depth` ("src/pkg/a.py", 1 -> "src"); "." for a file at the
    top level; a shallower file gives its whole directory."""
    parts = path.split("/")[:-1]
    if not parts or depth <= 0:
        return "."
    return "/".join(parts[:depth])


def period_index(when: int, period: PeriodKind) -> int:
    """A period number that sorts in time: months and quarters since year 0, or the year (UTC)."""
    tm = time.gmtime(when)
    if period == "month":
        return tm.tm_year * 12 + tm.tm_mon - 1
    if period == "quarter":
        return tm.tm_year * 4 + (tm.tm_mon - 1) // 3
    return tm.tm_year


def period_label(index: int, period: PeriodKind) -> str:
    """'2024-03', '2024-Q1' or '2024'."""
    if period == "month":
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    if period == "quarter":
        return f"{index // 4:04d}-Q{index % 4 + 1}"
    return f"{index:04d}"


def period_start(index: int, period: PeriodKind) -> int:
    """The first second (UTC) of period `index`."""
    if period == "month":
        year, month = divmod(index, 12)
        return calendar.timegm((year, month + 1, 1, 0, 0, 0))
    if period == "quarter":
        year, quarter = divmod(index, 4)
        return calendar.timegm((year, quarter * 3 + 1, 1, 0, 0, 0))
    return calendar.timegm((index, 1, 1, 0, 0, 0))


def degree_of_authorship(first_author: bool, deliveries: int, others: int) -> float:
    """DOA = 3.293 + 1.098*FA + 0.164*DL - 0.321*ln(1 + AC) (Avelino, Passos, Hora, Valente, "A novel
    approach for estimating truck factors", ICPC 2016, https://arxiv.org/abs/1604.06766, after Fritz
    et al., TOSEM 2014): FA 1 when the person created the file, DL their changes to it, AC the
    changes by everyone else."""
    return DOA_BASE + DOA_FA * first_author + DOA_DL * deliveries - DOA_AC * math.log1p(others)


class Aggregate:
    """Folds commits into per-identity, per-file and per-period counts; `finish` computes the result.

    `depth` sets the module of a file (its directory prefix at that depth); `period` the periods of
    activity and newcomers: "month", "quarter" or "year".
    """

    def __init__(self, *, depth: int = 1, period: str = "quarter") -> None:
        if period not in ("month", "quarter", "year"):
            raise ValueError(f"period must be month, quarter or year, not {period!r}")
        if depth < 0:
            raise ValueError("depth must be 0 or more")
        self.depth = depth
        self.period: PeriodKind = period  # type: ignore[assignment]
        self._commits = 0
        self._merges = 0
        self._incomplete = 0
        self._signed = 0
        self._first = _NO_TIME
        self._last = -_NO_TIME
        # per author identity: one author time per commit, lines added and deleted
        self._times: dict[int, array[int]] = {}
        self._added: dict[int, int] = {}
        self._deleted: dict[int, int] = {}
        # per identity in any other role (committer, trailers): first and last time seen
        self._seen_first: dict[int, int] = {}
        self._seen_last: dict[int, int] = {}
        self._emails: dict[int, str] = {}
        # files: name -> id; ids merged (union-find) when a rename is seen after the old name's
        # history (oldest-first order); old name -> (current name, rename time) for older commits
        self._file_id: dict[str, int] = {}
        self._paths: list[str] = []
        self._parent: list[int] = []
        self._file_first: list[int] = []
        self._file_last: list[int] = []
        self._creator: list[int] = []
        self._alias: dict[str, tuple[str, int]] = {}
        # (file id << 32 | identity) -> packed changes and lines
        self._pairs: dict[int, int] = {}
        # (kind << 64 | source << 32 | target) -> commits
        self._relations: dict[int, int] = {}

    # -- streaming ------------------------------------------------------------------------------

    def add(
        self,
        commit: Commit,
        author: int,
        committer: int,
        coauthors: Sequence[int] = (),
        signers: Sequence[int] = (),
        reviewers: Sequence[int] = (),
    ) -> None:
        """Fold one commit in. `author`, `committer` and the trailer people are raw identity indices
        (identity.IdentityResolver.add). Any order works for the counts; renames are followed
        exactly in git log order (newest first) and in oldest-first order."""
        self._commits += 1
        if len(commit.parents) > 1:
            self._merges += 1
        if commit.incomplete:
            self._incomplete += 1
        if signers:
            self._signed += 1
        when = commit.author_time
        if when < self._first:
            self._first = when
        if when > self._last:
            self._last = when
        times = self._times.get(author)
        if times is None:
            times = self._times[author] = array("q")
            self._emails.setdefault(author, commit.author_email)
        times.append(when)
        self._emails.setdefault(committer, commit.committer_email)

        ctime = commit.committer_time
        pairs = self._pairs
        added_total = deleted_total = 0
        seen: set[int] = set()
        for change in commit.files:
            fid = self._file_for(change.path, change.old_path, ctime)
            if fid in seen:
                continue
            seen.add(fid)
            added = change.added or 0
            deleted = change.deleted or 0
            added_total += added
            deleted_total += deleted
            key = fid << _IDENT_BITS | author
            pairs[key] = pairs.get(key, 0) + (1 | added << _ADDED_SHIFT | deleted << _DELETED_SHIFT)
            # the creator is the earliest commit (committer time: the order commits joined the
            # history); on a tie the one seen later wins, which in git log order is the older
            if ctime <= self._file_first[fid]:
                self._file_first[fid] = ctime
                self._creator[fid] = author
            if ctime > self._file_last[fid]:
                self._file_last[fid] = ctime
        if added_total:
            self._added[author] = self._added.get(author, 0) + added_total
        if deleted_total:
            self._deleted[author] = self._deleted.get(author, 0) + deleted_total

        relations = self._relations
        target = author
        for kind, people in ((0, coauthors), (1, signers), (2, reviewers), (3, (committer,))):
            for source in people:
                self._see(source, when)
                if source != target:
                    key = kind << 64 | source << _IDENT_BITS | target
                    relations[key] = relations.get(key, 0) + 1

    def _see(self, identity: int, when: int) -> None:
        if when < self._seen_first.get(identity, _NO_TIME):
            self._seen_first[identity] = when
        if when > self._seen_last.get(identity, -_NO_TIME):
            self._seen_last[identity] = when

    def _resolve(self, path: str, when: int) -> str:
        """The current name of `path` as it was called at time `when`: follow renames made after."""
        alias = self._alias
        for _ in range(len(alias) + 1):
            entry = alias.get(path)
            if entry is None or when > entry[1]:
                break
            path, when = entry
        return path

    def _new_file(self, path: str) -> int:
        fid = len(self._paths)
        self._file_id[path] = fid
        self._paths.append(path)
        self._parent.append(fid)
        self._file_first.append(_NO_TIME)
        self._file_last.append(-_NO_TIME)
        self._creator.append(-1)
        return fid

    def _file_for(self, path: str, old_path: str | None, when: int) -> int:
        current = self._resolve(path, when)
        fid = self._file_id.get(current)
        if fid is None:
            fid = self._new_file(current)
        if old_path is not None and old_path != path:
            # Commits older than this one that touch old_path touch this file.
            self._alias[old_path] = (current, when)
            old = self._file_id.get(old_path)
            if old is not None and old != fid and self._file_last[old] <= when:
                # old_path's changes were all before the rename (seen first: oldest-first order), so
                # they are this file's past; a name used again after the rename stays another file.
                self._parent[old] = fid
                del self._file_id[old_path]
        return fid

    def _find(self, fid: int) -> int:
        parent = self._parent
        while parent[fid] != fid:
            parent[fid] = parent[parent[fid]]
            fid = parent[fid]
        return fid

    # -- the result -----------------------------------------------------------------------------

    def finish(self, identities: Identities, *, existing_files: Iterable[str] | None = None) -> GraphResult:
        """Contributors, organizations, metrics and the graph's parts. `existing_files` (e.g. `git
        ls-files` at the revision read) restricts the truck factor to files that still exist; without
        it every file the history touched counts (under its current name)."""
        people = identities.people
        person_of = identities.person_of
        bot = [p.bot for p in people]
        state = _PeopleState(len(people))
        self._fold_people(identities, state)

        contributors = self._contributors(identities, state)
        ids = [p.id for p in people]
        organizations = self._organizations(identities, state)

        files, authorship, per_file, creators = self._files(identities, existing_files)
        relations = self._relation_records(person_of, ids)
        memberships = tuple(
            Membership(ids[p], org, n)
            for (p, org), n in sorted(state.membership.items(), key=lambda kv: (ids[kv[0][0]], kv[0][1]))
        )

        metrics: dict[str, Metric] = {}
        counted = per_file
        if existing_files is not None:
            counted = {f.path: per_file[f.path] for f in files if f.exists}
        metrics["truck_factor"] = truck_factor(counted, creators, ids, bot, existing_files is not None)
        human_commits = {ids[p]: n for p, n in enumerate(state.commits) if n and not bot[p]}
        metrics["contributor_absence_factor"] = contributor_absence_factor(human_commits, state.bot_commits)
        org_commits = dict(state.org_commits)
        unknown = state.human_commits_by_kind["independent"] + state.human_commits_by_kind["unknown"]
        metrics["elephant_factor"] = elephant_factor(org_commits, unknown, state.bot_commits)
        metrics["organizational_diversity"] = organizational_diversity(org_commits, unknown)
        core = core_periphery(human_commits)
        metrics["core_periphery"] = core
        shared, skipped = _shared_files(per_file, bot, ids)
        humans = sorted(ids[p] for p in range(len(people)) if not bot[p] and state.involved[p])
        communities_metric, communities = communities_of(humans, shared, skipped)
        metrics["communities"] = communities_metric
        metrics["newcomers"] = newcomers(
            [(state.first[p], state.last[p]) for p in range(len(people)) if state.commits[p] and not bot[p]],
            self.period,
            self._last if self._commits else None,
        )
        metrics["activity"] = activity(
            state.period_commits, state.period_human, state.period_active, self.period
        )
        core_ids = next((v for k, v in core.details if k == "core"), [])
        return GraphResult(
            contributors=contributors,
            organizations=organizations,
            metrics=metrics,
            history=HistoryTotals(
                self._commits,
                self._merges,
                self._incomplete,
                self._first if self._commits else None,
                self._last if self._commits else None,
                self._signed,
            ),
            files=files,
            authorship=authorship,
            relations=relations,
            memberships=memberships,
            shared_files=shared,
            communities=communities,
            core=tuple(core_ids) if isinstance(core_ids, list) else (),
            depth=self.depth,
            period_organizations=tuple(
                (period_label(i, self.period), label, n) for (i, label), n in sorted(state.period_org.items())
            ),
        )

    def _fold_people(self, identities: Identities, state: _PeopleState) -> None:
        """Per person: commits, lines, times, affiliations of their commits; per period: activity."""
        people = identities.people
        person_of = identities.person_of
        period = self.period
        day_cache: dict[int, int] = {}
        for identity, times in self._times.items():
            p = person_of[identity]
            is_bot = people[p].bot
            n = len(times)
            state.commits[p] += n
            state.involved[p] = True
            state.added[p] += self._added.get(identity, 0)
            state.deleted[p] += self._deleted.get(identity, 0)
            state.first[p] = min(state.first[p], min(times))
            state.last[p] = max(state.last[p], max(times))
            dated = identities.periods[identity] if identity < len(identities.periods) else ()
            affiliations: Counter[Affiliation]
            if dated:
                affiliations = Counter(identities.affiliation(identity, t) for t in times)
            else:
                affiliations = Counter({identities.default[identity]: n})
            for affiliation, count in affiliations.items():
                state.affiliations[p][affiliation] += count
                if affiliation.kind == "organization" and affiliation.organization is not None:
                    state.membership[(p, affiliation.organization)] += count
                if is_bot or affiliation.kind == "bot":
                    state.bot_commits += count
                    continue
                state.human_commits_by_kind[affiliation.kind] += count
                if affiliation.kind == "organization" and affiliation.organization is not None:
                    state.org_commits[affiliation.organization] += count
                    state.org_people[affiliation.organization].add(p)
            default = identities.default[identity]
            for t in times:
                day = t // 86400
                index = day_cache.get(day)
                if index is None:
                    index = day_cache[day] = period_index(t, period)
                state.period_commits[index] += 1
                if not is_bot:
                    state.period_human[index] += 1
                    state.period_active[index].add(p)
                    a = identities.affiliation(identity, t) if dated else default
                    if a.kind != "bot":
                        state.period_org[(index, a.organization or a.kind)] += 1
        for identity, first in self._seen_first.items():
            p = person_of[identity]
            state.involved[p] = True
            state.seen_first[p] = min(state.seen_first[p], first)
            state.seen_last[p] = max(state.seen_last[p], self._seen_last[identity])

    def _contributors(self, identities: Identities, state: _PeopleState) -> tuple[Contributor, ...]:
        people = identities.people
        defaults: dict[int, Counter[Affiliation]] = defaultdict(Counter)
        for identity, p in enumerate(identities.person_of):
            if identity < len(identities.default):
                defaults[p][identities.default[identity]] += 1
        result = []
        for p, person in enumerate(people):
            if not state.involved[p]:
                continue
            counts = state.affiliations[p] if state.commits[p] else defaults[p]
            organization = _main_organization(counts)
            if state.commits[p]:
                first, last = state.first[p], state.last[p]
            else:
                first, last = state.seen_first[p], state.seen_last[p]
            result.append(
                Contributor(
                    id=person.id,
                    name=person.name,
                    emails=person.emails,
                    organization=organization,
                    bot=person.bot,
                    commits=state.commits[p],
                    lines_added=state.added[p],
                    lines_deleted=state.deleted[p],
                    first=first,
                    last=last,
                )
            )
        result.sort(key=lambda c: (-c.commits, c.id))
        return tuple(result)

    def _organizations(self, identities: Identities, state: _PeopleState) -> tuple[Organization, ...]:
        domains: dict[str, set[str]] = defaultdict(set)
        for identity, email in self._emails.items():
            if identity >= len(identities.default):
                continue
            affiliation = identities.default[identity]
            if affiliation.kind == "organization" and affiliation.organization and "@" in email:
                domains[affiliation.organization].add(email.rsplit("@", 1)[1].lower())
        result = [
            Organization(name, tuple(sorted(domains.get(name, ()))), len(state.org_people[name]), n)
            for name, n in state.org_commits.items()
        ]
        result.sort(key=lambda o: (-o.commits, o.name))
        return tuple(result)

    def _files(
        self, identities: Identities, existing_files: Iterable[str] | None
    ) -> tuple[tuple[FileStats, ...], tuple[Authorship, ...], dict[str, dict[int, int]], dict[str, int]]:
        """Per current file name: stats, authorship records (by person), packed counts by person and
        the creator's person (-1 when unknown). Only files in `existing_files` when given."""
        person_of = identities.person_of
        people = identities.people
        find = self._find
        by_root: dict[int, dict[int, int]] = defaultdict(dict)
        for key, packed in self._pairs.items():
            root = find(key >> _IDENT_BITS)
            p = person_of[key & _IDENT_MASK]
            counts = by_root[root]
            counts[p] = counts.get(p, 0) + packed
        creator_time: dict[int, int] = {}
        creator: dict[int, int] = {}
        for fid in range(len(self._paths)):
            root = find(fid)
            if self._creator[fid] >= 0 and self._file_first[fid] <= creator_time.get(root, _NO_TIME):
                creator_time[root] = self._file_first[fid]
                creator[root] = person_of[self._creator[fid]]
        existing = set(existing_files) if existing_files is not None else None
        files: list[FileStats] = []
        authorship: list[Authorship] = []
        per_file: dict[str, dict[int, int]] = {}
        creators: dict[str, int] = {}
        for root, counts in by_root.items():
            path = self._paths[root]
            exists = existing is None or path in existing
            total = sum(counts.values())
            files.append(
                FileStats(
                    path,
                    module_of(path, self.depth),
                    total & _LOW32,
                    total >> _ADDED_SHIFT & _LOW48,
                    total >> _DELETED_SHIFT,
                    exists,
                )
            )
            who = creator.get(root, -1)
            for p, packed in counts.items():
                authorship.append(
                    Authorship(
                        people[p].id,
                        path,
                        packed & _LOW32,
                        packed >> _ADDED_SHIFT & _LOW48,
                        packed >> _DELETED_SHIFT,
                        p == who,
                    )
                )
            per_file[path] = {p: packed & _LOW32 for p, packed in counts.items()}
            creators[path] = who
        files.sort(key=lambda f: f.path)
        authorship.sort(key=lambda a: (a.path, a.contributor))
        return tuple(files), tuple(authorship), per_file, creators

    def _relation_records(self, person_of: tuple[int, ...], ids: list[str]) -> tuple[Relation, ...]:
        merged: Counter[tuple[int, int, int]] = Counter()
        for key, n in self._relations.items():
            kind = key >> 64
            source = person_of[key >> _IDENT_BITS & _IDENT_MASK]
            target = person_of[key & _IDENT_MASK]
            if source != target:
                merged[(kind, source, target)] += n
        records = [Relation(_RELATIONS[k], ids[s], ids[t], n) for (k, s, t), n in merged.items()]
        records.sort(key=lambda r: (r.kind, r.source, r.target))
        return tuple(records)


class _PeopleState:
    """Per-person and per-period accumulators filled by Aggregate._fold_people."""

    def __init__(self, n: int) -> None:
        self.commits = [0] * n
        self.added = [0] * n
        self.deleted = [0] * n
        self.first = [_NO_TIME] * n
        self.last = [-_NO_TIME] * n
        self.seen_first = [_NO_TIME] * n
        self.seen_last = [-_NO_TIME] * n
        self.involved = [False] * n
        self.affiliations: list[Counter[Affiliation]] = [Counter() for _ in range(n)]
        self.membership: Counter[tuple[int, str]] = Counter()
        self.bot_commits = 0
        self.human_commits_by_kind: Counter[str] = Counter()
        self.org_commits: Counter[str] = Counter()
        self.org_people: dict[str, set[int]] = defaultdict(set)
        self.period_commits: Counter[int] = Counter()
        self.period_human: Counter[int] = Counter()
        self.period_active: dict[int, set[int]] = defaultdict(set)
        # (period, organization name or "independent" / "unknown") -> human commits
        self.period_org: Counter[tuple[int, str]] = Counter()


def _main_organization(counts: Counter[Affiliation]) -> str | None:
    """The organization of most of a person's organization-affiliated commits; None when none of
    their commits is. Commits from freemail or GitHub noreply addresses say nothing about an
    employer, so an employee who also commits through the web interface (users.noreply.github.com)
    is still the employer's, as gitdm-style affiliation does it; ties go to the first name."""
    orgs = [(n, a.organization) for a, n in counts.items() if a.kind == "organization" and a.organization]
    if not orgs:
        return None
    return min(orgs, key=lambda item: (-item[0], item[1]))[1]


def _r(x: float) -> float:
    return round(x, 6)


# -- metrics ------------------------------------------------------------------------------------

BOTS_NOTE = "bots excluded (their commits still count in the history totals and their contributor entry)"


def truck_factor(
    per_file: dict[str, dict[int, int]],
    creators: dict[str, int],
    ids: Sequence[str],
    bot: Sequence[bool],
    existing_only: bool = False,
) -> Metric:
    """Truck factor by degree of authorship (Avelino, Passos, Hora, Valente, "A novel approach for
    estimating truck factors", ICPC 2016, https://arxiv.org/abs/1604.06766).

    Per file, for each person who changed it: DOA = 3.293 + 1.098*FA + 0.164*DL - 0.321*ln(1 + AC)
    (FA 1 when the person made the file's first commit, DL their changes, AC everyone else's). A
    person is an author of the file when DOA / max DOA on that file > 0.75 and DOA >= 3.293. Then
    greedily remove the author of the most files (ties: smallest id) while at least half of the files
    still have an author; the truck factor is the number removed.

    Files are the history's files under their current names (renames followed), or only those that
    still exist when the caller gave the list; bots' changes are left out (a file only bots changed
    does not count). `per_file` maps path -> {person: changes}; `creators` path -> person or -1.
    """
    authors_of: dict[str, list[int]] = {}
    for path, counts in per_file.items():
        humans = {p: n for p, n in counts.items() if not bot[p]}
        if not humans:
            continue
        total = sum(humans.values())
        creator = creators.get(path, -1)
        doa = {p: degree_of_authorship(p == creator, n, total - n) for p, n in humans.items()}
        top = max(doa.values())
        authors_of[path] = [p for p, d in doa.items() if d >= DOA_BASE and d / top > DOA_NORMALISED_MIN]
    n_files = len(authors_of)
    variant = "files that exist at the revision read" if existing_only else "files touched by the history"
    details: list[tuple[str, object]] = [
        ("variant", f"degree of authorship (Avelino et al. 2016), {variant}, renames followed"),
        ("files", n_files),
    ]
    if not n_files:
        return Metric("truck_factor", None, (*details, ("removed", []), ("bots", BOTS_NOTE)))
    files_of: dict[int, set[str]] = defaultdict(set)
    left = {}
    for path, authors in authors_of.items():
        left[path] = len(authors)
        for p in authors:
            files_of[p].add(path)
    covered = sum(1 for n in left.values() if n)
    details.append(("files_with_author", covered))
    removed: list[str] = []
    while files_of and covered * 2 >= n_files:
        person = min(files_of, key=lambda p: (-len(files_of[p]), ids[p]))
        for path in files_of.pop(person):
            left[path] -= 1
            if not left[path]:
                covered -= 1
        removed.append(ids[person])
    details += [("removed", removed), ("orphan_share", _r(1 - covered / n_files)), ("bots", BOTS_NOTE)]
    return Metric("truck_factor", len(removed), tuple(details))


def _smallest_set(counts: dict[str, int], share: float, total: int | None = None) -> list[str] | None:
    """The fewest keys (largest counts first, ties by key) whose counts reach `share` of `total`
    (default: the sum of counts); None when they cannot."""
    total = sum(counts.values()) if total is None else total
    if total <= 0:
        return None
    chosen: list[str] = []
    running = 0
    for key, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        if running >= share * total:
            break
        chosen.append(key)
        running += n
    return chosen if running >= share * total else None


def contributor_absence_factor(human_commits: dict[str, int], bot_commits: int) -> Metric:
    """CHAOSS Contributor Absence Factor: the smallest number of contributors whose commits make up
    50 % of all commits (https://chaoss.community/kb/metric-contributor-absence-factor/). Variant:
    authored commits (co-authors not credited), bots excluded from both sides."""
    chosen = _smallest_set(human_commits, HALF)
    total = sum(human_commits.values())
    details: tuple[tuple[str, object], ...] = (
        ("variant", "commits by author, 50 %"),
        ("contributors", chosen or []),
        ("share", _r(sum(human_commits[c] for c in chosen) / total) if chosen else 0.0),
        ("commits", total),
        ("bot_commits_excluded", bot_commits),
        ("bots", BOTS_NOTE),
    )
    return Metric("contributor_absence_factor", len(chosen) if chosen else None, details)


def elephant_factor(org_commits: dict[str, int], unknown_commits: int, bot_commits: int) -> Metric:
    """CHAOSS Elephant Factor: the minimum number of organizations whose commits make up 50 % of the
    commits (https://chaoss.community/kb/metric-elephant-factor/).

    Variant "commits, organizations only": the denominator is the commits of identities affiliated
    with an organization at the time; commits from independent (freemail) or unknown identities are
    left out, and `unknown_share` says how large that part is (share of all non-bot commits). The
    details also give `value_all_commits`: organizations needed for 50 % of all non-bot commits,
    independent and unknown included in the denominator but never an elephant (None when the
    organizations together hold less than half). Bot commits are excluded from every denominator."""
    org_total = sum(org_commits.values())
    human_total = org_total + unknown_commits
    chosen = _smallest_set(org_commits, HALF)
    all_chosen = _smallest_set(org_commits, HALF, human_total)
    details: tuple[tuple[str, object], ...] = (
        ("variant", "commits, organizations only"),
        ("unknown_share", _r(unknown_commits / human_total) if human_total else 0.0),
        ("organizations", chosen or []),
        ("value_all_commits", len(all_chosen) if all_chosen else None),
        ("organization_commits", org_total),
        ("independent_or_unknown_commits", unknown_commits),
        ("bot_commits_excluded", bot_commits),
        ("bots", BOTS_NOTE),
    )
    return Metric("elephant_factor", len(chosen) if chosen else None, details)


def organizational_diversity(org_commits: dict[str, int], unknown_commits: int) -> Metric:
    """Shares of commits by organization, their Herfindahl-Hirschman index HHI = sum(s_i^2) (U.S. DOJ
    Horizontal Merger Guidelines, https://www.justice.gov/atr/herfindahl-hirschman-index) and Shannon
    entropy H = -sum(s_i ln s_i) (Shannon 1948), normalised H / ln(n) (Pielou evenness; 0 for one
    organization). The value is the Gini-Simpson index 1 - HHI (Simpson, Nature 1949): the chance
    that two commits drawn at random come from different organizations. Over commits of
    organization-affiliated identities, as the elephant factor; bots excluded."""
    total = sum(org_commits.values())
    human_total = total + unknown_commits
    base: tuple[tuple[str, object], ...] = (
        ("variant", "commits, organizations only; value = 1 - HHI (Gini-Simpson)"),
        ("unknown_share", _r(unknown_commits / human_total) if human_total else 0.0),
    )
    if not total:
        return Metric("organizational_diversity", None, (*base, ("organizations", 0), ("bots", BOTS_NOTE)))
    ordered = sorted(org_commits.items(), key=lambda kv: (-kv[1], kv[0]))
    shares = [n / total for _, n in ordered]
    hhi = sum(s * s for s in shares)
    entropy = -sum(s * math.log(s) for s in shares if s > 0) + 0.0  # never -0.0
    normalised = entropy / math.log(len(shares)) if len(shares) > 1 else 0.0
    details = (
        *base,
        ("organizations", len(shares)),
        ("shares", {name: _r(s) for (name, _), s in zip(ordered, shares, strict=True)}),
        ("hhi", _r(hhi)),
        ("entropy", _r(entropy)),
        ("entropy_normalised", _r(normalised)),
        ("bots", BOTS_NOTE),
    )
    return Metric("organizational_diversity", _r(1 - hhi), details)


def core_periphery(human_commits: dict[str, int]) -> Metric:
    """Core = the smallest set of contributors who together made 80 % of the commits, periphery the
    rest (the commit-count approach of Mockus, Fielding, Herbsleb, "Two case studies of open source
    software development: Apache and Mozilla", TOSEM 2002, and Yamashita et al., "Revisiting the
    applicability of the Pareto principle to core development teams in open source software
    projects", IWPSE 2015). Value: the core's size. Bots excluded."""
    chosen = _smallest_set(human_commits, CORE_SHARE) or []
    total = len(human_commits)
    details: tuple[tuple[str, object], ...] = (
        ("variant", "commits by author, 80 %"),
        ("core", chosen),
        ("periphery", total - len(chosen)),
        ("core_share_of_contributors", _r(len(chosen) / total) if total else 0.0),
        ("bots", BOTS_NOTE),
    )
    return Metric("core_periphery", len(chosen) if total else None, details)


def _shared_files(
    per_file: dict[str, dict[int, int]], bot: Sequence[bool], ids: Sequence[str]
) -> tuple[tuple[tuple[str, str, int], ...], int]:
    """Contributor pairs weighted by the number of files both changed (bots left out); files
    changed by more than PROJECTION_MAX_FILE_PEOPLE people are skipped and counted.

    The pairs of each file are encoded as one int64 (a * n + b) and counted with numpy: a Python
    Counter of tuples took seconds and hundreds of MB on a million-commit history."""
    import numpy as np

    n = len(ids)
    skipped = 0
    chunks: list[np.ndarray] = []
    pending: list[np.ndarray] = []
    pending_size = 0

    def flush() -> None:
        nonlocal pending, pending_size
        if not pending:
            return
        keys, counts = np.unique(np.concatenate(pending), return_counts=True)
        chunks.append(np.stack([keys, counts]))
        pending, pending_size = [], 0

    for counts in per_file.values():
        humans = np.array(sorted(p for p in counts if not bot[p]), dtype=np.int64)
        k = len(humans)
        if k > PROJECTION_MAX_FILE_PEOPLE:
            skipped += 1
            continue
        if k < 2:
            continue
        i, j = np.triu_indices(k, 1)
        pending.append(humans[i] * n + humans[j])
        pending_size += len(i)
        if pending_size > 4_000_000:
            flush()
    flush()
    if not chunks:
        return (), skipped
    keys = np.concatenate([c[0] for c in chunks])
    weights = np.concatenate([c[1] for c in chunks])
    order = np.argsort(keys, kind="stable")
    keys, weights = keys[order], weights[order]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    totals = np.add.reduceat(weights, starts)
    edges = []
    for key, w in zip(keys[starts].tolist(), totals.tolist(), strict=True):
        a, b = divmod(key, n)
        x, y = ids[a], ids[b]
        edges.append((x, y, w) if x < y else (y, x, w))
    edges.sort()
    return tuple(edges), skipped


def communities_of(
    humans: Sequence[str], shared: Sequence[tuple[str, str, int]], skipped: int
) -> tuple[Metric, tuple[tuple[str, ...], ...]]:
    """Communities: Louvain (Blondel et al., "Fast unfolding of communities in large networks",
    J. Stat. Mech. 2008; networkx.community.louvain_communities, seed 42, resolution 1) on the
    contributor projection, edges weighted by shared files. Value: the number of communities
    (people with no shared file are communities of one); details: modularity (Newman 2006), sizes,
    members. Bots excluded."""
    graph = projection_graph(humans, shared)
    details: list[tuple[str, object]] = [
        ("variant", f"Louvain on the contributor projection weighted by shared files, seed {LOUVAIN_SEED}"),
        ("files_skipped", skipped),
        ("max_file_people", PROJECTION_MAX_FILE_PEOPLE),
    ]
    if not graph.number_of_nodes():
        return Metric("communities", None, (*details, ("bots", BOTS_NOTE))), ()
    found = nx.community.louvain_communities(graph, weight="weight", seed=LOUVAIN_SEED)
    groups = sorted((tuple(sorted(c)) for c in found), key=lambda c: (-len(c), c))
    modularity = (
        nx.community.modularity(graph, [set(g) for g in groups], weight="weight")
        if graph.number_of_edges()
        else 0.0
    )
    details += [
        ("modularity", _r(modularity)),
        ("sizes", [len(g) for g in groups]),
        ("singletons", sum(1 for g in groups if len(g) == 1)),
        ("members", [list(g) for g in groups]),
        ("bots", BOTS_NOTE),
    ]
    return Metric("communities", len(groups), tuple(details)), tuple(groups)


def newcomers(spans: Sequence[tuple[int, int]], period: PeriodKind, horizon: int | None) -> Metric:
    """Newcomers per period (people whose first authored commit falls in it) and their retention:
    the share still committing 182 days (6 months) after their first commit, i.e. with a commit at
    or after first + 182 days (after the CHAOSS Newcomers / retention practice,
    https://chaoss.community/kb/metric-new-contributors/). A cohort is judged only when the history
    reaches 182 days past its period's end (`horizon`: the last commit); younger cohorts have
    retention None. Value: retention over all judged newcomers. Bots excluded. `spans`: per person
    (first, last) authored commit time."""
    cohorts: Counter[int] = Counter()
    kept: Counter[int] = Counter()
    for first, last in spans:
        index = period_index(first, period)
        cohorts[index] += 1
        if last >= first + RETENTION_SECONDS:
            kept[index] += 1
    rows = []
    judged = retained = 0
    for index in sorted(cohorts):
        end = period_start(index + 1, period)
        old_enough = horizon is not None and end + RETENTION_SECONDS <= horizon
        if old_enough:
            judged += cohorts[index]
            retained += kept[index]
        rows.append(
            {
                "period": period_label(index, period),
                "newcomers": cohorts[index],
                "retained": kept[index] if old_enough else None,
                "retention": _r(kept[index] / cohorts[index]) if old_enough else None,
            }
        )
    details: tuple[tuple[str, object], ...] = (
        ("variant", f"first authored commit per {period}; retained = a commit 182 days or more after it"),
        ("newcomers", len(spans)),
        ("judged", judged),
        ("periods", rows),
        ("bots", BOTS_NOTE),
    )
    return Metric("newcomers", _r(retained / judged) if judged else None, details)


def activity(
    commits: Counter[int], human: Counter[int], active: dict[int, set[int]], period: PeriodKind
) -> Metric:
    """Activity per period (CHAOSS Activity Dates and Times / Code Changes Commits,
    https://chaoss.community/kb/metric-code-changes-commits/): commits (bots included), commits by
    people, and active contributors (people with an authored commit in the period, bots excluded),
    every period from the first to the last, empty ones included. Value: active contributors in the
    last period."""
    rows: list[dict[str, int | str]] = []
    value: int | None = None
    if commits:
        for index in range(min(commits), max(commits) + 1):
            rows.append(
                {
                    "period": period_label(index, period),
                    "commits": commits.get(index, 0),
                    "human_commits": human.get(index, 0),
                    "active_contributors": len(active.get(index, ())),
                }
            )
    details: tuple[tuple[str, object], ...] = (
        ("variant", f"per {period}, author time (UTC)"),
        ("periods", rows),
        ("bots", "bots counted in commits, excluded from human_commits and active_contributors"),
    )
    if rows:
        value = len(active.get(max(commits), ()))
    return Metric("activity", value, details)


__all__ = [
    "Aggregate",
    "Authorship",
    "FileStats",
    "GraphResult",
    "HistoryTotals",
    "Membership",
    "Relation",
    "degree_of_authorship",
    "module_of",
]
