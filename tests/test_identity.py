# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Identities and organizations: .mailmap against git's own resolution, merges, bots, affiliations,
the user's --orgs file."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import subprocess
import tomllib
from pathlib import Path

import git
import pytest

from commonscheck.graph.identity import (
    IdentityResolver,
    Mailmap,
    OrgRules,
    _parse_rules,
    load_org_rules,
    normalise_name,
    read_mailmap,
)
from commonscheck.graph.people import Affiliation, Identities
from conftest import AUTHOR, make_repo

GIT_ENV = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "LC_ALL": "C"}

# Every form of gitmailmap(5), with the cases that trip a re-implementation: ASCII case folding of
# emails and of the commit name in the fourth form, no folding of non-ASCII letters, a later line
# overriding an earlier one field by field, comments, blank lines, a trailing comment, inner spaces
# kept in a name, CRLF line ends, a line without an address.
MAILMAP = "\n".join(
    [
        "# a comment line <not@an.entry>",
        "",
        "Proper One <ONE@x.org>",
        "<proper2@x.org> <two@x.org>",
        "Proper Three <proper3@x.org> <three@x.org>",
        "Proper Four <proper4@x.org> Commit Four <four@x.org>",
        "  Spaced   Name   <five@x.org>  # trailing comment",
        "Late <one@x.org>",
        "<late@x.org> Commit Four <four@x.org>",
        "Simple Six <six@x.org>",
        "Complex Six <c6@x.org> Ümlaut Six <six@x.org>",
        "CRLF Seven <seven@x.org>\r",
        "Proper Eight <p8@x.org> <eight@x.org>\r",
        "Just a name without address",
        "<> <nine@x.org>",
        "Nine <nine@x.org>",
        "<ten@x.org> Ten <>",
        "",
    ]
)

IDENTITIES = [
    ("A", "one@x.org"),
    ("A", "ONE@X.ORG"),
    ("B", "two@x.org"),
    ("C", "three@X.org"),
    ("Commit Four", "four@x.org"),
    ("commit four", "FOUR@x.org"),
    ("Other", "four@x.org"),
    ("D", "five@x.org"),
    ("Ümlaut Six", "six@x.org"),
    ("ümlaut six", "six@x.org"),
    ("Someone", "six@x.org"),
    ("E", "seven@x.org"),
    ("F", "eight@x.org"),
    ("G", "nine@x.org"),
    ("Ten", "ten@x.org"),
    ("Café", "unmapped@x.org"),
]


def git_out(root: Path, *args: str) -> str:
    proc = subprocess.run(
        ["git", "-C", str(root), *args], capture_output=True, env=GIT_ENV, check=True
    )
    return proc.stdout.decode("utf-8")


def commit_as(repo: git.Repo, author: tuple[str, str], committer: tuple[str, str] | None = None,
              when: str | None = None) -> None:
    """One more commit by author (and committer), touching a file so every commit differs."""
    root = Path(repo.working_tree_dir or ".")
    counter = root / "counter.txt"
    n = int(counter.read_text()) + 1 if counter.exists() else 1
    counter.write_text(str(n))
    repo.index.add(["counter.txt"])
    c = committer or author
    kwargs: dict[str, str] = {}
    if when is not None:
        kwargs = {"author_date": when, "commit_date": when}
    repo.index.commit(f"commit {n}", author=git.Actor(*author), committer=git.Actor(*c), **kwargs)


def raw_identities(root: Path) -> list[tuple[str, str]]:
    """Authors and committers as git stores them, newest first, as history.py will read them."""
    out = git_out(root, "log", "--format=%an%x00%ae%x00%cn%x00%ce")
    pairs: list[tuple[str, str]] = []
    for line in out.splitlines():
        an, ae, cn, ce = line.split("\0")
        pairs += [(an, ae), (cn, ce)]
    return pairs


def resolver_for(root: Path, rules: OrgRules | None = None, **options: bool) -> tuple[IdentityResolver,
                                                                                      list[int]]:
    resolver = IdentityResolver(read_mailmap(root), rules or load_org_rules(), **options)
    return resolver, [resolver.add(n, e) for n, e in raw_identities(root)]


def person_named(ids: Identities, name: str) -> int:
    matches = [i for i, p in enumerate(ids.people) if p.name == name]
    assert len(matches) == 1, (name, ids.people)
    return matches[0]


