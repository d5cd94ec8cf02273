# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reference license data -> a compact index, built once and cached on disk.

The data is ScanCode's license database as packaged in `licensedcode-data` (CC-BY-4.0):
`licenses/*.LICENSE` (full texts) and `rules/*.RULE` (notices, references, tags, variants).
Every text becomes a sequence of token ids; each token id is mapped to one unicode character,
so a rule is a short `str`. That lets the detector use C-speed string machinery (dict hashing,
an Aho-Corasick automaton, rapidfuzz alignment) on token sequences instead of Python loops.
"""

from __future__ import annotations

import contextlib
import importlib.resources
import importlib.util
import os
import pickle
import re
import tempfile
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import ahocorasick
from license_expression import ExpressionError

from commonscheck.audit.expressions import licensing
from commonscheck.cache import default_cache_dir

# Bump whenever the pickled layout or the tokenisation changes: it is part of the cache key.
INDEX_FORMAT = "9"

# A token is a run of letters/digits; a trailing "+" stays on the token because "GPL-2.0+" and
# "GPL-2.0" are different licenses (the same trick as ScanCode's query tokenizer pattern).
_TOKEN_RE = re.compile(r"[^\W_]+\+?[^\W_]*")
_REQUIRED_RE = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)

# Markup and comment words that carry no license meaning. Dropping them on both sides (rules and
# queries) lets a text wrapped in HTML, Markdown or comments match the plain reference text.
_STOPWORDS_TEXT = """
    a b i p br hr li ul ol dl dt dd div span em strong tt pre code
    h1 h2 h3 h4 h5 h6 td tr th table tbody thead href html body head title
    nbsp amp quot lt gt apos rsquo lsquo rdquo ldquo ndash mdash copy
    dnl rem
"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())

# Characters with a fixed meaning in token strings (below the first token character).
UNKNOWN_CHAR = "\x01"  # a query word that no rule contains
MASK_CHAR = "\x02"  # a query position already claimed by a match
_FIRST_TOKEN_CP = 0x100

# Length (in tokens) of the rule prefixes that key the Aho-Corasick automaton.
AUTOMATON_PREFIX = 16

# A token that occurs in more than this share of all rules does not discriminate between them
# ("the", "license", "software", "warranty", ...): it is left out of the candidate index. The
# rule set is all license prose, so the cut must be high or whole BSD texts hold no token above
# it ("redistribution" is in 7% of the rules).
_HIGH_DF_SHARE = 0.12
# Rules shorter than this (in tokens) are only matched exactly: a fuzzy match of a few words is
# noise. Only longer rules enter the candidate index.
APPROX_MIN_LEN = 16

Kind = str  # "text" | "notice" | "reference" | "tag" | "intro" | "clue" | "false-positive"


def token_char(token_id: int) -> str:
    """Return the one-character code of a token id, skipping the surrogate range."""
    cp = token_id + _FIRST_TOKEN_CP
    if cp >= 0xD800:
        cp += 0x800
    return chr(cp)


def tokenize(text: str) -> list[str]:
    """Split text into lowercase word tokens, punctuation and markup words dropped."""
    return [t for t in _TOKEN_RE.findall(text.lower()) if t not in STOPWORDS]


def tokenize_lines(text: str) -> Iterator[tuple[int, str]]:
    """Yield (1-based line number, token) for every token of `text`."""
    for lineno, line in enumerate(text.lower().splitlines(), 1):
        for tok in _TOKEN_RE.findall(line):
            if tok not in STOPWORDS:
                yield lineno, tok


# Attributes rebuilt after loading rather than pickled.
_DERIVED = ("automaton", "chars", "arrays")


