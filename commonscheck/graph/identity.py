# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Who is who: .mailmap as git applies it, then merges by email and by name, bots kept apart, and
each identity's organization from its email domain, rules/organizations.toml and the user's file.

Order of resolution, for every raw (name, email) pair that `IdentityResolver.add` was given:

1. `.mailmap`, exactly as git resolves it (`Mailmap`): the mapped pair is what `git log --format=%aN
   <%aE>` prints. Identities whose mapped pairs are equal are one person without further note.
2. Bots (`OrgRules.is_bot`): `[bot]` in the name or email, or an account listed in rules/. A bot is
   never merged with a person, and its affiliation is of kind "bot".
3. Merges beyond the mailmap, each reported as one line in `Identities.merges`: the same email
   (case-insensitive) and, with `merge_names`, the same normalised name (casefolded, accents stripped,
   whitespace collapsed) unless that name is generic (rules/: "root", "unknown", ...) or a single word
   shorter than `min_single_word` characters.
4. Affiliations by email domain, lowercased: a domain listed by the user file or rules/ (itself or a
   parent domain) is that organization; a freemail or personal-hosting domain is "independent";
   otherwise the domain folds to its registrable domain (Public Suffix List, as packaged by
   `publicsuffixlist`, read offline) and is an organization named by that domain when two or more
   people use it, "unknown" when one person alone does. No email, or a domain under no known public
   suffix ("localhost", "example.invalid"), is "unknown".
5. Dated affiliations of the user file (`--orgs FILE`, `[[people]]`) apply to every identity of the
   person who has that email; days are UTC, `from` inclusive, `until` inclusive (the period ends at
   the start of the next day).

A person's name is the one the .mailmap gives, else the first non-empty name seen; emails are
lowercased. Person ids are "c" followed by the first 10 hex digits of the SHA-1 of the person's lowest email
(lowercased), or of "name:" and the name when the person has no email: stable across runs and
repositories, and no more revealing than an email hash.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import os
import stat
import tomllib
import unicodedata
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from publicsuffixlist import PublicSuffixList

from commonscheck.audit.files import DEFAULT_MAX_SIZE, git_output, git_toplevel
from commonscheck.graph.people import Affiliation, Identities, Period, Person
from commonscheck.resources import rules_dir

__all__ = [
    "IdentityResolver",
    "Mailmap",
    "OrgRules",
    "PersonPeriod",
    "load_org_rules",
    "normalise_name",
    "read_mailmap",
]

# git compares mailmap emails and names with strcasecmp: ASCII letters only fold.
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _fold(text: str) -> str:
    return text.translate(_ASCII_LOWER)


def _parse_name_and_email(
    buffer: str, allow_empty_email: bool
) -> tuple[str | None, str | None, str | None]:
    """git's mailmap.c parse_name_and_email: (name, email, rest after '>') or Nones when the line
    holds no `<...>` (or an empty one where that is not allowed)."""
    left = buffer.find("<")
    if left < 0:
        return None, None, None
    right = buffer.find(">", left + 1)
    if right < 0:
        return None, None, None
    if not allow_empty_email and right == left + 1:
        return None, None, None
    # git trims C isspace (space, \t, \n, \v, \f, \r) around the name, never inside the brackets.
    name = buffer[:left].strip(" \t\n\v\f\r")
    return (name or None), buffer[left + 1 : right], buffer[right + 1 :]


