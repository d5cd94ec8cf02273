# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""`commonscheck graph` end to end: real repositories with controlled authors, dates, a .mailmap,
trailers, a bot and a merge; the document against git's own counts; exports read back."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import git
import networkx as nx
import pytest
from typer.testing import CliRunner

from commonscheck.cli import app

runner = CliRunner()

DAY = 86400
T0 = 1_600_000_000

PEOPLE = {
    "ada": git.Actor("Ada Lovelace", "ada@acme.com"),
    "ada_old": git.Actor("ada", "ada.lovelace@gmail.com"),
    "bob": git.Actor("Bob Builder", "bob@acme.com"),
    "cy": git.Actor("Cy Young", "cy@globex.net"),
    "dee": git.Actor("Dee Dee", "dee@globex.net"),
    "eve": git.Actor("Eve Free", "eve@gmail.com"),
    "bot": git.Actor("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com"),
}


def _commit(repo: git.Repo, who: str, when: int, files: dict[str, str], message: str = "change") -> None:
    root = Path(str(repo.working_tree_dir))
    for rel, text in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
        repo.index.add([rel])
    actor = PEOPLE[who]
    date = f"{when} +0000"
    repo.index.commit(message, author=actor, committer=actor, author_date=date, commit_date=date)


@pytest.fixture
def history(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    repo = git.Repo.init(root, initial_branch="main")
    _commit(repo, "ada_old", T0, {"src/core.py": "a = 1\n", ".mailmap": ""})
    _commit(repo, "ada", T0 + DAY, {"src/core.py": "a = 1\nb = 2\n"})
    _commit(repo, "bob", T0 + 2 * DAY, {"src/util.py": "u = 1\n"})
    _commit(repo, "cy", T0 + 3 * DAY, {"docs/guide.md": "# Guide\n"})
    _commit(repo, "dee", T0 + 4 * DAY, {"docs/guide.md": "# Guide\n\nMore.\n"})
    _commit(
        repo,
        "eve",
        T0 + 5 * DAY,
        {"src/core.py": "a = 1\nb = 2\nc = 3\n"},
        "Add c\n\nCo-authored-by: Cy Young <cy@globex.net>\nSigned-off-by: Eve Free <eve@gmail.com>\n",
    )
    _commit(repo, "bot", T0 + 6 * DAY, {"requirements.txt": "x==2\n"}, "Bump x")
    # a side branch merged back
    repo.git.checkout("-b", "side")
    _commit(repo, "bob", T0 + 7 * DAY, {"src/side.py": "s = 1\n"})
    repo.git.checkout("main")
    _commit(repo, "ada", T0 + 8 * DAY, {"src/util.py": "u = 2\n"})
    env = {
        "GIT_AUTHOR_DATE": f"{T0 + 9 * DAY} +0000",
        "GIT_COMMITTER_DATE": f"{T0 + 9 * DAY} +0000",
        "GIT_AUTHOR_NAME": "Ada Lovelace",
        "GIT_AUTHOR_EMAIL": "ada@acme.com",
        "GIT_COMMITTER_NAME": "Ada Lovelace",
        "GIT_COMMITTER_EMAIL": "ada@acme.com",
    }
    with repo.git.custom_environment(**env):
        repo.git.merge("--no-ff", "-m", "Merge side", "side")
    # the mailmap joins Ada's old gmail identity to her work one
    mailmap = "Ada Lovelace <ada@acme.com> <ada.lovelace@gmail.com>\n"
    _commit(repo, "ada", T0 + 10 * DAY, {".mailmap": mailmap})
    return root


def _graph(*args: str) -> tuple[int, dict[str, object], str]:
    result = runner.invoke(app, ["graph", *args, "--format", "json", "--no-cache"])
    doc = json.loads(result.stdout) if result.stdout.strip().startswith("{") else {}
    return result.exit_code, doc, result.stderr


def test_counts_equal_gits_own(history: Path) -> None:
    code, doc, _ = _graph(str(history))
    assert code == 0
    total = int(subprocess.run(["git", "-C", str(history), "rev-list", "--count", "HEAD"],
                               capture_output=True, text=True, check=True).stdout)  # fmt: skip
    merges = int(subprocess.run(["git", "-C", str(history), "rev-list", "--merges", "--count", "HEAD"],
                                capture_output=True, text=True, check=True).stdout)  # fmt: skip
    assert doc["history"]["commits"] == total  # type: ignore[index]
    assert doc["history"]["merges"] == merges == 1  # type: ignore[index]
    contributors = doc["contributors"]
    assert isinstance(contributors, list)
    assert sum(c["commits"] for c in contributors) == total
    # git shortlog (which applies the .mailmap) per person, against ours by email
    shortlog = subprocess.run(["git", "-C", str(history), "shortlog", "-sne", "HEAD"],
                              capture_output=True, text=True, check=True).stdout  # fmt: skip
    expected = {}
    for line in shortlog.splitlines():
        count, who = line.strip().split("\t")
        expected[who.rsplit("<", 1)[1].rstrip(">")] = int(count)
    ours = {c["emails"][0] if len(c["emails"]) == 1 else "ada@acme.com": c["commits"] for c in contributors}
    assert ours == expected


def test_mailmap_merges_bots_apart_organizations(history: Path) -> None:
    _, doc, _ = _graph(str(history))
    people = {c["name"]: c for c in doc["contributors"]}  # type: ignore[union-attr]
    ada = people["Ada Lovelace"]
    # the mailmap's canonical address only, and no second "ada" left over from the gmail identity
    assert ada["emails"] == ["ada@acme.com"]
    assert "ada" not in people and ada["commits"] == 5
    assert ada["organization"] == "acme.com"
    assert people["dependabot[bot]"]["bot"] is True
    assert people["Eve Free"]["organization"] is None
    orgs = {o["name"]: o for o in doc["organizations"]}  # type: ignore[union-attr]
    # two people each: acme.com (Ada, Bob) and globex.net (Cy, Dee) are organizations
    assert set(orgs) == {"acme.com", "globex.net"}
    assert orgs["acme.com"]["contributors"] == 2
    metrics = doc["metrics"]
    assert isinstance(metrics, dict)
    elephant = metrics["elephant_factor"]
    assert elephant["variant"] and 0 < elephant["unknown_share"] < 1
    assert metrics["truck_factor"]["value"] >= 1


def test_filters_and_exports(history: Path, tmp_path: Path) -> None:
    code, doc, _ = _graph(str(history), "--no-merges", "--path", "docs")
    assert code == 0
    assert doc["history"]["commits"] == 2  # type: ignore[index]
    names = {c["name"] for c in doc["contributors"]}  # type: ignore[union-attr]
    assert names == {"Cy Young", "Dee Dee"}
    outputs = {ext: tmp_path / f"net.{ext}" for ext in ("graphml", "gexf", "json", "csv")}
    args = ["graph", str(history), "--no-cache", "-q"]
    for target in outputs.values():
        args += ["--export", str(target)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    graphml = nx.read_graphml(outputs["graphml"])
    kinds = {d.get("kind") for _, d in graphml.nodes(data=True)}
    assert {"contributor", "organization", "module", "file"} <= kinds
    gexf = nx.read_gexf(outputs["gexf"])
    assert gexf.number_of_nodes() == graphml.number_of_nodes()
    data = json.loads(outputs["json"].read_text())
    assert len(data["nodes"]) == graphml.number_of_nodes()
    header = outputs["csv"].read_text().splitlines()[0].split(",")
    assert header[:2] == ["source", "target"] and "kind" in header
    edge_kinds = {d.get("kind") for _, _, d in graphml.edges(data=True)}
    assert {"authored", "co-authored", "member-of"} <= edge_kinds


def test_terminal_summary(history: Path) -> None:
    result = runner.invoke(app, ["graph", str(history), "--no-cache"])
    assert result.exit_code == 0
    assert "11 commits (1 merges)" in result.stdout
    assert "Ada Lovelace" in result.stdout and "truck factor" in result.stdout


def test_not_a_repository_and_empty_history_exit_3(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    code, _, err = _graph(str(plain))
    assert code == 3 and "Traceback" not in err and len(err.strip().splitlines()) == 1
    empty = tmp_path / "empty"
    git.Repo.init(empty)
    code, _, err = _graph(str(empty))
    assert code == 3 and err.strip()


def test_bad_options_are_usage_errors(history: Path, tmp_path: Path) -> None:
    code, _, err = _graph(str(history), "--export", str(tmp_path / "net.png"))
    assert code == 2 and "net.png" in err
    bad = tmp_path / "orgs.toml"
    bad.write_text("[domains]\n'acme.com' = 3\n")
    code, _, err = _graph(str(history), "--orgs", str(bad))
    assert code == 2 and "orgs.toml" in err
    code, _, err = _graph(str(history), "--period", "week")
    assert code == 2


def test_orgs_file_names_an_organization(history: Path, tmp_path: Path) -> None:
    orgs = tmp_path / "orgs.toml"
    orgs.write_text('[domains]\n"acme.com" = "ACME Corp"\n')
    _, doc, _ = _graph(str(history), "--orgs", str(orgs))
    names = {o["name"] for o in doc["organizations"]}  # type: ignore[union-attr]
    assert "ACME Corp" in names and "acme.com" not in names


def test_second_run_reads_commits_from_the_cache(
    history: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COMMONSCHECK_CACHE_DIR", str(tmp_path / "cache"))
    first = runner.invoke(app, ["graph", str(history), "--format", "json"])
    second = runner.invoke(app, ["graph", str(history), "--format", "json"])
    one, two = json.loads(first.stdout), json.loads(second.stdout)
    assert two["history"]["from_cache"] == two["history"]["commits"] > 0
    one["history"].pop("from_cache")
    two["history"].pop("from_cache")
    assert one == two
