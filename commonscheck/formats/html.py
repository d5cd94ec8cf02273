# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The audit report as one self-contained HTML5 page.

`audit_html` renders the audit JSON document (`"schema": "commonscheck.audit/1"`) and nothing else:
it reads no file, runs no git, asks no network. The page carries its CSS inline and draws every chart
as inline SVG computed here, so it can be mailed, archived or opened offline. A Content-Security-Policy
meta tag (`default-src 'none'`) lets the browser itself refuse any request the page might make, and
the page has no script at all.

Everything that comes from a repository (paths, names, license expressions, messages, evidence) is
untrusted and is escaped with `html.escape` where it is written, text and attributes alike.

The output is deterministic: the same document gives the same bytes (the network layout is a
spring layout with a fixed seed over nodes and edges added in sorted order; SVG element ids come
from a counter). Parts of the document that are missing or null render as a "not available" line.
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

# Commons classes, from closed to commons-oriented, with their colours (a red-to-blue scale for
# the license spectrum, green for copyfair, grey for unknown).
CLASS_ORDER = (
    "proprietary",
    "source-available",
    "restricted",
    "permissive",
    "weak-reciprocal",
    "strong-reciprocal",
    "network-reciprocal",
    "copyfair",
    "unknown",
)
CLASS_COLOURS = {
    "proprietary": "#b2182b",
    "source-available": "#d6604d",
    "restricted": "#f4a582",
    "permissive": "#92c5de",
    "weak-reciprocal": "#4393c3",
    "strong-reciprocal": "#2166ac",
    "network-reciprocal": "#053061",
    "copyfair": "#1b7837",
    "unknown": "#9e9e9e",
}
# Organizations: Tableau 10 without its grey, for the largest organizations by commits; the rest
# share one colour. Independent (freemail) and unknown contributors have their own greys.
ORG_PALETTE = (
    "#4e79a7",
    "#f28e2b",
    "#e15759",
    "#76b7b2",
    "#59a14f",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
)
# Class colours dark enough to carry white text.
_DARK_CLASSES = frozenset(
    {
        "proprietary",
        "source-available",
        "weak-reciprocal",
        "strong-reciprocal",
        "network-reciprocal",
        "copyfair",
    }
)
OTHER_ORGS = "other organizations"
OTHER_COLOUR = "#c9b99b"
INDEPENDENT = "independent"
UNKNOWN = "unknown"
INDEPENDENT_COLOUR = "#8c8c8c"
UNKNOWN_COLOUR = "#d4d4d4"
NEWCOMER_SERIES = (
    ("newcomers", "all newcomers", "#4e79a7"),
    ("outside", "from outside the company", "#f28e2b"),
    ("retained", "retained", "#59a14f"),
)
MODEL_DESCRIPTIONS = {
    "commons-based peer production": "Contributors from many organizations and none build the project "
    "together under a commons-oriented license; no single company controls it.",
    "company-led co-creation": "A company leads, and outsiders take a real part in the work under an open "
    "license.",
    "crowdsourcing under company control": "Outsiders contribute, but one company keeps control of the "
    "project and its license (for example through a CLA that lets it relicense).",
    "open in name only": "An open license, but the company's own staff do nearly all the work, or the "
    "inputs are not open.",
    "not open": "The output is not under an open license.",
}
# Table rows beyond these are summarised in one line; the JSON document has them all.
MAX_FINDINGS = 1000
MAX_INVENTORY = 500
MAX_LIST_ITEMS = 25
MAX_NETWORK_LABELS = 15

_STYLE = """
:root { --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg: #ffffff; --panel: #f6f8fa; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--fg); background: var(--bg); margin: 0; line-height: 1.45; font-size: 15px; }
header, main, footer { max-width: 1180px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 24px; border-bottom: 1px solid var(--line); padding-bottom: 12px; }
h1 { font-size: 1.7em; margin: 0 0 4px; }
h2 { font-size: 1.35em; margin: 32px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 1.12em; margin: 22px 0 6px; }
h4 { font-size: 1em; margin: 14px 0 4px; }
p.meta, .muted { color: var(--muted); }
p.na { color: var(--muted); font-style: italic; }
code, .path { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.92em;
  overflow-wrap: anywhere; }
nav ul { margin: 4px 0; padding-left: 20px; }
table { border-collapse: collapse; margin: 6px 0 12px; font-size: 0.93em; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
thead th { background: var(--panel); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.summary { display: flex; flex-wrap: wrap; gap: 24px; align-items: center; }
.bignum { font-size: 3.2em; font-weight: 700; line-height: 1; }
.bignum small { font-size: 0.35em; font-weight: 400; color: var(--muted); }
.model { background: var(--panel); border-left: 4px solid #4e79a7; padding: 8px 14px; margin: 8px 0; }
.model .name { font-weight: 700; font-size: 1.1em; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 6px 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
dl.evidence { margin: 0; }
dl.evidence dt { font-weight: 600; display: inline; }
dl.evidence dd { display: inline; margin: 0; }
dl.evidence dd::after { content: ""; display: block; }
.badges { display: flex; flex-wrap: wrap; gap: 10px; margin: 6px 0; }
.badge { border: 1px solid var(--line); border-radius: 6px; padding: 6px 12px; min-width: 120px; }
.badge b { display: block; font-size: 1.5em; }
.sev-error { color: #b2182b; font-weight: 600; }
.sev-warning { color: #9a6700; font-weight: 600; }
.suppressed { color: var(--muted); }
figure { margin: 8px 0 16px; }
figcaption { color: var(--muted); font-size: 0.9em; }
svg { max-width: 100%; height: auto; }
svg text { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 14px; margin: 4px 0; padding: 0; list-style: none;
  font-size: 0.9em; }
.legend li { display: flex; align-items: center; gap: 5px; }
.swatch { display: inline-block; width: 12px; height: 12px; border: 1px solid rgba(0, 0, 0, 0.2); }
section.repository { border-top: 3px solid var(--fg); margin-top: 36px; }
.warn { color: #9a6700; }
footer { border-top: 1px solid var(--line); margin-top: 40px; padding: 12px 24px 24px; color: var(--muted);
  font-size: 0.88em; }
@media print {
  body { font-size: 11pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  section.repository { break-before: page; }
  figure, tr, .badge, .model { break-inside: avoid; }
  thead { display: table-header-group; }
  nav { display: none; }
}
"""


