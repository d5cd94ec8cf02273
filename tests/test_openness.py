# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The openness index and the `openness` / `audit` commands end to end (issue #6).

Small repositories are built with GitPython, with controlled authors (two people at acme.com, the
company; two at globex.net and two at initech.org, other organizations; gmail.com, independent),
dates over more than two years (the 24-month window and the 6-month retention matter), Signed-off-by
trailers, a CLA workflow and copyright statements. The expected figures are worked out by hand from
the formulas in commonscheck/openness.py's docstring, in the comments next to each assertion.

Dates are days after T0; the last commit of every repository is on day 900, so the window (24
months of 30.436875 days = 730.485 days) starts on day 169.5: commits on day 0..100 are outside it.
A newcomer is judged when the last commit is 182 days or more after their first commit, and retained
when their own last commit is 182 days or more after their first.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import git
import pytest
from typer.testing import CliRunner

from commonscheck import openness
from commonscheck.cli import app
from commonscheck.pipeline import AuditOptions, run

runner = CliRunner()

DAY = 86400
T0 = 1_600_000_000

PEOPLE = {
    "ada": git.Actor("Ada Lovelace", "ada@acme.com"),
    "bob": git.Actor("Bob Builder", "bob@acme.com"),
    "cy": git.Actor("Cy Young", "cy@globex.net"),
    "dee": git.Actor("Dee Dee", "dee@globex.net"),
    "ivy": git.Actor("Ivy Ivers", "ivy@initech.org"),
    "jon": git.Actor("Jon Jones", "jon@initech.org"),
    "eve": git.Actor("Eve Free", "eve@gmail.com"),
    "fay": git.Actor("Fay Free", "fay@gmail.com"),
}

# Split so that our own REUSE scan does not read these test data as tags of this file.
TAG = "SPDX-" + "License-Identifier"
LICENSE = f"{TAG}: MIT\n\nMIT License\n"
PYPROJECT = '[project]\nname = "demo"\nversion = "1.0"\nlicense = "MIT"\n'


def _py(holder: str | None = None, body: str = "x = 1\n") -> str:
    """A source file under MIT, with a copyright statement of `holder` when given."""
    head = f"# {TAG}: MIT\n"
    if holder:
        head += f"# Copyright (c) 2024 {holder}\n"
    return head + body


def _md(text: str) -> str:
    return f"<!-- {TAG}: MIT -->\n\n{text}\n"


Spec = list[tuple[int, str, dict[str, str], bool]]


def _build(root: Path, commits: Spec) -> Path:
    """A repository whose commits are (day, who, files written, signed off by the author)."""
    repo = git.Repo.init(root, initial_branch="main")
    for day, who, files, signed in commits:
        for rel, text in files.items():
            target = root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text)
            repo.index.add([rel])
        actor = PEOPLE[who]
        message = f"{who} on day {day}\n"
        if signed:
            message += f"\nSigned-off-by: {actor.name} <{actor.email}>\n"
        when = f"{T0 + day * DAY} +0000"
        repo.index.commit(message, author=actor, committer=actor, author_date=when, commit_date=when)
    return root


# -- the repositories ----------------------------------------------------------------------------


def peer_spec() -> Spec:
    """Commons-based peer production: three organizations with a third of the organizations' commits
    each, independents, every governance file, sign-offs, no CLA."""
    return [
        (0, "ada", {
            "LICENSE": LICENSE,
            "pyproject.toml": PYPROJECT,
            "NOTES.txt": "Notes without any license.\n",
            "CONTRIBUTING.md": _md("How to contribute."),
            "CODE_OF_CONDUCT.md": _md("Be kind."),
            "GOVERNANCE.md": _md("Decisions by consensus."),
            "SECURITY.md": _md("Report privately."),
            ".github/CODEOWNERS": f"# {TAG}: MIT\n* @ada\n",
            "src/core.py": _py("ACME Inc."),
        }, True),
        (200, "ada", {"src/ada1.py": _py()}, False),
        (210, "eve", {"src/eve1.py": _py("Eve Free")}, True),
        (250, "cy", {"src/cy1.py": _py("Globex Corporation")}, True),
        (300, "bob", {"src/bob1.py": _py()}, False),
        (400, "dee", {"src/dee1.py": _py()}, False),
        (450, "ivy", {"src/ivy1.py": _py("Initech")}, True),
        (500, "eve", {"src/eve2.py": _py()}, False),
        (600, "jon", {"src/jon1.py": _py()}, False),
        (700, "ivy", {"src/ivy2.py": _py()}, False),
        (800, "ada", {"src/ada2.py": _py()}, False),
        (820, "fay", {"src/fay1.py": _py()}, False),
        (850, "cy", {"src/cy2.py": _py()}, False),
        (900, "eve", {"src/eve3.py": _py()}, False),
    ]  # fmt: skip