class Mailmap:
    """A .mailmap as git reads it (gitmailmap(5), mailmap.c): emails and names compared without
    regard to ASCII case; a later line overrides an earlier one field by field."""

    __slots__ = ("_map",)

    def __init__(self) -> None:
        # folded commit email -> [simple name, simple email, {folded commit name: (name, email)}]
        self._map: dict[str, tuple[list[str | None], dict[str, tuple[str | None, str | None]]]] = {}

    def __bool__(self) -> bool:
        return bool(self._map)

    @classmethod
    def parse(cls, text: str) -> Mailmap:
        """Parse .mailmap text: the four forms `Proper Name <commit@email>`, `<proper@email>
        <commit@email>`, `Proper Name <proper@email> <commit@email>` and `Proper Name <proper@email>
        Commit Name <commit@email>`; lines starting with '#' and anything after the last address are
        ignored, as are lines git would not read."""
        mailmap = cls()
        for line in text.split("\n"):
            if line.startswith("#"):
                continue
            name1, email1, rest = _parse_name_and_email(line, False)
            name2 = email2 = None
            if rest:
                name2, email2, _ = _parse_name_and_email(rest, True)
            if email1 is not None:
                mailmap._add(name1, email1, name2, email2)
        return mailmap

    def _add(self, new_name: str | None, new_email: str | None, old_name: str | None,
             old_email: str | None) -> None:
        if old_email is None:
            old_email, new_email = new_email, None
        assert old_email is not None
        entry = self._map.setdefault(_fold(old_email), ([None, None], {}))
        if old_name is None:
            simple = entry[0]
            if new_name is not None:
                simple[0] = new_name
            if new_email is not None:
                simple[1] = new_email
        else:
            entry[1][_fold(old_name)] = (new_name, new_email)

    def resolve(self, name: str, email: str) -> tuple[str, str]:
        """The (name, email) git shows for a commit by (name, email) with this mailmap (%aN, %aE)."""
        entry = self._map.get(_fold(email))
        if entry is None:
            return name, email
        simple, by_name = entry
        new_name, new_email = by_name.get(_fold(name), (simple[0], simple[1])) if by_name else simple
        return (name if new_name is None else new_name), (email if new_email is None else new_email)


def _read_nofollow(path: Path, max_size: int) -> bytes | None:
    """A regular file's bytes, never through a symlink (git reads .mailmap with MAILMAP_NOFOLLOW);
    None when absent, not a regular file, or too large."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fh.fileno())
        if not stat.S_ISREG(st.st_mode) or st.st_size > max_size:
            return None
        return fh.read(max_size + 1)[:max_size]


def read_mailmap(root: Path, max_size: int = DEFAULT_MAX_SIZE) -> Mailmap:
    """The repository's mailmap as git would use it by default: `.mailmap` at the top of the work
    tree (not through a symlink), or in a bare repository `HEAD:.mailmap`. The repository's own
    configuration (mailmap.file, mailmap.blob) is untrusted and never read. An empty Mailmap when
    there is none or it cannot be read."""
    try:
        bare = git_output(root, "rev-parse", "--is-bare-repository").strip() == b"true"
    except (RuntimeError, OSError):
        bare = False
    if bare:
        try:
            size = int(git_output(root, "cat-file", "-s", "HEAD:.mailmap").strip() or b"0")
            if size > max_size:
                return Mailmap()
            data: bytes | None = git_output(root, "cat-file", "blob", "HEAD:.mailmap")
        except (RuntimeError, OSError, ValueError):
            data = None
    else:
        top = git_toplevel(root) or root
        data = _read_nofollow(top / ".mailmap", max_size)
    if not data:
        return Mailmap()
    return Mailmap.parse(data.decode("utf-8", "replace"))


# --------------------------------------------------------------------------------------------------
# Rules


@dataclass(frozen=True, slots=True)
class PersonPeriod:
    """A dated affiliation from the user file: whoever has `email` worked for `organization` from
    `start` (inclusive) to `end` (exclusive), seconds since the epoch, None unbounded."""

    email: str
    organization: str
    start: int | None
    end: int | None


@dataclass(frozen=True)
class OrgRules:
    """What rules/organizations.toml and the user's --orgs file say about identities and domains.

    `independent` are freemail and personal-hosting domains (a parent domain covers its subdomains);
    `independent_labels` are providers under many public suffixes ("yahoo" for yahoo.com,
    yahoo.co.uk, ...). `bot_names` (casefolded) and `bot_emails` (lowercased) are known CI and bot
    accounts. `organizations` maps a domain (and so its subdomains) to an organization name, the user
    file's entries over the shipped ones. `generic_names` are normalised names that never merge, as
    is a one-word name shorter than `min_single_word`. `periods` are the user file's dated
    affiliations."""

    independent: frozenset[str] = frozenset()
    independent_labels: frozenset[str] = frozenset()
    bot_names: frozenset[str] = frozenset()
    bot_emails: frozenset[str] = frozenset()
    organizations: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    generic_names: frozenset[str] = frozenset()
    min_single_word: int = 3
    periods: tuple[PersonPeriod, ...] = ()

    def is_bot(self, name: str, email: str) -> bool:
        """Whether (name, email) is an automated account: `[bot]` in either, or a listed account."""
        lname = name.casefold()
        lemail = email.lower()
        return (
            "[bot]" in lname
            or "[bot]" in lemail
            or lemail in self.bot_emails
            or " ".join(lname.split()) in self.bot_names
        )

    def name_key(self, name: str) -> str | None:
        """The normalised name two identities must share to merge by name, or None when the name is
        too generic to say anything (empty, listed as generic, or one short word)."""
        norm = normalise_name(name)
        if not norm or norm in self.generic_names:
            return None
        if " " not in norm and len(norm) < self.min_single_word:
            return None
        return norm


def normalise_name(name: str) -> str:
    """Casefolded, accents stripped (NFKD without combining marks), whitespace collapsed."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.split())