def audit_html(doc: Mapping[str, Any]) -> str:
    """The audit document as one self-contained HTML5 page (a string).

    Pure: the same document gives the same string. Nothing in the page loads anything from the
    network, and all text from the document is escaped."""
    return _Renderer().page(doc if isinstance(doc, Mapping) else {})


# -- small helpers -------------------------------------------------------------------------------


def _e(value: Any) -> str:
    """Escaped text for an element or an attribute."""
    return html.escape("" if value is None else str(value), quote=True)


def _map(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else []


def _int(value: Any) -> int:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value):
        return int(value)
    return 0


def _score(value: Any) -> float | None:
    """A score clamped to 0-100, or None when there is none."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return max(0.0, min(100.0, float(value)))


def _fmt(value: Any) -> str:
    """A number as a person reads it: integers with thousands separators, others to two places."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        if not math.isfinite(value):
            return "—"
        if value == int(value) and abs(value) < 1e15:
            return f"{int(value):,}"
        return f"{value:,.2f}"
    return str(value)


def _score_text(value: Any) -> str:
    s = _score(value)
    return "—" if s is None else f"{s:.0f}"


def _suppression(value: Any) -> str:
    """A finding's suppression: the exception's reason when it is given as text, else yes or no."""
    if isinstance(value, str):
        return value
    return "yes" if value else "no"


def _label(name: Any) -> str:
    """A key as a heading: underscores as spaces."""
    return str(name).replace("_", " ")


def _na(what: str) -> str:
    return f'<p class="na">{_e(what)}: not available.</p>'


def _n(x: float) -> str:
    """A coordinate for SVG, short and stable."""
    r = round(x, 1)
    return str(int(r)) if r == int(r) else f"{r:.1f}"


def _score_colour(score: float) -> str:
    if score < 40:
        return "#d6604d"
    if score < 70:
        return "#e9b949"
    return "#59a14f"


def _nice_step(top: float, ticks: int = 4) -> float:
    """A round tick step (1, 2 or 5 times a power of ten) so that about `ticks` ticks reach top."""
    if top <= 0:
        return 1.0
    raw = top / ticks
    power = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 5, 10):
        if m * power >= raw:
            return float(max(1, m * power)) if top >= ticks else float(m * power)
    return float(10 * power)


