# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The result of identity resolution, as the metrics read it: people, and who each commit's identity
was affiliated with at the time. Data only; identity.py computes it.

Indices: every raw (name, email) pair seen in the history gets an identity index (0, 1, 2, ... in
order of first sight) from `IdentityResolver.add`; resolution maps each identity index to a person
index (`person_of`), so the metrics can count by raw identity while streaming and group by person at
the end.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Literal

AffiliationKind = Literal["organization", "independent", "unknown", "bot"]
"""`organization`: an employer or other organization (from the email domain when two or more people
use it or rules/ lists it, or from a user file); `independent`: a freemail or personal-hosting address
(gmail.com, users.noreply.github.com, ...); `unknown`: a domain one person alone uses and nobody
lists, or no usable email; `bot`: an automated account."""


@dataclass(frozen=True, slots=True)
class Affiliation:
    """Who a commit's identity worked for at the time: an organization name or None, and the kind."""

    organization: str | None
    kind: AffiliationKind


@dataclass(frozen=True, slots=True)
class Period:
    """An affiliation from `start` (inclusive) up to `end` (exclusive), seconds since the epoch;
    None means unbounded on that side."""

    start: int | None
    end: int | None
    affiliation: Affiliation


@dataclass(frozen=True, slots=True)
class Person:
    """A contributor after mailmap and merging: a stable id, the name shown, every email, bot or not."""

    id: str
    name: str
    emails: tuple[str, ...]
    bot: bool


@dataclass(frozen=True, slots=True)
class Identities:
    """Resolved identities.

    `person_of[i]` is the person of identity index i; `people` the persons; `merges` one line per
    merge performed beyond the mailmap ("ada@a.org and ada@b.org: same normalised name 'ada lovelace'"),
    so a reader can check them. `default[i]` is identity i's affiliation from its email domain;
    `periods[i]` are dated affiliations from a user file (sorted by start, not overlapping), which win
    over the default inside their range.
    """

    person_of: tuple[int, ...]
    people: tuple[Person, ...]
    merges: tuple[str, ...]
    default: tuple[Affiliation, ...]
    periods: tuple[tuple[Period, ...], ...]

    def affiliation(self, identity: int, when: int) -> Affiliation:
        """The affiliation of identity index `identity` at time `when` (seconds since the epoch)."""
        periods = self.periods[identity] if identity < len(self.periods) else ()
        if periods:
            starts = [p.start if p.start is not None else -(2**63) for p in periods]
            i = bisect_right(starts, when) - 1
            if i >= 0:
                period = periods[i]
                if period.end is None or when < period.end:
                    return period.affiliation
        return self.default[identity]