def _fail(path: Path, key: str, problem: str) -> ValueError:
    return ValueError(f"{path}: {key}: {problem}")


def _check_keys(path: Path, where: str, table: Mapping[str, Any], allowed: Collection[str],
                required: Collection[str] = ()) -> None:
    for key in table:
        if key not in allowed:
            raise _fail(path, f"{where}.{key}" if where else key, "unknown key")
    for key in required:
        if key not in table:
            raise _fail(path, f"{where}.{key}" if where else key, "missing")


def _str_list(path: Path, key: str, value: Any, lower: bool = True) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(path, key, "must be a list of non-empty strings")
    return [v.strip().lower() if lower else v.strip() for v in value]


def _source(path: Path, key: str, table: Mapping[str, Any]) -> None:
    src = table.get("source")
    if not isinstance(src, str) or not src.startswith("https://"):
        raise _fail(path, f"{key}.source", "every entry needs a source (an https:// address)")


def _domain(path: Path, key: str, value: Any) -> str:
    if not isinstance(value, str):
        raise _fail(path, key, "must be a string")
    domain = value.strip().lower().rstrip(".")
    if not domain or "@" in domain or any(c.isspace() for c in domain) or domain.startswith("."):
        raise _fail(path, key, f"not a domain: {value!r}")
    return domain


def _load_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise ValueError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{path}: not valid TOML: {exc}") from None


def _epoch(path: Path, key: str, value: Any) -> int:
    if isinstance(value, dt.datetime):
        moment = value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)
        return int(moment.timestamp())
    if isinstance(value, dt.date):
        return int(dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC).timestamp())
    raise _fail(path, key, f"must be a TOML date such as 2020-01-01, not {value!r}")


