# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""SPDX tags and REUSE annotations: the cheapest and most authoritative license evidence.

What counts as a tag follows the REUSE tool (v6) so that `scan` and `reuse lint` agree on the same
tree: a tag is recognised anywhere on a line, comment closers at the end of the line are dropped,
and text between REUSE-IgnoreStart and REUSE-IgnoreEnd is invisible. The grammar is re-expressed
here rather than borrowed, because `reuse` is only a test dependency.
"""

from __future__ import annotations

import bisect
import re
import stat
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Literal

from license_expression import ExpressionError, Licensing

from commonscheck.audit import files
from commonscheck.audit.copyrights import normalise_holder
from commonscheck.audit.expressions import licensing
from commonscheck.model import Copyright, LicenseFinding, ReadError

# REUSE-IgnoreStart
# (This module spells out the tag names it looks for; REUSE must not read them as our own tags.)

Precedence = Literal["closest", "aggregate", "override"]

#: Files larger than this are read only up to the cap: tags live in headers, and an untrusted
#: tree must not make us load a multi-gigabyte blob.
MAX_READ_BYTES = 8 * 1024 * 1024
#: Configuration files (REUSE.toml, dep5) are small; anything larger is refused outright.
MAX_CONFIG_BYTES = 1024 * 1024

# Spelled in two parts so that this file's own ignore block is not closed by the constant.
_IGNORE_START = "REUSE-" + "IgnoreStart"
_IGNORE_END = "REUSE-" + "IgnoreEnd"

# Closers of block comments (and a few markup endings) that REUSE drops at the end of a tag
# line, so that `/* SPDX-License-Identifier: MIT */` yields "MIT".
_CLOSERS = ("*/", "-->", "--%>", "--}}", "*)", "-/", ":)", "#}", "*#", "=#", "'/", "}")
_TAIL = r"\s*(?:" + "|".join(re.escape(c) for c in _CLOSERS) + r"""|"\s*/*>|'\s*/*>|\]\s*::)*\s*$"""
# The first place on a line where any tag-like token begins.
_ANCHOR = re.compile(r"SPDX-\S+:|Copyright|©")
_SYMBOL = r"(?:©|\([Cc]\))"
_WORD = rf"(?:Copyright(?:\s*{_SYMBOL}|(?=\s)))"
_NOTICE = re.compile(
    r"(?P<key>SPDX-(?:File|Snippet)CopyrightText:"
    rf"(?:\s*(?:{_SYMBOL}|{_WORD}))?|{_WORD}|©)\s*(?P<text>.*?)" + _TAIL
)
_LICENSE = re.compile(r"SPDX-License-Identifier:\s*(?P<value>.*?)" + _TAIL)
_YEAR_RANGE = r"\d{4}(?:(?:--|\u2013|-)\S*|\s+(?:--|\u2013|-)\s+\d{4})?"
_YEARS_IN_NOTICE = re.compile(
    rf"(?:^|,?\s+)(?P<years>{_YEAR_RANGE}(?:(?:\s*,\s*|\s+){_YEAR_RANGE})*)(?=,?(?:\s+|$))"
)
_NEWLINE = re.compile("\n")
_LICENSEREF = re.compile(r"(?:LicenseRef-|DocumentRef-[A-Za-z0-9.-]+:LicenseRef-)[A-Za-z0-9.-]+$")


def spdx_licensing() -> Licensing:
    """The SPDX-aware Licensing of license_expression, shared with the rest of the program."""
    return licensing()


@lru_cache(maxsize=1)
def _plain_licensing() -> Licensing:
    # Grammar-only parsing, as REUSE does: ids need not be on the SPDX list to be valid.
    return Licensing()


@lru_cache(maxsize=1)
def spdx_ids() -> tuple[frozenset[str], frozenset[str]]:
    """(current, deprecated) SPDX license and exception ids from license_expression's data."""
    from license_expression import get_license_index

    current: set[str] = set()
    deprecated: set[str] = set()
    for entry in get_license_index():
        key = entry.get("spdx_license_key")
        if key and not key.startswith("LicenseRef-") and " " not in key:
            (deprecated if entry.get("is_deprecated") else current).add(key)
        for other in entry.get("other_spdx_license_keys") or ():
            # Other keys of an entry are SPDX's former names for it, i.e. deprecated ids.
            if not other.startswith("LicenseRef-") and " " not in other:
                deprecated.add(other)
    return frozenset(current), frozenset(deprecated - current)