@dataclass(slots=True)
class LicenseIndex:
    """Everything the detector needs, as parallel per-rule lists (compact to pickle and load).

    Rule i has identifier `rule_ids[i]` ("mit.LICENSE", "mit_12.RULE"), its SPDX expression
    `rule_spdx[i]`, kind `rule_kind[i]`, token string `rule_tokens[i]`, required-phrase spans
    `rule_required[i]` (token offsets, end exclusive), relevance and minimum coverage (0-100),
    `rule_continuous[i]` (the rule only counts when matched whole and contiguous), and
    `rule_nhigh[i]` (how many distinct discriminating tokens it holds).
    """

    data_version: str
    dictionary: dict[str, int]
    n_high_tokens: int
    rule_ids: list[str]
    rule_expr: list[str]
    rule_spdx: list[str]
    rule_kind: list[Kind]
    rule_tokens: list[str]
    rule_required: list[tuple[tuple[int, int], ...]]
    rule_relevance: list[int]
    rule_mincov: list[int]
    rule_continuous: list[bool]
    rule_nhigh: list[int]
    # the rule's expression names only generic or unknown licenses (warranty-disclaimer,
    # other-permissive, unknown-license-reference, ...): weak evidence next to a real license
    rule_weak: list[bool]
    # the rule's expression is a license exception alone (Classpath-exception-2.0, ...): the
    # detector joins it with WITH to the license it follows
    rule_exception: list[bool]
    # whole token string -> rule, for the "entire file is exactly one rule" fast path
    whole: dict[str, int]
    # token id -> rules holding it, only for discriminating tokens (see _HIGH_DF_SHARE)
    postings: dict[int, array[int]]
    key_to_spdx: dict[str, str]
    exception_keys: frozenset[str]
    # rule -> the file names it refers to ("see LICENSE"), for the rules that refer to any
    rule_refs: dict[int, tuple[str, ...]] = field(default_factory=dict)
    automaton: Any = field(default=None)
    chars: dict[str, str] | None = field(default=None)
    # numpy views built at first use (not pickled): flat postings with offsets, rule_nhigh
    arrays: Any = field(default=None)

    def __repr__(self) -> str:
        # the default repr would print 37,000 rules into every failing test's traceback
        return f"<LicenseIndex {self.data_version}: {len(self.rule_ids)} rules>"

    def __getstate__(self) -> dict[str, Any]:
        # The automaton is rebuilt at load time: pickling it is larger and not faster.
        return {name: getattr(self, name) for name in self.__slots__ if name not in _DERIVED}

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, value)
        self.automaton = None
        self.chars = None
        self.arrays = None

    def ensure_automaton(self) -> Any:
        """Build (once) and return the Aho-Corasick automaton over rule prefixes.

        Each key is the first AUTOMATON_PREFIX token characters of one or more rules and maps
        to the tuple of those rules; a hit is confirmed by comparing the whole rule string at
        that position. Keying on short prefixes keeps the automaton at ~180k nodes (~8 MB,
        0.1 s to build) where whole rules would take 4.6M nodes and over 200 MB.
        """
        if self.automaton is None:
            groups: dict[str, list[int]] = {}
            for i, toks in enumerate(self.rule_tokens):
                if toks and self.rule_kind[i] not in ("intro", "clue"):
                    groups.setdefault(toks[:AUTOMATON_PREFIX], []).append(i)
            auto = ahocorasick.Automaton()
            for key, rules in groups.items():
                # longest rules first: the detector prefers them when several match
                rules.sort(key=lambda r: -len(self.rule_tokens[r]))
                auto.add_word(key, tuple(rules))
            auto.make_automaton()
            self.automaton = auto
        return self.automaton

    def _ensure_arrays(self) -> tuple[Any, dict[int, tuple[int, int]], Any]:
        if self.arrays is None:
            import numpy as np

            where: dict[int, tuple[int, int]] = {}
            parts = []
            at = 0
            for tid, ids in self.postings.items():
                where[tid] = (at, at + len(ids))
                at += len(ids)
                parts.append(np.frombuffer(ids, dtype=np.int32) if len(ids) else np.zeros(0, np.int32))
            flat = np.concatenate(parts) if parts else np.zeros(0, np.int32)
            self.arrays = (flat, where, np.asarray(self.rule_nhigh, dtype=np.int64))
        return self.arrays  # type: ignore[no-any-return]

    def posting_arrays(self) -> tuple[Any, dict[int, tuple[int, int]]]:
        """All postings as one int32 numpy array, and token id -> (start, end) in it: counting
        candidate rules is then one bincount instead of a Python loop over every posting."""
        flat, where, _ = self._ensure_arrays()
        return flat, where

    def nhigh_array(self) -> Any:
        """`rule_nhigh` as a numpy array, for vectorised candidate filtering."""
        return self._ensure_arrays()[2]

    def char_map(self) -> dict[str, str]:
        """Return (building once) the map from word to its token character."""
        if self.chars is None:
            self.chars = {t: token_char(i) for t, i in self.dictionary.items()}
        return self.chars

    def token_string(self, tokens: Iterable[str]) -> str:
        """Encode words as the index's token characters (unknown words -> UNKNOWN_CHAR)."""
        get = self.dictionary.get
        out = []
        for t in tokens:
            tid = get(t)
            out.append(UNKNOWN_CHAR if tid is None else token_char(tid))
        return "".join(out)