def _parse_rules(path: Path, data: Mapping[str, Any]) -> dict[str, Any]:
    _check_keys(path, "", data, {"names", "independent", "bot", "organization"})
    out: dict[str, Any] = {
        "independent": set(), "independent_labels": set(), "bot_names": set(), "bot_emails": set(),
        "organizations": {}, "generic_names": set(), "min_single_word": 3,
    }
    names = data.get("names", {})
    if not isinstance(names, dict):
        raise _fail(path, "names", "must be a table")
    _check_keys(path, "names", names, {"source", "note", "generic", "min_single_word"})
    if names:
        _source(path, "names", names)
        out["generic_names"] = {normalise_name(n) for n in _str_list(path, "names.generic",
                                                                     names.get("generic", []))}
        msw = names.get("min_single_word", 3)
        if not isinstance(msw, int) or isinstance(msw, bool) or msw < 0:
            raise _fail(path, "names.min_single_word", "must be a non-negative integer")
        out["min_single_word"] = msw
    for kind, allowed in (
        ("independent", {"source", "note", "domains", "labels"}),
        ("bot", {"source", "note", "account", "names", "emails"}),
        ("organization", {"source", "note", "name", "domains"}),
    ):
        entries = data.get(kind, [])
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            raise _fail(path, kind, "must be an array of tables ([[" + kind + "]])")
        for i, entry in enumerate(entries):
            where = f"{kind}[{i}]"
            _check_keys(path, where, entry, allowed)
            _source(path, where, entry)
            if kind == "independent":
                out["independent"].update(_domain(path, f"{where}.domains", d)
                                          for d in _str_list(path, f"{where}.domains",
                                                             entry.get("domains", [])))
                out["independent_labels"].update(_str_list(path, f"{where}.labels",
                                                           entry.get("labels", [])))
            elif kind == "bot":
                out["bot_names"].update(" ".join(n.casefold().split()) for n in
                                        _str_list(path, f"{where}.names", entry.get("names", []), False))
                out["bot_emails"].update(_str_list(path, f"{where}.emails", entry.get("emails", [])))
            else:
                org = entry.get("name")
                if not isinstance(org, str) or not org.strip():
                    raise _fail(path, f"{where}.name", "must be a non-empty string")
                for d in _str_list(path, f"{where}.domains", entry.get("domains", [])):
                    out["organizations"][_domain(path, f"{where}.domains", d)] = org.strip()
    return out


def _parse_user_file(path: Path, data: Mapping[str, Any]) -> tuple[dict[str, str], list[PersonPeriod]]:
    _check_keys(path, "", data, {"domains", "people"})
    domains_table = data.get("domains", {})
    if not isinstance(domains_table, dict):
        raise _fail(path, "domains", "must be a table of \"domain\" = \"Organization\"")
    domains: dict[str, str] = {}
    for raw, org in domains_table.items():
        key = f"domains.{raw}"
        if not isinstance(org, str) or not org.strip():
            raise _fail(path, key, "the organization must be a non-empty string")
        domains[_domain(path, key, raw)] = org.strip()
    people = data.get("people", [])
    if not isinstance(people, list) or not all(isinstance(p, dict) for p in people):
        raise _fail(path, "people", "must be an array of tables ([[people]])")
    periods: list[PersonPeriod] = []
    for i, entry in enumerate(people):
        where = f"people[{i}]"
        _check_keys(path, where, entry, {"email", "organization", "from", "until"},
                    {"email", "organization"})
        email = entry["email"]
        if not isinstance(email, str) or "@" not in email or email.strip() != email or not email:
            raise _fail(path, f"{where}.email", f"not an email address: {email!r}")
        org = entry["organization"]
        if not isinstance(org, str) or not org.strip():
            raise _fail(path, f"{where}.organization", "must be a non-empty string")
        start = _epoch(path, f"{where}.from", entry["from"]) if "from" in entry else None
        end = None
        if "until" in entry:
            until = entry["until"]
            end = _epoch(path, f"{where}.until", until)
            if not isinstance(until, dt.datetime):
                end += 86400  # a day is inclusive: the period ends when the next day starts
        if start is not None and end is not None and end <= start:
            raise _fail(path, f"{where}.until", "is before `from`")
        periods.append(PersonPeriod(email.lower(), org.strip(), start, end))
    # One email's periods must not overlap (a person works for one organization at a time here).
    by_email: dict[str, list[PersonPeriod]] = {}
    for p in periods:
        by_email.setdefault(p.email, []).append(p)
    for email, ps in by_email.items():
        ps.sort(key=lambda p: -(2**63) if p.start is None else p.start)
        for a, b in itertools.pairwise(ps):
            if a.end is None or b.start is None or b.start < a.end:
                raise _fail(path, "people", f"periods of {email} overlap")
    return domains, periods


@cache
def _shipped_rules() -> dict[str, Any]:
    path = rules_dir() / "organizations.toml"
    return _parse_rules(path, _load_toml(path))


