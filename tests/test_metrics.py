# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""graph.metrics and graph.network on histories built from Commit records and resolved identities
made by hand (the history reader and the resolver are tested on real repositories elsewhere)."""

from __future__ import annotations

import calendar
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from commonscheck.graph.metrics import (
    Aggregate,
    GraphResult,
    degree_of_authorship,
    module_of,
    organizational_diversity,
)
from commonscheck.graph.network import projection
from commonscheck.graph.people import Affiliation, Identities, Period, Person
from commonscheck.model import Commit, FileChange, Metric

INDEPENDENT = Affiliation(None, "independent")
UNKNOWN = Affiliation(None, "unknown")
BOT = Affiliation(None, "bot")
DAY = 86400


def org(name: str) -> Affiliation:
    return Affiliation(name, "organization")


def ts(year: int, month: int, day: int) -> int:
    return calendar.timegm((year, month, day, 12, 0, 0))


def detail(metric: Metric, key: str) -> Any:
    return dict(metric.details)[key]


@dataclass
class Person_:
    id: str
    affiliation: Affiliation = INDEPENDENT
    bot: bool = False
    email: str = ""


@dataclass
class History:
    """Commits recorded as (commit, author, committer, coauthors, signers, reviewers), identity indices
    being positions in `people` (one identity per person unless `person_of` says otherwise)."""

    people: list[Person_]
    person_of: list[int] | None = None
    periods: dict[int, tuple[Period, ...]] = field(default_factory=dict)
    records: list[tuple[Commit, int, int, Sequence[int], Sequence[int], Sequence[int]]] = field(
        default_factory=list
    )

    def commit(
        self,
        author: int,
        when: int,
        files: Sequence[tuple[str, int, int] | tuple[str, int, int, str]] = (),
        *,
        committer: int | None = None,
        coauthors: Sequence[int] = (),
        signers: Sequence[int] = (),
        reviewers: Sequence[int] = (),
        merge: bool = False,
    ) -> None:
        changes = tuple(
            FileChange(f[0], f[3] if len(f) == 4 else None, f[1], f[2])
            for f in files
        )
        n = len(self.records)
        c = Commit(
            id=f"{n:040x}",
            parents=("a" * 40, "b" * 40) if merge else ("a" * 40,),
            author_name=self.people[author].id,
            author_email=self.people[author].email or f"{self.people[author].id}@example.org",
            author_time=when,
            committer_name="x",
            committer_email="x@example.org",
            committer_time=when,
            files=changes,
        )
        self.records.append(
            (c, author, author if committer is None else committer, coauthors, signers, reviewers)
        )

    def identities(self) -> Identities:
        """One Person per distinct `person_of` value (the identity at that position names it)."""
        person_of = self.person_of or list(range(len(self.people)))
        heads = sorted(set(person_of))
        persons = tuple(
            Person(
                self.people[head].id,
                self.people[head].id.upper(),
                tuple(self.people[j].email or f"{self.people[j].id}@example.org"
                      for j in range(len(self.people)) if person_of[j] == head),
                self.people[head].bot,
            )
            for head in heads
        )
        return Identities(
            person_of=tuple(heads.index(p) for p in person_of),
            people=persons,
            merges=(),
            default=tuple(p.affiliation for p in self.people),
            periods=tuple(self.periods.get(i, ()) for i in range(len(self.people))),
        )

    def run(
        self, *, order: str = "newest", existing: set[str] | None = None, **options: Any
    ) -> GraphResult:
        aggregate = Aggregate(**options)
        records = sorted(self.records, key=lambda r: r[0].committer_time, reverse=order == "newest")
        for commit, author, committer, coauthors, signers, reviewers in records:
            aggregate.add(commit, author, committer, coauthors, signers, reviewers)
        return aggregate.finish(self.identities(), existing_files=existing)


# -- truck factor ---------------------------------------------------------------------------------


def truck_history(with_bot: bool = False) -> History:
    """Four files, people A (0), B (1), C (2), and a bot (3).

    DOA = 3.293 + 1.098*FA + 0.164*DL - 0.321*ln(1 + AC); author when DOA/max > 0.75 and DOA >= 3.293.
    f1: A creates, A 3 changes, B 1.  A: 3.293+1.098+0.492-0.321 ln 2 = 4.661;
                                      B: 3.293+0.164-0.321 ln 4 = 3.012 (< 3.293) -> authors {A}
    f2: A creates, 1 change.          A: 3.293+1.098+0.164 = 4.555 -> {A}
    f3: B creates (1), C 3 changes.   B: 3.293+1.098+0.164-0.321 ln 4 = 4.110;
                                      C: 3.293+0.492-0.321 ln 2 = 3.563, 3.563/4.110 = 0.867 -> {B, C}
    f4: C creates (1), A 4 changes.   C: 4.555-0.321 ln 5 = 4.038;
                                      A: 3.293+0.656-0.321 ln 2 = 3.727, 3.727/4.038 = 0.923 -> {A, C}
    Greedy: A covers f1, f2, f4 -> removed (1); f3 {B, C} and f4 {C} still covered: 2 of 4, not fewer
    than half -> C (2 files) removed (2); f3 {B} alone: 1 of 4 < half -> stop. TF = 2, removed [A, C].

    With the bot's 10 changes to f2 counted as a person's: A on f2 = 4.555-0.321 ln 11 = 3.785, bot
    3.293+1.64-0.321 ln 2 = 4.710 -> f2 {A, bot}; after A, f2 f3 f4 are covered (3 of 4), C goes,
    then f2 f3 (2 of 4) still half, one more goes: TF 3. Bots are left out, so TF stays 2.
    """
    h = History([Person_("a"), Person_("b"), Person_("c"), Person_("bot", BOT, bot=True)])
    t = ts(2020, 1, 1)
    h.commit(0, t, [("f1", 10, 0), ("f2", 5, 0)])  # A creates f1 and f2
    h.commit(1, t + 1 * DAY, [("f3", 10, 0)])  # B creates f3
    h.commit(2, t + 2 * DAY, [("f4", 10, 0)])  # C creates f4
    for i in range(2):
        h.commit(0, t + (3 + i) * DAY, [("f1", 1, 1)])  # A: 3 changes to f1 in all
    h.commit(1, t + 5 * DAY, [("f1", 1, 1)])  # B: 1 change to f1
    for i in range(3):
        h.commit(2, t + (6 + i) * DAY, [("f3", 1, 1)])  # C: 3 changes to f3
    for i in range(4):
        h.commit(0, t + (10 + i) * DAY, [("f4", 1, 1)])  # A: 4 changes to f4
    if with_bot:
        for i in range(10):
            h.commit(3, t + (20 + i) * DAY, [("f2", 1, 1)])
    return h


def test_doa_formula() -> None:
    assert degree_of_authorship(True, 3, 1) == pytest.approx(3.293 + 1.098 + 0.164 * 3 - 0.321 * math.log(2))
    assert degree_of_authorship(False, 1, 3) == pytest.approx(3.012, abs=1e-3)


@pytest.mark.parametrize("order", ["newest", "oldest"])
def test_truck_factor_by_hand(order: str) -> None:
    result = truck_history().run(order=order)
    tf = result.metrics["truck_factor"]
    assert tf.value == 2
    assert detail(tf, "removed") == ["a", "c"]
    assert detail(tf, "files") == 4
    assert detail(tf, "files_with_author") == 4
    created = {(a.contributor, a.path) for a in result.authorship if a.created}
    assert created == {("a", "f1"), ("a", "f2"), ("b", "f3"), ("c", "f4")}


def test_truck_factor_leaves_bots_out() -> None:
    result = truck_history(with_bot=True).run()
    tf = result.metrics["truck_factor"]
    assert tf.value == 2
    assert "bot" not in detail(tf, "removed")
    # the bot's commits still count for the history and its own contributor entry
    assert result.history.commits == 23
    bot = next(c for c in result.contributors if c.id == "bot")
    assert bot.bot and bot.commits == 10
    assert sum(c.commits for c in result.contributors) == result.history.commits


def test_truck_factor_existing_files_only() -> None:
    # Without f1 and f2 only f3 {B, C} and f4 {A, C}: C covers both -> removed; f3 {B} and f4 {A}
    # still cover 2 of 2 -> a (tie, smaller id); f3 {B} is 1 of 2, not fewer than half -> b. TF 3.
    result = truck_history().run(existing={"f3", "f4"})
    tf = result.metrics["truck_factor"]
    assert tf.value == 3
    assert detail(tf, "removed") == ["c", "a", "b"]
    assert detail(tf, "files") == 2
    assert {f.path for f in result.files if not f.exists} == {"f1", "f2"}


def rename_history() -> History:
    """A creates old.py (1 change), B renames it to new.py (a change), B changes new.py again.
    One file: A: 3.293+1.098+0.164-0.321 ln 3 = 4.202; B: 3.293+0.328-0.321 ln 2 = 3.399, 0.809 of A's
    -> authors {A, B}. Were the rename not followed: old.py {A}, new.py {B} (created by B)."""
    h = History([Person_("a"), Person_("b")])
    t = ts(2021, 1, 1)
    h.commit(0, t, [("src/old.py", 10, 0)])
    h.commit(1, t + DAY, [("src/new.py", 1, 1, "src/old.py")])
    h.commit(1, t + 2 * DAY, [("src/new.py", 2, 0)])
    return h


@pytest.mark.parametrize("order", ["newest", "oldest"])
def test_renames_followed(order: str) -> None:
    result = rename_history().run(order=order)
    assert [(f.path, f.commits, f.lines_added) for f in result.files] == [("src/new.py", 3, 13)]
    created = [(a.contributor, a.created, a.commits) for a in result.authorship]
    assert created == [("a", True, 1), ("b", False, 2)]
    tf = result.metrics["truck_factor"]
    assert detail(tf, "files") == 1
    # both are authors; removing one (a, the smaller id on a tie) leaves the file covered by b
    assert tf.value == 2


@pytest.mark.parametrize("order", ["newest", "oldest"])
def test_renamed_then_name_reused(order: str) -> None:
    # a.py renamed to b.py, then a new a.py: the old a.py history belongs to b.py, the new one not
    h = History([Person_("a"), Person_("b")])
    t = ts(2021, 1, 1)
    h.commit(0, t, [("a.py", 5, 0)])
    h.commit(0, t + DAY, [("b.py", 0, 0, "a.py")])
    h.commit(1, t + 2 * DAY, [("a.py", 7, 0)])
    h.commit(1, t + 3 * DAY, [("a.py", 1, 0)])
    result = h.run(order=order)
    assert [(f.path, f.commits, f.lines_added) for f in result.files] == [("a.py", 2, 8), ("b.py", 2, 5)]


def test_rename_chain() -> None:
    h = History([Person_("a")])
    t = ts(2021, 1, 1)
    h.commit(0, t, [("x/a.py", 1, 0)])
    h.commit(0, t + DAY, [("x/b.py", 1, 0, "x/a.py")])
    h.commit(0, t + 2 * DAY, [("y/c.py", 1, 0, "x/b.py")])
    for order in ("newest", "oldest"):
        result = h.run(order=order)
        assert [(f.path, f.module, f.commits) for f in result.files] == [("y/c.py", "y", 3)]


def test_module_of() -> None:
    assert module_of("src/pkg/a.py", 1) == "src"
    assert module_of("src/pkg/a.py", 2) == "src/pkg"
    assert module_of("src/a.py", 2) == "src"
    assert module_of("a.py", 1) == "."


# -- organizations ------------------------------------------------------------------------------


def org_history() -> History:
    """ACME 5 commits (2 people), Beta 4, Gamma 1, independent 6, bot 7."""
    h = History([
        Person_("p1", org("ACME")), Person_("p2", org("ACME")), Person_("p3", org("Beta")),
        Person_("p4", org("Gamma")), Person_("p5", INDEPENDENT, email="p5@gmail.com"),
        Person_("dependabot", BOT, bot=True),
    ])
    t = ts(2022, 1, 1)
    counts = [3, 2, 4, 1, 6, 7]
    n = 0
    for person, count in enumerate(counts):
        for _ in range(count):
            h.commit(person, t + n * DAY, [(f"m{person}/f.py", 1, 0)])
            n += 1
    return h


def test_elephant_factor_with_independent_share() -> None:
    result = org_history().run()
    ef = result.metrics["elephant_factor"]
    # organizations only: 10 commits, ACME's 5 make half -> 1
    assert ef.value == 1
    assert detail(ef, "variant") == "commits, organizations only"
    assert detail(ef, "organizations") == ["ACME"]
    # independent 6 of 16 non-bot commits
    assert detail(ef, "unknown_share") == pytest.approx(6 / 16)
    # over all 16 non-bot commits, half is 8: ACME 5 + Beta 4 -> 2
    assert detail(ef, "value_all_commits") == 2
    assert detail(ef, "bot_commits_excluded") == 7
    assert [(o.name, o.commits, o.contributors) for o in result.organizations] == [
        ("ACME", 5, 2), ("Beta", 4, 1), ("Gamma", 1, 1)
    ]
    assert result.organizations[0].domains == ("example.org",)
    orgs = {c.id: c.organization for c in result.contributors}
    assert orgs == {"p1": "ACME", "p2": "ACME", "p3": "Beta", "p4": "Gamma", "p5": None, "dependabot": None}


def test_contributor_absence_factor_leaves_bots_out() -> None:
    result = org_history().run()
    caf = result.metrics["contributor_absence_factor"]
    # people: p5 6, p3 4, p1 3, p2 2, p4 1 = 16; half 8: p5 + p3 = 10 -> 2 (the bot's 7 not counted,
    # with it 23 commits, half 11.5: bot 7 + p5 6 -> 2 as well, but the bot would be named)
    assert caf.value == 2
    assert detail(caf, "contributors") == ["p5", "p3"]
    assert detail(caf, "commits") == 16
    core = result.metrics["core_periphery"]
    # 80 % of 16 = 12.8: 6 + 4 + 3 = 13 -> core of 3
    assert core.value == 3
    assert detail(core, "core") == ["p5", "p3", "p1"]
    assert detail(core, "periphery") == 2


def test_diversity_on_known_shares() -> None:
    m = organizational_diversity({"A": 50, "B": 25, "C": 25}, 0)
    assert detail(m, "hhi") == pytest.approx(0.375)
    assert m.value == pytest.approx(0.625)
    assert detail(m, "entropy") == pytest.approx(1.5 * math.log(2), abs=1e-6)
    assert detail(m, "entropy_normalised") == pytest.approx(1.5 * math.log(2) / math.log(3), abs=1e-6)
    assert detail(m, "shares") == {"A": 0.5, "B": 0.25, "C": 0.25}
    single = organizational_diversity({"A": 7}, 7)
    assert single.value == 0.0
    assert detail(single, "entropy_normalised") == 0.0
    assert json.dumps(detail(single, "entropy")) == "0.0"
    assert detail(single, "unknown_share") == 0.5
    assert organizational_diversity({}, 3).value is None


def test_diversity_through_aggregate() -> None:
    m = org_history().run().metrics["organizational_diversity"]
    shares = [0.5, 0.4, 0.1]
    assert detail(m, "hhi") == pytest.approx(sum(s * s for s in shares))
    assert detail(m, "entropy") == pytest.approx(-sum(s * math.log(s) for s in shares), abs=1e-6)


def test_dated_affiliations_and_mode() -> None:
    # p0's email is independent by default, but a user file puts them at ACME during 2020
    h = History([Person_("p0"), Person_("p1", org("Beta"))])
    h.periods[0] = (Period(ts(2020, 1, 1), ts(2021, 1, 1), org("ACME")),)
    for day in range(3):
        h.commit(0, ts(2020, 3, 1 + day), [("a", 1, 0)])
    h.commit(0, ts(2021, 3, 1), [("a", 1, 0)])
    h.commit(1, ts(2021, 3, 2), [("a", 1, 0)])
    result = h.run()
    assert [(o.name, o.commits) for o in result.organizations] == [("ACME", 3), ("Beta", 1)]
    assert {c.id: c.organization for c in result.contributors} == {"p0": "ACME", "p1": "Beta"}
    assert detail(result.metrics["elephant_factor"], "unknown_share") == pytest.approx(1 / 5)
    assert [(m.contributor, m.organization, m.commits) for m in result.memberships] == [
        ("p0", "ACME", 3), ("p1", "Beta", 1)
    ]


# -- people over time ---------------------------------------------------------------------------


def test_newcomers_retention_and_activity() -> None:
    h = History([Person_("p1"), Person_("p2"), Person_("p3"), Person_("p4"), Person_("bot", BOT, bot=True)])
    h.commit(0, ts(2020, 1, 15))  # p1 new in 2020-Q1
    h.commit(1, ts(2020, 2, 1))  # p2 new in 2020-Q1, never again
    h.commit(4, ts(2020, 2, 2))  # a bot is no newcomer
    h.commit(2, ts(2020, 5, 1))  # p3 new in 2020-Q2
    h.commit(2, ts(2020, 6, 1))  # p3 again, but within 182 days
    h.commit(0, ts(2020, 9, 1))  # p1 229 days after the first: retained
    h.commit(3, ts(2021, 1, 10))  # p4 new in 2021-Q1: too recent to judge
    h.commit(0, ts(2021, 3, 1))  # the horizon
    result = h.run(period="quarter")
    nm = result.metrics["newcomers"]
    rows = {r["period"]: r for r in detail(nm, "periods")}
    assert rows["2020-Q1"] == {"period": "2020-Q1", "newcomers": 2, "retained": 1, "retention": 0.5}
    # 2020-Q2 ends 1 July; + 182 days = 30 December 2020 <= 1 March 2021: judged
    assert rows["2020-Q2"]["retention"] == 0.0
    assert rows["2021-Q1"]["newcomers"] == 1 and rows["2021-Q1"]["retention"] is None
    assert detail(nm, "newcomers") == 4
    assert detail(nm, "judged") == 3
    assert nm.value == pytest.approx(1 / 3, abs=1e-6)

    act = result.metrics["activity"]
    periods = detail(act, "periods")
    assert [r["period"] for r in periods] == ["2020-Q1", "2020-Q2", "2020-Q3", "2020-Q4", "2021-Q1"]
    assert [r["commits"] for r in periods] == [3, 2, 1, 0, 2]
    assert [r["human_commits"] for r in periods] == [2, 2, 1, 0, 2]
    assert [r["active_contributors"] for r in periods] == [2, 1, 1, 0, 2]
    assert act.value == 2

    by_month = h.run(period="month").metrics["activity"]
    assert [r["period"] for r in detail(by_month, "periods")][:3] == ["2020-01", "2020-02", "2020-03"]
    by_year = h.run(period="year").metrics["newcomers"]
    # 2020 ends 1 January 2021, + 182 days is after the horizon: no cohort judged
    assert by_year.value is None


def test_bad_period() -> None:
    with pytest.raises(ValueError):
        Aggregate(period="week")


# -- relations, communities, graph --------------------------------------------------------------


def community_history() -> History:
    """Two groups working on their own files: a, b, c on src/x*, d, e on doc/y*; one shared file."""
    h = History([Person_("a", org("ACME")), Person_("b", org("ACME")), Person_("c"), Person_("d"),
                 Person_("e"), Person_("ci", BOT, bot=True)])
    t = ts(2023, 1, 1)
    n = 0
    for group, prefix in (((0, 1, 2), "src/x"), ((3, 4), "doc/y")):
        for k in range(4):
            for person in group:
                n += 1
                h.commit(person, t + n * 3600, [(f"{prefix}{k}.py", 2, 1)])
    h.commit(2, t + (n + 1) * 3600, [("README", 1, 0)])
    h.commit(3, t + (n + 2) * 3600, [("README", 1, 0)])
    # the bot touches everything: it must not join the groups
    h.commit(5, t + (n + 3) * 3600, [(f"src/x{k}.py", 1, 1) for k in range(4)] + [("doc/y0.py", 1, 1)])
    return h


def test_louvain_communities_deterministic() -> None:
    h = community_history()
    first = h.run(order="newest")
    second = h.run(order="oldest")
    m = first.metrics["communities"]
    assert m.value == 2
    assert first.communities == (("a", "b", "c"), ("d", "e"))
    assert second.communities == first.communities
    assert detail(m, "sizes") == [3, 2]
    assert detail(m, "modularity") == detail(second.metrics["communities"], "modularity")
    assert float(detail(m, "modularity")) > 0.3
    shared = {(a, b): w for a, b, w in first.shared_files}
    assert shared[("a", "b")] == 4 and shared[("c", "d")] == 1 and ("a", "d") not in shared
    assert all("ci" not in (a, b) for a, b, _ in first.shared_files)
    p = projection(first)
    assert p.number_of_nodes() == 5 and p["contributor:a"]["contributor:b"]["weight"] == 4


def relation_history() -> History:
    """Identities 0 and 1 are one person (a); b co-authors, c signs off and reviews, d commits for a;
    a committing a's own commit under the second identity is no committed-for edge."""
    h = History([Person_("a", org("ACME")), Person_("a2", org("ACME")), Person_("b"), Person_("c"),
                 Person_("d", org("Beta"))], person_of=[0, 0, 2, 3, 4])
    t = ts(2023, 6, 1)
    h.commit(0, t, [("src/a.py", 3, 0)], committer=1, coauthors=[2], signers=[3, 0], reviewers=[3])
    h.commit(0, t + DAY, [("src/a.py", 1, 1), ("lib/b.py", 4, 0)], committer=4)
    h.commit(2, t + 2 * DAY, [("lib/b.py", 1, 0)], merge=True)
    return h