# ---------------------------------------------------------------------------------------------
# Data location and version


def data_dir() -> Path:
    """Return the directory of the installed licensedcode-data (holding licenses/ and rules/)."""
    return Path(str(importlib.resources.files("licensedcode") / "data"))


@lru_cache(maxsize=1)
def data_version() -> str:
    """Return the version of the reference data plus our index format, e.g. '32.1.0+idx3'."""
    return f"{_installed_data_version()}+idx{INDEX_FORMAT}"


def _installed_data_version() -> str:
    # Every scan needs this, a rescan needs little else: the dist-info folder's name says it
    # without importing importlib.metadata (some 60 ms at start-up).
    spec = importlib.util.find_spec("licensedcode")
    for location in (spec.submodule_search_locations or []) if spec else []:
        found = sorted(Path(location).parent.glob("licensedcode_data-*.dist-info"))
        if len(found) == 1:
            return found[0].name.removeprefix("licensedcode_data-").removesuffix(".dist-info")
    from importlib.metadata import version

    return version("licensedcode-data")


# ---------------------------------------------------------------------------------------------
# Front matter


def split_front_matter(content: str) -> tuple[dict[str, str | list[str]], str]:
    """Split a `---` delimited front matter from the text and parse its simple YAML subset.

    Only the forms the data uses are understood: `key: value`, `key: 'quoted'`, `key:` followed
    by `- item` lines, and block scalars (`key: |`), whose content is skipped. A full YAML
    parser is ten times slower on 37,000 files and buys nothing here.
    """
    if not content.startswith("---"):
        return {}, content
    end = content.find("\n---", 3)
    if end < 0:
        return {}, content
    header = content[3:end]
    nl = content.find("\n", end + 4)
    body = "" if nl < 0 else content[nl + 1 :]
    meta: dict[str, str | list[str]] = {}
    current_list: list[str] | None = None
    for line in header.splitlines():
        if not line.strip():
            continue
        if line[0] in " \t":
            stripped = line.strip()
            if current_list is not None and stripped.startswith("- "):
                current_list.append(_unquote(stripped[2:].strip()))
            continue
        if line.startswith("- ") and current_list is not None:
            current_list.append(_unquote(line[2:].strip()))
            continue
        key, sep, value = line.partition(":")
        if not sep:
            continue
        value = value.strip()
        current_list = None
        if not value:
            current_list = []
            meta[key.strip()] = current_list
        elif value in ("|", ">", "|-", ">-"):
            meta[key.strip()] = ""
        else:
            meta[key.strip()] = _unquote(value)
    return meta, body


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def _flag(meta: dict[str, str | list[str]], key: str) -> bool:
    value = meta.get(key)
    return isinstance(value, str) and value.lower() in ("yes", "true")


def _int(meta: dict[str, str | list[str]], key: str, default: int) -> int:
    value = meta.get(key)
    if isinstance(value, str):
        try:
            return int(float(value))
        except ValueError:
            return default
    return default


# ---------------------------------------------------------------------------------------------
# SPDX mapping

_KEY_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9.+_-]*")
_OPERATORS = {"and": "AND", "or": "OR", "with": "WITH"}