def company_led_spec() -> Spec:
    """Company-led co-creation: ACME does most of the work, outsiders write files of their own, no CLA.
    Bob (acme.com) commits only before the window, so in the window Ada is ACME's only person."""
    return [
        (0, "bob", {
            "LICENSE": LICENSE,
            "pyproject.toml": PYPROJECT,
            "CONTRIBUTING.md": _md("How to contribute."),
            "src/app.py": _py("ACME Inc."),
        }, False),
        (50, "bob", {"src/bob1.py": _py()}, False),
        (200, "ada", {"src/ada1.py": _py()}, False),
        (300, "ada", {"src/ada2.py": _py()}, False),
        (350, "eve", {"src/eve1.py": _py("Eve Free")}, False),
        (400, "ada", {"src/ada3.py": _py()}, False),
        (500, "ada", {"src/ada4.py": _py()}, False),
        (600, "ada", {"src/ada5.py": _py()}, False),
        (650, "eve", {"src/eve2.py": _py()}, False),
        (700, "ada", {"src/ada6.py": _py()}, False),
        (800, "cy", {"docs/cy.md": _md("A guide.")}, False),
        (900, "ada", {"src/ada7.py": _py()}, False),
    ]  # fmt: skip


CLA_WORKFLOW = f"""# {TAG}: MIT
name: CLA
on: [pull_request_target]
jobs:
  cla:
    runs-on: ubuntu-latest
    steps:
      - uses: contributor-assistant/github-action@v2  # the cla-assistant action
"""


def crowd_spec() -> Spec:
    """Crowdsourcing under company control: outsiders contribute files, but a CLA bot runs."""
    return [
        (0, "ada", {
            "LICENSE": LICENSE,
            "pyproject.toml": PYPROJECT,
            "CONTRIBUTING.md": _md("Sign the CLA first."),
            "CODE_OF_CONDUCT.md": _md("Be kind."),
            ".github/workflows/cla.yml": CLA_WORKFLOW,
            "src/core.py": _py("ACME Inc."),
        }, True),
        (200, "bob", {"src/bob1.py": _py("ACME Inc.")}, True),
        (300, "ada", {"src/ada1.py": _py()}, True),
        (400, "eve", {"src/eve1.py": _py()}, True),
        (600, "bob", {"src/bob2.py": _py()}, False),
        (700, "ada", {"src/ada2.py": _py()}, False),
        (850, "fay", {"src/fay1.py": _py()}, False),
    ]  # fmt: skip


def name_only_spec(pyproject: str = PYPROJECT) -> Spec:
    """Open in name only: 12 commits by Ada and 10 by Bob in the window, one by Eve (an edit of Ada's
    file, so she authors no file)."""
    first = {"LICENSE": LICENSE, "pyproject.toml": pyproject, "src/core.py": _py("ACME Inc.")}
    commits: Spec = [(0, "ada", first, False)]
    for n in range(12):
        commits.append((200 + 50 * n, "ada", {f"src/ada{n}.py": _py()}, False))  # days 200..750
    for n in range(10):
        commits.append((225 + 50 * n, "bob", {f"src/bob{n}.py": _py()}, False))  # days 225..675
    commits.append((850, "eve", {"src/core.py": _py("ACME Inc.", "x = 2\n")}, False))
    commits.append((900, "ada", {"src/last.py": _py()}, False))
    return sorted(commits, key=lambda c: c[0])