class _Renderer:
    """One rendering: holds the counter that gives SVG titles their unique, stable ids."""

    def __init__(self) -> None:
        self._ids = 0

    def _id(self, prefix: str) -> str:
        self._ids += 1
        return f"{prefix}-{self._ids}"

    # -- page ------------------------------------------------------------------------------------

    def page(self, doc: Mapping[str, Any]) -> str:
        tool = _map(doc.get("tool"))
        tool_name = tool.get("name") or "commonscheck"
        version = tool.get("version")
        repos = [_map(r) for r in _list(doc.get("repositories"))]
        paths = [str(r.get("path") or f"repository {i + 1}") for i, r in enumerate(repos)]
        title = "Audit report" + (f" — {', '.join(paths[:3])}" if paths else "")
        if len(paths) > 3:
            title += f" and {len(paths) - 3} more"
        out: list[str] = [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{_e(CSP)}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="referrer" content="no-referrer">',
            # An empty icon, so that no browser goes looking for /favicon.ico.
            '<link rel="icon" href="data:,">',
            f'<meta name="generator" content="{_e(tool_name)} {_e(version or "")}">',
            f"<title>{_e(title)}</title>",
            f"<style>{_STYLE}</style>",
            "</head>",
            "<body>",
            "<header>",
            f"<h1>{_e(title)}</h1>",
            f'<p class="meta">Made by {_e(tool_name)}'
            + (f" {_e(version)}" if version else "")
            + f" from the document of schema <code>{_e(doc.get('schema') or 'unknown')}</code>"
            f" · {len(repos)} repositor{'y' if len(repos) == 1 else 'ies'}</p>",
            self._nav(paths),
            "</header>",
            "<main>",
            self._company(_map(doc.get("company"))),
        ]
        if not repos:
            out.append(_na("Repositories"))
        for i, repo in enumerate(repos):
            out.append(self._repository(i + 1, paths[i], repo))
        out += [
            "</main>",
            "<footer>This page is self-contained: it loads nothing from the network. Scores run from 0 to "
            "100; the JSON format of the same audit has every detail.</footer>",
            "</body>",
            "</html>",
            "",
        ]
        return "\n".join(out)

    def _nav(self, paths: Sequence[str]) -> str:
        items = ['<li><a href="#company">Summary and openness index</a></li>']
        items.append('<li><a href="#model">Co-creation model</a></li>')
        for i, path in enumerate(paths):
            items.append(f'<li><a href="#repo-{i + 1}"><span class="path">{_e(path)}</span></a></li>')
        return '<nav aria-label="Contents"><ul>' + "".join(items) + "</ul></nav>"

    # -- company ---------------------------------------------------------------------------------

    def _company(self, company: Mapping[str, Any]) -> str:
        out = ['<section id="company" aria-labelledby="company-h">', '<h2 id="company-h">Summary</h2>']
        if not company:
            out.append(_na("Company summary"))
        else:
            orgs = [str(o) for o in _list(company.get("organizations"))]
            out.append(
                "<p>Organization audited: "
                + (", ".join(f"<code>{_e(o)}</code>" for o in orgs) if orgs else "none given")
                + "</p>"
            )
            out.append(self._index_block("Openness index", company.get("score")))
            out.append(self._components(company.get("components"), "Components of the openness index"))
        out.append('<h3 id="model">Co-creation model</h3>')
        out.append(self._model(company.get("model") if company else None))
        out.append("</section>")
        return "\n".join(out)

    def _index_block(self, label: str, value: Any) -> str:
        score = _score(value)
        if score is None:
            return f'<div class="summary"><div class="bignum">—</div>{_na(label)}</div>'
        return (
            f'<div class="summary"><div class="bignum" aria-label="{_e(label)}: {score:.0f} of 100">'
            f"{score:.0f}<small> / 100</small></div>"
            f"<div><div><b>{_e(label)}</b></div>{self._gauge(score, label)}</div></div>"
        )

    def _gauge(self, score: float, label: str) -> str:
        tid = self._id("gauge")
        w, h = 420.0, 34.0
        fill = score / 100 * w
        ticks = "".join(
            f'<line x1="{_n(t / 100 * w)}" y1="22" x2="{_n(t / 100 * w)}" y2="26" stroke="#59636e"/>'
            f'<text x="{_n(min(max(t / 100 * w, 8), w - 10))}" y="34" font-size="9" text-anchor="middle" '
            f'fill="#59636e">{t}</text>'
            for t in (0, 25, 50, 75, 100)
        )
        return (
            f'<svg class="gauge" role="img" aria-labelledby="{tid}" width="{_n(w)}" height="{_n(h)}" '
            f'viewBox="0 0 {_n(w)} {_n(h)}" xmlns="http://www.w3.org/2000/svg">'
            f'<title id="{tid}">{_e(label)}: {score:.0f} of 100</title>'
            f'<rect x="0" y="2" width="{_n(w)}" height="18" rx="4" fill="#e8ecf0"/>'
            f'<rect x="0" y="2" width="{_n(fill)}" height="18" rx="4" fill="{_score_colour(score)}"/>'
            f"{ticks}</svg>"
        )

    def _bar(self, value: Any, label: str) -> str:
        score = _score(value)
        if score is None:
            return '<span class="muted">—</span>'
        tid = self._id("bar")
        w = 120.0
        return (
            f'<svg class="scorebar" role="img" aria-labelledby="{tid}" width="{_n(w)}" height="12" '
            f'viewBox="0 0 {_n(w)} 12" xmlns="http://www.w3.org/2000/svg">'
            f'<title id="{tid}">{_e(label)}: {score:.0f} of 100</title>'
            f'<rect x="0" y="1" width="{_n(w)}" height="10" rx="2" fill="#e8ecf0"/>'
            f'<rect x="0" y="1" width="{_n(score / 100 * w)}" height="10" rx="2" '
            f'fill="{_score_colour(score)}"/>'
            "</svg>"
        )

    def _components(self, components: Any, caption: str) -> str:
        rows = [_map(c) for c in _list(components)]
        if not rows:
            return _na(caption)
        body = []
        for c in rows:
            name = c.get("name") or "unnamed"
            body.append(
                "<tr>"
                f'<th scope="row">{_e(_label(name))}</th>'
                f'<td class="num">{_e(_score_text(c.get("score")))}</td>'
                f"<td>{self._bar(c.get('score'), _label(name))}</td>"
                f'<td class="num">{_e(_fmt(c.get("weight")))}</td>'
                f"<td>{_e(c.get('confidence') or '—')}</td>"
                f"<td>{self._evidence(c.get('evidence'))}</td>"
                "</tr>"
            )
        return (
            f'<table class="components"><caption>{_e(caption)}</caption><thead><tr>'
            '<th scope="col">Component</th><th scope="col" class="num">Score</th>'
            '<th scope="col">0 to 100</th><th scope="col" class="num">Weight</th>'
            '<th scope="col">Confidence</th><th scope="col">Evidence</th></tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table>"
        )

    def _evidence(self, evidence: Any) -> str:
        if isinstance(evidence, Mapping):
            if not evidence:
                return '<span class="muted">none</span>'
            return self._value(evidence, 0)
        if evidence is None:
            return '<span class="muted">none</span>'
        return self._value(evidence, 0)

    def _value(self, value: Any, depth: int) -> str:
        """Any JSON value as readable HTML: objects as key: value lines, short lists inline."""
        if isinstance(value, Mapping):
            if depth >= 3:
                return f"<code>{_e(json.dumps(value, sort_keys=True, ensure_ascii=False))}</code>"
            items = "".join(
                f"<dt>{_e(_label(k))}:</dt> <dd>{self._value(v, depth + 1)}</dd>" for k, v in value.items()
            )
            return f'<dl class="evidence">{items}</dl>'
        if isinstance(value, list | tuple):
            if not value:
                return '<span class="muted">none</span>'
            shown = [self._value(v, depth + 1) for v in value[:MAX_LIST_ITEMS]]
            more = len(value) - len(shown)
            text = ", ".join(shown)
            if more > 0:
                text += f", … and {more} more"
            return text
        if isinstance(value, float) and 0 < abs(value) < 1 and depth > 0:
            return _e(f"{value:.2f}")
        return _e(_fmt(value))

    def _model(self, model: Any) -> str:
        m = _map(model)
        if not m or not m.get("name"):
            return _na("Co-creation model")
        name = str(m.get("name"))
        desc = MODEL_DESCRIPTIONS.get(name, "")
        evidence = [str(x) for x in _list(m.get("evidence"))]
        ev = (
            "<ul>" + "".join(f"<li>{_e(x)}</li>" for x in evidence) + "</ul>"
            if evidence
            else '<p class="na">No evidence given.</p>'
        )
        return (
            f'<div class="model"><div class="name">{_e(name)}</div>'
            + (f"<p>{_e(desc)}</p>" if desc else "")
            + f"<div><b>Evidence</b>{ev}</div></div>"
        )

    # -- repository ------------------------------------------------------------------------------

    def _repository(self, index: int, path: str, repo: Mapping[str, Any]) -> str:
        rid = f"repo-{index}"
        out = [
            f'<section class="repository" id="{rid}" aria-labelledby="{rid}-h">',
            f'<h2 id="{rid}-h">Repository <span class="path">{_e(path)}</span></h2>',
            '<dl class="facts">'
            f"<dt>Declared license</dt><dd><code>{_e(repo.get('declared_license') or '—')}</code></dd>"
            f"<dt>Outbound license</dt><dd><code>{_e(repo.get('outbound') or '—')}</code></dd>"
            f"<dt>Outbound class</dt><dd>{self._class_chip(repo.get('outbound_class'))}</dd>"
            "</dl>",
            self._licenses(_map(repo.get("licenses"))),
            self._verdicts(repo.get("verdicts")),
            self._findings(repo.get("findings")),
            self._openness(repo.get("openness")),
            self._graph(repo.get("graph")),
            "</section>",
        ]
        return "\n".join(out)

    def _class_chip(self, cls: Any) -> str:
        if not cls:
            return "—"
        colour = CLASS_COLOURS.get(str(cls), CLASS_COLOURS["unknown"])
        return f'<span class="swatch" style="background:{colour}"></span> {_e(cls)}'

    def _licenses(self, licenses: Mapping[str, Any]) -> str:
        out = ["<h3>Licenses</h3>"]
        if not licenses:
            out.append(_na("License inventory"))
            return "\n".join(out)
        classes = {str(k): _int(v) for k, v in _map(licenses.get("classes")).items()}
        out.append("<h4>Commons classes</h4>")
        out.append(self._class_breakdown(classes))
        out.append(self._inventory(licenses.get("files"), "Licenses of files", "files"))
        out.append(self._inventory(licenses.get("packages"), "Licenses of dependencies", "packages"))
        return "\n".join(out)

    def _class_breakdown(self, classes: Mapping[str, int]) -> str:
        total = sum(v for v in classes.values() if v > 0)
        if total <= 0:
            return _na("Class breakdown")
        order = [c for c in CLASS_ORDER if classes.get(c, 0) > 0]
        order += sorted(c for c in classes if c not in CLASS_ORDER and classes[c] > 0)
        tid, did = self._id("classes"), self._id("classes-desc")
        w, h = 760.0, 40.0
        x = 0.0
        parts = []
        for c in order:
            n = classes[c]
            seg = n / total * w
            colour = CLASS_COLOURS.get(c, CLASS_COLOURS["unknown"])
            share = n / total * 100
            parts.append(
                f'<rect x="{_n(x)}" y="0" width="{_n(seg)}" height="{_n(h)}" fill="{colour}" '
                f'stroke="#ffffff" stroke-width="1"><title>{_e(c)}: {n:,} ({share:.0f} %)</title></rect>'
            )
            if seg >= 44:
                text_fill = "#ffffff" if c in _DARK_CLASSES else "#1f2328"
                parts.append(
                    f'<text x="{_n(x + seg / 2)}" y="{_n(h / 2 + 4)}" font-size="12" text-anchor="middle" '
                    f'fill="{text_fill}" aria-hidden="true">{share:.0f} %</text>'
                )
            x += seg
        desc = ", ".join(f"{c} {classes[c]:,}" for c in order)
        svg = (
            f'<svg class="chart class-breakdown" role="img" aria-labelledby="{tid} {did}" width="{_n(w)}" '
            f'height="{_n(h)}" viewBox="0 0 {_n(w)} {_n(h)}" xmlns="http://www.w3.org/2000/svg">'
            f'<title id="{tid}">Licenses by commons class</title><desc id="{did}">{_e(desc)}</desc>'
            + "".join(parts)
            + "</svg>"
        )
        legend = self._legend([(c, CLASS_COLOURS.get(c, CLASS_COLOURS["unknown"])) for c in order])
        rows = "".join(
            f'<tr><th scope="row">{self._class_chip(c)}</th><td class="num">{classes[c]:,}</td>'
            f'<td class="num">{classes[c] / total * 100:.1f} %</td></tr>'
            for c in order
        )
        table = (
            '<table class="classes"><caption>Licenses by commons class</caption><thead><tr>'
            '<th scope="col">Class</th><th scope="col" class="num">Count</th>'
            '<th scope="col" class="num">Share</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>"
        )
        return (
            f"<figure>{svg}<figcaption>Share of the licenses found, by commons class, from closed (left) to "
            f"commons-oriented (right).</figcaption>{legend}</figure>{table}"
        )

    def _legend(self, items: Iterable[tuple[str, str]]) -> str:
        lis = "".join(
            f'<li><span class="swatch" style="background:{colour}"></span>{_e(name)}</li>'
            for name, colour in items
        )
        return f'<ul class="legend">{lis}</ul>'

    def _inventory(self, counts: Any, caption: str, what: str) -> str:
        m = _map(counts)
        if not m:
            return _na(caption)
        items = sorted(((str(k), _int(v)) for k, v in m.items()), key=lambda kv: (-kv[1], kv[0]))
        shown = items[:MAX_INVENTORY]
        rows = "".join(f'<tr><td><code>{_e(k)}</code></td><td class="num">{v:,}</td></tr>' for k, v in shown)
        more = len(items) - len(shown)
        note = f'<p class="muted">… and {more:,} more license expressions.</p>' if more > 0 else ""
        return (
            f'<table class="inventory"><caption>{_e(caption)}</caption><thead><tr>'
            f'<th scope="col">License expression</th><th scope="col" class="num">{_e(what)}</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>{note}"
        )

    def _verdicts(self, verdicts: Any) -> str:
        m = _map(verdicts)
        out = ["<h3>Compatibility verdicts</h3>"]
        if not m:
            out.append(_na("Verdicts"))
            return "\n".join(out)
        colours = {
            "compatible": "#59a14f",
            "conditional": "#e9b949",
            "unknown": "#9e9e9e",
            "incompatible": "#d6604d",
        }
        badges = "".join(
            f'<div class="badge" role="listitem" style="border-left:6px solid {colours[k]}">'
            f"<b>{_int(m.get(k)):,}</b>{k}</div>"
            for k in ("compatible", "conditional", "unknown", "incompatible")
        )
        out.append(f'<div class="badges" role="list" aria-label="Verdicts by status">{badges}</div>')
        return "\n".join(out)

    def _findings(self, findings: Any) -> str:
        rows = [_map(f) for f in _list(findings)]
        out = ["<h3>Findings</h3>"]
        if not rows:
            out.append('<p class="na">No findings.</p>')
            return "\n".join(out)
        active = sum(1 for f in rows if not f.get("suppressed"))
        out.append(f"<p>{len(rows):,} finding{'s' if len(rows) != 1 else ''}, {active:,} not suppressed.</p>")
        body = []
        for f in rows[:MAX_FINDINGS]:
            sev = str(f.get("severity") or "")
            where = str(f.get("path") or "")
            if where and f.get("line") is not None:
                where += f":{f.get('line')}"
            suppressed = f.get("suppressed")
            cls = ' class="suppressed"' if suppressed else ""
            body.append(
                f"<tr{cls}>"
                f'<td class="sev-{_e(sev)}">{_e(sev or "—")}</td>'
                f"<td><code>{_e(f.get('rule') or '—')}</code></td>"
                f"<td>{_e(f.get('message') or '')}</td>"
                f"<td><code>{_e(f.get('subject') or '—')}</code></td>"
                f'<td class="path">{_e(where or "—")}</td>'
                f"<td><code>{_e(f.get('license') or '—')}</code></td>"
                f"<td>{_e(_suppression(suppressed))}</td>"
                "</tr>"
            )
        more = len(rows) - MAX_FINDINGS
        out.append(
            '<table class="findings"><caption>Policy findings</caption><thead><tr>'
            '<th scope="col">Severity</th><th scope="col">Rule</th><th scope="col">Message</th>'
            '<th scope="col">Subject</th><th scope="col">Where</th><th scope="col">License</th>'
            '<th scope="col">Suppressed</th></tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table>"
        )
        if more > 0:
            out.append(f'<p class="muted">… and {more:,} more findings (see the JSON format).</p>')
        return "\n".join(out)

    def _openness(self, openness: Any) -> str:
        m = _map(openness)
        out = ["<h3>Openness of this repository</h3>"]
        if not m:
            out.append(_na("Openness"))
            return "\n".join(out)
        out.append(self._index_block("Openness index", m.get("score")))
        out.append(self._components(m.get("components"), "Components of the openness index"))
        out.append("<h4>Co-creation model</h4>")
        out.append(self._model(m.get("model")))
        return "\n".join(out)

    # -- contributor graph -----------------------------------------------------------------------

    def _graph(self, graph: Any) -> str:
        g = _map(graph)
        out = ["<h3>Contributors</h3>"]
        if not g:
            out.append(_na("Contributor graph (no git history was analysed)"))
            return "\n".join(out)
        out.append(self._history(_map(g.get("history"))))
        colours = _org_colours(g)
        out.append(self._organizations(g.get("organizations"), colours))
        out.append(self._contributors(g.get("contributors"), colours))
        out.append(self._metrics(g.get("metrics")))
        out.append("<h4>Contributor network</h4>")
        out.append(self._network(_map(g.get("network")), colours))
        out.append("<h4>Organization share of commits over time</h4>")
        out.append(self._org_share(g.get("org_share_over_time"), colours))
        out.append("<h4>Newcomers over time</h4>")
        out.append(self._newcomers(g.get("newcomers_over_time")))
        return "\n".join(out)

    def _history(self, history: Mapping[str, Any]) -> str:
        if not history:
            return _na("History")
        text = (
            f"{_fmt(history.get('commits'))} commits ({_fmt(history.get('merges'))} merges), "
            f"from {_e(history.get('first') or '—')} to {_e(history.get('last') or '—')}."
        )
        if history.get("incomplete"):
            text += (
                ' <span class="warn">The history is incomplete (shallow clone or unreadable commits).</span>'
            )
        return f"<p>{text}</p>"

    def _organizations(self, organizations: Any, colours: _Colours) -> str:
        rows = [_map(o) for o in _list(organizations)]
        if not rows:
            return _na("Organizations")
        body = "".join(
            f'<tr><th scope="row"><span class="swatch" style="background:{colours.of(o.get("name"))}">'
            f"</span> {_e(o.get('name') or UNKNOWN)}</th>"
            f'<td class="num">{_e(_fmt(o.get("contributors")))}</td>'
            f'<td class="num">{_e(_fmt(o.get("commits")))}</td></tr>'
            for o in rows
        )
        return (
            '<table class="organizations"><caption>Organizations</caption><thead><tr>'
            '<th scope="col">Organization</th><th scope="col" class="num">Contributors</th>'
            f'<th scope="col" class="num">Commits</th></tr></thead><tbody>{body}</tbody></table>'
        )

    def _contributors(self, contributors: Any, colours: _Colours) -> str:
        rows = [_map(c) for c in _list(contributors)]
        if not rows:
            return _na("Contributors")
        body = "".join(
            f"<tr><td>{_e(c.get('name') or c.get('id') or '—')}</td>"
            f'<td><span class="swatch" style="background:{colours.of(c.get("organization"))}"></span> '
            f"{_e(c.get('organization') or UNKNOWN)}</td>"
            f"<td>{'bot' if c.get('bot') else ''}</td>"
            f'<td class="num">{_e(_fmt(c.get("commits")))}</td></tr>'
            for c in rows
        )
        return (
            f'<table class="contributors"><caption>Top {len(rows)} contributors</caption><thead><tr>'
            '<th scope="col">Name</th><th scope="col">Organization</th><th scope="col">Bot</th>'
            f'<th scope="col" class="num">Commits</th></tr></thead><tbody>{body}</tbody></table>'
        )

    def _metrics(self, metrics: Any) -> str:
        m = _map(metrics)
        if not m:
            return _na("Metrics")
        body = []
        for name in sorted(m, key=str):
            v = m[name]
            details: Any
            if isinstance(v, Mapping):
                value = v.get("value")
                details = {k: x for k, x in v.items() if k != "value"}
            else:
                value, details = v, {}
            body.append(
                f'<tr><th scope="row">{_e(_label(name))}</th><td class="num">{self._value(value, 1)}</td>'
                f"<td>{self._value(details, 0) if details else ''}</td></tr>"
            )
        return (
            '<table class="metrics"><caption>Metrics</caption><thead><tr><th scope="col">Metric</th>'
            '<th scope="col" class="num">Value</th><th scope="col">Details</th></tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table>"
        )

    def _network(self, network: Mapping[str, Any], colours: _Colours) -> str:
        nodes = [_map(n) for n in _list(network.get("nodes"))]
        nodes = [n for n in nodes if n.get("id") is not None]
        if not nodes:
            return _na("Contributor network")
        by_id = {str(n["id"]): n for n in nodes}
        edges: list[tuple[str, str, float]] = []
        for e in _list(network.get("edges")):
            em = _map(e)
            s, t = str(em.get("source")), str(em.get("target"))
            if s in by_id and t in by_id and s != t:
                w = em.get("weight")
                weight = float(w) if isinstance(w, int | float) and not isinstance(w, bool) and w > 0 else 1.0
                edges.append((s, t, weight))
        edges.sort()
        pos = _layout(sorted(by_id), edges)
        size = 720.0
        pad = 40.0
        max_commits = max((_int(n.get("commits")) for n in nodes), default=0) or 1
        max_weight = max((w for _, _, w in edges), default=1.0)

        def xy(node_id: str) -> tuple[float, float]:
            x, y = pos[node_id]
            return pad + (x + 1) / 2 * (size - 2 * pad), pad + (y + 1) / 2 * (size - 2 * pad)

        def radius(n: Mapping[str, Any]) -> float:
            return 4 + 16 * math.sqrt(max(_int(n.get("commits")), 0) / max_commits)

        parts = ['<g class="edges" stroke="#8c959f" stroke-opacity="0.55">']
        for s, t, w in edges:
            (x1, y1), (x2, y2) = xy(s), xy(t)
            label_s = by_id[s].get("label") or s
            label_t = by_id[t].get("label") or t
            parts.append(
                f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}" '
                f'stroke-width="{_n(0.6 + 3.4 * w / max_weight)}"><title>{_e(label_s)} — {_e(label_t)}: '
                f"{_e(_fmt(w))}</title></line>"
            )
        parts.append('</g><g class="nodes" stroke="#ffffff" stroke-width="1.2">')
        # Large nodes first so that small ones stay visible on top of them.
        order = sorted(nodes, key=lambda n: (-_int(n.get("commits")), str(n["id"])))
        for n in order:
            x, y = xy(str(n["id"]))
            org = n.get("organization")
            parts.append(
                f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(radius(n))}" fill="{colours.of(org)}">'
                f"<title>{_e(n.get('label') or n['id'])} — {_e(org or UNKNOWN)}, "
                f"{_e(_fmt(_int(n.get('commits'))))} commits</title></circle>"
            )
        parts.append('</g><g class="labels" font-size="11" fill="#1f2328" aria-hidden="true">')
        for n in order[:MAX_NETWORK_LABELS]:
            x, y = xy(str(n["id"]))
            r = radius(n)
            anchor = "start" if x < size / 2 else "end"
            dx = r + 3 if anchor == "start" else -(r + 3)
            parts.append(
                f'<text x="{_n(x + dx)}" y="{_n(y + 4)}" text-anchor="{anchor}" stroke="#ffffff" '
                f'stroke-width="3" paint-order="stroke">{_e(n.get("label") or n["id"])}</text>'
            )
        parts.append("</g>")
        tid, did = self._id("network"), self._id("network-desc")
        svg = (
            f'<svg class="chart network" role="img" aria-labelledby="{tid} {did}" width="{_n(size)}" '
            f'height="{_n(size)}" viewBox="0 0 {_n(size)} {_n(size)}" xmlns="http://www.w3.org/2000/svg">'
            f'<title id="{tid}">Contributor network</title>'
            f'<desc id="{did}">{len(nodes)} contributors and {len(edges)} links; each circle is a '
            "contributor, sized by commits and coloured by organization.</desc>"
            f'<rect width="{_n(size)}" height="{_n(size)}" fill="#fbfcfd"/>' + "".join(parts) + "</svg>"
        )
        present = {colours.key(n.get("organization")) for n in nodes}
        legend = self._legend((k, c) for k, c in colours.items() if k in present)
        return (
            f"<figure>{svg}<figcaption>Contributors linked when they work on the same files or commits; "
            f"circles sized by commits, coloured by organization, the {min(len(nodes), MAX_NETWORK_LABELS)} "
            f"most active labelled.</figcaption>{legend}</figure>"
        )

    def _org_share(self, series: Any, colours: _Colours) -> str:
        periods = [_map(p) for p in _list(series)]
        periods = [p for p in periods if p.get("period") is not None]
        if not periods:
            return _na("Organization share of commits over time")
        # Commits per period and colour key (organizations beyond the palette are summed).
        data: list[tuple[str, dict[str, int], int]] = []
        for p in periods:
            counts: dict[str, int] = {}
            for org, n in _map(p.get("commits")).items():
                k = colours.key(org)
                counts[k] = counts.get(k, 0) + max(_int(n), 0)
            data.append((str(p["period"]), counts, sum(counts.values())))
        keys = [k for k, _ in colours.items() if any(k in c for _, c, _ in data)]
        w, h = 1000.0, 300.0
        left, right, top, bottom = 44.0, 10.0, 10.0, 34.0
        pw, ph = w - left - right, h - top - bottom
        slot = pw / len(data)
        bar = max(1.0, slot * 0.82)
        parts = [self._y_axis(left, top, pw, ph, 100.0, 25.0, "%")]
        for i, (period, counts, total) in enumerate(data):
            x = left + i * slot + (slot - bar) / 2
            y = top + ph
            if total <= 0:
                continue
            for k in keys:
                n = counts.get(k, 0)
                if n <= 0:
                    continue
                hh = n / total * ph
                y -= hh
                parts.append(
                    f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(bar)}" height="{_n(hh)}" '
                    f'fill="{colours.colour(k)}"><title>{_e(period)} — {_e(k)}: {n:,} of {total:,} commits '
                    f"({n / total * 100:.0f} %)</title>"
                    "</rect>"
                )
        parts.append(self._x_labels([d[0] for d in data], left, slot, top + ph))
        tid, did = self._id("orgshare"), self._id("orgshare-desc")
        svg = (
            f'<svg class="chart org-share" role="img" aria-labelledby="{tid} {did}" width="{_n(w)}" '
            f'height="{_n(h)}" viewBox="0 0 {_n(w)} {_n(h)}" xmlns="http://www.w3.org/2000/svg">'
            f'<title id="{tid}">Organization share of commits over time</title>'
            f'<desc id="{did}">Stacked bars, one per period from {_e(data[0][0])} to {_e(data[-1][0])}, '
            "each the commits of that period split by organization.</desc>" + "".join(parts) + "</svg>"
        )
        legend = self._legend((k, colours.colour(k)) for k in keys)
        return (
            f"<figure>{svg}<figcaption>Each bar is one period's commits, 100 %, split by the organization of "
            f"their authors.</figcaption>{legend}</figure>"
        )

    def _newcomers(self, series: Any) -> str:
        periods = [_map(p) for p in _list(series)]
        periods = [p for p in periods if p.get("period") is not None]
        if not periods:
            return _na("Newcomers over time")
        top_value = max(
            (_int(p.get(k)) for p in periods for k, _, _ in NEWCOMER_SERIES if p.get(k) is not None),
            default=0,
        )
        step = _nice_step(max(top_value, 1))
        top_axis = max(step, math.ceil(max(top_value, 1) / step) * step)
        w, h = 1000.0, 260.0
        left, right, top, bottom = 44.0, 10.0, 10.0, 34.0
        pw, ph = w - left - right, h - top - bottom
        slot = pw / len(periods)
        bar = max(1.0, slot * 0.84 / len(NEWCOMER_SERIES))
        parts = [self._y_axis(left, top, pw, ph, top_axis, step, "")]
        for i, p in enumerate(periods):
            x0 = left + i * slot + (slot - bar * len(NEWCOMER_SERIES)) / 2
            for j, (key, label, colour) in enumerate(NEWCOMER_SERIES):
                raw = p.get(key)
                if raw is None:
                    continue
                n = max(_int(raw), 0)
                hh = n / top_axis * ph
                parts.append(
                    f'<rect x="{_n(x0 + j * bar)}" y="{_n(top + ph - hh)}" width="{_n(bar)}" '
                    f'height="{_n(hh)}" fill="{colour}">'
                    f"<title>{_e(p['period'])} — {_e(label)}: {n:,}</title></rect>"
                )
        parts.append(self._x_labels([str(p["period"]) for p in periods], left, slot, top + ph))
        tid, did = self._id("newcomers"), self._id("newcomers-desc")
        svg = (
            f'<svg class="chart newcomers" role="img" aria-labelledby="{tid} {did}" width="{_n(w)}" '
            f'height="{_n(h)}" viewBox="0 0 {_n(w)} {_n(h)}" xmlns="http://www.w3.org/2000/svg">'
            f'<title id="{tid}">Newcomers over time</title>'
            f'<desc id="{did}">For each period: how many contributors made their first commit, how many '
            "of them came from outside the company, and how many of them were retained.</desc>"
            + "".join(parts)
            + "</svg>"
        )
        legend = self._legend((label, colour) for _, label, colour in NEWCOMER_SERIES)
        return (
            f"<figure>{svg}<figcaption>Contributors whose first commit falls in each period; retained ones "
            "went on contributing afterwards (not yet known for the latest periods).</figcaption>"
            f"{legend}</figure>"
        )

    def _y_axis(
        self, left: float, top: float, pw: float, ph: float, top_value: float, step: float, unit: str
    ) -> str:
        parts = ['<g class="axis" font-size="10" fill="#59636e">']
        t = 0.0
        while t <= top_value + 1e-9:
            y = top + ph - t / top_value * ph
            parts.append(
                f'<line x1="{_n(left)}" y1="{_n(y)}" x2="{_n(left + pw)}" y2="{_n(y)}" stroke="#e1e4e8"/>'
                f'<text x="{_n(left - 5)}" y="{_n(y + 3)}" text-anchor="end">{_e(_fmt(t))}{_e(unit)}</text>'
            )
            t += step
        parts.append(
            f'<line x1="{_n(left)}" y1="{_n(top + ph)}" x2="{_n(left + pw)}" y2="{_n(top + ph)}" '
            'stroke="#59636e"/>'
        )
        parts.append("</g>")
        return "".join(parts)

    def _x_labels(self, labels: Sequence[str], left: float, slot: float, base: float) -> str:
        every = max(1, math.ceil(len(labels) / 14))
        parts = ['<g class="axis" font-size="10" fill="#59636e" text-anchor="middle">']
        for i, label in enumerate(labels):
            if i % every:
                continue
            parts.append(f'<text x="{_n(left + i * slot + slot / 2)}" y="{_n(base + 16)}">{_e(label)}</text>')
        parts.append("</g>")
        return "".join(parts)