def test_relations_and_contributors() -> None:
    result = relation_history().run()
    assert [(r.kind, r.source, r.target, r.commits) for r in result.relations] == [
        ("co-authored", "b", "a", 1),
        ("committed-for", "d", "a", 1),
        ("reviewed", "c", "a", 1),
        ("signed-off", "c", "a", 1),
    ]
    people = {c.id: c for c in result.contributors}
    assert people["a"].commits == 2 and people["a"].lines_added == 8 and people["a"].lines_deleted == 1
    assert people["a"].emails == ("a@example.org", "a2@example.org")
    # c and d authored nothing but appear, with no commits, dated by their involvement
    assert people["c"].commits == 0 and people["c"].first == ts(2023, 6, 1)
    assert people["d"].organization == "Beta"
    assert [c.id for c in result.contributors][:2] == ["a", "b"]
    assert result.history.merges == 1 and result.history.commits == 3


def test_graph_exports_round_trip(tmp_path: Path) -> None:
    result = relation_history().run(depth=1)
    graph = result.graph()
    node_kinds = {"contributor", "organization", "module", "file"}
    edge_kinds = {
        "authored", "part-of", "co-authored", "signed-off", "reviewed", "committed-for", "member-of"
    }
    assert {d["kind"] for _, d in graph.nodes(data=True)} == node_kinds
    assert {d["kind"] for _, _, d in graph.edges(data=True)} == edge_kinds
    assert graph.has_edge("contributor:a", "file:src/a.py", key="authored")
    assert graph["contributor:a"]["file:lib/b.py"]["authored"]["lines_added"] == 4
    assert graph.has_edge("file:lib/b.py", "module:lib", key="part-of")
    assert graph.has_edge("contributor:a", "organization:ACME", key="member-of")
    for _, data in graph.nodes(data=True):
        assert all(isinstance(v, str | int | float | bool) for v in data.values())

    graphml = tmp_path / "g.graphml"
    nx.write_graphml(graph, graphml)
    back = nx.read_graphml(graphml, force_multigraph=True)
    assert set(back.nodes) == set(graph.nodes)
    assert {d["kind"] for _, d in back.nodes(data=True)} == node_kinds
    assert {d["kind"] for _, _, d in back.edges(data=True)} == edge_kinds
    assert back.nodes["contributor:a"]["commits"] == 2
    assert back.nodes["contributor:c"]["organization"] == ""

    gexf = tmp_path / "g.gexf"
    nx.write_gexf(graph, gexf)
    back = nx.read_gexf(gexf)
    assert {d["kind"] for _, d in back.nodes(data=True)} == node_kinds
    assert {d["kind"] for _, _, d in back.edges(data=True)} == edge_kinds
    assert back.number_of_edges() == graph.number_of_edges()

    doc = tmp_path / "g.json"
    doc.write_text(json.dumps(nx.node_link_data(graph, edges="edges")), encoding="utf-8")
    back = nx.node_link_graph(json.loads(doc.read_text(encoding="utf-8")), edges="edges")
    assert {d["kind"] for _, d in back.nodes(data=True)} == node_kinds
    assert {d["kind"] for _, _, d in back.edges(data=True)} == edge_kinds
    assert back.number_of_edges() == graph.number_of_edges()

    nx.write_graphml(projection(result), tmp_path / "p.graphml")
    assert nx.read_graphml(tmp_path / "p.graphml").number_of_nodes() == 4


def test_metrics_present_and_json_able() -> None:
    result = community_history().run()
    assert set(result.metrics) == {
        "truck_factor", "elephant_factor", "contributor_absence_factor", "organizational_diversity",
        "core_periphery", "communities", "newcomers", "activity",
    }
    for name, metric in result.metrics.items():
        assert metric.name == name
        json.dumps(dict(metric.details))
        assert "bots" in dict(metric.details)


def test_empty_history() -> None:
    result = Aggregate().finish(Identities((), (), (), (), ()))
    assert result.contributors == () and result.history.commits == 0
    assert all(m.value is None for m in result.metrics.values())
    assert result.graph().number_of_nodes() == 0