def not_open_spec() -> Spec:
    """Not open: a source-available outbound license (BUSL-1.1), outsiders or not."""
    busl = f"{TAG}: BUSL-1.1\n\nBusiness Source License 1.1\n"
    header = f"# {TAG}: BUSL-1.1\n"
    busl_pyproject = PYPROJECT.replace("MIT", "BUSL-1.1")
    return [
        (
            0,
            "ada",
            {"LICENSE": busl, "pyproject.toml": busl_pyproject, "src/core.py": header + "x = 1\n"},
            False,
        ),
        (500, "bob", {"src/b.py": header + "b = 1\n"}, False),
        (700, "eve", {"src/e.py": header + "e = 1\n"}, False),
        (900, "cy", {"src/c.py": header + "c = 1\n"}, False),
    ]


@pytest.fixture(scope="module")
def repos(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("openness")
    return {
        "peer": _build(base / "peer", peer_spec()),
        "company": _build(base / "company", company_led_spec()),
        "crowd": _build(base / "crowd", crowd_spec()),
        "name_only": _build(base / "name_only", name_only_spec()),
        "not_open": _build(base / "not_open", not_open_spec()),
    }


def _openness(*args: str) -> tuple[int, dict[str, Any], str]:
    result = runner.invoke(app, ["openness", *args, "--org", "acme.com", "--format", "json", "--no-cache"])
    doc = json.loads(result.stdout) if result.stdout.strip().startswith("{") else {}
    return result.exit_code, doc, result.stderr


def _components(row: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["name"]: c for c in row["components"]}


def _one(path: Path) -> tuple[dict[str, dict[str, Any]], dict[str, Any]]:
    """The components and the document of a single repository, through the CLI."""
    code, doc, err = _openness(str(path))
    assert code == 0, err
    (row,) = doc["repositories"]
    return _components(row), doc


def _weighted_mean(components: dict[str, dict[str, Any]]) -> float:
    scored = [
        (c["score"], c["weight"]) for c in components.values() if c["score"] is not None and c["weight"]
    ]
    return round(sum(s * w for s, w in scored) / sum(w for _, w in scored), 1)


def _influence_from_evidence(ev: dict[str, Any]) -> float:
    parts = [min(100.0, 200 * ev["files_with_outside_author"] / ev["files"])]
    if ev["truck_factor_authors"]:
        parts.append(min(100.0, 200 * ev["truck_factor_authors_outside"] / ev["truck_factor_authors"]))
    if ev["company_links"]:
        parts.append(min(100.0, 200 * ev["company_links_to_outsiders"] / ev["company_links"]))
    return round(sum(parts) / len(parts), 1)


# -- one repository per model --------------------------------------------------------------------


def test_commons_based_peer_production(repos: dict[str, Path]) -> None:
    comps, doc = _one(repos["peer"])
    assert doc["organizations"] == ["acme.com"]
    p = comps["participation"]
    ev = p["evidence"]
    # Window (day >= 169.5): Ada 2 (days 200, 800; day 0 is outside), Bob 1 -> company 3; Cy 2, Dee 1,
    # Ivy 2, Jon 1, Eve 3, Fay 1 -> outside 10; 13 human commits.
    assert ev["human_commits"] == 13
    assert ev["outside_commit_share"] == round(10 / 13, 3)
    assert ev["active_contributors"] == {"company": 2, "outside": 6}
    # organizations: acme.com 3, globex.net 3, initech.org 3 (9 of 13 commits tied: 0.692 >= 0.6, high)
    assert ev["organizations"] == {"acme.com": 3, "globex.net": 3, "initech.org": 3}
    assert ev["commits_tied_to_an_organization"] == round(9 / 13, 3)
    assert p["confidence"] == "high"
    # elephant: 3 < 9/2, 3 + 3 >= 9/2 -> 2 organizations -> 70
    assert ev["elephant_factor"] == 2
    # outside newcomers (first commit in the window): Cy 250, Dee 400, Ivy 450, Jon 600, Eve 210, Fay 820.
    # Judged (900 - first >= 182): all but Fay (80 days). Retained (last - first >= 182): Cy (600),
    # Ivy (250), Eve (690); not Dee, Jon (one commit each) -> 3 / 5.
    assert ev["outside_newcomers"] == 6
    assert ev["outside_newcomers_retained"] == 3
    assert ev["outside_newcomer_retention"] == 0.6
    # min(100, 200 * 10/13) = 100; min(100, 200 * 6/8) = 100; 70; 60 -> 330 / 4 = 82.5
    assert p["score"] == 82.5
    g = comps["governance"]
    # five governance files (40); sign-offs on 4 of 14 commits: 30 * min(1, 2 * 4/14); copyright
    # statements ACME Inc., Eve Free, Globex Corporation, Initech: company 1 of 4 -> 30 * 3/4
    assert all(g["evidence"]["files"].values())
    assert g["evidence"]["dco_signed_off_share"] == round(4 / 14, 3)
    assert g["evidence"]["copyright_statements"] == 4
    assert g["evidence"]["company_copyright_share"] == 0.25
    assert g["score"] == round(40 + 30 * min(1, 2 * 4 / 14) + 30 * (1 - 1 / 4), 1)  # 79.6
    out = comps["commons_output"]
    # MIT: permissive, 75. pyproject and LICENSE agree (1); 21 of the 22 files carry a license (all
    # but NOTES.txt): clarity (1 + 21/22) / 2; 75 * (0.8 + 0.2 * clarity) = 74.66
    assert out["evidence"]["class_score"] == 75
    assert out["evidence"]["license_coverage"] == round(21 / 22, 3)
    assert out["score"] == pytest.approx(75 * (0.8 + 0.2 * (1 + 21 / 22) / 2), abs=0.05)
    # no dependencies, and every file is the project's own MIT: no inbound subject -> no score, low
    assert comps["open_inputs"]["score"] is None and comps["open_inputs"]["confidence"] == "low"
    # every file MIT in an MIT project: every decided verdict compatible
    assert comps["compatibility"]["score"] == 100.0
    # 22 files, each authored by its creator alone; 10 created by outsiders (Eve 3, Cy 2, Dee, Ivy 2,
    # Jon, Fay)
    inf = comps["influence"]
    assert inf["evidence"]["files"] == 22
    assert inf["evidence"]["files_with_outside_author"] == 10
    assert inf["score"] == _influence_from_evidence(inf["evidence"])
    (row,) = doc["repositories"]
    # three organizations with 1/3 of the organizations' commits each (>= 2 significant), the lead
    # 3/13 < 0.5, no CLA
    assert row["model"]["name"] == "commons-based peer production"
    assert row["score"] == _weighted_mean(comps)


def test_company_led_co_creation(repos: dict[str, Path]) -> None:
    comps, doc = _one(repos["company"])
    p = comps["participation"]
    ev = p["evidence"]
    # Window: Ada 7 (company: acme.com has two people, Ada and Bob, over the whole history, even if
    # only Ada commits in the window), Eve 2, Cy 1 (globex.net has one person here: unknown) -> 10;
    # Bob's two commits (days 0, 50) are outside the window.
    assert ev["human_commits"] == 10
    assert ev["active_contributors"] == {"company": 1, "outside": 2}
    assert ev["outside_commit_share"] == 0.3
    assert ev["organizations"] == {"acme.com": 7}
    assert ev["elephant_factor"] == 1
    # 7 of 10 commits tied to an organization: high
    assert p["confidence"] == "high"
    # outside newcomers: Eve (350, judged, retained: 650 - 350 = 300), Cy (800: 100 days, not judged)
    assert (ev["outside_newcomers"], ev["outside_newcomers_retained"]) == (2, 1)
    assert ev["outside_newcomer_retention"] == 1.0
    # min(100, 200 * 0.3) = 60; min(100, 200 * 2/3) = 100; elephant 1 -> 25; retention 100
    assert p["score"] == round((60 + 100 + 25 + 100) / 4, 1)
    g = comps["governance"]
    # CONTRIBUTING (8); no sign-off (0); ACME Inc. and Eve Free: company half -> 15
    assert g["evidence"]["dco_signed_off_share"] == 0.0
    assert g["score"] == 8 + 0 + 15
    # every file licensed, declaration agrees: 75 * (0.8 + 0.2) = 75
    assert comps["commons_output"]["score"] == 75.0
    # 15 files; Eve's two and Cy's guide have an outside author: 3/15 = 20 % >= 10 %
    inf = comps["influence"]["evidence"]
    assert (inf["files"], inf["files_with_outside_author"]) == (15, 3)
    (row,) = doc["repositories"]
    # one significant organization and 30 % independent or unaffiliated: not peer production; no
    # CLA, outsiders author 20 % of the files, the company committed none of their work
    assert row["model"]["name"] == "company-led co-creation"


def test_crowdsourcing_under_company_control(repos: dict[str, Path]) -> None:
    comps, doc = _one(repos["crowd"])
    ev = comps["participation"]["evidence"]
    # Window: Ada 2 (300, 700), Bob 2 -> company 4; Eve 1, Fay 1 -> outside 2 of 6
    assert ev["human_commits"] == 6
    assert ev["active_contributors"] == {"company": 2, "outside": 2}
    # Eve judged (900 - 400 >= 182), not retained (one commit); Fay not judged (50 days)
    assert ev["outside_newcomer_retention"] == 0.0
    # min(100, 200 * 2/6), min(100, 200 * 2/4) = 100, elephant 1 -> 25, retention 0
    assert comps["participation"]["score"] == round((200 * 2 / 6 + 100 + 25 + 0) / 4, 1)
    g = comps["governance"]
    # the workflow names the cla-assistant action: a CLA
    assert g["evidence"]["cla"] == [".github/workflows/cla.yml"]
    # CONTRIBUTING + CODE_OF_CONDUCT (16); 4 of 7 commits signed off, but a CLA: 0; ACME Inc. twice:
    # company share 1 -> 0
    assert g["evidence"]["dco_signed_off_share"] == round(4 / 7, 3)
    assert g["evidence"]["company_copyright_share"] == 1.0
    assert g["score"] == 16.0
    (row,) = doc["repositories"]
    assert row["model"]["name"] == "crowdsourcing under company control"


def test_the_cla_decides_crowdsourcing(repos: dict[str, Path]) -> None:
    """Through pipeline.run: the same evidence without the CLA is company-led co-creation (outsiders
    author 2 of 12 files (6 in the first commit, one per later commit), 17 % >= 10 %, and the company
    committed none of their work)."""
    report = run([repos["crowd"]], AuditOptions(orgs=("acme.com",)))
    (audit,) = report.repositories
    assert report.company == ("acme.com",)
    assert audit.openness.model is not None
    assert audit.openness.model.name == "crowdsourcing under company control"
    ev = audit.evidence
    assert ev.influence is not None
    assert (ev.influence.files, ev.influence.files_with_outside_author) == (12, 2)
    assert ev.signed_off == 4 and ev.commits == 7
    without = dataclasses.replace(ev, governance=dataclasses.replace(ev.governance, cla=()))
    components = {c.name: c for c in audit.openness.components}
    assert openness.place(without, components, {}).name == "company-led co-creation"
    # without the CLA, the sign-offs count: 30 * min(1, 2 * 4/7) = 30 more points
    assert openness.governance(without, 1.0).score == 16.0 + 30.0


def test_open_in_name_only(repos: dict[str, Path]) -> None:
    comps, doc = _one(repos["name_only"])
    ev = comps["participation"]["evidence"]
    # Window: Ada 12 + day 900 = 13, Bob 10 -> company 23; Eve 1 -> 24 commits, outside 1/24 < 5 %, one
    # outside person < 3
    assert ev["human_commits"] == 24
    assert ev["active_contributors"] == {"company": 2, "outside": 1}
    # Eve's first commit (day 850) is 50 days before the last: nobody judged -> no retention part
    assert ev["outside_newcomer_retention"] is None
    # min(100, 200/24), min(100, 200 * 1/3), 25 -> mean of three
    assert comps["participation"]["score"] == round((200 / 24 + 200 / 3 + 25) / 3, 1)
    # Eve only edited Ada's file: DOA 3.293 + 0.164 - 0.321 ln 2 < 3.293, no file of hers
    assert comps["influence"]["evidence"]["files_with_outside_author"] == 0
    (row,) = doc["repositories"]
    assert row["model"]["name"] == "open in name only"


def test_not_open(repos: dict[str, Path]) -> None:
    comps, doc = _one(repos["not_open"])
    out = comps["commons_output"]
    # BUSL-1.1 is source-available: 15 * (0.8 + 0.2 * 1) = 15
    assert out["evidence"]["class"] == "source-available"
    assert out["score"] == 15.0
    (row,) = doc["repositories"]
    assert row["model"]["name"] == "not open"


def test_no_license_is_not_open(tmp_path: Path) -> None:
    root = _build(tmp_path / "bare", [(0, "ada", {"src/a.py": "a = 1\n"}, False),
                                      (10, "bob", {"src/b.py": "b = 1\n"}, False)])  # fmt: skip
    comps, doc = _one(root)
    # no license: all rights reserved, 0 with high confidence
    assert comps["commons_output"]["score"] == 0.0
    assert doc["repositories"][0]["model"]["name"] == "not open"


# -- several repositories ------------------------------------------------------------------------


def test_company_view_weights_repositories(repos: dict[str, Path]) -> None:
    code, doc, err = _openness(str(repos["peer"]), str(repos["company"]))
    assert code == 0, err
    peer, company = (_components(r) for r in doc["repositories"])
    view = _components(doc)
    # participation and influence: weighted by human commits in the window, 13 and 10
    for name in ("participation", "influence"):
        expected = (peer[name]["score"] * 13 + company[name]["score"] * 10) / 23
        assert view[name]["score"] == round(expected, 1), name
        assert view[name]["evidence"]["weights"] == {str(repos["peer"]): 13.0, str(repos["company"]): 10.0}
    # output and governance: equally
    for name in ("commons_output", "governance"):
        assert view[name]["score"] == round((peer[name]["score"] + company[name]["score"]) / 2, 1), name
    # open inputs: neither repository has an inbound subject
    assert view["open_inputs"]["score"] is None and view["open_inputs"]["confidence"] == "low"
    # the model of the most human commits in the window: peer production (13) over company-led (10)
    assert doc["model"]["name"] == "commons-based peer production"
    assert doc["score"] == _weighted_mean(view)


# -- missing inputs ------------------------------------------------------------------------------


def test_no_history_lowers_confidence(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "LICENSE").write_text(LICENSE)
    (plain / "pyproject.toml").write_text(PYPROJECT)
    code, doc, err = _openness(str(plain))
    assert code == 0
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "no history" in lines[0]
    comps = _components(doc["repositories"][0])
    for name in ("participation", "influence"):
        assert comps[name]["score"] is None and comps[name]["confidence"] == "low", name
    # nothing inbound either (no dependencies, the files declare the project's own license)
    assert comps["open_inputs"]["score"] is None and comps["open_inputs"]["confidence"] == "low"
    # governance: no file (0), no commit to sign off (0), no copyright statement (15, medium)
    assert comps["governance"]["score"] == 15.0 and comps["governance"]["confidence"] == "medium"
    assert comps["commons_output"]["score"] == 75.0
    # the index is the mean of what could be scored
    assert doc["repositories"][0]["score"] == round((75 + 15) / 2, 1)
    # without history nobody can be seen taking part: no model is claimed, for it or the company
    assert doc["repositories"][0]["model"] is None and doc["model"] is None


def test_empty_repository_is_no_history(tmp_path: Path) -> None:
    root = tmp_path / "empty"
    git.Repo.init(root)
    (root / "LICENSE").write_text(LICENSE)
    code, doc, err = _openness(str(root))
    assert code == 0 and "Traceback" not in err and err.strip()
    comps = _components(doc["repositories"][0])
    assert comps["participation"]["score"] is None and comps["participation"]["confidence"] == "low"


# -- options and configuration -------------------------------------------------------------------


def test_bad_since_and_orgs_are_usage_errors(repos: dict[str, Path], tmp_path: Path) -> None:
    code, _, err = _openness(str(repos["crowd"]), "--since", "last tuesday")
    assert code == 2 and "--since" in err
    code, _, err = _openness(str(repos["crowd"]), "--orgs", str(tmp_path / "missing.toml"))
    assert code == 2 and "missing.toml" in err
    bad = tmp_path / "orgs.toml"
    bad.write_text("[domains]\n'acme.com' = 3\n")
    code, _, err = _openness(str(repos["crowd"]), "--orgs", str(bad))
    assert code == 2 and "orgs.toml" in err


def test_since_sets_the_window(repos: dict[str, Path]) -> None:
    # from day 600 on (T0 + 600 days is 2022-05-06): Bob 600, Ada 700, Fay 850 in the crowd repository
    code, doc, err = _openness(str(repos["crowd"]), "--since", "2022-05-06")
    assert code == 0, err
    ev = _components(doc["repositories"][0])["participation"]["evidence"]
    assert ev["human_commits"] == 3
    assert ev["active_contributors"] == {"company": 2, "outside": 1}


def test_configured_weights_and_thresholds(tmp_path: Path) -> None:
    table = "\n[tool.commonscheck.openness.thresholds]\nname_only_outside_commits = 0.01\n" \
            "[tool.commonscheck.openness.weights]\nparticipation = 3\ngovernance = 0\n"  # fmt: skip
    default = _build(tmp_path / "default", name_only_spec())
    configured = _build(tmp_path / "configured", name_only_spec(PYPROJECT + table))
    d_comps, d_doc = _one(default)
    c_comps, c_doc = _one(configured)
    assert c_comps["participation"]["weight"] == 3.0 and c_comps["governance"]["weight"] == 0.0
    assert {n: c["score"] for n, c in c_comps.items()} == {n: c["score"] for n, c in d_comps.items()}
    # the index is the mean with the configured weights, and differs from the default one
    assert c_doc["repositories"][0]["score"] == _weighted_mean(c_comps)
    assert c_doc["repositories"][0]["score"] != d_doc["repositories"][0]["score"]
    # 1/24 = 4.2 % >= 1 %: no longer open in name only; one significant organization, 1/24
    # independent: not peer production; outsiders author no file (0 % < 10 %): crowdsourcing
    assert d_doc["repositories"][0]["model"]["name"] == "open in name only"
    assert c_doc["repositories"][0]["model"]["name"] == "crowdsourcing under company control"


@pytest.mark.parametrize(
    "table",
    [
        "[tool.commonscheck.openness]\ncolour = 1\n",
        "[tool.commonscheck.openness.weights]\nbeauty = 1\n",
        "[tool.commonscheck.openness.thresholds]\nname_only_outside_commits = -1\n",
    ],
)
def test_bad_openness_settings_are_usage_errors(tmp_path: Path, table: str) -> None:
    root = _build(
        tmp_path / "r", [(0, "ada", {"LICENSE": LICENSE, "pyproject.toml": PYPROJECT + table}, False)]
    )
    code, _, err = _openness(str(root))
    assert code == 2 and "openness" in err


# -- audit formats -------------------------------------------------------------------------------


def test_audit_json(repos: dict[str, Path], tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "LICENSE").write_text(LICENSE)
    args = ["audit", str(repos["peer"]), str(plain), "--org", "acme.com", "--no-cache", "--format", "json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["schema"] == "commonscheck.audit/1"
    assert set(doc["company"]) >= {"score", "components", "model", "organizations"}
    assert doc["company"]["organizations"] == ["acme.com"]
    peer, bare = doc["repositories"]
    keys = {"path", "declared_license", "outbound", "outbound_class", "licenses", "verdicts", "findings",
            "graph", "openness", "errors"}  # fmt: skip
    assert set(peer) >= keys and set(bare) >= keys
    assert set(peer["licenses"]) == {"files", "packages", "classes"}
    assert peer["outbound"] == "MIT" and peer["outbound_class"] == "permissive"
    graph = peer["graph"]
    assert set(graph) >= {"history", "contributors", "organizations", "metrics", "network",
                          "org_share_over_time", "newcomers_over_time"}  # fmt: skip
    assert graph["history"]["commits"] == 14
    # 8 people, each a newcomer once over the whole history
    assert sum(row["newcomers"] for row in graph["newcomers_over_time"]) == 8
    assert {n["organization"] for n in graph["network"]["nodes"]} >= {"acme.com", "globex.net", "initech.org"}
    assert peer["openness"]["model"]["name"] == "commons-based peer production"
    # the folder without history: no graph, the error named
    assert bare["graph"] is None
    assert any("no history" in e["message"] for e in bare["errors"])


def test_audit_html_and_markdown(repos: dict[str, Path]) -> None:
    base = ["audit", str(repos["peer"]), str(repos["crowd"]), "--org", "acme.com", "--no-cache"]
    page = runner.invoke(app, [*base, "--format", "html"])
    assert page.exit_code == 0, page.stderr
    html = page.stdout
    assert html.startswith("<!DOCTYPE html>")
    for n, path in enumerate((repos["peer"], repos["crowd"]), 1):
        assert f'id="repo-{n}"' in html and str(path) in html
    assert "commons-based peer production" in html and "crowdsourcing under company control" in html
    js = runner.invoke(app, [*base, "--format", "json"])
    score = json.loads(js.stdout)["company"]["score"]
    md = runner.invoke(app, [*base, "--format", "markdown"])
    assert md.exit_code == 0, md.stderr
    # the company's index as the JSON has it, rounded as the markdown shows scores, and a section per
    # repository with its model
    assert f"**Openness index: {score:.0f} / 100**" in md.stdout
    assert f"### `{repos['peer']}`" in md.stdout and f"### `{repos['crowd']}`" in md.stdout
    assert "model: crowdsourcing under company control" in md.stdout


def test_open_inputs_weigh_direct_packages_double(tmp_path: Path) -> None:
    """npm lockfile licenses: left-pad (MIT, direct: weight 2), gpl-thing (GPL-3.0-only, transitive: 1),
    busl-thing (BUSL-1.1, transitive: 1). Open weight 2 + 1 of 4 known -> 75."""
    lock = {
        "name": "demo",
        "lockfileVersion": 3,
        "packages": {
            "": {"name": "demo", "license": "MIT", "dependencies": {"left-pad": "1.0.0"}},
            "node_modules/left-pad": {
                "version": "1.0.0",
                "license": "MIT",
                "dependencies": {"gpl-thing": "2.0.0", "busl-thing": "3.0.0"},
            },
            "node_modules/gpl-thing": {"version": "2.0.0", "license": "GPL-3.0-only"},
            "node_modules/busl-thing": {"version": "3.0.0", "license": "BUSL-1.1"},
        },
    }
    package = {"name": "demo", "license": "MIT", "dependencies": {"left-pad": "1.0.0"}}
    files = {
        "LICENSE": LICENSE,
        "package.json": json.dumps(package),
        "package-lock.json": json.dumps(lock),
        "src/a.py": _py(),
    }
    root = _build(tmp_path / "deps", [(0, "ada", files, False), (10, "bob", {"src/b.py": _py()}, False)])
    comps, _ = _one(root)
    inputs = comps["open_inputs"]
    assert (inputs["evidence"]["weight"], inputs["evidence"]["open_weight"]) == (4.0, 3.0)
    assert inputs["score"] == 75.0 and inputs["confidence"] == "high"
    assert inputs["evidence"]["not_open"] == {"source-available": ["pkg:npm/busl-thing@3.0.0 (BUSL-1.1)"]}
    # GPL-3.0-only in an MIT project is named incompatible
    assert any("gpl-thing" in s for s in comps["compatibility"]["evidence"]["incompatible"])
