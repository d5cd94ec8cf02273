# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Full-text, notice and reference matching against the license index.

Cheap before dear:
1. the whole normalised token sequence is looked up in a dict (an exact whole-file hit);
2. exact rule occurrences anywhere are found by one Aho-Corasick pass over the token string;
3. only what those leave unmatched is aligned (rapidfuzz, bit-parallel LCS) against the few
   rules an inverted index of discriminating tokens proposes.
All candidate matches then compete for the text: larger, better-covered matches win, and a
region won by a false-positive rule yields nothing.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from rapidfuzz.distance import Indel, LCSseq

from commonscheck.audit.licensedb import (
    _TOKEN_RE,
    AUTOMATON_PREFIX,
    MASK_CHAR,
    STOPWORDS,
    UNKNOWN_CHAR,
    LicenseIndex,
)

MatchKind = Literal["text", "notice", "reference", "tag"]

_REPORTED_KINDS: frozenset[str] = frozenset(("text", "notice", "reference", "tag"))
_KIND_RANK = {"text": 4, "notice": 3, "false-positive": 3, "reference": 2, "tag": 1}

# Exact hits of rules at least this long claim their text before approximate matching; shorter
# hits (references such as "MIT license") stay visible so a surrounding notice can still match.
_MASK_MIN_LEN = 50
# Rules shorter than this are only matched exactly: a fuzzy match of a few words is noise.
_APPROX_MIN_LEN = 16
# Fewer distinct discriminating tokens than this left in the text: no approximate matching.
_MIN_HIGH_TOKENS = 3
# How many candidate rules are aligned per round, and how many rounds (one per license found).
_MAX_CANDIDATES = 12
_MAX_ROUNDS = 6
# Candidates proposed by the inverted index, re-ranked by a cheap LCS length before the
# _MAX_CANDIDATES best are aligned. Version numbers are too common to be discriminating tokens,
# so the index alone cannot tell a "version 3" notice from a "version 2" one; the LCS can.
# The pool is bounded by the work of those LCS computations (rule length x text length):
# a short notice can afford hundreds of candidates, a whole license text a few dozen.
_POOL_MAX = 600
_POOL_BUDGET = 30_000_000
# Most postings entries counted for one text; beyond it only the rarest tokens are counted.
_COUNT_BUDGET = 300_000
# A candidate must hold at least this share of its rule's discriminating tokens.
_MIN_CONTAINMENT = 0.5


@dataclass(frozen=True, slots=True)
class Match:
    """One license match: SPDX expression, kind, 1-based inclusive lines, score 0-100, rule."""

    expression: str
    kind: MatchKind
    start_line: int
    end_line: int
    score: float
    rule: str
    # file names the matched rule refers to ("see LICENSE"); the scan resolves them in the tree
    references: tuple[str, ...] = ()


@dataclass(slots=True)
class _Hit:
    """A candidate match on query token positions [qstart, qend)."""

    rule: int
    qstart: int
    qend: int
    matched: int  # rule tokens matched
    rule_len: int
    exact: bool
    missing_high: int = 0  # discriminating rule tokens left unmatched

    @property
    def coverage(self) -> float:
        return 100.0 * self.matched / self.rule_len

    @property
    def weight(self) -> float:
        # Matched tokens, minus half a point per rule token missed and per extra query token
        # in the region: this makes BSD-2 beat BSD-3 on a BSD-2 text (BSD-3 misses a clause)
        # and BSD-3 beat BSD-2 on a BSD-3 text (BSD-2 leaves the clause as extra tokens).
        # In a short notice a missed discriminating word ("Affero", "Lesser") costs more than
        # a missed common one: it is what tells the notice from its neighbours. (In a long
        # text, missed rare words are mostly names and template variations.)
        region = self.qend - self.qstart
        missed = self.rule_len - self.matched
        high_cost = _HIGH_MISS_COST if self.rule_len < _SHORT_RULE else 0.0
        return self.matched - 0.5 * missed - high_cost * self.missing_high - 0.5 * (region - self.matched)


# Extra weight penalty for each discriminating rule token an approximate match leaves out.
_HIGH_MISS_COST = 1.5
_SHORT_RULE = 120