def _read_license_keys(directory: Path) -> tuple[dict[str, str], frozenset[str], frozenset[str]]:
    """Map every ScanCode license key to its SPDX id; also return exception and generic keys."""
    mapping: dict[str, str] = {}
    exceptions: set[str] = set()
    generic: set[str] = set()
    for path in sorted((directory / "licenses").glob("*.LICENSE")):
        meta, _ = split_front_matter(path.read_text(encoding="utf-8"))
        key = str(meta.get("key") or path.stem)
        spdx = meta.get("spdx_license_key")
        mapping[key] = spdx if isinstance(spdx, str) and spdx else f"LicenseRef-scancode-{key}"
        if _flag(meta, "is_exception"):
            exceptions.add(key)
        if _flag(meta, "is_generic") or _flag(meta, "is_unknown"):
            generic.add(key)
    return mapping, frozenset(exceptions), frozenset(generic)


_key_map_cache: dict[str, str] | None = None


def _key_map() -> dict[str, str]:
    global _key_map_cache
    if _key_map_cache is None:
        _key_map_cache = _read_license_keys(data_dir())[0]
    return _key_map_cache


# One SPDX licensing for the whole program (expressions.licensing): building one costs ~50 ms.
_licensing = licensing


@lru_cache(maxsize=8192)
def to_spdx(scancode_expression: str) -> str:
    """Convert a ScanCode license expression to a normalised SPDX expression.

    Keys map through each license's `spdx_license_key` (so `gpl-2.0-plus` becomes
    `GPL-2.0-or-later`, `bsd-new` becomes `BSD-3-Clause`); keys without an SPDX id become
    `LicenseRef-scancode-<key>`. AND / OR / WITH and parentheses are kept, and the result is
    parsed and rendered by `license_expression`'s SPDX licensing. Unknown symbols are kept as
    they are rather than dropped.
    """
    mapping = _key_map()

    def replace(m: re.Match[str]) -> str:
        word = m.group(0)
        op = _OPERATORS.get(word.lower())
        if op:
            return op
        if word.startswith("LicenseRef-"):
            return word
        return mapping.get(word.lower(), f"LicenseRef-scancode-{word.lower()}")

    spdx = _KEY_RE.sub(replace, scancode_expression)
    try:
        parsed = _licensing().parse(spdx, validate=False, strict=False, simple=False)
    except ExpressionError:
        return spdx
    return str(parsed.render("{symbol.key}")) if parsed is not None else spdx


# ---------------------------------------------------------------------------------------------
# Building


@dataclass(slots=True)
class _RawRule:
    ident: str
    expression: str
    kind: Kind
    tokens: list[str]
    required: list[tuple[int, int]]
    relevance: int
    mincov: int
    continuous: bool
    # files the rule points to ("see LICENSE"): relative names only, system paths dropped
    refs: tuple[str, ...] = ()


def _kind_of(meta: dict[str, str | list[str]]) -> Kind | None:
    if _flag(meta, "is_false_positive"):
        return "false-positive"
    for flag, kind in (
        ("is_license_text", "text"),
        ("is_license_notice", "notice"),
        ("is_license_reference", "reference"),
        ("is_license_tag", "tag"),
        ("is_license_intro", "intro"),
        ("is_license_clue", "clue"),
    ):
        if _flag(meta, flag):
            return kind
    return None


