# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Statements of copyright in free text: who holds what, since when.

This is the lenient, human-oriented detector used by `scan`. It accepts the usual ways people
write a notice and rejects the places where the word only appears (code, license bodies,
templates). The REUSE view of what counts as a copyright line is stricter in form and lives in
`tags.py`; both produce the same `Copyright` record so reports can merge them.
"""

from __future__ import annotations

import re

from commonscheck.model import Copyright

# REUSE-IgnoreStart
# (Copyright lines below are patterns and fixtures, not this file's notices.)

# Comment markers that may open a line. Longest first so "<!--" wins over "<" (not a marker) and
# "//" over "/" (neither is stripped alone).
_LEAD_MARKERS = re.compile(
    r"^\s*(?:(?:<!--|/\*+|\*+|//+|#+|--+|;+|%+|\.\.(?=\s)|REM\b|'|!|dnl\b|\(\*|\{-|@c\b|\"(?=\s))\s*)*",
    re.IGNORECASE,
)
_TRAIL_MARKERS = re.compile(r"\s*(?:\*/|-->|\*\)|-\}|#\}|\*+)?\s*$")

# One year or a range, e.g. 2019, 2019-2024, 2019 - 24, 2019-present.
_YEAR = r"(?:19|20)\d\d(?:\s*(?:-|\u2013|--|to)\s*(?:(?:19|20)\d\d|\d\d|present|now)\b)?"
_YEARS = re.compile(rf"^(?P<years>{_YEAR}(?:\s*(?:,|and|&)?\s*{_YEAR})*)(?![\d])[\s,.;:]*", re.IGNORECASE)
_SYMBOLS = re.compile(r"^(?:\s*(?:\(c\)|©|&copy;|\(C\)))+\s*", re.IGNORECASE)

# Where a statement begins. "Copyright" is matched case-insensitively but checked afterwards,
# because lowercase "copyright" is mostly prose or code.
_START = re.compile(
    r"(?P<portions>\bPortions\s+)?"
    r"(?P<key>SPDX-(?:File|Snippet)CopyrightText:|\bcopyright\b|©|&copy;|\(c\))",
    re.IGNORECASE,
)

# Words that follow "copyright" in prose, license bodies and code, never in a notice.
_PROSE_NEXT = re.compile(
    r"^(?:holders?|owners?|notices?|law|laws|statements?|protection|license|licence|and|or|is|are|"
    r"to|of|in|for|the\s+above|this|that|which|may|must|shall|will|act|infringement|interest|"
    r"claims?|status|information|info|text|headers?|line|lines|year|years|string|field|date|"
    r"assignment|transfer|policy|page|symbol|sign)\b",
    re.IGNORECASE,
)
_CODE_NEXT = re.compile(r"^\s*(?:[=(\[{.]|:\s*$|:\s*[A-Za-z_][\w.]*\s*[=,)\]]|->|\)|,\s*$)")
_PLACEHOLDER = re.compile(
    r"<\s*(?:year|yyyy|copyright holders?|name|owner|author|holder|fullname)\b[^>@]*>|"
    r"\[\s*(?:year|yyyy|name|fullname|owner)[^\]]*\]|"
    r"\{\{?\s*(?:year|author|owner|name|copyright)[^}]*\}|\$\{?\s*(?:year|author)|"
    r"\byyyy\b|\bYEAR\b|\bname of (?:copyright )?(?:owner|author|holder)|\bcopyright holders?\b",
    re.IGNORECASE,
)
_ALL_RIGHTS = re.compile(r"\ball\s+rights\s+reserved\b\.?", re.IGNORECASE)
# "All rights reserved" cut by a line break: "... Berkeley. All" / "... Denver. All rights".
_ALL_RIGHTS_CUT = re.compile(r"(?<=[.,;])\s*\ball(?:\s+rights)?\s*$", re.IGNORECASE)
_EMAIL = re.compile(r"<[^<>\s]*@[^<>\s]*>|\(?[\w.+-]+@[\w-]+(?:\.[\w-]+)+\)?")
_URL = re.compile(r"<?https?://[^\s>]+>?|<?www\.[^\s>]+>?", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_TRAIL_PUNCT = re.compile(r"[\s.,;:\-\u2013]+$")
_LEAD_JUNK = re.compile(r"^(?:[\s,:;\-\u2013]|by\s)+", re.IGNORECASE)
_PREFILTER = re.compile(r"copyright|\(c\)|©|&copy;", re.IGNORECASE)


def _uncomment(line: str) -> str:
    """A line without its comment markers, so the statement starts at column 0."""
    line = _LEAD_MARKERS.sub("", line, count=1)
    return _TRAIL_MARKERS.sub("", line).strip()


def normalise_holder(text: str) -> str:
    """The holder part of a statement: no rights boilerplate, mail or web addresses, stray
    punctuation or repeated spaces. "The X Authors" and company suffixes are kept as written."""
    text = _ALL_RIGHTS.sub(" ", text)
    text = _ALL_RIGHTS_CUT.sub("", text)
    text = _EMAIL.sub(" ", text)
    text = _URL.sub(" ", text)
    text = _SPACES.sub(" ", text)
    text = _LEAD_JUNK.sub("", text)
    # "Foo Inc." keeps its full stop: it is part of the name, not the sentence.
    stripped = _TRAIL_PUNCT.sub("", text)
    if re.search(r"\b(?:Inc|Ltd|Co|Corp|L\.L\.C|S\.A|e\.V|GmbH|B\.V|N\.V)\.$", text.strip()):
        stripped = text.strip()
    return stripped.strip()


def split_years(rest: str) -> tuple[str, str]:
    """Split "2019-2024 Foo" into ("2019-2024", "Foo"); years are kept exactly as written."""
    match = _YEARS.match(rest)
    if not match:
        return "", rest
    return match.group("years").strip(), rest[match.end() :]


def _statement_rest(line: str, start: re.Match[str]) -> str | None:
    """The text after the copyright keyword, or None when this occurrence is not a notice."""
    key = start.group("key")
    after = line[start.end() :]
    at_line_start = not line[: start.start()].strip()
    if key.upper().startswith("SPDX-"):
        return _SYMBOLS.sub("", after.lstrip())
    symbol_follows = bool(_SYMBOLS.match(after))
    if key.lower() == "copyright":
        rest = after
        if symbol_follows:
            rest = _SYMBOLS.sub("", after)
        elif key == "copyright" and not _YEARS.match(after.lstrip(" :")):
            # Lowercase and no year or symbol: prose ("the copyright notice") or code.
            return None
        if not symbol_follows:
            if _CODE_NEXT.match(after):
                return None
            if after.startswith(":"):
                # Debian style "Copyright: Z" only at the start of a line.
                if not at_line_start:
                    return None
                rest = after[1:]
            elif after and not after[0].isspace():
                return None
            if _PROSE_NEXT.match(rest.lstrip()):
                return None
            if not at_line_start and not start.group("portions") and not _YEARS.match(rest.lstrip()):
                # Mid-sentence "Copyright Foo" without a year is almost always prose.
                return None
        return rest.lstrip()
    # A bare symbol "(c)" / "©": require a year next, or "©" at a line start, so that `f(c)` and
    # prose with a stray symbol do not count.
    rest = after.lstrip()
    if key.lower() == "(c)" and not _YEARS.match(rest):
        return None
    if key in ("©", "&copy;") and not (at_line_start or _YEARS.match(rest)):
        return None
    return rest


def _is_new_statement(line: str) -> bool:
    return any(_statement_rest(line, m) is not None for m in _START.finditer(line))


def find_copyrights(text: str) -> list[Copyright]:
    """Every copyright statement in `text`, in order, one record per statement.

    Comment markers are stripped; a statement whose holder wraps onto the next comment line is
    joined with it. Years are kept as written ("2019-2024", "2020, 2021"); the holder is
    normalised (see `normalise_holder`). Prose, code and template placeholders are rejected.
    """
    if not _PREFILTER.search(text):
        return []
    lines = text.splitlines()
    found: list[Copyright] = []
    index = 0
    while index < len(lines):
        raw = lines[index]
        if not _PREFILTER.search(raw):
            index += 1
            continue
        line = _uncomment(raw)
        record: Copyright | None = None
        for start in _START.finditer(line):
            rest = _statement_rest(line, start)
            if rest is None:
                continue
            statement_text = line[start.start() :]
            end_index = index
            years, holder_text = split_years(rest)
            # Join a wrapped statement: the holder (or the rest of it) is on the next line.
            while end_index + 1 < len(lines) and (
                not normalise_holder(holder_text) or re.search(r"(?:,|\band|&)\s*$", holder_text)
            ):
                nxt = _uncomment(lines[end_index + 1])
                if not nxt or _is_new_statement(nxt) or _ALL_RIGHTS.fullmatch(nxt.strip()):
                    break
                end_index += 1
                statement_text = f"{statement_text} {nxt}"
                if not normalise_holder(holder_text):
                    # The years themselves may wrap: "2015,\n 2016 Foo".
                    more_years, nxt = split_years(nxt)
                    if more_years:
                        years = f"{years}, {more_years}" if years else more_years
                holder_text = f"{holder_text} {nxt}"
            if _PLACEHOLDER.search(statement_text):
                break
            holder = normalise_holder(holder_text)
            if holder and not any(ch.isalpha() for ch in holder):
                # "Copyright" as a heading, underlined with "=====" on the next line
                holder = ""
            if not holder and not years:
                continue
            if holder and _PROSE_NEXT.match(holder) and not years:
                continue
            record = Copyright(
                statement=_SPACES.sub(" ", statement_text).strip(),
                holder=holder,
                years=years,
                start_line=index + 1,
                end_line=end_index + 1,
            )
            index = end_index
            break
        if record is not None:
            found.append(record)
        index += 1
    return found


# REUSE-IgnoreEnd