def _default_min_coverage(length: int) -> float:
    """Coverage a fuzzy match needs by rule length: short rules must match nearly whole."""
    if length < 30:
        return 90.0
    if length < 80:
        return 80.0
    if length < 200:
        return 70.0
    return 60.0


class _Query:
    """The text as token characters; token offsets and lines are computed only when needed."""

    __slots__ = ("_ends", "_lines", "_starts", "original", "text", "tokens")

    def __init__(self, index: LicenseIndex, text: str) -> None:
        # the text as written: letter case matters in a few places (SPDX's upper-case operators)
        self.original = text
        self.text = text.lower()
        cmap = index.char_map()
        # findall + one dict lookup a token keeps the common case (no license at all) cheap
        self.tokens = "".join(
            [cmap.get(t, UNKNOWN_CHAR) for t in _TOKEN_RE.findall(self.text) if t not in STOPWORDS]
        )
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._lines: list[int] = []

    def _locate(self) -> None:
        if self._starts or not self.tokens:
            return
        stop = STOPWORDS
        spans = [m.span() for m in _TOKEN_RE.finditer(self.text) if m.group() not in stop]
        self._starts = [s for s, _ in spans]
        self._ends = [e for _, e in spans]

    @property
    def starts(self) -> list[int]:
        self._locate()
        return self._starts

    @property
    def ends(self) -> list[int]:
        self._locate()
        return self._ends

    def line(self, token: int) -> int:
        """The 1-based line of a token; newline offsets are found once, then bisected."""
        if not self._lines:
            text = self.text
            self._lines = [i for i in _find_all(text, "\n")]
        return bisect_right(self._lines, self.starts[token]) + 1


def _find_all(text: str, needle: str) -> list[int]:
    out: list[int] = []
    i = text.find(needle)
    while i >= 0:
        out.append(i)
        i = text.find(needle, i + 1)
    return out


def detect(index: LicenseIndex, text: str, notes: list[str] | None = None) -> list[Match]:
    """Find the licenses stated in `text`, as a list of matches in text order.

    Approximate alignment has a work budget per text (_ALIGN_BUDGET token pairs), far above what
    real files need: a hostile file of megabytes of license words cannot stall a scan. When the
    budget runs out, what was found so far is returned and a line saying so goes to `notes`.

    Intro/clue-only and false-positive matches are never returned. Several licenses in one
    text give several matches; a full text wins over the notices and references it contains.
    Generic or unknown-license matches (a bare warranty disclaimer, "other permissive") are
    dropped when the text also holds a real license text or notice.
    """
    q = _Query(index, text)
    query = q.tokens
    if not query:
        return []

    # (1) the whole text is exactly one rule
    whole = index.whole.get(query)
    if whole is not None:
        hit = _Hit(whole, 0, len(query), len(query), len(query), True)
        return _to_matches(index, [hit], q)

    # (2) exact occurrences of rules anywhere
    exact = [h for h in _exact_hits(index, query) if _standalone(index, h, q)]

    # (3) approximate matches on what is left
    budget = _Budget(_ALIGN_BUDGET)
    approx = _approximate_hits(index, query, exact, budget)
    if budget.exhausted and notes is not None:
        notes.append(
            f"approximate license matching stopped at its work limit ({len(query)} words): "
            "exact matches are complete, near-matches may be missing"
        )
    return _to_matches(index, _resolve(index, exact + approx), q)


# Token pairs (rule length times aligned window length) one text may spend on alignment. The
# largest real file of the evaluation set needs under a tenth of it.
_ALIGN_BUDGET = 4_000_000_000


class _Budget:
    """Alignment work left for one text."""

    __slots__ = ("exhausted", "left")

    def __init__(self, total: int) -> None:
        self.left = total
        self.exhausted = False

    def spend(self, cost: int) -> bool:
        """Take `cost` from the budget; False (and exhausted) when it does not cover it."""
        if cost > self.left:
            self.exhausted = True
            return False
        self.left -= cost
        return True