# ------------------------------------------------------------------------------------------------
# .mailmap against git


def test_mailmap_resolves_as_git_log_does(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    repo = make_repo(root, {".mailmap": MAILMAP})
    for i, author in enumerate(IDENTITIES):
        commit_as(repo, author, IDENTITIES[-1 - i])
    mailmap = read_mailmap(root)
    out = git_out(root, "log", "--format=%an%x00%ae%x00%aN%x00%aE%x00%cn%x00%ce%x00%cN%x00%cE")
    lines = out.splitlines()
    assert len(lines) == len(IDENTITIES) + 1
    changed = 0
    for line in lines:
        an, ae, a_n, a_e, cn, ce, c_n, c_e = line.split("\0")
        assert mailmap.resolve(an, ae) == (a_n, a_e), line
        assert mailmap.resolve(cn, ce) == (c_n, c_e), line
        changed += (an, ae) != (a_n, a_e)
    # the mailmap does change most of them: the comparison is not between unchanged pairs
    assert changed >= 10


def test_mailmap_resolves_as_git_check_mailmap_does(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    make_repo(root, {".mailmap": MAILMAP})
    mailmap = Mailmap.parse(MAILMAP)
    expected = {
        ("A", "one@x.org"): ("Late", "one@x.org"),
        ("Commit Four", "four@x.org"): ("Commit Four", "late@x.org"),
        ("Other", "four@x.org"): ("Other", "four@x.org"),
        ("D", "five@x.org"): ("Spaced   Name", "five@x.org"),
        ("Ümlaut Six", "six@x.org"): ("Complex Six", "c6@x.org"),
        ("ümlaut six", "six@x.org"): ("Simple Six", "six@x.org"),
        ("E", "seven@x.org"): ("CRLF Seven", "seven@x.org"),
        ("F", "eight@x.org"): ("Proper Eight", "p8@x.org"),
    }
    for (name, email), want in expected.items():
        shown = git_out(root, "check-mailmap", f"{name} <{email}>").strip()
        assert shown == f"{want[0]} <{want[1]}>", (name, email, shown)
        assert mailmap.resolve(name, email) == want
    for name, email in IDENTITIES:
        shown = git_out(root, "check-mailmap", f"{name} <{email}>").rstrip("\n")
        got = mailmap.resolve(name, email)
        assert shown == f"{got[0]} <{got[1]}>", (name, email)


def test_mailmap_comments_and_empty() -> None:
    assert not Mailmap.parse("")
    assert not Mailmap.parse("# Proper <p@x.org> <c@x.org>\n\n")
    assert Mailmap.parse("Proper <c@x.org>").resolve("x", "C@X.ORG") == ("Proper", "C@X.ORG")
    assert Mailmap().resolve("x", "c@x.org") == ("x", "c@x.org")


def test_read_mailmap_sources(tmp_path: Path) -> None:
    # no .mailmap at all
    plain = tmp_path / "plain"
    make_repo(plain, {"a.txt": "a\n"})
    assert not read_mailmap(plain)

    # the work tree's .mailmap, read from a subfolder too
    root = tmp_path / "repo"
    repo = make_repo(root, {".mailmap": "Proper <ada@example.org>\n", "sub/a.txt": "a\n"})
    assert read_mailmap(root).resolve("Ada", "ada@example.org") == ("Proper", "ada@example.org")
    assert read_mailmap(root / "sub").resolve("Ada", "ada@example.org") == ("Proper", "ada@example.org")

    # the repository's own mailmap.file is untrusted: never read (git itself would read it)
    (tmp_path / "elsewhere.mailmap").write_text("Configured <other@example.org>\n")
    repo.git.config("mailmap.file", str(tmp_path / "elsewhere.mailmap"))
    assert read_mailmap(root).resolve("O", "other@example.org") == ("O", "other@example.org")
    assert git_out(root, "check-mailmap", "O <other@example.org>").strip() == "Configured <other@example.org>"

    # a bare repository: HEAD:.mailmap, as git reads it there
    bare = tmp_path / "bare.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(root), str(bare)], check=True, env=GIT_ENV)
    subprocess.run(["git", "-C", str(bare), "config", "--unset", "mailmap.file"], env=GIT_ENV, check=False)
    assert read_mailmap(bare).resolve("Ada", "ada@example.org") == ("Proper", "ada@example.org")
    assert git_out(bare, "log", "-1", "--format=%aN").strip() == "Proper"

    # not a repository: an empty mailmap, no error
    assert not read_mailmap(tmp_path / "missing")


def test_read_mailmap_does_not_follow_a_symlink(tmp_path: Path) -> None:
    outside = tmp_path / "outside.mailmap"
    outside.write_text("Linked <ada@example.org>\n")
    root = tmp_path / "repo"
    make_repo(root, {"a.txt": "a\n"})
    (root / ".mailmap").symlink_to(outside)
    assert not read_mailmap(root)
    # git (since 2.32) does not follow it either
    assert git_out(root, "log", "-1", "--format=%aN").strip() == AUTHOR.name


# ------------------------------------------------------------------------------------------------
# merges


def test_add_is_stable() -> None:
    resolver = IdentityResolver(Mailmap(), load_org_rules())
    assert resolver.add("Ada", "ada@a.org") == 0
    assert resolver.add("Bob", "bob@a.org") == 1
    assert resolver.add("Ada", "ada@a.org") == 0
    assert resolver.add("Ada", "ADA@a.org") == 2
    assert len(resolver) == 3


def test_merges_by_email_and_by_name(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    repo = make_repo(root, {".mailmap": "Ada Lovelace <ada@acme-widgets.com> <ada@old.example.net>\n"})
    commit_as(repo, ("Ada Lovelace", "ada@old.example.net"))  # mailmap: not reported
    commit_as(repo, ("A. Lovelace", "ADA@acme-widgets.com"))  # same email, other case
    commit_as(repo, ("ada  LOVELACE", "ada.l@gmail.com"))  # same normalised name
    commit_as(repo, ("Grace Hopper", "grace@navy.example.mil"))
    commit_as(repo, ("Gräce Höpper", "gh@users.noreply.github.com"))  # accents stripped
    resolver, idx = resolver_for(root)
    ids = resolver.resolve()
    ada = person_named(ids, "Ada Lovelace")
    assert ids.people[ada].emails == ("ada.l@gmail.com", "ada@acme-widgets.com")
    grace = ids.person_of[resolver.add("Grace Hopper", "grace@navy.example.mil")]
    assert ids.person_of[resolver.add("Gräce Höpper", "gh@users.noreply.github.com")] == grace
    assert grace != ada
    # the AUTHOR of the initial commit stays apart
    assert len(ids.people) == 3
    assert len(ids.merges) == 3
    assert any("same email 'ada@acme-widgets.com'" in m for m in ids.merges)
    assert any("same normalised name 'ada lovelace'" in m for m in ids.merges)
    assert any("same normalised name 'grace hopper'" in m for m in ids.merges)
    assert not any("old.example.net" in m for m in ids.merges)
    assert len(ids.person_of) == len(set(idx)) == 6


def test_merge_options_and_generic_names(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    repo = make_repo(root, {"a.txt": "a\n"})
    commit_as(repo, ("root", "root@host-one.example.com"))
    commit_as(repo, ("Root", "admin@host-two.example.com"))  # generic name: no merge
    commit_as(repo, ("Al", "al@one.example.com"))
    commit_as(repo, ("al", "al@two.example.com"))  # one short word: no merge
    commit_as(repo, ("Linus", "linus@one.example.com"))
    commit_as(repo, ("linus", "linus@two.example.com"))  # one word of 5: merges
    commit_as(repo, ("Sam Smith", "sam@one.example.com"))
    commit_as(repo, ("Sam Smith", "SAM@one.example.com"))
    ids = resolver_for(root)[0].resolve()
    names = sorted(p.name.casefold() for p in ids.people)
    assert names == sorted(["ada tester", "root", "root", "al", "al", "linus", "sam smith"])
    # git log lists the newest commit first, so the later identity is named first
    assert ids.merges == (
        "Sam Smith <SAM@one.example.com> and Sam Smith <sam@one.example.com>: same email "
        "'sam@one.example.com'",
        "linus <linus@two.example.com> and Linus <linus@one.example.com>: same normalised name 'linus'",
    )

    no_names = resolver_for(root, merge_names=False)[0].resolve()
    assert len(no_names.people) == 8
    assert all("same email" in m for m in no_names.merges) and len(no_names.merges) == 1

    neither = resolver_for(root, merge_names=False, merge_emails=False)[0].resolve()
    assert len(neither.people) == 9
    assert neither.merges == ()


def test_normalise_name() -> None:
    assert normalise_name("  Zoë   ÅSTRÖM\t") == "zoe astrom"
    assert normalise_name("Straße") == "strasse"


def test_person_ids_are_stable_and_hashed(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    repo = make_repo(root, {"a.txt": "a\n"})
    commit_as(repo, ("Bob Builder", "zed@b.example.com"))
    commit_as(repo, ("Bob Builder", "Bob@b.example.com"))
    first = resolver_for(root)[0].resolve()
    bob = first.people[person_named(first, "Bob Builder")]
    assert bob.emails == ("bob@b.example.com", "zed@b.example.com")
    assert bob.id == "c" + hashlib.sha1(b"bob@b.example.com").hexdigest()[:10]
    again = resolver_for(root)[0].resolve()
    assert [p.id for p in again.people] == [p.id for p in first.people]
    assert len({p.id for p in first.people}) == len(first.people)


# ------------------------------------------------------------------------------------------------
# bots


def test_bots_are_kept_apart(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    repo = make_repo(root, {"a.txt": "a\n"})
    dependabot = ("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com")
    actions = ("github-actions[bot]", "41898282+github-actions[bot]@users.noreply.github.com")
    commit_as(repo, dependabot, ("GitHub", "noreply@github.com"))
    commit_as(repo, actions)
    commit_as(repo, ("Renovate Bot", "bot@renovateapp.com"))
    commit_as(repo, ("Weblate", "noreply@weblate.org"))
    # a bot known by its email, and a person of the same name: never merged
    commit_as(repo, ("Release Manager", "semantic-release-bot@martynus.net"))
    commit_as(repo, ("Release Manager", "release.manager@gmail.com"), ("GitHub", "noreply@github.com"))
    # a person whose PR GitHub merged: committed by GitHub, authored by the person
    commit_as(repo, ("Ada Tester", "ada@example.org"), ("GitHub", "noreply@github.com"))
    resolver, _ = resolver_for(root)
    ids = resolver.resolve()

    def person(name: str, email: str) -> int:
        return ids.person_of[resolver.add(name, email)]

    for name, email in [dependabot, actions, ("GitHub", "noreply@github.com"),
                        ("Renovate Bot", "bot@renovateapp.com"), ("Weblate", "noreply@weblate.org")]:
        p = person(name, email)
        assert ids.people[p].bot, name
        assert ids.default[resolver.add(name, email)] == Affiliation(None, "bot")
    assert ids.people[person("Release Manager", "semantic-release-bot@martynus.net")].bot
    release_person = person("Release Manager", "release.manager@gmail.com")
    assert not ids.people[release_person].bot
    assert release_person != person("Release Manager", "semantic-release-bot@martynus.net")
    assert ids.default[resolver.add("Release Manager", "release.manager@gmail.com")] == Affiliation(
        None, "independent")
    assert not any("Release Manager" in m for m in ids.merges)
    assert not ids.people[person("Ada Tester", "ada@example.org")].bot
    # the bots' own identities are distinct persons
    assert len({person(*dependabot), person(*actions), person("GitHub", "noreply@github.com")}) == 3


def test_is_bot_rules() -> None:
    rules = load_org_rules()
    assert rules.is_bot("pre-commit-ci[bot]", "66853113+pre-commit-ci[bot]@users.noreply.github.com")
    assert rules.is_bot("Someone", "x[BOT]@example.com")
    assert rules.is_bot("Snyk  Bot", "x@example.com")
    assert rules.is_bot("Mergify", "x@example.com")
    assert not rules.is_bot("GitHub", "someone@example.com")
    assert not rules.is_bot("Bottle Maker", "bot@example.com")


# ------------------------------------------------------------------------------------------------
# organizations


def test_affiliations_by_domain(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    repo = make_repo(root, {"a.txt": "a\n"})
    who = {
        "gmail": ("Gina Mail", "gina@gmail.com"),
        "noreply": ("Nora Reply", "123+nora@users.noreply.github.com"),
        "yahoo": ("Yann Hoo", "yann@yahoo.co.uk"),
        "acme1": ("Alice Acme", "alice@acme-widgets.com"),
        "acme2": ("Bruno Acme", "bruno@eng.acme-widgets.com"),  # subdomain folds
        "uk1": ("Ulla King", "ulla@foo-widgets.co.uk"),
        "uk2": ("Uwe Kern", "uwe@mail.foo-widgets.co.uk"),  # multi-part suffix folds to foo-widgets.co.uk
        "uk3": ("Una Kay", "una@bar-widgets.co.uk"),  # alone on its co.uk domain
        "solo": ("Sol Oh", "sol@solo-consulting.com"),
        "local": ("Lo Cal", "me@localhost.localdomain"),
        "empty": ("No Mail", ""),
        "invalid": ("Bad Mail", "not-an-email"),
    }
    for author in who.values():
        commit_as(repo, author)
    resolver, _ = resolver_for(root)
    ids = resolver.resolve()

    def aff(key: str) -> Affiliation:
        return ids.default[resolver.add(*who[key])]

    independent = Affiliation(None, "independent")
    unknown = Affiliation(None, "unknown")
    assert aff("gmail") == independent
    assert aff("noreply") == independent
    assert aff("yahoo") == independent
    assert aff("acme1") == aff("acme2") == Affiliation("acme-widgets.com", "organization")
    assert aff("uk1") == aff("uk2") == Affiliation("foo-widgets.co.uk", "organization")
    assert aff("uk3") == unknown
    assert aff("solo") == unknown
    assert aff("local") == unknown
    assert aff("empty") == unknown
    assert aff("invalid") == unknown


def test_one_person_with_two_addresses_is_not_an_organization(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    repo = make_repo(root, {"a.txt": "a\n"})
    commit_as(repo, ("Pat Person", "pat@pat-home.net"))
    commit_as(repo, ("Pat Person", "p@mail.pat-home.net"))
    resolver, _ = resolver_for(root)
    ids = resolver.resolve()
    assert ids.default[resolver.add("Pat Person", "pat@pat-home.net")] == Affiliation(None, "unknown")


def test_user_file_domains_and_periods(tmp_path: Path) -> None:
    orgs = tmp_path / "orgs.toml"
    orgs.write_text(
        '[domains]\n"solo-consulting.com" = "Solo Consulting Ltd"\n"Widgets.Example.com" = "Widgets"\n\n'
        '[[people]]\nemail = "ada@gmail.com"\norganization = "ACME"\n'
        'from = 2020-01-01\nuntil = 2022-06-30\n\n'
        '[[people]]\nemail = "ada@gmail.com"\norganization = "Initech"\nfrom = 2023-01-01\n\n'
        '[[people]]\nemail = "bob@b-widgets.com"\norganization = "Globex"\nuntil = 2019-12-31\n'
    )
    rules = load_org_rules(orgs)
    assert rules.organizations["solo-consulting.com"] == "Solo Consulting Ltd"
    root = tmp_path / "repo"
    repo = make_repo(root, {"a.txt": "a\n"})
    commit_as(repo, ("Sol Oh", "sol@solo-consulting.com"))
    commit_as(repo, ("Wim Idget", "wim@dev.widgets.example.com"))
    commit_as(repo, ("Ada Lovelace", "ada@gmail.com"))
    commit_as(repo, ("Ada Lovelace", "ada@lovelace.example.net"))  # same person, by name
    commit_as(repo, ("Bob Bee", "bob@b-widgets.com"))
    resolver, _ = resolver_for(root, rules)
    ids = resolver.resolve()
    sol = resolver.add("Sol Oh", "sol@solo-consulting.com")
    assert ids.default[sol] == Affiliation("Solo Consulting Ltd", "organization")
    assert ids.default[resolver.add("Wim Idget", "wim@dev.widgets.example.com")] == Affiliation(
        "Widgets", "organization")

    def at(day: str) -> int:
        return int(dt.datetime.fromisoformat(day).replace(tzinfo=dt.UTC).timestamp())

    acme, initech = Affiliation("ACME", "organization"), Affiliation("Initech", "organization")
    for ada in (resolver.add("Ada Lovelace", "ada@gmail.com"),
                resolver.add("Ada Lovelace", "ada@lovelace.example.net")):
        assert ids.affiliation(ada, at("2019-12-31T23:59:59")) == ids.default[ada]
        assert ids.affiliation(ada, at("2020-01-01T00:00:00")) == acme
        assert ids.affiliation(ada, at("2022-06-30T23:59:59")) == acme  # `until` is inclusive
        assert ids.affiliation(ada, at("2022-07-01T00:00:00")) == ids.default[ada]
        assert ids.affiliation(ada, at("2030-01-01T00:00:00")) == initech  # open-ended
    assert ids.default[resolver.add("Ada Lovelace", "ada@gmail.com")] == Affiliation(None, "independent")
    bob = resolver.add("Bob Bee", "bob@b-widgets.com")
    assert ids.affiliation(bob, at("1990-01-01T00:00:00")) == Affiliation("Globex", "organization")
    assert ids.affiliation(bob, at("2020-01-01T00:00:00")) == Affiliation(None, "unknown")
    assert ids.periods[sol] == ()


@pytest.mark.parametrize(
    ("content", "key"),
    [
        ('[domain]\n"a.com" = "A"\n', "domain"),
        ('[domains]\n"a.com" = 3\n', "domains.a.com"),
        ('[domains]\n"a@b.com" = "A"\n', "domains.a@b.com"),
        ('[[people]]\nemail = "a@b.com"\norganization = "A"\nsince = 2020-01-01\n', "people[0].since"),
        ('[[people]]\nemail = "a@b.com"\norganization = "A"\nfrom = "2020-01-01"\n', "people[0].from"),
        ('[[people]]\nemail = "a@b.com"\norganization = "A"\nfrom = 2021-01-01\nuntil = 2020-01-01\n',
         "people[0].until"),
        ('[[people]]\norganization = "A"\n', "people[0].email"),
        ('[[people]]\nemail = "nobody"\norganization = "A"\n', "people[0].email"),
        ('[[people]]\nemail = "a@b.com"\norganization = ""\n', "people[0].organization"),
        ('[[people]]\nemail = "a@b.com"\norganization = "A"\nfrom = 2020-01-01\n'
         '[[people]]\nemail = "a@b.com"\norganization = "B"\nfrom = 2021-01-01\n', "people"),
        ("[domains\n", "not valid TOML"),
    ],
)
def test_bad_user_files(tmp_path: Path, content: str, key: str) -> None:
    orgs = tmp_path / "orgs.toml"
    orgs.write_text(content)
    with pytest.raises(ValueError) as err:
        load_org_rules(orgs)
    assert str(orgs) in str(err.value)
    assert key in str(err.value)


def test_missing_user_file(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="cannot read"):
        load_org_rules(tmp_path / "nope.toml")


def test_shipped_rules() -> None:
    rules = load_org_rules()
    for domain in ("gmail.com", "googlemail.com", "users.noreply.github.com", "users.sourceforge.net",
                   "qq.com", "163.com", "web.de", "mail.ru", "icloud.com", "protonmail.com"):
        assert domain in rules.independent, domain
    for label in ("yahoo", "gmx", "yandex"):
        assert label in rules.independent_labels
    assert "noreply@github.com" in rules.bot_emails
    for name in ("root", "unknown", "user", "admin", "github"):
        assert name in rules.generic_names
    assert rules.periods == ()


@pytest.mark.parametrize(
    ("content", "key"),
    [
        ('[[independent]]\ndomains = ["a.com"]\n', "independent[0].source"),
        ('[[bot]]\nsource = "http://insecure.example.com"\nnames = ["x"]\n', "bot[0].source"),
        ('[[bot]]\nsource = "https://example.com"\nnicknames = ["x"]\n', "bot[0].nicknames"),
        ('[names]\nsource = "https://example.com"\nmin_single_word = -1\n', "names.min_single_word"),
        ('[[organization]]\nsource = "https://example.com"\ndomains = ["a.com"]\n', "organization[0].name"),
    ],
)
def test_rules_entries_need_sources(tmp_path: Path, content: str, key: str) -> None:
    path = tmp_path / "organizations.toml"
    path.write_text(content)
    with pytest.raises(ValueError, match=key.replace("[", r"\[").replace("]", r"\]")):
        _parse_rules(path, tomllib.loads(content))