def load_org_rules(user_file: Path | None = None) -> OrgRules:
    """rules/organizations.toml, plus the user's --orgs FILE (TOML: `[domains]` "acme.com" =
    "ACME"; `[[people]]` email, organization, optional from / until dates) whose domains override the
    shipped ones. ValueError naming the file and the key when either is malformed."""
    shipped = _shipped_rules()
    organizations = dict(shipped["organizations"])
    periods: list[PersonPeriod] = []
    if user_file is not None:
        domains, periods = _parse_user_file(user_file, _load_toml(user_file))
        organizations.update(domains)
    return OrgRules(
        independent=frozenset(shipped["independent"]),
        independent_labels=frozenset(shipped["independent_labels"]),
        bot_names=frozenset(shipped["bot_names"]),
        bot_emails=frozenset(shipped["bot_emails"]),
        organizations=MappingProxyType(organizations),
        generic_names=frozenset(shipped["generic_names"]),
        min_single_word=shipped["min_single_word"],
        periods=tuple(periods),
    )


# --------------------------------------------------------------------------------------------------
# Resolution


@cache
def _psl() -> PublicSuffixList:
    # The list bundled with the package; it is never updated over the network. Unknown top-level
    # domains ("localdomain", "invalid") have no registrable domain.
    return PublicSuffixList(accept_unknown=False)


def _email_domain(email: str) -> str | None:
    local, at, domain = email.strip().rpartition("@")
    domain = domain.strip().lower().rstrip(".")
    if not at or not local or not domain or any(c.isspace() or c in "<>()[]," for c in domain):
        return None
    return domain


def _parents(domain: str) -> list[str]:
    labels = domain.split(".")
    return [".".join(labels[i:]) for i in range(len(labels))]


class _UnionFind:
    __slots__ = ("parent",)

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        # the lower index stays the root: persons are ordered by first sight
        if rb < ra:
            ra, rb = rb, ra
        self.parent[rb] = ra
        return True


def _person_id(emails: list[str], name: str) -> str:
    basis = emails[0] if emails else "name:" + name
    return "c" + hashlib.sha1(basis.encode("utf-8", "surrogatepass"), usedforsecurity=False).hexdigest()[:10]