class _Colours:
    """Colours of organizations in one repository's graph: the largest by commits get the palette, the
    rest share one colour; independent and unknown contributors have their own."""

    def __init__(self, ranked: Sequence[str]) -> None:
        self._colour: dict[str, str] = {}
        for org, colour in zip(ranked, ORG_PALETTE, strict=False):
            self._colour[org] = colour
        self._other = len(ranked) > len(ORG_PALETTE)

    def key(self, org: Any) -> str:
        """The legend entry an organization is drawn under."""
        if org is None or org == "" or org == UNKNOWN:
            return UNKNOWN
        org = str(org)
        if org == INDEPENDENT:
            return INDEPENDENT
        return org if org in self._colour else OTHER_ORGS

    def colour(self, key: str) -> str:
        if key == UNKNOWN:
            return UNKNOWN_COLOUR
        if key == INDEPENDENT:
            return INDEPENDENT_COLOUR
        return self._colour.get(key, OTHER_COLOUR)

    def of(self, org: Any) -> str:
        return self.colour(self.key(org))

    def items(self) -> list[tuple[str, str]]:
        """Legend entries in drawing order: organizations by size, then the others, independent, unknown."""
        out = list(self._colour.items())
        out.append((OTHER_ORGS, OTHER_COLOUR))
        out.append((INDEPENDENT, INDEPENDENT_COLOUR))
        out.append((UNKNOWN, UNKNOWN_COLOUR))
        return out