def is_licenseref(identifier: str) -> bool:
    """True for LicenseRef-x and DocumentRef-y:LicenseRef-x identifiers."""
    return bool(_LICENSEREF.match(identifier))


def parse_expression_keys(expression: str) -> list[str] | None:
    """License keys of `expression` as written (grammar check only, like REUSE), or None if the
    expression is not valid SPDX expression syntax."""
    try:
        parsed = _plain_licensing().parse(expression, simple=True)
    except ExpressionError:
        return None
    if parsed is None:
        return None
    return list(_plain_licensing().license_keys(parsed))


def normalise_expression(expression: str) -> tuple[str | None, list[str], str | None]:
    """(normalised expression, unknown ids, error) for an SPDX expression as written.

    Known ids get their canonical SPDX spelling (and deprecated "+" forms the -or-later id);
    unknown ids are kept as written and listed; a syntax error gives (None, [], reason).
    """
    if parse_expression_keys(expression) is None:
        try:
            _plain_licensing().parse(expression, simple=True)
        except ExpressionError as error:
            return None, [], str(error)
        return None, [], "empty expression"
    try:
        parsed = spdx_licensing().parse(expression)
    except ExpressionError as error:
        return None, [], str(error)
    if parsed is None:
        return None, [], "empty expression"
    current, deprecated = spdx_ids()
    unknown = [
        key
        for key in spdx_licensing().license_keys(parsed)
        if key not in current and key not in deprecated and not is_licenseref(key)
    ]
    return str(parsed.render()), unknown, None


# --- reading, safely --------------------------------------------------------------------------


def safe_path(root: Path, relative: str) -> Path | None:
    """`root/relative` if it is a regular file whose real location stays inside `root`.

    Symlinks inside the tree are allowed; anything that resolves outside it, or is not a regular
    file, gives None.
    """
    rel = PurePosixPath(relative)
    if rel.is_absolute() or ".." in rel.parts:
        return None
    candidate = root / rel
    try:
        real = candidate.resolve(strict=True)
        real_root = root.resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    if real != real_root and real_root not in real.parents:
        return None
    try:
        if not stat.S_ISREG(real.stat().st_mode):
            return None
    except OSError:
        return None
    return candidate


def read_bytes_capped(root: Path, relative: str, cap: int = MAX_READ_BYTES) -> bytes:
    """At most `cap` bytes of a file inside `root`; OSError when it is missing, unreadable, not a
    regular file or a symlink out of the tree."""
    path = safe_path(root, relative)
    if path is None:
        raise OSError(f"{relative}: not a regular file inside the tree")
    # Symlinks were vetted by safe_path: they may point elsewhere inside the tree.
    with path.open("rb") as handle:
        return handle.read(cap)


def decode_text(data: bytes) -> str | None:
    """Text of `data`, or None when it looks binary (REUSE does not read binary files); the
    decoding itself is the scan's, so both read a file alike."""
    return None if files.is_binary(data) else files.decode_text(data)


# --- lines outside REUSE-Ignore blocks --------------------------------------------------------