class IdentityResolver:
    """Collects raw identities while the history streams, and resolves them once at the end."""

    __slots__ = ("_index", "_mailmap", "_merge_emails", "_merge_names", "_raw", "_rules")

    def __init__(self, mailmap: Mailmap, rules: OrgRules, *, merge_emails: bool = True,
                 merge_names: bool = True) -> None:
        self._mailmap = mailmap
        self._rules = rules
        self._merge_emails = merge_emails
        self._merge_names = merge_names
        self._index: dict[tuple[str, str], int] = {}
        self._raw: list[tuple[str, str]] = []

    def __len__(self) -> int:
        return len(self._raw)

    def add(self, name: str, email: str) -> int:
        """The identity index of a raw (name, email) pair: 0, 1, 2, ... in order of first sight, the
        same index for the same pair."""
        key = (name, email)
        index = self._index.get(key)
        if index is None:
            index = self._index[key] = len(self._raw)
            self._raw.append(key)
        return index

    def resolve(self) -> Identities:
        """Mailmap, merges, bots and affiliations of every identity added so far (module docstring)."""
        rules = self._rules
        mapped = [self._mailmap.resolve(n, e) for n, e in self._raw]
        bots = [rules.is_bot(n, e) for n, e in mapped]
        n = len(mapped)
        uf = _UnionFind(n)
        merges: list[str] = []

        def show(i: int) -> str:
            name, email = mapped[i]
            return f"{name} <{email}>"

        # 1. Identical mapped identities: the mailmap's own grouping, not reported.
        first: dict[tuple[str, str], int] = {}
        for i, pair in enumerate(mapped):
            uf.union(first.setdefault(pair, i), i)
        # 2. Same email, then same normalised name; bots only ever with bots.
        passes: list[tuple[str, list[str | None]]] = []
        if self._merge_emails:
            passes.append(("email", [e.strip().lower() or None for _, e in mapped]))
        if self._merge_names:
            passes.append(("normalised name", [rules.name_key(nm) for nm, _ in mapped]))
        for what, keys in passes:
            seen: dict[tuple[str, bool], int] = {}
            for i, key in enumerate(keys):
                if key is None:
                    continue
                j = seen.setdefault((key, bots[i]), i)
                if j != i and uf.union(j, i):
                    merges.append(f"{show(j)} and {show(i)}: same {what} '{key}'")

        # Persons, in order of first sight.
        members: dict[int, list[int]] = {}
        for i in range(n):
            members.setdefault(uf.find(i), []).append(i)
        person_of = [0] * n
        people: list[Person] = []
        for p, (_, idxs) in enumerate(sorted(members.items())):
            emails = sorted({mapped[i][1].strip().lower() for i in idxs} - {""})
            # the name a .mailmap gives wins, then the first non-empty name seen
            named = [i for i in idxs if mapped[i][0].strip()] or idxs
            name = mapped[next((i for i in named if mapped[i] != self._raw[i]), named[0])][0]
            people.append(Person(_person_id(emails, name), name, tuple(emails), bots[idxs[0]]))
            for i in idxs:
                person_of[i] = p

        default = self._affiliations(mapped, person_of, people)
        periods = self._periods(person_of, people, n)
        return Identities(tuple(person_of), tuple(people), tuple(merges), tuple(default), periods)

    def _affiliations(self, mapped: list[tuple[str, str]], person_of: list[int],
                      people: list[Person]) -> list[Affiliation]:
        rules = self._rules
        psl = _psl()
        bot = Affiliation(None, "bot")
        independent = Affiliation(None, "independent")
        unknown = Affiliation(None, "unknown")
        # per identity: a decided affiliation, or a registrable domain whose head count decides
        decided: list[Affiliation | str] = []
        users: dict[str, set[int]] = {}
        for i, (_, email) in enumerate(mapped):
            if people[person_of[i]].bot:
                decided.append(bot)
                continue
            domain = _email_domain(email)
            if domain is None:
                decided.append(unknown)
                continue
            parents = _parents(domain)
            listed = next((rules.organizations[d] for d in parents if d in rules.organizations), None)
            if listed is not None:
                decided.append(Affiliation(listed, "organization"))
                continue
            if any(d in rules.independent for d in parents):
                decided.append(independent)
                continue
            registrable = psl.privatesuffix(domain)
            if registrable is None:
                decided.append(unknown)
                continue
            if registrable.split(".", 1)[0] in rules.independent_labels:
                decided.append(independent)
                continue
            decided.append(registrable)
            users.setdefault(registrable, set()).add(person_of[i])
        return [
            a if isinstance(a, Affiliation)
            else Affiliation(a, "organization") if len(users[a]) >= 2 else unknown
            for a in decided
        ]

    def _periods(self, person_of: list[int], people: list[Person],
                 n: int) -> tuple[tuple[Period, ...], ...]:
        if not self._rules.periods:
            return ((),) * n
        person_by_email: dict[str, int] = {}
        for p, person in enumerate(people):
            if not person.bot:
                for email in person.emails:
                    person_by_email[email] = p
        by_person: dict[int, list[Period]] = {}
        for pp in self._rules.periods:
            found = person_by_email.get(pp.email)
            if found is not None:
                by_person.setdefault(found, []).append(
                    Period(pp.start, pp.end, Affiliation(pp.organization, "organization")))
        ordered: dict[int, tuple[Period, ...]] = {}
        for p, ps in by_person.items():
            ps.sort(key=lambda q: -(2**63) if q.start is None else q.start)
            # Periods given for different emails of one person may overlap: a later start wins.
            trimmed: list[Period] = []
            for q in ps:
                if trimmed:
                    last = trimmed[-1]
                    if last.end is None or (q.start is not None and q.start < last.end):
                        if q.start is None or (last.start is not None and q.start <= last.start):
                            trimmed.pop()
                        else:
                            trimmed[-1] = Period(last.start, q.start, last.affiliation)
                trimmed.append(q)
            ordered[p] = tuple(trimmed)
        return tuple(ordered.get(person_of[i], ()) for i in range(n))