def _org_colours(graph: Mapping[str, Any]) -> _Colours:
    """Organizations ranked by commits (the organizations table, then the time series and the network
    for any it does not list), so that every chart of a repository colours an organization alike."""
    totals: dict[str, int] = {}
    for o in _list(graph.get("organizations")):
        om = _map(o)
        oname = om.get("name")
        if oname is not None:
            totals[str(oname)] = totals.get(str(oname), 0) + max(_int(om.get("commits")), 0)
    extra: dict[str, int] = {}
    for p in _list(graph.get("org_share_over_time")):
        for org, n in _map(_map(p).get("commits")).items():
            if str(org) not in totals:
                extra[str(org)] = extra.get(str(org), 0) + max(_int(n), 0)
    for node in _list(_map(graph.get("network")).get("nodes")):
        node_org = _map(node).get("organization")
        if node_org is not None and str(node_org) not in totals and str(node_org) not in extra:
            extra[str(node_org)] = 0
    merged = {**extra, **totals}
    ranked = [
        org
        for org, _ in sorted(merged.items(), key=lambda kv: (-kv[1], kv[0]))
        if org not in ("", INDEPENDENT, UNKNOWN)
    ]
    return _Colours(ranked)


def _layout(
    node_ids: Sequence[str], edges: Sequence[tuple[str, str, float]]
) -> dict[str, tuple[float, float]]:
    """Positions in [-1, 1] for each node: a spring layout with a fixed seed (deterministic), nodes and
    edges added in sorted order; a circle when networkx cannot lay it out."""
    n = len(node_ids)
    if n == 1:
        return {node_ids[0]: (0.0, 0.0)}
    try:
        import networkx as nx

        g: Any = nx.Graph()
        g.add_nodes_from(node_ids)
        g.add_weighted_edges_from(edges)
        raw = nx.spring_layout(g, seed=7, weight="weight", k=1.6 / math.sqrt(n), iterations=100)
        pos = {str(k): (float(v[0]), float(v[1])) for k, v in raw.items()}
    except Exception:  # a layout is decoration: never let it cost the report
        pos = {
            node: (math.cos(2 * math.pi * i / n), math.sin(2 * math.pi * i / n))
            for i, node in enumerate(node_ids)
        }
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    span = max(max(xs) - min(xs), max(ys) - min(ys)) / 2 or 1.0
    return {k: ((x - cx) / span, (y - cy) / span) for k, (x, y) in pos.items()}