def visible_lines(text: str) -> list[tuple[int, str]]:
    """The lines REUSE reads, as (1-based line number, text), ignore blocks removed.

    An ignore block may start and end mid-line; the text around it is joined onto one line, as
    REUSE does, and keeps the number of the line where the joined text begins.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    kept: list[tuple[int, int]] = []
    pos = 0
    while pos <= len(text):
        start = text.find(_IGNORE_START, pos)
        if start < 0:
            kept.append((pos, len(text)))
            break
        kept.append((pos, start))
        end = text.find(_IGNORE_END, start + len(_IGNORE_START))
        if end < 0:
            break
        pos = end + len(_IGNORE_END)
    newlines = [m.start() for m in _NEWLINE.finditer(text)]
    result: list[tuple[int, str]] = []
    current: list[str] = []
    current_line = 0
    for seg_start, seg_end in kept:
        segment = text[seg_start:seg_end]
        offset = seg_start
        for piece_index, piece in enumerate(segment.split("\n")):
            if piece_index > 0:
                result.append((current_line, "".join(current)))
                current = []
                current_line = 0
            if current_line == 0:
                # Lines before this offset = newlines before it.
                current_line = bisect.bisect_left(newlines, offset) + 1
            current.append(piece)
            offset += len(piece) + 1
    if current and (current_line or "".join(current)):
        result.append((current_line or 1, "".join(current)))
    return result


# --- tags in text -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RawTags:
    """Tags as REUSE reads them: license expressions as written, copyright notices."""

    expressions: tuple[tuple[int, str], ...] = ()
    copyrights: tuple[Copyright, ...] = ()


def _notice_record(key: str, body: str, statement: str, line: int) -> Copyright:
    years = [m.group("years") for m in _YEARS_IN_NOTICE.finditer(body)]
    holder = _YEARS_IN_NOTICE.sub(" ", body) if years else body
    return Copyright(
        statement=statement.strip(),
        holder=normalise_holder(holder),
        years=", ".join(years),
        start_line=line,
        end_line=line,
    )


def extract_raw_tags(text: str) -> RawTags:
    """License expressions (as written, with line numbers) and copyright notices that REUSE
    would read from `text`. Snippet tags (inside REUSE-SnippetBegin/End) are included."""
    if _ANCHOR.search(text) is None:
        # Most files carry no tag at all: one scan of the text instead of one a line.
        return RawTags()
    expressions: list[tuple[int, str]] = []
    copyrights: list[Copyright] = []
    for number, line in visible_lines(text):
        anchor = _ANCHOR.search(line)
        if anchor is None:
            continue
        # A closing marker that mirrors the opening one ("/*" ... "*/") is dropped.
        opener = line[: anchor.start()].strip()
        candidate = line.removesuffix(opener[::-1]) if opener else line
        notice = _NOTICE.search(candidate)
        if notice is not None:
            statement = candidate[notice.start() :].rstrip()
            statement = re.sub(_TAIL, "", statement)
            copyrights.append(_notice_record(notice.group("key"), notice.group("text"), statement, number))
            continue
        licence = _LICENSE.search(candidate)
        if licence is not None:
            expressions.append((number, licence.group("value")))
    return RawTags(tuple(expressions), tuple(copyrights))


def find_tags(path: str, text: str) -> tuple[list[LicenseFinding], list[Copyright], list[str]]:
    """SPDX-License-Identifier tags, SPDX-FileCopyrightText/REUSE copyright lines, and problems.

    Findings carry kind="tag", score=100, rule="spdx-license-identifier" and the tag's line; the
    expression is normalised with license_expression's SPDX licensing. Invalid expressions are
    not findings but messages "line N: invalid SPDX expression 'X': reason"; ids that are neither
    SPDX nor LicenseRef-/DocumentRef- stay in the finding and are reported as messages too.
    """
    raw = extract_raw_tags(text)
    findings: list[LicenseFinding] = []
    problems: list[str] = []
    for line, value in raw.expressions:
        normalised, unknown, error = normalise_expression(value)
        if normalised is None:
            problems.append(f"line {line}: invalid SPDX expression {value!r}: {error}")
            continue
        findings.extend(
            [LicenseFinding(path, normalised, "tag", line, line, 100.0, "spdx-license-identifier")]
        )
        problems.extend(f"line {line}: unknown license identifier {key!r}" for key in unknown)
    return findings, list(raw.copyrights), problems


def sidecar_of(path: str) -> str:
    """The REUSE sidecar path for `path` (`X.license` for `X`)."""
    return f"{path}.license"


def read_sidecar(root: Path, path: str) -> str | None:
    """Text of `path`'s `.license` sidecar inside `root`, or None if there is none.

    When it exists, REUSE takes the file's tags from it alone and does not read the file itself.
    """
    sidecar = sidecar_of(path)
    if safe_path(root, sidecar) is None:
        return None
    try:
        data = read_bytes_capped(root, sidecar)
    except OSError:
        return None
    return decode_text(data) or ""


def find_file_tags(
    root: Path, path: str
) -> tuple[list[LicenseFinding], list[Copyright], list[str], str | None]:
    """Tags of one file as REUSE sees them: from its sidecar if it has one, else its own text.

    Returns (findings, copyrights, problems, source) where source is the sidecar path, the file
    path, or None for a binary file. Findings from a sidecar have no line (0) and rule ".license".
    Raises OSError when the file cannot be read.
    """
    sidecar = read_sidecar(root, path)
    if sidecar is not None:
        findings, copyrights, problems = find_tags(path, sidecar)
        findings = [LicenseFinding(path, f.expression, "tag", 0, 0, 100.0, ".license") for f in findings]
        copyrights = [Copyright(c.statement, c.holder, c.years, 0, 0) for c in copyrights]
        return findings, copyrights, [f"{sidecar_of(path)}: {p}" for p in problems], sidecar_of(path)
    text = decode_text(read_bytes_capped(root, path))
    if text is None:
        return [], [], [], None
    findings, copyrights, problems = find_tags(path, text)
    return findings, copyrights, problems, path


# --- REUSE.toml and .reuse/dep5 ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Annotation:
    """One annotation that applies to a file: from a REUSE.toml [[annotations]] table or a dep5
    Files paragraph (dep5 is always 'aggregate')."""

    source: str
    precedence: Precedence
    expressions: tuple[str, ...]
    copyrights: tuple[Copyright, ...]


def _reuse_glob(pattern: str) -> str:
    """A REUSE.toml path glob as a regex: '*' within a directory, '**' across directories
    (a '/' right after '**' is optional), backslash escapes the next character."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            if i + 1 < len(pattern):
                out.append(re.escape(pattern[i + 1]))
            i += 2
            continue
        if ch == "*":
            j = i
            while j < len(pattern) and pattern[j] == "*":
                j += 1
            if j - i >= 2:
                out.append(".*")
                # After a globstar REUSE swallows following separators and stars.
                while j < len(pattern) and pattern[j] in "*/":
                    j += 1
            else:
                out.append("[^/]*")
            i = j
            continue
        out.append(re.escape(ch))
        i += 1
    return "".join(out)