def _exact_hits(index: LicenseIndex, query: str) -> list[_Hit]:
    auto = index.ensure_automaton()
    tokens = index.rule_tokens
    hits: list[_Hit] = []
    for end, rules in auto.iter(query):
        # all rules in a group share the same key, so the key length is the same for them
        key_len = min(len(tokens[rules[0]]), AUTOMATON_PREFIX)
        start = end + 1 - key_len
        for r in rules:
            toks = tokens[r]
            if len(toks) == key_len or query.startswith(toks, start):
                hits.append(_Hit(r, start, start + len(toks), len(toks), len(toks), True))
                break  # rules are sorted longest first; shorter ones would be contained
    return hits


_GLUE = "-_/.@:"


def _standalone(index: LicenseIndex, hit: _Hit, q: _Query) -> bool:
    """Reject a short match that is only part of an identifier, path or URL.

    "go-license-detector" holds the words of the rule "Go License"; a short rule only counts
    when its first and last words are not glued (by - _ / . @ :) to a neighbouring word.
    """
    if hit.rule_len > 3:
        return True
    text = q.text
    s = q.starts[hit.qstart]
    e = q.ends[hit.qend - 1]
    if s >= 2 and text[s - 1] in _GLUE and text[s - 2].isalnum():
        return False
    return not (e + 1 < len(text) and text[e] in _GLUE and text[e + 1].isalnum())


