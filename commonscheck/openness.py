# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""How open a company's co-creation practice is: six components, one index, one co-creation model.

Every component scores 0-100 and is reported with its raw inputs (`evidence`) and a confidence
(high, medium, low); the index is the weighted mean of the components that could be scored
(weights from the configuration, `[openness.weights]`). The formulas:

open_inputs      The share of inbound subjects under open licenses: commons class permissive,
                 weak-, strong- or network-reciprocal, or copyfair (commons.py: OSI/FSF-approved
                 software licenses, open content, open data and open hardware licenses all land
                 there). Packages weigh 2 when direct, 1 when transitive; files weigh 1, except the
                 project's own files under its outbound license, which are output, not input.
                 score = 100 * open weight / weight with a known license (None when no license is
                 known). Non-commercial, source-available, proprietary and unknown subjects are
                 named. Confidence: high when at most 10 % of the weight has no known license,
                 medium up to 30 %, else low (declared licenses come with `--env` or `--online`).
commons_output   The commons class of the outbound license (CLASS_SCORES: copyfair and
                 network-reciprocal 100, strong-reciprocal 95, weak-reciprocal 85, permissive 75,
                 restricted 30, source-available 15, proprietary, none and unknown 0), times
                 (0.8 + 0.2 * clarity), clarity = mean of "the manifests declare what the license
                 files say" (1 or 0) and the scan's license coverage of files.
compatibility    100 * (compatible + conditional / 2) / decided verdicts; conditional and
                 incompatible subjects named. Confidence from the share of unknown verdicts.
participation    Over the window (default the 24 months up to the last commit), human commits only:
                 mean of min(100, 200 * outside share of commits), min(100, 200 * outside share of
                 active contributors), the elephant factor (1: 25, 2: 70, 3 or more: 100; CHAOSS) and
                 the 6-month retention of outside newcomers (when any can be judged). Confidence:
                 high when at least 60 % of commits can be tied to an organization, medium from 30 %,
                 low below.
influence        Whole history: mean of min(100, 200 * share of existing files with an outside author
                 by degree of authorship (Avelino et al. 2016)), min(100, 200 * outside share of the
                 truck-factor authors) and min(100, 200 * share of the company's collaboration links
                 (shared files, co-authorship, review, sign-off, committed-for) that reach outsiders).