def _rule_tokens(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    """Tokenise a rule text; `{{ ... }}` marks required phrases, returned as token spans."""
    tokens: list[str] = []
    required: list[tuple[int, int]] = []
    pos = 0
    for m in _REQUIRED_RE.finditer(text):
        tokens.extend(tokenize(text[pos : m.start()]))
        phrase = tokenize(m.group(1))
        if phrase:
            required.append((len(tokens), len(tokens) + len(phrase)))
            tokens.extend(phrase)
        pos = m.end()
    tokens.extend(tokenize(text[pos:]))
    # 5.7 million word objects would take ~300 MB while building; shared ones take a tenth
    return [_WORDS.setdefault(t, t) for t in tokens], required


_WORDS: dict[str, str] = {}


def _read_raw_rules(directory: Path) -> list[_RawRule]:
    rules: list[_RawRule] = []
    for path in sorted((directory / "licenses").glob("*.LICENSE")):
        meta, body = split_front_matter(path.read_text(encoding="utf-8"))
        if _flag(meta, "is_deprecated"):
            continue
        tokens, _ = _rule_tokens(body.replace("{{", "").replace("}}", ""))
        if not tokens:
            continue
        key = str(meta.get("key") or path.stem)
        rules.append(
            _RawRule(path.name, key, "text", tokens, [], 100, _int(meta, "minimum_coverage", 0), False)
        )
    for path in sorted((directory / "rules").glob("*.RULE")):
        meta, body = split_front_matter(path.read_text(encoding="utf-8"))
        if _flag(meta, "is_deprecated"):
            continue
        kind = _kind_of(meta)
        expression = meta.get("license_expression")
        if kind is None or (kind != "false-positive" and not isinstance(expression, str)):
            continue
        tokens, required = _rule_tokens(body)
        if not tokens:
            continue
        rules.append(
            _RawRule(
                path.name,
                expression if isinstance(expression, str) else "",
                kind,
                tokens,
                required,
                _int(meta, "relevance", 100),
                _int(meta, "minimum_coverage", 0),
                _flag(meta, "is_continuous"),
                _refs(meta),
            )
        )
    return rules


def _refs(meta: dict[str, str | list[str]]) -> tuple[str, ...]:
    value = meta.get("referenced_filenames")
    names = [value] if isinstance(value, str) else list(value or [])
    # /usr/share/common-licenses/... names a file on a Debian system, not in the scanned tree.
    return tuple(n for n in names if n and not n.startswith("/"))


def _drop_generic_conjuncts(expression: str, generic: frozenset[str]) -> str:
    """Drop generic keys from a plain AND of keys that also names a real license.

    Rules such as "apache-2.0 AND generic-trademark" or "mit AND warranty-disclaimer" record
    that a notice also carries a trademark note or a disclaimer; those are not licenses, and
    the detector drops them elsewhere when a real license is present, so do the same inside
    one rule. Expressions with OR, WITH or parentheses are left as they are.
    """
    if "(" in expression:
        return expression
    parts = [p.strip() for p in re.split(r"\s+AND\s+", expression, flags=re.IGNORECASE)]
    if len(parts) < 2 or any(" " in p for p in parts):
        return expression
    kept = [p for p in parts if p.lower() not in generic]
    return " AND ".join(kept) if kept else expression


def build_index() -> LicenseIndex:
    """Build the index from the installed data (tens of seconds; use `load_index` instead)."""
    directory = data_dir()
    key_to_spdx, exception_keys, generic_keys = _read_license_keys(directory)
    global _key_map_cache
    _key_map_cache = key_to_spdx
    raw = _read_raw_rules(directory)
    _WORDS.clear()

    # Frequent tokens get small ids; ids above n_junk are the discriminating ("high") tokens.
    df: Counter[str] = Counter()
    for r in raw:
        df.update(set(r.tokens))
    ordered = sorted(df, key=lambda t: (-df[t], t))
    dictionary = {t: i for i, t in enumerate(ordered)}
    high_cut = max(10, int(len(raw) * _HIGH_DF_SHARE))
    n_junk = sum(1 for t in ordered if df[t] > high_cut)

    rule_tokens: list[str] = []
    whole: dict[str, int] = {}
    post_lists: dict[int, list[int]] = {}
    rule_nhigh: list[int] = []
    for i, r in enumerate(raw):
        s = "".join(token_char(dictionary[t]) for t in r.tokens)
        rule_tokens.append(s)
        if r.kind not in ("intro", "clue"):
            whole.setdefault(s, i)
        high = {dictionary[t] for t in r.tokens if dictionary[t] >= n_junk}
        rule_nhigh.append(len(high))
        if len(r.tokens) >= APPROX_MIN_LEN and not r.continuous and r.kind not in ("intro", "clue"):
            for tid in high:
                post_lists.setdefault(tid, []).append(i)

    rule_keys = [{k.lower() for k in _KEY_RE.findall(r.expression)} - set(_OPERATORS) for r in raw]
    spdx_cache: dict[str, str] = {}
    rule_spdx: list[str] = []
    for r in raw:
        if r.expression not in spdx_cache:
            expression = _drop_generic_conjuncts(r.expression, generic_keys)
            spdx_cache[r.expression] = to_spdx(expression) if expression else ""
        rule_spdx.append(spdx_cache[r.expression])

    return LicenseIndex(
        data_version=data_version(),
        dictionary=dictionary,
        n_high_tokens=n_junk,
        rule_ids=[r.ident for r in raw],
        rule_expr=[r.expression for r in raw],
        rule_spdx=rule_spdx,
        rule_kind=[r.kind for r in raw],
        rule_tokens=rule_tokens,
        rule_required=[tuple(r.required) for r in raw],
        rule_relevance=[r.relevance for r in raw],
        rule_mincov=[r.mincov for r in raw],
        rule_continuous=[r.continuous for r in raw],
        rule_nhigh=rule_nhigh,
        rule_weak=[bool(keys) and keys <= generic_keys for keys in rule_keys],
        rule_exception=[bool(keys) and keys <= exception_keys for keys in rule_keys],
        whole=whole,
        postings={tid: array("i", ids) for tid, ids in post_lists.items()},
        key_to_spdx=key_to_spdx,
        exception_keys=exception_keys,
        rule_refs={i: r.refs for i, r in enumerate(raw) if r.refs},
    )


# ---------------------------------------------------------------------------------------------
# Cache

_loaded: dict[str, LicenseIndex] = {}

# Where a wheel carries the index built from the data it was built with (hatch_build.py writes it
# there), so that the first scan after installing does not build it. Absent in a checkout and in an
# editable install. A module attribute so that tests can point it elsewhere.
PACKAGED_INDEX_DIR = Path(__file__).resolve().parent.parent / "_index"

# One protocol for the shipped and the cached file: both are read by `_read_index`.
_PICKLE_PROTOCOL = pickle.HIGHEST_PROTOCOL


def index_file_name() -> str:
    """The file name of the index for the installed data: `licensedb-<data_version()>.pickle`."""
    return f"licensedb-{data_version()}.pickle"


def load_index(cache_dir: Path | None = None) -> LicenseIndex:
    """Return the license index: the one the wheel ships, else the cached one, else built and cached.

    The file name carries `data_version()` (data version and index format), and so does the index
    inside. The index shipped in the wheel (`PACKAGED_INDEX_DIR`) is used only when both match the
    installed data exactly: installing other `licensedcode-data` than the wheel was built with falls
    back to the cache. The cache lives under `cache_dir` (None: the per-user cache directory); a
    missing, damaged or outdated file there is rebuilt and written atomically (temporary file, then
    `os.replace`), so concurrent workers never read a half-written file. A damaged shipped file
    falls back the same way. Within one process the loaded index is reused.
    """
    name = index_file_name()
    directory = cache_dir if cache_dir is not None else default_cache_dir()
    cached = directory / name
    # The shipped file belongs to our own installed code: unpickling it is as trusted as importing
    # this module. The cached file lives in the user's own cache folder.
    candidates = (PACKAGED_INDEX_DIR / name, cached)
    for path in candidates:
        if str(path) in _loaded:
            return _loaded[str(path)]
    index: LicenseIndex | None = None
    for path in candidates:
        index = _read_index(path)
        if index is not None:
            break
    else:
        path = cached
        index = build_index()
        _write_atomic(cached, index)
    global _key_map_cache
    _key_map_cache = index.key_to_spdx
    index.ensure_automaton()
    index.char_map()
    _loaded[str(path)] = index
    return index


def _read_index(path: Path) -> LicenseIndex | None:
    """The index pickled at `path` if it is there, whole, and of the installed data; else None."""
    try:
        with path.open("rb") as fh:
            candidate = pickle.load(fh)
    except Exception:
        # Missing, truncated or garbled: unpickling bad bytes can raise almost anything
        # (UnpicklingError, EOFError, ValueError, KeyError, ImportError, MemoryError, ...), and
        # every case means the same thing: use the next source, never crash.
        return None
    if isinstance(candidate, LicenseIndex) and candidate.data_version == data_version():
        return candidate
    return None


def save_index(index: LicenseIndex, path: Path) -> None:
    """Pickle `index` to `path` as `load_index` reads it, atomically; errors are raised.

    The wheel build (hatch_build.py) uses this to write the index it ships.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".licensedb-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(index, fh, protocol=_PICKLE_PROTOCOL)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _write_atomic(path: Path, index: LicenseIndex) -> None:
    # An unwritable cache only costs a rebuild next time.
    with contextlib.suppress(OSError):
        save_index(index, path)