def _mask(query: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return query
    buf = list(query)
    for s, e in spans:
        buf[s:e] = MASK_CHAR * (e - s)
    return "".join(buf)


def _approximate_hits(index: LicenseIndex, query: str, exact: list[_Hit], budget: _Budget) -> list[_Hit]:
    """Align candidate rules where exact matching left license words unexplained.

    Long exact hits claim their text; what they leave is the leftover. Candidates come from
    the discriminating tokens of the whole text, so that a variant of a license whose bulk
    was matched exactly by a partial rule (a GPL text with an odd preamble) can still be seen
    whole. A candidate is aligned on the leftover plus the exact hits it could subsume: those
    of its own license, and those shorter than itself (the MIT text inside the longer JSON
    license); it must match some leftover tokens to count.
    """
    n_junk = index.n_high_tokens
    postings = index.postings
    kinds = index.rule_kind
    spdx = index.rule_spdx
    claims = [h for h in exact if h.rule_len >= _MASK_MIN_LEN or kinds[h.rule] == "false-positive"]
    leftover = _mask(query, [(h.qstart, h.qend) for h in claims])
    if not _worth_aligning(index, leftover) and not _interrupted(leftover, claims):
        return []
    # Only where license words cluster can a license be: the code of a 200 kB source file with
    # a one-line header is never aligned against long license texts.
    query = _focus(index, query)
    leftover = _mask(query, [(h.qstart, h.qend) for h in claims])
    high_ids = [t for t in (_char_id(ord(c)) for c in set(query)) if t >= n_junk and t in postings]
    total = sum(len(postings[t]) for t in high_ids)
    capped = total > _COUNT_BUDGET
    if capped:
        # A long text: count only its rarest tokens (they say most about which license it is)
        # and rank by their number; the LCS re-ranking below then sorts the pool out.
        high_ids.sort(key=lambda t: len(postings[t]))
        kept, spent = [], 0
        for t in high_ids:
            spent += len(postings[t])
            if spent > _COUNT_BUDGET:
                break
            kept.append(t)
        high_ids = kept
    flat, where = index.posting_arrays()
    if not high_ids:
        return []
    ids = np.concatenate([flat[where[t][0] : where[t][1]] for t in high_ids])
    counts = np.bincount(ids, minlength=len(index.rule_ids))
    nhigh = index.nhigh_array()
    if capped:
        keep = counts >= _MIN_HIGH_TOKENS
        score = counts.astype(np.float64)
    else:
        keep = (counts >= nhigh * _MIN_CONTAINMENT) & ((counts >= _MIN_HIGH_TOKENS) | (counts >= nhigh))
        keep &= counts > 0
        score = counts.astype(np.float64) ** 2 / np.maximum(nhigh, 1)
    rules = np.flatnonzero(keep)
    if not len(rules):
        return []
    # best score first, ties by rule number, as a stable ranking must
    order = np.lexsort((rules, -score[rules]))
    ranked = [(float(score[r]), int(r)) for r in rules[order[:_POOL_MAX]]]
    pool: list[int] = []
    pool_budget = _POOL_BUDGET
    for _score, r in ranked[:_POOL_MAX]:
        pool_budget -= len(index.rule_tokens[r]) * len(query)
        if pool_budget < 0 and len(pool) >= _MAX_CANDIDATES:
            break
        pool.append(r)
    candidates = _rerank(index, pool, query)

    accepted: list[_Hit] = []
    for _ in range(_MAX_ROUNDS):
        taken = [(h.qstart, h.qend) for h in accepted]
        views: dict[str, str] = {}
        arrays: dict[str, Any] = {}
        round_hits: list[_Hit] = []
        for r in candidates:
            expr = spdx[r]
            size = len(index.rule_tokens[r])
            blocking = [i for i, h in enumerate(claims) if spdx[h.rule] != expr and h.rule_len >= size]
            key = ",".join(map(str, blocking))
            view = views.get(key)
            if view is None:
                spans = taken + [(claims[i].qstart, claims[i].qend) for i in blocking]
                view = views[key] = _mask(query, spans)
            for hit in _align(index, r, view, arrays, budget):
                # must explain some of the leftover, else the exact hits already said it all
                if any(c != MASK_CHAR for c in leftover[hit.qstart : hit.qend]):
                    round_hits.append(hit)
        if not round_hits:
            break
        chosen = _resolve(index, round_hits)
        if not chosen:
            break
        accepted.extend(chosen)
        leftover = _mask(leftover, [(h.qstart, h.qend) for h in chosen])
        if not _worth_aligning(index, leftover):
            break
    return accepted


# Words that say "this is about licensing" (English, French, German: the data has texts in all
# three). Text left unmatched that holds fewer than _MIN_CUES of them is not aligned at all:
# this keeps a source file without a license nearly free.
_CUE_TEXT = """
    license licence licensed licenses licences licensing licensor licensee copyright copyrights
    copyleft warranty warranties merchantability noninfringement infringement liability liable
    damages redistribution redistributions redistribute sublicense permission permissions
    permitted conditions terms rights reserved gpl lgpl agpl gnu mit bsd apache mozilla mpl
    epl eclipse creative commons public domain trademark trademarks patent patents disclaimer
    disclaimed proprietary fitness royalty granted grant grants consequential incidental
    indemnify implied notice notices distribute distributed distribution modify modification
    modifications derivative lizenz garantie droits auteur logiciel haftung nutzung
"""
_CUE_WORDS = frozenset(_CUE_TEXT.split())
_MIN_CUES = 4


def _interrupted(leftover: str, claims: list[_Hit]) -> bool:
    """Two long exact hits with unexplained words between them: maybe one longer license.

    The JSON license is the MIT text plus "The Software shall be used for Good, not Evil";
    rules match the MIT part and the disclaimer exactly, and the sentence between them holds
    no license words, yet only aligning the JSON text over all of it gets the license right.
    """
    if len(claims) < 2:
        return False
    lo = min(h.qend for h in claims)
    hi = max(h.qstart for h in claims)
    inside = leftover[lo:hi]
    return sum(1 for c in inside if c not in (MASK_CHAR, UNKNOWN_CHAR)) >= _MIN_HIGH_TOKENS


# Cue words at most this many tokens apart belong to one stretch of license text; a stretch
# is widened by _FOCUS_MARGIN tokens on each side, since license prose holds other words too.
_FOCUS_GAP = 400
_FOCUS_MARGIN = 100


def _focus(index: LicenseIndex, query: str) -> str:
    """Mask the parts of the query far from any cluster of license cue words."""
    if len(query) < 4 * _FOCUS_GAP:
        return query
    cmap = index.char_map()
    cue_cps = np.asarray([ord(cmap[w]) for w in _CUE_WORDS if w in cmap], dtype=np.uint32)
    qarr = np.frombuffer(query.encode("utf-32-le"), dtype=np.uint32)
    pos = np.flatnonzero(np.isin(qarr, cue_cps))
    if not len(pos):
        return MASK_CHAR * len(query)
    keep: list[tuple[int, int]] = []
    for group in np.split(pos, np.flatnonzero(np.diff(pos) > _FOCUS_GAP) + 1):
        if len(np.unique(qarr[group])) < _MIN_CUES:
            continue
        lo = max(0, int(group[0]) - _FOCUS_MARGIN)
        hi = min(len(query), int(group[-1]) + _FOCUS_MARGIN + 1)
        if keep and lo <= keep[-1][1]:
            keep[-1] = (keep[-1][0], hi)
        else:
            keep.append((lo, hi))
    if keep == [(0, len(query))]:
        return query
    outside: list[tuple[int, int]] = []
    at = 0
    for lo, hi in keep:
        if lo > at:
            outside.append((at, lo))
        at = hi
    if at < len(query):
        outside.append((at, len(query)))
    return _mask(query, outside)


def _worth_aligning(index: LicenseIndex, leftover: str) -> bool:
    cmap = index.char_map()
    present = set(leftover)
    cues = sum(1 for w in _CUE_WORDS if cmap.get(w) in present)
    return cues >= _MIN_CUES


def _rerank(index: LicenseIndex, pool: list[int], text: str) -> list[int]:
    """Order candidates by LCS length minus half the rule tokens left out; keep the best."""
    if len(pool) <= _MAX_CANDIDATES:
        return pool
    tokens = index.rule_tokens
    scored = []
    for r in pool:
        rule = tokens[r]
        m = LCSseq.similarity(rule, text)
        scored.append((m - 0.5 * (len(rule) - m), r))
    scored.sort(key=lambda x: (-x[0], x[1]))
    return [r for _s, r in scored[:_MAX_CANDIDATES]]


def _char_id(cp: int) -> int:
    """Invert token_char for a code point (returns -1 for the special characters)."""
    if cp >= 0xE000:
        cp -= 0x800
    return cp - 0x100


def _blocks(rule: str, window: str, offset: int) -> list[tuple[int, int, int]]:
    """Matching blocks (rule_pos, query_pos, size) of an LCS alignment, query pos absolute."""
    return [(b.a, b.b + offset, b.size) for b in Indel.editops(rule, window).as_matching_blocks() if b.size]


def _align(index: LicenseIndex, r: int, query: str, arrays: dict[str, Any], budget: _Budget) -> list[_Hit]:
    rule = index.rule_tokens[r]
    n = len(rule)
    gap_limit = max(15, n // 3)
    hits: list[_Hit] = []
    for lo, hi in _windows(index, rule, query, arrays):
        if not budget.spend(n * (hi - lo)):
            break
        blocks = _blocks(rule, query[lo:hi], lo)
        for cluster in _clusters(blocks, gap_limit):
            matched = sum(b[2] for b in cluster)
            if matched * 100.0 < n * _needed_coverage(index, r):
                continue
            # realign on a window around the cluster: a global alignment may have pulled a few
            # common words from far away; a local one gives the true region and coverage
            wlo = max(0, cluster[0][1] - n // 4 - 5)
            whi = min(len(query), cluster[-1][1] + cluster[-1][2] + n // 4 + 5)
            local = _blocks(rule, query[wlo:whi], wlo)
            for sub in _clusters(local, gap_limit):
                hit = _evaluate(index, r, sub, query)
                if hit is not None:
                    hits.append(hit)
    return hits


def _windows(index: LicenseIndex, rule: str, query: str, arrays: dict[str, Any]) -> list[tuple[int, int]]:
    """The parts of a long query worth aligning a rule against.

    Alignment costs the product of both lengths, and a 200 kB source file with a license
    header would otherwise be aligned whole against every candidate. A match must hold many of
    the rule's discriminating tokens close together, so only the stretches where those tokens
    occur (at most a rule's length apart), widened by a rule's length, are aligned.
    """
    n = len(rule)
    if len(query) <= 4 * n + 200:
        return [(0, len(query))]
    qarr = arrays.get(query)
    if qarr is None:
        qarr = arrays[query] = np.frombuffer(query.encode("utf-32-le"), dtype=np.uint32)
    n_junk = index.n_high_tokens
    high = [ord(c) for c in set(rule) if _char_id(ord(c)) >= n_junk]
    if not high:
        return [(0, len(query))]
    pos = np.flatnonzero(np.isin(qarr, np.asarray(high, dtype=np.uint32)))
    need = min(_MIN_HIGH_TOKENS, max(1, len(high) // 2))
    if len(pos) < need:
        return []
    breaks = np.flatnonzero(np.diff(pos) > n) + 1
    windows: list[tuple[int, int]] = []
    for group in np.split(pos, breaks):
        if len(group) < need:
            continue
        lo, hi = max(0, int(group[0]) - n), min(len(query), int(group[-1]) + n + 1)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
        else:
            windows.append((lo, hi))
    return windows


def _clusters(blocks: list[tuple[int, int, int]], gap_limit: int) -> list[list[tuple[int, int, int]]]:
    clusters: list[list[tuple[int, int, int]]] = []
    current: list[tuple[int, int, int]] = []
    for b in blocks:
        if current:
            last = current[-1]
            if b[1] - (last[1] + last[2]) > gap_limit:
                clusters.append(current)
                current = []
        current.append(b)
    if current:
        clusters.append(current)
    return clusters


# A rule that states several licenses at once (dual-licensing texts, a text plus a notice of
# another license) must be matched nearly whole: the text of one of its licenses alone covers
# much of it, and then only that one license is stated.
_MULTI_LICENSE_COVERAGE = 85.0


def _needed_coverage(index: LicenseIndex, r: int) -> float:
    n = len(index.rule_tokens[r])
    needed = max(float(index.rule_mincov[r]), _default_min_coverage(n))
    if " OR " in index.rule_spdx[r] or " AND " in index.rule_spdx[r]:
        needed = max(needed, _MULTI_LICENSE_COVERAGE)
    return needed


def _evaluate(index: LicenseIndex, r: int, blocks: list[tuple[int, int, int]], query: str) -> _Hit | None:
    rule = index.rule_tokens[r]
    n = len(rule)
    matched = sum(b[2] for b in blocks)
    if matched * 100.0 < n * _needed_coverage(index, r):
        return None
    qstart = blocks[0][1]
    qend = blocks[-1][1] + blocks[-1][2]
    # scattered words are not a license statement
    if matched * 2 < qend - qstart:
        return None
    # required phrases must be matched whole and contiguous: within one matching block
    for s, e in index.rule_required[r]:
        if not any(b[0] <= s and e <= b[0] + b[2] for b in blocks):
            return None
    if index.rule_kind[r] != "text" and not (
        _versions_matched(index, rule, blocks) and _names_matched(index, rule, blocks, query)
    ):
        # (full texts differ in far more than a name or a version, and number their sections)
        return None
    n_junk = index.n_high_tokens
    missing_high = 0
    pos = 0
    for b in [*blocks, (n, 0, 0)]:
        missing_high += sum(1 for c in rule[pos : b[0]] if _char_id(ord(c)) >= n_junk)
        pos = b[0] + b[2]
    return _Hit(r, qstart, qend, matched, n, False, missing_high)


_VERSION_WORDS: dict[int, tuple[frozenset[str], frozenset[str]]] = {}


# Words that name a license family: a notice that names another family is another license,
# however much of the surrounding sentence it shares ("... found in LICENSE.APACHE or
# LICENSE.BSD" against "... LICENSE.APACHE2 or LICENSE.MIT").
_FAMILY_NAMES = frozenset(
    [
        "mit",
        "bsd",
        "apache",
        "gpl",
        "lgpl",
        "agpl",
        "gplv2",
        "gplv3",
        "lgplv2",
        "lgplv3",
        "mpl",
        "epl",
        "cddl",
        "eupl",
        "cecill",
        "isc",
        "zlib",
        "unlicense",
        "psf",
        "artistic",
        "boost",
        "bsl",
        "wtfpl",
        "openssl",
        "ssleay",
        "postgresql",
        "ncsa",
        "afl",
        "osl",
        "apsl",
        "ofl",
    ]
)


def _version_chars(index: LicenseIndex) -> tuple[frozenset[str], frozenset[str]]:
    """(characters of "version"-like words, characters of number words) for this index."""
    found = _VERSION_WORDS.get(id(index))
    if found is None:
        cmap = index.char_map()
        words = frozenset(cmap[w] for w in ("version", "v", "ver") if w in cmap)
        numbers = frozenset(c for w, c in cmap.items() if w.isdigit() and len(w) <= 2)
        found = _VERSION_WORDS[id(index)] = (words, numbers)
    return found


_FAMILY_CHARS: dict[int, frozenset[str]] = {}


def _names_matched(index: LicenseIndex, rule: str, blocks: list[tuple[int, int, int]], query: str) -> bool:
    """False when the rule names a license family the text does not, where the text names
    another: "LICENSE.APACHE or LICENSE.BSD" is not "LICENSE.APACHE2 or LICENSE.MIT". A label
    the text simply lacks ("License: GPLv2 with linking exception" above the same notice) is
    no contradiction."""
    names = _FAMILY_CHARS.get(id(index))
    if names is None:
        cmap = index.char_map()
        names = _FAMILY_CHARS[id(index)] = frozenset(cmap[w] for w in _FAMILY_NAMES if w in cmap)
    in_rule = names.intersection(rule)
    if not in_rule:
        return True
    covered = [False] * len(rule)
    for a, _b, size in blocks:
        covered[a : a + size] = [True] * size
    if all(covered[i] for i, c in enumerate(rule) if c in names):
        return True
    # a few words either side: the other name is often just past the last matched word
    span = query[max(0, blocks[0][1] - 3) : blocks[-1][1] + blocks[-1][2] + 3]
    return not (names.intersection(span) - in_rule)


def _versions_matched(index: LicenseIndex, rule: str, blocks: list[tuple[int, int, int]]) -> bool:
    """Whether every version number the rule states ("version 2.1") is among the matched words.

    An LGPL-2.1 notice and an LGPL-3.0 notice differ in one or two words out of a hundred, so
    coverage alone cannot tell them apart; the version is what decides which license it is.
    """
    words, numbers = _version_chars(index)
    if not words:
        return True
    covered = [False] * len(rule)
    for a, _b, size in blocks:
        covered[a : a + size] = [True] * size
    for i in range(1, len(rule)):
        if rule[i] in numbers and not covered[i]:
            j = i - 1
            while j >= 0 and rule[j] in numbers:
                j -= 1  # "version 2 1": the 1 follows the 2, which follows "version"
            if j >= 0 and rule[j] in words:
                return False
    return True


def _resolve(index: LicenseIndex, hits: list[_Hit]) -> list[_Hit]:
    """Pick non-overlapping winners: heavier first; drop hits mostly inside a winner."""
    kinds = index.rule_kind
    order = sorted(
        hits,
        key=lambda h: (
            -h.weight,
            -h.coverage,
            -_KIND_RANK.get(kinds[h.rule], 0),
            -index.rule_relevance[h.rule],
            h.rule,
        ),
    )
    winners: list[_Hit] = []
    for h in order:
        size = h.qend - h.qstart
        overlap = 0
        for w in winners:
            overlap += max(0, min(h.qend, w.qend) - max(h.qstart, w.qstart))
        if overlap == 0 or overlap * 10 < size * 3:
            winners.append(h)
    winners.sort(key=lambda h: (h.qstart, h.qend))
    return winners


# An exception stated at most this many lines after (or before) a license joins it with WITH.
_EXCEPTION_GAP_LINES = 3


def _to_matches(index: LicenseIndex, hits: list[_Hit], q: _Query) -> list[Match]:
    kinds = index.rule_kind
    hits = [h for h in hits if kinds[h.rule] in _REPORTED_KINDS and index.rule_spdx[h.rule]]
    if any(not index.rule_weak[h.rule] and kinds[h.rule] in ("text", "notice") for h in hits):
        hits = [h for h in hits if not index.rule_weak[h.rule]]
    out: list[Match] = []
    for h in hits:
        score = round(min(100.0, h.coverage) * index.rule_relevance[h.rule] / 100.0, 2)
        out.append(
            Match(
                expression=index.rule_spdx[h.rule],
                kind=kinds[h.rule],  # type: ignore[arg-type]
                start_line=q.line(h.qstart),
                end_line=q.line(h.qend - 1),
                score=score,
                rule=index.rule_ids[h.rule],
                references=index.rule_refs.get(h.rule, ()),
            )
        )
    out = _join_exceptions(out, [index.rule_exception[h.rule] for h in hits])
    if len(out) < 2 or len(out) != len(hits):
        return out
    return _join_choices(out, [(q.starts[h.qstart], q.ends[h.qend - 1]) for h in hits], q.text, q.original)


# A sentence offering a choice: "dual-licensed", "either A or B", "at your option".
_CHOICE_CUE = re.compile(
    r"\beither\b|\bdual[\s-]*licen[cs]ed\b|\bat\s+your\s+(?:option|choice)\b|\byour\s+choice\b|"
    r"\bchoose\b|\bchoice\s+of\b",
    re.IGNORECASE,
)
_OR_BETWEEN = re.compile(r"^[\W\d]*(?:(?:version|v)[\W\d]*)?,?\s*(?:and/)?or\b", re.IGNORECASE)
_CHOICE_KINDS = ("reference", "notice", "tag")
_SPDX_OR = re.compile(r"\s+OR\s+")
# How far back (characters) the choice may be announced, within the same paragraph.
_CHOICE_REACH = 240


def _join_choices(
    matches: list[Match], spans: list[tuple[int, int]], text: str, original: str
) -> list[Match]:
    """Join "either A or B" into one `A OR B` match.

    Two single-license references or notices count as a choice when only "or" (with a version
    or punctuation) stands between them and the sentence announces a choice ("either",
    "dual-licensed", "at your option", "choose"). Without such words, "A or B" in prose is not
    taken as a grant of a choice.
    """
    out: list[Match] = []
    i = 0
    while i < len(matches):
        m, (start, end) = matches[i], spans[i]
        while (
            i + 1 < len(matches)
            and _single(m.expression)
            and _single(matches[i + 1].expression)
            and m.kind in _CHOICE_KINDS
            and matches[i + 1].kind in _CHOICE_KINDS
            and _OR_BETWEEN.match(text[end : spans[i + 1][0]])
        ):
            before = text[max(0, start - _CHOICE_REACH) : start]
            before = before[before.rfind("\n\n") + 1 :]
            # An upper-case OR between two ids is SPDX expression syntax ("MPL-1.1 OR GPL-2.0-only"
            # in a __license__ string): a choice by definition, cue words or not.
            spdx_or = _SPDX_OR.fullmatch(original[end : spans[i + 1][0]]) is not None
            if not spdx_or and not _CHOICE_CUE.search(before + text[start : spans[i + 1][0]]):
                break
            nxt = matches[i + 1]
            m = Match(
                expression=f"{m.expression} OR {nxt.expression}",
                kind=m.kind,
                start_line=m.start_line,
                end_line=nxt.end_line,
                score=min(m.score, nxt.score),
                rule=f"{m.rule}|{nxt.rule}",
                references=m.references + nxt.references,
            )
            end = spans[i + 1][1]
            i += 1
        out.append(m)
        i += 1
    return out


def _single(expression: str) -> bool:
    return " " not in expression or (" OR " in expression and " AND " not in expression)


def _join_exceptions(matches: list[Match], is_exception: list[bool]) -> list[Match]:
    """Join an exception stated next to a single license into one `L WITH E` match.

    A notice often says "GPL-2.0 ..." and, a line later, "... subject to the Classpath
    exception"; the rules match the two parts separately, but what the file grants is
    the license with the exception. Compound or already-excepted licenses are left alone.
    """
    if not any(is_exception):
        return matches
    out = list(matches)
    used: set[int] = set()
    for i, exc in enumerate(matches):
        if not is_exception[i]:
            continue
        best: int | None = None
        for j, lic in enumerate(matches):
            if j == i or is_exception[j] or j in used or not _simple(lic.expression):
                continue
            gap = max(exc.start_line - lic.end_line, lic.start_line - exc.end_line)
            if gap <= _EXCEPTION_GAP_LINES and (best is None or j < i):
                best = j
        if best is None:
            continue
        lic = matches[best]
        used.update((i, best))
        out[best] = Match(
            expression=f"{lic.expression} WITH {exc.expression}",
            kind=lic.kind,
            start_line=min(lic.start_line, exc.start_line),
            end_line=max(lic.end_line, exc.end_line),
            score=min(lic.score, exc.score),
            rule=f"{lic.rule}+{exc.rule}",
            references=lic.references,
        )
    return [m for k, m in enumerate(out) if not (is_exception[k] and k in used)]


def _simple(expression: str) -> bool:
    return " " not in expression