def _dep5_glob(pattern: str) -> str | None:
    """A dep5 Files glob as a regex: '*' matches anything including '/', '?' one character."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        i += 1
        if ch == "*":
            out.append(".*")
        elif ch == "?":
            out.append(".")
        elif ch == "\\":
            if i >= len(pattern) or pattern[i] not in "\\?*":
                return None
            out.append(re.escape(pattern[i]))
            i += 1
        else:
            out.append(re.escape(ch))
    return "".join(out)


def _notice_from_config(value: str, line: int = 0) -> Copyright | None:
    """A copyright entry of REUSE.toml/dep5: REUSE accepts any one-line text as a notice."""
    if "\n" in value or "\r" in value:
        return None
    match = _NOTICE.fullmatch(value) or _NOTICE.fullmatch(f"SPDX-FileCopyrightText: {value}")
    if match is None:
        return None
    return _notice_record(match.group("key"), match.group("text"), value, line)


@dataclass(frozen=True, slots=True)
class _TomlItem:
    regex: re.Pattern[str]
    precedence: Precedence
    expressions: tuple[str, ...]
    copyrights: tuple[Copyright, ...]


@dataclass(frozen=True, slots=True)
class _TomlFile:
    source: str
    directory: PurePosixPath
    items: tuple[_TomlItem, ...]


def _string_list(value: object, key: str, source: str, allow_empty: bool) -> tuple[str, ...]:
    if value is None:
        value = []
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list):
        raise ValueError(f"{source}: {key!r} must be a string or a list of strings, not {value!r}")
    for item in value:
        if not isinstance(item, str):
            raise ValueError(f"{source}: item in {key!r} must be a string, not {item!r}")
    if not value and not allow_empty:
        raise ValueError(f"{source}: {key!r} must not be empty")
    return tuple(value)


def _parse_reuse_toml(source: str, text: str) -> _TomlFile:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"{source}: not valid TOML: {error}") from error
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ValueError(f"{source}: 'version' must be an integer, not {version!r}")
    if version != 1:
        raise ValueError(f"{source}: 'version' {version} is not supported (only 1)")
    tables = data.get("annotations", [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise ValueError(f"{source}: 'annotations' must be an array of tables")
    items: list[_TomlItem] = []
    for number, table in enumerate(tables, 1):
        where = f"{source} [[annotations]] #{number}"
        paths = _string_list(table.get("path"), "path", where, allow_empty=False)
        precedence = table.get("precedence", "closest")
        if precedence not in ("closest", "aggregate", "override"):
            raise ValueError(
                f"{where}: 'precedence' must be one of closest, aggregate, override, not {precedence!r}"
            )
        expressions = _string_list(
            table.get("SPDX-License-Identifier"), "SPDX-License-Identifier", where, allow_empty=True
        )
        notices: list[Copyright] = []
        for value in _string_list(
            table.get("SPDX-FileCopyrightText"), "SPDX-FileCopyrightText", where, allow_empty=True
        ):
            notice = _notice_from_config(value)
            if notice is None:
                raise ValueError(f"{where}: 'SPDX-FileCopyrightText' could not parse {value!r}")
            notices.append(notice)
        regex = re.compile("|".join(f"(?:{_reuse_glob(p)})" for p in paths))
        items.append(_TomlItem(regex, precedence, tuple(dict.fromkeys(expressions)), tuple(notices)))
    directory = PurePosixPath(source).parent
    return _TomlFile(source, directory, tuple(items))


@dataclass(frozen=True, slots=True)
class _Dep5Paragraph:
    regex: re.Pattern[str]
    expression: str
    copyrights: tuple[Copyright, ...]


def _parse_dep5(source: str, text: str) -> tuple[_Dep5Paragraph, ...]:
    paragraphs: list[dict[str, str]] = []
    current: dict[str, str] = {}
    last_key: str | None = None
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("#"):
            continue
        if not line.strip():
            if current:
                paragraphs.append(current)
            current, last_key = {}, None
            continue
        if line[0] in " \t":
            if last_key is None:
                raise ValueError(f"{source}: line {number}: continuation line outside a field")
            body = line.strip()
            current[last_key] += "\n" + ("" if body == "." else body)
            continue
        key, sep, value = line.partition(":")
        if not sep or not key.strip() or " " in key.strip():
            raise ValueError(f"{source}: line {number}: expected 'Field: value'")
        last_key = key.strip().lower()
        if last_key in current:
            raise ValueError(f"{source}: line {number}: duplicate field {key.strip()!r}")
        current[last_key] = value.strip()
    if current:
        paragraphs.append(current)
    if not paragraphs or "format" not in paragraphs[0]:
        raise ValueError(f"{source}: the first paragraph needs a 'Format' field")
    result: list[_Dep5Paragraph] = []
    for paragraph in paragraphs[1:]:
        if "files" not in paragraph:
            continue  # a stand-alone License paragraph
        for needed in ("copyright", "license"):
            if needed not in paragraph:
                raise ValueError(f"{source}: a Files paragraph lacks the {needed.title()!r} field")
        globs = paragraph["files"].split()
        regexes = [_dep5_glob(g) for g in globs]
        if any(r is None for r in regexes):
            raise ValueError(f"{source}: invalid escape in Files {paragraph['files']!r}")
        notices = []
        for entry in paragraph["copyright"].splitlines():
            notice = _notice_from_config(entry.strip())
            if notice is not None:
                notices.append(notice)
        synopsis = paragraph["license"].split("\n", 1)[0].strip()
        regex = re.compile("|".join(f"(?:{r})" for r in regexes if r is not None), re.DOTALL)
        result.append(_Dep5Paragraph(regex, synopsis, tuple(notices)))
    return tuple(result)


@dataclass
class ReuseAnnotations:
    """Licensing that REUSE.toml files (nested ones too) or `.reuse/dep5` give to paths.

    Use `load`; `errors` lists configuration problems, each naming the file (and key). A file
    that could not be parsed contributes no annotations.
    """

    root: Path
    tomls: tuple[_TomlFile, ...] = ()
    dep5: tuple[_Dep5Paragraph, ...] | None = None
    errors: list[ReadError] = field(default_factory=list)

    @classmethod
    def load(cls, root: Path, paths: Sequence[str]) -> ReuseAnnotations:
        """Read every REUSE.toml among `paths` (outside ignored directories) and `.reuse/dep5`.

        Having both is an error, as in REUSE; then neither is used.
        """
        from commonscheck.audit.reuse import is_ignored_dir

        result = cls(root)
        toml_paths = sorted(
            p
            for p in paths
            if PurePosixPath(p).name == "REUSE.toml" and not is_ignored_dir(PurePosixPath(p).parent)
        )
        tomls: list[_TomlFile] = []
        for toml_path in toml_paths:
            try:
                text = _read_config(root, toml_path)
                tomls.append(_parse_reuse_toml(toml_path, text))
            except (OSError, ValueError) as error:
                result.errors.append(ReadError(toml_path, str(error)))
        dep5_path = ".reuse/dep5"
        if safe_path(root, dep5_path) is not None:
            if toml_paths:
                result.errors.append(
                    ReadError(dep5_path, f"found both {toml_paths[0]!r} and '.reuse/dep5'; keep only one")
                )
                return result
            try:
                result.dep5 = _parse_dep5(dep5_path, _read_config(root, dep5_path))
            except (OSError, ValueError) as error:
                result.errors.append(ReadError(dep5_path, str(error)))
        # Topmost REUSE.toml first: deeper ones refine, and an override higher up stops them.
        result.tomls = tuple(sorted(tomls, key=lambda t: len(t.directory.parts)))
        return result

    def annotations(self, path: str) -> list[Annotation]:
        """The annotations that apply to `path`, REUSE's way: per REUSE.toml the last matching
        table, from the topmost file down (stopping at an override); among 'closest' ones only
        the deepest copyright and the deepest licensing survive. dep5: last matching paragraph."""
        if self.dep5 is not None:
            hit: _Dep5Paragraph | None = None
            for paragraph in self.dep5:
                if paragraph.regex.fullmatch(path):
                    hit = paragraph
            if hit is None:
                return []
            return [Annotation(".reuse/dep5", "aggregate", (hit.expression,), hit.copyrights)]
        if not self.tomls:
            return []
        found: list[Annotation] = []
        pure = PurePosixPath(path)
        for toml in self.tomls:
            if str(toml.directory) != "." and toml.directory not in pure.parents:
                continue
            relative = pure.relative_to(toml.directory).as_posix() if str(toml.directory) != "." else path
            item = next((i for i in reversed(toml.items) if i.regex.fullmatch(relative)), None)
            if item is None:
                continue
            found.append(Annotation(toml.source, item.precedence, item.expressions, item.copyrights))
            if item.precedence == "override":
                break
        closest = [a for a in found if a.precedence == "closest"]
        others = [a for a in found if a.precedence != "closest"]
        kept: list[Annotation] = []
        have_copyright = have_licence = False
        for ann in reversed(closest):
            copyrights = ann.copyrights if not have_copyright else ()
            expressions = ann.expressions if not have_licence else ()
            have_copyright = have_copyright or bool(ann.copyrights)
            have_licence = have_licence or bool(ann.expressions)
            if copyrights or expressions:
                kept.append(Annotation(ann.source, "closest", expressions, copyrights))
        return others + list(reversed(kept))

    def for_path(self, path: str) -> tuple[list[LicenseFinding], list[Copyright], Precedence | None]:
        """(findings, copyrights, precedence) that the annotations give `path`.

        precedence is the strongest that applies (override > aggregate > closest) or None: with
        override use only these; with closest use them only if the file has no tags of its own;
        with aggregate use both. Findings have no line (0), kind="tag", rule "REUSE.toml" or
        ".reuse/dep5"; invalid expressions are left out (see `expression_errors`).
        """
        anns = self.annotations(path)
        findings: list[LicenseFinding] = []
        copyrights: list[Copyright] = []
        for ann in anns:
            rule = ".reuse/dep5" if ann.source == ".reuse/dep5" else "REUSE.toml"
            for expression in ann.expressions:
                normalised, _unknown, _error = normalise_expression(expression)
                if normalised is not None:
                    findings.append(LicenseFinding(path, normalised, "tag", 0, 0, 100.0, rule))
            copyrights.extend(ann.copyrights)
        order: dict[Precedence, int] = {"closest": 0, "aggregate": 1, "override": 2}
        precedence = max((a.precedence for a in anns), key=lambda p: order[p], default=None)
        return findings, copyrights, precedence

    def expression_errors(self) -> list[ReadError]:
        """Invalid SPDX expressions written in the configuration files, one per file and value."""
        bad: list[ReadError] = []
        values: Iterable[tuple[str, str]] = [
            (toml.source, e) for toml in self.tomls for item in toml.items for e in item.expressions
        ]
        if self.dep5 is not None:
            values = [*values, *((".reuse/dep5", p.expression) for p in self.dep5)]
        for source, expression in values:
            _n, _u, error = normalise_expression(expression)
            if error is not None:
                key = "License" if source.endswith("dep5") else "SPDX-License-Identifier"
                bad.append(ReadError(source, f"{key}: invalid SPDX expression {expression!r}: {error}"))
        return bad


def _read_config(root: Path, relative: str) -> str:
    data = read_bytes_capped(root, relative, MAX_CONFIG_BYTES + 1)
    if len(data) > MAX_CONFIG_BYTES:
        raise ValueError(f"{relative}: larger than {MAX_CONFIG_BYTES} bytes")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ValueError(f"{relative}: not UTF-8: {error}") from error


# REUSE-IgnoreEnd