governance       8 points each for CONTRIBUTING, CODE_OF_CONDUCT, GOVERNANCE or MAINTAINERS, SECURITY
                 and CODEOWNERS (40); 30 for contribution terms: 30 * min(1, 2 * DCO share) without a
                 CLA, 0 with one (a CLA lets the company relicense outsiders' work); 30 * (1 - the
                 company's share of copyright statements), its power to relicense.

"Outside" is every person whose affiliation (graph/identity.py) is not one of the company's
organizations: other organizations, independents and unknown identities alike; bots never count.
The company is given (`--org`), else the organization with most commits.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from commonscheck.audit import commons
from commonscheck.graph.metrics import DOA_BASE, DOA_NORMALISED_MIN, RETENTION_SECONDS, degree_of_authorship

COMPONENTS = ("open_inputs", "commons_output", "compatibility", "participation", "influence", "governance")
DEFAULT_WEIGHTS: Mapping[str, float] = {name: 1.0 for name in COMPONENTS}

MODELS = (
    "commons-based peer production",
    "company-led co-creation",
    "crowdsourcing under company control",
    "open in name only",
    "not open",
)

OPEN_CLASSES = frozenset(
    {"permissive", "weak-reciprocal", "strong-reciprocal", "network-reciprocal", "copyfair"}
)
CLASS_SCORES: Mapping[str, float] = {
    "copyfair": 100,
    "network-reciprocal": 100,
    "strong-reciprocal": 95,
    "weak-reciprocal": 85,
    "permissive": 75,
    "restricted": 30,
    "source-available": 15,
    "proprietary": 0,
    "unknown": 0,
}

# The co-creation model's thresholds; each can be set in `[openness.thresholds]`.
DEFAULT_THRESHOLDS: Mapping[str, float] = {
    # below this outside share of human commits (window) and ...
    "name_only_outside_commits": 0.05,
    # ... fewer outside active contributors than this: open in name only
    "name_only_outside_people": 3,
    # fewer active contributors in the window than this, company or not: one maintainer's project,
    # open in name only (nobody else takes part)
    "name_only_min_people": 3,
    # peer production: at least this many organizations with 10 % or more of the org commits, and
    # the leading organization below this share of human commits
    "peer_min_organizations": 2,
    # ... or at least this share of human commits by independent (or unaffiliated) people
    "peer_min_independent": 0.5,
    "peer_max_lead_share": 0.5,
    # crowdsourcing: outsiders author fewer than this share of files, or the company commits at
    # least this share of the outsiders' work (committed-for)
    "crowd_max_outside_files": 0.1,
    "crowd_min_committed_for": 0.5,
}

GOVERNANCE_FILES: Mapping[str, re.Pattern[str]] = {
    "contributing": re.compile(r"^(?:\.github/|docs/)?contributing(?:\.[a-z]+)?$", re.I),
    "code_of_conduct": re.compile(r"^(?:\.github/|docs/)?code[-_]of[-_]conduct(?:\.[a-z]+)?$", re.I),
    "governance": re.compile(r"^(?:\.github/|docs/)?(?:governance|maintainers|owners)(?:\.[a-z]+)?$", re.I),
    "security": re.compile(r"^(?:\.github/|docs/)?security(?:\.[a-z]+)?$", re.I),
    "codeowners": re.compile(r"^(?:\.github/|docs/|\.gitlab/)?codeowners$", re.I),
}
# A contributor licence agreement: a CLA document, or the configuration of a CLA bot / action.
CLA_FILES = re.compile(
    r"^(?:\.github/)?(?:cla|individual[-_]cla|corporate[-_]cla|contributor[-_]license[-_]agreement)"
    r"(?:\.[a-z]+)?$|^\.clabot$|^\.cla\.json$",
    re.I,
)
CLA_MARKERS = re.compile(
    rb"cla-assistant|contributor-assistant/github-action|CLAassistant|cla-bot|easycla|"
    rb"contributor license agreement|cla\.developers\.google\.com|opensource\.microsoft\.com/cla",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Component:
    """One component of the index: a score 0-100 (None when it cannot be computed), its weight, a
    confidence and the raw inputs it was computed from."""

    name: str
    score: float | None
    weight: float
    confidence: str
    evidence: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Model:
    """The co-creation model a repository (or the company) follows, and the evidence for it."""

    name: str
    evidence: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Openness:
    """An index: its score (weighted mean of the scored components), the components, the model."""

    score: float | None
    components: tuple[Component, ...]
    model: Model | None


@dataclass(frozen=True, slots=True)
class InputSubject:
    """An inbound subject as the index sees it: its license (None: unknown), weight and name."""

    name: str
    license: str | None
    weight: float


@dataclass(frozen=True, slots=True)
class Governance:
    """What the files say about how the project is run."""

    files: Mapping[str, str | None]
    cla: tuple[str, ...]
    copyright_holders: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Participation:
    """Counts over the window, human commits only."""

    commits: Mapping[str, int]
    people: Mapping[str, int]
    organization_commits: Mapping[str, int]
    tied_commits: int
    total_commits: int
    newcomers_outside: int
    retained_outside: int
    judged_outside: int


@dataclass(frozen=True, slots=True)
class Influence:
    """Whole-history authorship and collaboration, split into company and outside."""

    files: int
    files_with_outside_author: int
    truck_authors: int
    truck_authors_outside: int
    company_links: int
    company_links_outside: int
    committed_for_outsiders: int
    outsider_commits_committed_by_company: int


@dataclass(frozen=True, slots=True)
class Evidence:
    """Everything the index of one repository is computed from."""

    path: str
    inputs: tuple[InputSubject, ...]
    outbound: str | None
    manifest_agrees: bool | None
    license_coverage: float
    verdicts: Mapping[str, int]
    flagged: Mapping[str, tuple[str, ...]]
    participation: Participation | None
    influence: Influence | None
    governance: Governance
    signed_off: int
    commits: int
    company: tuple[str, ...]


def _confidence(bad_share: float, high: float, medium: float) -> str:
    if bad_share <= high:
        return "high"
    if bad_share <= medium:
        return "medium"
    return "low"


def _r(value: float) -> float:
    return round(value, 1)


def open_inputs(ev: Evidence, weight: float) -> Component:
    """The open-inputs component (module docstring)."""
    by_class: Counter[str] = Counter()
    named: dict[str, list[str]] = {}
    total = open_weight = unknown_weight = 0.0
    for s in ev.inputs:
        cls = _class_of(s.license)
        by_class[cls] += 1
        total += s.weight
        if cls in OPEN_CLASSES:
            open_weight += s.weight
        else:
            if cls == "unknown":
                unknown_weight += s.weight
            named.setdefault(cls, []).append(s.name if s.license is None else f"{s.name} ({s.license})")
    known = total - unknown_weight
    if not known:
        note = "no inbound subjects" if not total else "no inbound subject has a known license"
        return Component("open_inputs", None, weight, "low", {"subjects": len(ev.inputs), "note": note,
                                                               "by_class": dict(by_class)})  # fmt: skip
    evidence: dict[str, Any] = {
        "subjects": len(ev.inputs),
        "weight": total,
        "known_weight": known,
        "open_weight": open_weight,
        "by_class": dict(sorted(by_class.items())),
        "not_open": {cls: sorted(names)[:20] for cls, names in sorted(named.items())},
    }
    return Component(
        "open_inputs",
        _r(100 * open_weight / known),
        weight,
        _confidence(unknown_weight / total, 0.1, 0.3),
        evidence,
    )


def commons_output(ev: Evidence, weight: float) -> Component:
    """The commons-oriented-output component (module docstring)."""
    if ev.outbound is None:
        return Component(
            "commons_output",
            0.0,
            weight,
            "high",
            {"outbound": None, "note": "no license: all rights reserved"},
        )
    cls = _class_of(ev.outbound)
    agrees = 1.0 if ev.manifest_agrees in (True, None) else 0.0
    clarity = (agrees + ev.license_coverage) / 2
    score = CLASS_SCORES.get(cls, 0) * (0.8 + 0.2 * clarity)
    evidence = {
        "outbound": ev.outbound,
        "class": cls,
        "class_score": CLASS_SCORES.get(cls, 0),
        "declaration_agrees_with_license_files": ev.manifest_agrees,
        "license_coverage": round(ev.license_coverage, 3),
        "clarity": round(clarity, 3),
    }
    return Component("commons_output", _r(score), weight, "high" if cls != "unknown" else "low", evidence)


def compatibility(ev: Evidence, weight: float) -> Component:
    """The compatibility component (module docstring)."""
    v = ev.verdicts
    decided = v.get("compatible", 0) + v.get("conditional", 0) + v.get("incompatible", 0)
    total = decided + v.get("unknown", 0)
    evidence: dict[str, Any] = {
        "verdicts": dict(v),
        "incompatible": list(ev.flagged.get("incompatible", ()))[:20],
        "conditional": list(ev.flagged.get("conditional", ()))[:20],
    }
    if not decided:
        return Component("compatibility", None, weight, "low", {**evidence, "note": "no decided verdict"})
    score = 100 * (v.get("compatible", 0) + v.get("conditional", 0) / 2) / decided
    confidence = _confidence(v.get("unknown", 0) / total, 0.1, 0.3)
    return Component("compatibility", _r(score), weight, confidence, evidence)


def elephant_factor(organization_commits: Mapping[str, int]) -> int | None:
    """CHAOSS Elephant Factor: the fewest organizations whose commits make up half of all commits by
    organizations (https://chaoss.community/kb/metric-elephant-factor/); None without any."""
    total = sum(organization_commits.values())
    if not total:
        return None
    running = 0
    for count, n in enumerate(sorted(organization_commits.values(), reverse=True), 1):
        running += n
        if running * 2 >= total:
            return count
    return len(organization_commits)


def participation(ev: Evidence, weight: float) -> Component:
    """The participation component (module docstring)."""
    p = ev.participation
    if p is None or not p.total_commits:
        return Component("participation", None, weight, "low", {"note": "no history in the window"})
    outside_commits = p.commits.get("outside", 0) / p.total_commits
    people = p.people.get("company", 0) + p.people.get("outside", 0)
    outside_people = p.people.get("outside", 0) / people if people else 0.0
    elephant = elephant_factor(p.organization_commits)
    parts = [
        min(100.0, 200 * outside_commits),
        min(100.0, 200 * outside_people),
        {None: 0.0, 0: 0.0, 1: 25.0, 2: 70.0}.get(elephant, 100.0),
    ]
    retention = p.retained_outside / p.judged_outside if p.judged_outside else None
    if retention is not None:
        parts.append(100 * retention)
    tied = p.tied_commits / p.total_commits
    evidence = {
        "human_commits": p.total_commits,
        "outside_commit_share": round(outside_commits, 3),
        "active_contributors": dict(p.people),
        "outside_contributor_share": round(outside_people, 3),
        "elephant_factor": elephant,
        "organizations": dict(sorted(p.organization_commits.items(), key=lambda kv: -kv[1])[:10]),
        "outside_newcomers": p.newcomers_outside,
        "outside_newcomers_retained": p.retained_outside,
        "outside_newcomer_retention": None if retention is None else round(retention, 3),
        "commits_tied_to_an_organization": round(tied, 3),
    }
    confidence = "high" if tied >= 0.6 else "medium" if tied >= 0.3 else "low"
    return Component("participation", _r(sum(parts) / len(parts)), weight, confidence, evidence)


def influence(ev: Evidence, weight: float) -> Component:
    """The influence component (module docstring)."""
    i = ev.influence
    if i is None or not i.files:
        return Component("influence", None, weight, "low", {"note": "no authorship to measure"})
    parts = [min(100.0, 200 * i.files_with_outside_author / i.files)]
    if i.truck_authors:
        parts.append(min(100.0, 200 * i.truck_authors_outside / i.truck_authors))
    if i.company_links:
        parts.append(min(100.0, 200 * i.company_links_outside / i.company_links))
    evidence = {
        "files": i.files,
        "files_with_outside_author": i.files_with_outside_author,
        "truck_factor_authors": i.truck_authors,
        "truck_factor_authors_outside": i.truck_authors_outside,
        "company_links": i.company_links,
        "company_links_to_outsiders": i.company_links_outside,
        "outsider_commits_committed_by_company": i.outsider_commits_committed_by_company,
    }
    return Component("influence", _r(sum(parts) / len(parts)), weight, "medium" if len(parts) < 3 else "high",
                     evidence)  # fmt: skip


def governance(ev: Evidence, weight: float) -> Component:
    """The governance component (module docstring)."""
    g = ev.governance
    present = {k: v for k, v in g.files.items() if v}
    files_points = 8.0 * len(present)
    dco_share = ev.signed_off / ev.commits if ev.commits else 0.0
    terms_points = 0.0 if g.cla else 30.0 * min(1.0, 2 * dco_share)
    holders = [h for h in g.copyright_holders if h]
    company_share = (
        sum(1 for h in holders if _held_by_company(h, ev.company)) / len(holders) if holders else None
    )
    copyright_points = 30.0 * (1 - company_share) if company_share is not None else 15.0
    evidence = {
        "files": dict(g.files),
        "dco_signed_off_share": round(dco_share, 3),
        "cla": list(g.cla),
        "copyright_statements": len(holders),
        "company_copyright_share": None if company_share is None else round(company_share, 3),
    }
    confidence = "medium" if company_share is None else "high"
    return Component(
        "governance", _r(files_points + terms_points + copyright_points), weight, confidence, evidence
    )


def _held_by_company(holder: str, company: Sequence[str]) -> bool:
    """Whether a copyright holder names one of the company's organizations: the organization's name
    or the first label of its domain ('stripe.com' -> 'stripe') as a word of the holder."""
    text = holder.casefold()
    for org in company:
        stem = org.casefold().split(".")[0] if "." in org and " " not in org else org.casefold()
        if stem and re.search(rf"\b{re.escape(stem)}\b", text):
            return True
    return False


def _class_of(expression: str | None) -> str:
    if expression is None:
        return "unknown"
    try:
        return commons.classify(expression).cls
    except ValueError:
        return "unknown"


def place(
    ev: Evidence, components: Mapping[str, Component], thresholds: Mapping[str, float]
) -> Model | None:
    """The co-creation model, first match in this order, each test and its figures in the evidence:
    not open (no open outbound license); open in name only (outsiders make almost no commits and are
    almost nobody, or hardly anyone is active at all); commons-based peer production (several
    organizations with 10 % or more of the organizations' commits, or mostly independent people; no
    organization with half the commits; no CLA or a governance file); crowdsourcing under company
    control (a CLA, or outsiders author almost no files, or the company commits most of the outsiders'
    work); else company-led co-creation. None for an open project whose history could not be read."""
    t = {**DEFAULT_THRESHOLDS, **thresholds}
    out_cls = _class_of(ev.outbound) if ev.outbound else "none"
    if out_cls not in OPEN_CLASSES:
        return Model(
            "not open", (f"outbound license {ev.outbound or 'none'} is {out_cls}, not an open license",)
        )
    p, i, g = ev.participation, ev.influence, ev.governance
    if p is None:
        # no git history was read: who takes part cannot be known, so no model is claimed
        return None
    if not p.total_commits:
        return Model("open in name only", ("no commits in the window: nobody takes part",))
    outside_share = p.commits.get("outside", 0) / p.total_commits
    outside_people = p.people.get("outside", 0)
    facts = [
        f"outside share of human commits in the window: {outside_share:.0%}",
        f"outside active contributors: {outside_people}",
    ]
    everyone = outside_people + p.people.get("company", 0)
    facts.append(f"active contributors in the window: {everyone}")
    few = everyone < t["name_only_min_people"]
    if few or (
        outside_share < t["name_only_outside_commits"] and outside_people < t["name_only_outside_people"]
    ):
        return Model("open in name only", (f"open outbound license ({ev.outbound}, {out_cls})", *facts))
    org_total = sum(p.organization_commits.values())
    significant = [o for o, n in p.organization_commits.items() if org_total and n / org_total >= 0.1]
    lead = max(p.organization_commits.values(), default=0) / p.total_commits
    facts += [
        f"organizations with 10 % or more of the organizations' commits: {len(significant)}",
        f"leading organization's share of human commits: {lead:.0%}",
    ]
    independent = p.commits.get("outside", 0) and (p.total_commits - p.tied_commits) / p.total_commits
    facts.append(f"human commits by independent or unaffiliated people: {independent:.0%}")
    open_governance = bool(g.files.get("governance")) or not g.cla
    several = len(significant) >= t["peer_min_organizations"] or independent >= t["peer_min_independent"]
    if several and lead < t["peer_max_lead_share"] and open_governance:
        return Model("commons-based peer production", (*facts, "no CLA" if not g.cla else "governance file"))
    outside_files = i.files_with_outside_author / i.files if i and i.files else 0.0
    committed_for = (
        i.outsider_commits_committed_by_company / i.committed_for_outsiders
        if i and i.committed_for_outsiders
        else 0.0
    )
    facts += [
        f"files with an outside author: {outside_files:.0%}",
        f"outsiders' commits committed by the company: {committed_for:.0%}",
        f"CLA: {', '.join(g.cla) if g.cla else 'none'}",
    ]
    if g.cla or outside_files < t["crowd_max_outside_files"] or committed_for >= t["crowd_min_committed_for"]:
        return Model("crowdsourcing under company control", tuple(facts))
    return Model("company-led co-creation", tuple(facts))


def index(
    ev: Evidence,
    weights: Mapping[str, float] | None = None,
    thresholds: Mapping[str, float] | None = None,
) -> Openness:
    """The openness index of one repository: every component, their weighted mean, the model."""
    w = {**DEFAULT_WEIGHTS, **(weights or {})}
    components = (
        open_inputs(ev, w["open_inputs"]),
        commons_output(ev, w["commons_output"]),
        compatibility(ev, w["compatibility"]),
        participation(ev, w["participation"]),
        influence(ev, w["influence"]),
        governance(ev, w["governance"]),
    )
    return Openness(
        _mean(components), components, place(ev, {c.name: c for c in components}, thresholds or {})
    )


def _mean(components: Iterable[Component]) -> float | None:
    scored = [(c.score, c.weight) for c in components if c.score is not None and c.weight > 0]
    total = sum(weight for _, weight in scored)
    if not total:
        return None
    return _r(sum(score * weight for score, weight in scored) / total)


def company_view(
    repositories: Sequence[tuple[Evidence, Openness]],
    weights: Mapping[str, float] | None = None,
) -> Openness:
    """Several repositories of one company as one view: each component's score averaged over the
    repositories, weighted by human commits in the window (participation, influence), by inbound
    weight (open inputs, compatibility: by decided verdicts) or equally (output, governance); the
    lowest confidence of any repository that counts; the model of the most commits."""
    w = {**DEFAULT_WEIGHTS, **(weights or {})}
    components = []
    for name in COMPONENTS:
        rows = []
        for ev, result in repositories:
            comp = next(c for c in result.components if c.name == name)
            if comp.score is None:
                continue
            if name in ("participation", "influence"):
                mass = float(ev.participation.total_commits if ev.participation else 0) or 1.0
            elif name == "open_inputs":
                mass = sum(s.weight for s in ev.inputs) or 1.0
            elif name == "compatibility":
                mass = float(sum(v for k, v in ev.verdicts.items() if k != "unknown")) or 1.0
            else:
                mass = 1.0
            rows.append((comp, mass, ev.path))
        if not rows:
            components.append(Component(name, None, w[name], "low", {"repositories": 0}))
            continue
        total = sum(mass for _, mass, _ in rows)
        score = sum((c.score or 0) * mass for c, mass, _ in rows) / total
        order = {"high": 2, "medium": 1, "low": 0}
        confidence = min((c.confidence for c, _, _ in rows), key=order.__getitem__)
        evidence: dict[str, Any] = {
            "repositories": {path: c.score for c, _, path in rows},
            "weights": {p: m for _, m, p in rows},
        }
        if len(rows) == 1:
            evidence.update(rows[0][0].evidence)
        components.append(Component(name, _r(score), w[name], confidence, evidence))
    # The company's model: the one that holds most human commits in the window; a repository without
    # any still counts once, so that a company of unread or idle repositories gets a model too.
    by_model: Counter[str] = Counter()
    repos_of: Counter[str] = Counter()
    commits_of: Counter[str] = Counter()
    for ev, result in repositories:
        if result.model is not None:
            commits = ev.participation.total_commits if ev.participation else 0
            by_model[result.model.name] += max(1, commits)
            repos_of[result.model.name] += 1
            commits_of[result.model.name] += commits
    model = None
    if by_model:
        name, _ = by_model.most_common(1)[0]
        model = Model(
            name,
            tuple(
                f"{n}: {repos_of[n]} repositories, {commits_of[n]} human commits in the window"
                for n, _ in by_model.most_common()
            ),
        )
    return Openness(_mean(components), tuple(components), model)


# ---------------------------------------------------------------------------------------------
# Building the evidence from the reports


def choose_company(
    organizations: Iterable[tuple[str, Sequence[str], int]], wanted: Sequence[str]
) -> tuple[str, ...]:
    """The company's organizations: those whose name or one of whose domains equals (or is a parent
    of) a wanted domain or name; without `wanted`, the organization with most commits. `organizations`
    holds (name, domains, commits)."""
    orgs = list(organizations)
    if wanted:
        keys = {w.casefold().lstrip("@") for w in wanted}

        def hit(name: str, domains: Sequence[str]) -> bool:
            names = {name.casefold(), *(d.casefold() for d in domains)}
            return any(n == k or n.endswith("." + k) or k.endswith("." + n) for n in names for k in keys)

        return tuple(sorted(name for name, domains, _ in orgs if hit(name, domains)))
    if not orgs:
        return ()
    return (max(orgs, key=lambda o: (o[2], o[0]))[0],)


def file_authors(authorship: Iterable[Any]) -> dict[str, list[str]]:
    """Per file, the people who are its authors by degree of authorship (normalised DOA > 0.75 and
    DOA >= 3.293; Avelino et al. 2016), from graph Authorship records."""
    per_file: dict[str, list[Any]] = {}
    for a in authorship:
        per_file.setdefault(a.path, []).append(a)
    out: dict[str, list[str]] = {}
    for path, rows in per_file.items():
        total = sum(r.commits for r in rows)
        doas = {r.contributor: degree_of_authorship(r.created, r.commits, total - r.commits) for r in rows}
        top = max(doas.values())
        if top <= 0:
            continue
        out[path] = sorted(c for c, d in doas.items() if d / top > DOA_NORMALISED_MIN and d >= DOA_BASE)
    return out


def is_retained(first: int, last: int) -> bool:
    """A newcomer is retained when they commit again at least six months after their first commit."""
    return last - first >= RETENTION_SECONDS


def build_evidence(
    *,
    path: str,
    check: Any,
    full: Any | None,
    window: Any | None,
    window_start: int | None,
    governance: Governance,
    company: Sequence[str],
) -> Evidence:
    """The evidence of one repository from its check report (check.CheckReport), its whole-history
    graph and its window graph (graph.analyse.GraphReport, None without history)."""
    from commonscheck.audit.check import package_id
    from commonscheck.audit.expressions import combine

    company_set = set(company)
    outbound = check.outbound
    direct = {package_id(p): p.direct for p in check.deps.packages}
    inputs = []
    for s in check.subjects:
        if s.kind == "file":
            if outbound is not None and s.license == outbound:
                continue  # the project's own work under its own license: output, not input
            inputs.append(InputSubject(s.subject, s.license, 1.0))
        else:
            inputs.append(InputSubject(s.subject, s.license, 2.0 if direct.get(s.subject) else 1.0))
    sources = check.scan.declared_license.sources
    manifest = [x.expression for x in sources if x.kind == "declared"]
    texts = [x.expression for x in sources if x.kind != "declared" and "/" not in x.path]
    agrees = None if not manifest or not texts else _same(combine(manifest), combine(texts))
    flagged: dict[str, list[str]] = {}
    for v in check.verdicts:
        if v.status in ("incompatible", "conditional"):
            flagged.setdefault(v.status, []).append(f"{v.subject} ({v.inbound})")
    return Evidence(
        path=path,
        inputs=tuple(inputs),
        outbound=outbound,
        manifest_agrees=agrees,
        license_coverage=check.scan.summary.license_coverage,
        verdicts=check.statuses(),
        flagged={k: tuple(v) for k, v in flagged.items()},
        participation=_participation(window, full, window_start, company_set) if full is not None else None,
        influence=_influence(full, company_set) if full is not None else None,
        governance=governance,
        signed_off=full.result.history.signed_off if full is not None else 0,
        commits=full.result.history.commits if full is not None else 0,
        company=tuple(sorted(company_set)),
    )


def _same(a: str | None, b: str | None) -> bool:
    from commonscheck.audit.expressions import licensing

    if a is None or b is None:
        return a == b
    try:
        return bool(licensing().parse(a) == licensing().parse(b))
    except Exception:
        return a == b


def _participation(
    window: Any | None, full: Any, window_start: int | None, company: set[str]
) -> Participation:
    commits: Counter[str] = Counter()
    people: Counter[str] = Counter()
    tied = 0
    org_commits: Counter[str] = Counter()
    if window is not None:
        # people are placed by their organization (their employer when any commit says so), not
        # commit by commit: an employee committing through GitHub's web interface stays theirs.
        # The organization is the whole history's: the window graph resolves affiliations on its own,
        # and a domain with two people over the history but one in the window would there be
        # "unknown", counting the company's own employee as an outsider (person ids are stable across
        # the two reads; a person the whole history does not know keeps the window's organization).
        whole = {c.id: c.organization for c in full.result.contributors}
        for c in window.result.contributors:
            if c.bot or not c.commits:
                continue
            organization = whole.get(c.id, c.organization)
            side = "company" if organization in company else "outside"
            commits[side] += c.commits
            people[side] += 1
            if organization is not None:
                org_commits[organization] += c.commits
        tied = sum(org_commits.values())
    last = full.result.history.last or 0
    newcomers = retained = judged = 0
    for c in full.result.contributors:
        if c.bot or not c.commits or c.organization in company:
            continue
        if window_start is not None and c.first < window_start:
            continue
        newcomers += 1
        if last - c.first >= RETENTION_SECONDS:
            judged += 1
            retained += is_retained(c.first, c.last)
    return Participation(
        commits=dict(commits),
        people=dict(people),
        organization_commits=dict(org_commits),
        tied_commits=tied,
        total_commits=sum(commits.values()),
        newcomers_outside=newcomers,
        retained_outside=retained,
        judged_outside=judged,
    )


def _influence(full: Any, company: set[str]) -> Influence:
    result = full.result
    org_of = {c.id: c.organization for c in result.contributors}
    bots = {c.id for c in result.contributors if c.bot}

    def inside(person: str) -> bool:
        return org_of.get(person) in company

    existing = {f.path for f in result.files if f.exists}
    authors = {p: a for p, a in file_authors(result.authorship).items() if p in existing}
    outside_files = sum(1 for a in authors.values() if any(not inside(x) and x not in bots for x in a))
    truck = (
        dict(result.metrics["truck_factor"].details).get("removed", [])
        if "truck_factor" in result.metrics
        else []
    )
    truck = [t for t in truck if isinstance(t, str)]
    links = links_out = 0
    edges = [(a, b) for a, b, _ in result.shared_files] + [(r.source, r.target) for r in result.relations]
    for a, b in edges:
        if a in bots or b in bots:
            continue
        if inside(a) or inside(b):
            links += 1
            if not (inside(a) and inside(b)):
                links_out += 1
    outsider_commits = sum(c.commits for c in result.contributors if not c.bot and not inside(c.id))
    by_company = sum(
        r.commits
        for r in result.relations
        if r.kind == "committed-for" and inside(r.source) and not inside(r.target) and r.target not in bots
    )
    return Influence(
        files=len(authors),
        files_with_outside_author=outside_files,
        truck_authors=len(truck),
        truck_authors_outside=sum(1 for t in truck if not inside(t)),
        company_links=links,
        company_links_outside=links_out,
        committed_for_outsiders=outsider_commits,
        outsider_commits_committed_by_company=by_company,
    )


def read_governance(root: Any, paths: Iterable[str], copyright_holders: Iterable[str]) -> Governance:
    """Governance files and CLA evidence among a tree's `paths` (workflow and bot files are read,
    size-limited, to find a CLA bot); copyright holders as the scan found them."""
    from commonscheck.audit.files import read_file

    listed = sorted(paths)
    files: dict[str, str | None] = {name: None for name in GOVERNANCE_FILES}
    cla: list[str] = []
    for p in listed:
        for name, pattern in GOVERNANCE_FILES.items():
            if files[name] is None and pattern.match(p):
                files[name] = p
        if CLA_FILES.match(p):
            cla.append(p)
        elif (
            p.startswith(".github/workflows/")
            or p in (".github/cla.yml", ".github/cla.yaml")
            or GOVERNANCE_FILES["contributing"].match(p)
        ):
            # a CLA bot's configuration, or contribution guidelines that require signing a CLA
            try:
                data = read_file(root, p, 256 * 1024)
            except OSError:
                continue
            if data is not None and CLA_MARKERS.search(data):
                cla.append(p)
    return Governance(files=files, cla=tuple(cla), copyright_holders=tuple(copyright_holders))
