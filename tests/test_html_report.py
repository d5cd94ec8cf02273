# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The HTML audit report: rendered from a realistic audit document, then loaded in a real headless
Chromium (Debian's package) driven over the DevTools protocol through --remote-debugging-pipe (stdlib
only): the page must load with no console error and no network request besides itself, and a
screenshot must show the charts in their colours."""

from __future__ import annotations

import base64
import contextlib
import json
import os
import queue
import random
import shutil
import struct
import subprocess
import threading
import zlib
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from commonscheck.formats.html import CLASS_COLOURS, CSP, ORG_PALETTE, audit_html

EVIL = "<script>alert('x')</script>"


# -- a realistic audit document -------------------------------------------------------------------


def _component(
    name: str, score: float | None, weight: float, confidence: str, evidence: dict[str, Any]
) -> dict[str, Any]:
    return {"name": name, "score": score, "weight": weight, "confidence": confidence, "evidence": evidence}


def _graph() -> dict[str, Any]:
    rnd = random.Random(11)
    orgs = ["acme.com", "globex.com", "initech.com", "independent", None]
    contributors = []
    for i in range(24):
        org = orgs[i % len(orgs)] if i else "acme.com"
        name = f"Dev {i:02d}" if i != 3 else f"Mallory {EVIL}"
        contributors.append(
            {
                "id": f"p{i}",
                "name": name,
                "organization": org,
                "bot": i == 23,
                "commits": max(1, 400 // (i + 1)),
            }
        )
    edges = []
    for i in range(24):
        for j in range(i + 1, 24):
            if rnd.random() < 0.18 or j == i + 1:
                edges.append({"source": f"p{i}", "target": f"p{j}", "weight": rnd.randint(1, 9)})
    periods = [f"{y}Q{q}" for y in (2023, 2024, 2025) for q in (1, 2, 3, 4)]
    share = []
    newcomers = []
    for k, period in enumerate(periods):
        share.append(
            {
                "period": period,
                "commits": {
                    "acme.com": 40 + 3 * k,
                    "globex.com": 5 + k,
                    "initech.com": 2 * (k % 3),
                    "independent": 10 + (k % 4),
                    "unknown": 3,
                },
            }
        )
        newcomers.append(
            {
                "period": period,
                "newcomers": 3 + k % 5,
                "outside": 1 + k % 3,
                "retained": None if k >= len(periods) - 2 else k % 3,
            }
        )
    return {
        "history": {
            "commits": 1398,
            "merges": 120,
            "first": "2023-01-04",
            "last": "2025-12-19",
            "incomplete": False,
        },
        "contributors": contributors[:10],
        "organizations": [
            {"name": "acme.com", "contributors": 6, "commits": 900},
            {"name": "globex.com", "contributors": 5, "commits": 200},
            {"name": "initech.com", "contributors": 4, "commits": 60},
            {"name": "independent", "contributors": 5, "commits": 180},
        ],
        "metrics": {
            "truck_factor": {"value": 2, "authors": ["Dev 00", "Dev 01"]},
            "elephant_factor": {"value": 1, "variant": "commits", "unknown_share": 0.04},
            "organizational_diversity": {"value": 0.42},
        },
        "network": {
            "nodes": [
                {
                    "id": c["id"],
                    "label": c["name"],
                    "organization": c["organization"],
                    "commits": c["commits"],
                }
                for c in contributors
            ],
            "edges": edges,
        },
        "org_share_over_time": share,
        "newcomers_over_time": newcomers,
    }


def example_doc() -> dict[str, Any]:
    """An audit of two repositories, the second without git history, openness or findings."""
    components = [
        _component("open_inputs", 82.5, 0.3, "high", {"dependencies": 140, "non_open": ["pkg:npm/x@1"]}),
        _component("commons_output", 70.0, 0.3, "medium", {"outbound": "Apache-2.0", "class": "permissive"}),
        _component(
            "co_creation",
            35.0,
            0.4,
            "low",
            {"outside_share": 0.21, "cla": {"present": True, "relicense": True}},
        ),
    ]
    model = {
        "name": "crowdsourcing under company control",
        "evidence": ["a CLA lets acme.com relicense", "21 % of commits from outside acme.com"],
    }
    repo1 = {
        "path": "services/core",
        "declared_license": "Apache-2.0",
        "outbound": "Apache-2.0",
        "outbound_class": "permissive",
        "licenses": {
            "files": {"Apache-2.0": 812, "MIT": 40, "LicenseRef-scancode-unknown": 3},
            "packages": {"MIT": 90, "Apache-2.0": 30, "BSD-3-Clause": 12, "GPL-3.0-only": 2, "BUSL-1.1": 1},
            "classes": {"permissive": 970, "strong-reciprocal": 2, "source-available": 1, "unknown": 3},
        },
        "verdicts": {"compatible": 970, "conditional": 3, "unknown": 3, "incompatible": 3},
        "findings": [
            {
                "rule": "incompatible",
                "severity": "error",
                "message": "GPL-3.0-only cannot be carried by Apache-2.0",
                "subject": "pkg:pypi/gplthing@1.0",
                "path": "requirements.txt",
                "line": 4,
                "license": "GPL-3.0-only",
                "suppressed": False,
            },
            {
                "rule": "source-available",
                "severity": "warning",
                "message": f"BUSL-1.1 is source-available {EVIL}",
                "subject": "pkg:npm/busl@2",
                "path": f"web/{EVIL}/package-lock.json",
                "line": None,
                "license": "BUSL-1.1",
                "suppressed": "allowed until the migration (ticket 12)",
            },
        ],
        "graph": _graph(),
        "openness": {"score": 61.25, "components": components, "model": model},
    }
    repo2 = {
        "path": f"vendor/{EVIL}",
        "declared_license": None,
        "outbound": "MIT",
        "outbound_class": "permissive",
        "licenses": {"files": {"MIT": 12}, "packages": {}, "classes": {"permissive": 12}},
        "verdicts": {"compatible": 12, "conditional": 0, "unknown": 0, "incompatible": 0},
        "findings": [],
        "graph": None,
        "openness": None,
    }
    return {
        "schema": "commonscheck.audit/1",
        "tool": {"name": "commonscheck", "version": "0.9.0"},
        "company": {"score": 61.25, "components": components, "model": model, "organizations": ["acme.com"]},
        "repositories": [repo1, repo2],
    }


# -- unit tests -----------------------------------------------------------------------------------


class _Collect(HTMLParser):
    """Every start tag with its attributes, and the text, as the browser's tokenizer would see them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(page: str) -> _Collect:
    p = _Collect()
    p.feed(page)
    p.close()
    return p


def test_every_section_is_there() -> None:
    page = audit_html(example_doc())
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    for heading in (
        "Summary",
        "Co-creation model",
        "Components of the openness index",
        "Licenses",
        "Commons classes",
        "Licenses of files",
        "Licenses of dependencies",
        "Compatibility verdicts",
        "Findings",
        "Openness of this repository",
        "Contributors",
        "Contributor network",
        "Organization share of commits over time",
        "Newcomers over time",
    ):
        assert heading in page, heading
    parsed = _parse(page)
    svg_classes = [a.get("class") for t, a in parsed.tags if t == "svg"]
    for chart in ("chart class-breakdown", "chart network", "chart org-share", "chart newcomers", "gauge"):
        assert chart in svg_classes, chart
    # The index as a big number, the model with its evidence, the company's organizations.
    assert "61<small> / 100</small>" in page
    assert "crowdsourcing under company control" in page
    assert "a CLA lets acme.com relicense" in page
    # Evidence is readable text, not JSON.
    text = "".join(parsed.text)
    assert "outside share: 0.21" in text
    assert "relicense: yes" in text
    # One circle per network node, coloured by organization; the largest organization gets the first colour.
    circles = [a for t, a in parsed.tags if t == "circle"]
    assert len(circles) == 24
    assert circles[0]["fill"] == ORG_PALETTE[0]
    # A legend names each organization.
    assert "globex.com" in text and "independent" in text
    # Every SVG is labelled for assistive technology, and ids are unique.
    ids = [a["id"] for _, a in parsed.tags if a.get("id")]
    assert len(ids) == len(set(ids))
    for t, a in parsed.tags:
        if t == "svg":
            assert a.get("role") == "img"
            for ref in (a.get("aria-labelledby") or "").split():
                assert ref in ids
    # Findings are a semantic table with both rows; the suppressed one says why.
    assert "allowed until the migration (ticket 12)" in text
    assert sum(1 for t, a in parsed.tags if t == "tr" and a.get("class") == "suppressed") == 1


def test_self_contained_and_no_network() -> None:
    page = audit_html(example_doc())
    parsed = _parse(page)
    assert ("meta", {"http-equiv": "Content-Security-Policy", "content": CSP}) in parsed.tags
    assert "default-src 'none'" in CSP
    assert not any(
        t in ("script", "iframe", "object", "embed", "img", "link") and t != "link" for t, _ in parsed.tags
    )
    for t, a in parsed.tags:
        for name, value in a.items():
            if name in ("href", "src", "xlink:href") and value:
                assert value.startswith(("#", "data:")), (t, name, value)
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in page
    assert "@import" not in page and "url(" not in page


def test_untrusted_text_is_escaped() -> None:
    page = audit_html(example_doc())
    parsed = _parse(page)
    assert not any(t == "script" for t, _ in parsed.tags)
    assert "<script>" not in page
    text = "".join(parsed.text)
    # The contributor's name, the repository's path and a finding's path come out as text.
    assert f"Mallory {EVIL}" in text
    assert f"vendor/{EVIL}" in text
    assert f"web/{EVIL}/package-lock.json" in text
    # Attributes too: a quote in an organization name cannot leave its attribute.
    doc = example_doc()
    doc["repositories"][0]["graph"]["network"]["nodes"][0]["organization"] = '"><svg onload=alert(1)>'
    doc["company"]["organizations"] = ['"onmouseover="x']
    page = audit_html(doc)
    assert not any("onload" in a or "onmouseover" in a for _, a in _parse(page).tags)


def test_deterministic() -> None:
    assert audit_html(example_doc()) == audit_html(example_doc())
    # Key order in count maps does not matter for the inventory.
    doc = example_doc()
    files = doc["repositories"][0]["licenses"]["files"]
    doc["repositories"][0]["licenses"]["files"] = dict(reversed(list(files.items())))
    assert audit_html(doc) == audit_html(example_doc())


def test_missing_parts_say_not_available() -> None:
    page = audit_html(example_doc())
    repo2 = page[page.index('id="repo-2"') :]
    assert "Contributor graph (no git history was analysed): not available." in repo2
    assert "Openness: not available." in repo2
    assert "No findings." in repo2
    assert "Licenses of dependencies: not available." in repo2
    assert 'class="chart network"' not in repo2


@pytest.mark.parametrize(
    "doc",
    [
        {},
        {"schema": "commonscheck.audit/1"},
        {"company": None, "repositories": None},
        {
            "company": {"score": None, "components": [], "model": None, "organizations": []},
            "repositories": [{}],
        },
        {
            "repositories": [
                {
                    "path": "x",
                    "licenses": {"files": {}, "packages": {}, "classes": {"permissive": 0}},
                    "verdicts": {},
                    "findings": [{}],
                    "graph": {
                        "history": {},
                        "contributors": [{}],
                        "organizations": [],
                        "metrics": {"odd": 3, "nan": {"value": float("nan")}},
                        "network": {"nodes": [{"id": 1}], "edges": [{"source": 1, "target": 9}]},
                        "org_share_over_time": [{"period": "2024Q1", "commits": {}}],
                        "newcomers_over_time": [
                            {"period": "2024Q1", "newcomers": 0, "outside": 0, "retained": None}
                        ],
                    },
                    "openness": {
                        "score": 140,
                        "components": [{"name": "x", "score": None, "evidence": None}],
                    },
                }
            ]
        },
    ],
)
def test_empty_and_odd_documents_render(doc: dict[str, Any]) -> None:
    page = audit_html(doc)
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    _parse(page)


def test_many_organizations_share_one_colour_beyond_the_palette() -> None:
    doc = example_doc()
    g = doc["repositories"][0]["graph"]
    g["organizations"] = [
        {"name": f"org{i:02d}.example", "contributors": 1, "commits": 100 - i} for i in range(15)
    ]
    for i, node in enumerate(g["network"]["nodes"]):
        node["organization"] = f"org{i % 15:02d}.example"
    g["org_share_over_time"] = [
        {"period": "2025Q1", "commits": {f"org{i:02d}.example": 3 for i in range(15)}}
    ]
    page = audit_html(doc)
    assert "other organizations" in page
    fills = {a["fill"] for t, a in _parse(page).tags if t == "circle"}
    assert len(fills) == len(ORG_PALETTE) + 1


# -- the real browser -----------------------------------------------------------------------------


def _chromium(name: str = "chromium", debian_path: str = "/usr/bin/chromium") -> str:
    """Debian's chromium; when it is missing, CI fails (its .ci/run installs it) and a developer skips."""
    found = shutil.which(name) or (debian_path if Path(debian_path).exists() else None)
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("Debian's chromium is missing in CI (.ci/run installs it with apt-get)")
        pytest.skip(
            "Debian's chromium is not installed (apt-get install chromium); the browser tests need it"
        )
    return found


def test_missing_chromium_fails_in_ci_and_skips_elsewhere(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    absent = ("commonscheck-no-such-browser", str(tmp_path / "chromium"))
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="missing in CI"):
        _chromium(*absent)
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="not installed"):
        _chromium(*absent)


class _DevTools:
    """Chromium headless driven over the DevTools protocol on --remote-debugging-pipe: messages are
    JSON, NUL-terminated, written to the browser's fd 3 and read from its fd 4."""

    def __init__(self, binary: str, profile: Path) -> None:
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()
        args = [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--remote-debugging-pipe",
            f"--user-data-dir={profile}",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-extensions",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-default-apps",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
            "--window-size=1280,3000",
            "about:blank",
        ]
        # bash, not sh: dash cannot redirect from descriptors above 9.
        self.proc = subprocess.Popen(
            ["/bin/bash", "-c", f'exec "$0" "$@" 3<&{to_browser_r} 4>&{from_browser_w}', binary, *args],
            pass_fds=(to_browser_r, from_browser_w),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._next = 0
        self._replies: dict[int, dict[str, Any]] = {}
        self.events: list[dict[str, Any]] = []
        self._inbox: queue.Queue[dict[str, Any] | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        buf = b""
        while True:
            chunk = os.read(self._from_browser, 1 << 20)
            if not chunk:
                self._inbox.put(None)
                return
            buf += chunk
            while b"\0" in buf:
                raw, buf = buf.split(b"\0", 1)
                self._inbox.put(json.loads(raw))

    def _pump(self, timeout: float) -> None:
        msg = self._inbox.get(timeout=timeout)
        if msg is None:
            raise RuntimeError("chromium closed the DevTools pipe")
        if "id" in msg:
            self._replies[msg["id"]] = msg
        else:
            self.events.append(msg)

    def call(
        self, method: str, session: str | None = None, timeout: float = 30, **params: Any
    ) -> dict[str, Any]:
        self._next += 1
        msg: dict[str, Any] = {"id": self._next, "method": method, "params": params}
        if session:
            msg["sessionId"] = session
        os.write(self._to_browser, json.dumps(msg).encode() + b"\0")
        while self._next not in self._replies:
            self._pump(timeout)
        reply = self._replies.pop(self._next)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        result: dict[str, Any] = reply.get("result", {})
        return result

    def wait_event(self, method: str, timeout: float = 30) -> dict[str, Any]:
        seen = 0
        while True:
            for ev in self.events[seen:]:
                if ev.get("method") == method:
                    return ev
            seen = len(self.events)
            self._pump(timeout)

    def settle(self, seconds: float) -> None:
        """Collect events for a while (late console messages, late requests)."""
        try:
            while True:
                self._pump(seconds)
        except queue.Empty:
            pass

    def close(self) -> None:
        with contextlib.suppress(Exception):  # it may be gone already; then wait() below returns at once
            self.call("Browser.close", timeout=10)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._to_browser)


class _Visit:
    """What a page did in the browser: its requests, its console errors, values of expressions, shots."""

    def __init__(self, devtools: _DevTools, session: str, url: str) -> None:
        self.devtools, self.session, self.url = devtools, session, url

    def requests(self) -> list[str]:
        return [
            e["params"]["request"]["url"]
            for e in self.devtools.events
            if e.get("sessionId") == self.session and e.get("method") == "Network.requestWillBeSent"
        ]

    def errors(self) -> list[str]:
        out = []
        for e in self.devtools.events:
            if e.get("sessionId") != self.session:
                continue
            m, p = e.get("method"), e.get("params", {})
            if m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert", "warning"):
                out.append(f"console.{p['type']}: {p.get('args')}")
            elif m == "Runtime.exceptionThrown":
                out.append(f"exception: {p.get('exceptionDetails')}")
            elif m == "Log.entryAdded" and p.get("entry", {}).get("level") in ("error", "warning"):
                out.append(f"log {p['entry'].get('source')}: {p['entry'].get('text')}")
            elif m == "Network.loadingFailed":
                out.append(f"loading failed: {p.get('errorText')} {p.get('blockedReason')}")
        return out

    def evaluate(self, expression: str) -> Any:
        r = self.devtools.call(
            "Runtime.evaluate", self.session, expression=expression, returnByValue=True, awaitPromise=True
        )
        return r["result"].get("value")

    def screenshot(self, clip: dict[str, float] | None = None) -> bytes:
        # optimizeForSpeed makes Chromium write every row with the Up filter, which numpy undoes at once.
        params: dict[str, Any] = {"format": "png", "optimizeForSpeed": True}
        if clip is not None:
            params.update(clip={**clip, "scale": 1}, captureBeyondViewport=True)
        return base64.b64decode(self.devtools.call("Page.captureScreenshot", self.session, **params)["data"])


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[_DevTools]:
    devtools = _DevTools(_chromium(), tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield devtools
    finally:
        devtools.close()


def _visit(browser: _DevTools, path: Path) -> _Visit:
    target = browser.call("Target.createTarget", url="about:blank")["targetId"]
    session = browser.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
    for domain in ("Page", "Runtime", "Log", "Network"):
        browser.call(f"{domain}.enable", session)
    browser.call(
        "Emulation.setDeviceMetricsOverride",
        session,
        width=1280,
        height=3000,
        deviceScaleFactor=1,
        mobile=False,
    )
    url = path.resolve().as_uri()
    browser.call("Page.navigate", session, url=url)
    while True:
        ev = browser.wait_event("Page.loadEventFired")
        if ev.get("sessionId") == session:
            break
        browser.events.remove(ev)
    browser.settle(0.5)
    return _Visit(browser, session, url)


def _png_pixels(png: bytes) -> np.ndarray[Any, Any]:
    """A tiny PNG decoder (8-bit RGB or RGBA, not interlaced, as Chromium writes them): height x width x
    channels."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat = 8, b""
    width = height = channels = 0
    while pos < len(png):
        (length,) = struct.unpack(">I", png[pos : pos + 4])
        kind, data = png[pos + 4 : pos + 8], png[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", data)
            assert depth == 8 and colour in (2, 6) and interlace == 0, (depth, colour, interlace)
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += data
    raw = np.frombuffer(zlib.decompress(idat), dtype=np.uint8).reshape(height, 1 + width * channels)
    out = np.zeros((height, width * channels), dtype=np.uint8)
    prev = np.zeros(width * channels, dtype=np.int32)
    bpp = channels
    for y in range(height):
        kind, line = raw[y, 0], raw[y, 1:].astype(np.int32)
        if kind == 0:
            cur = line
        elif kind == 2:
            cur = (line + prev) & 0xFF
        elif kind == 1:
            cur = (np.cumsum(line.reshape(width, bpp), axis=0) & 0xFF).reshape(-1)
        else:
            # Average and Paeth depend on the pixel just decoded to the left: pixel by pixel.
            cur = line.copy()
            up = prev
            for x in range(width * bpp):
                a = int(cur[x - bpp]) if x >= bpp else 0
                b = int(up[x])
                if kind == 3:
                    cur[x] = (cur[x] + (a + b) // 2) & 0xFF
                else:
                    c = int(up[x - bpp]) if x >= bpp else 0
                    p = a + b - c
                    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                    pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                    cur[x] = (cur[x] + pred) & 0xFF
        out[y] = cur
        prev = cur
    return out.reshape(height, width, channels)[:, :, :3]


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _count(pixels: np.ndarray[Any, Any], colour: str) -> int:
    return int(np.all(pixels == np.array(_rgb(colour), dtype=np.uint8), axis=2).sum())


@pytest.fixture(scope="module")
def report_visit(browser: _DevTools, tmp_path_factory: pytest.TempPathFactory) -> _Visit:
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(audit_html(example_doc()), encoding="utf-8")
    return _visit(browser, path)


def test_browser_loads_the_report_without_errors_or_requests(report_visit: _Visit) -> None:
    assert report_visit.evaluate("document.readyState") == "complete"
    assert report_visit.requests() == [report_visit.url]
    assert report_visit.errors() == []
    # The browser parsed what we meant: no script element, the untrusted text as text, every chart drawn.
    assert report_visit.evaluate("document.querySelectorAll('script').length") == 0
    body = report_visit.evaluate("document.body.innerText")
    assert f"Mallory {EVIL}" in body and f"vendor/{EVIL}" in body
    sizes = report_visit.evaluate(
        "Array.from(document.querySelectorAll('svg.chart')).map(s => {"
        " const r = s.getBoundingClientRect(); return [s.getAttribute('class'), r.width, r.height]; })"
    )
    assert [s[0] for s in sizes] == [
        "chart class-breakdown",
        "chart network",
        "chart org-share",
        "chart newcomers",
        "chart class-breakdown",
    ]
    assert all(w > 300 and h > 30 for _, w, h in sizes), sizes
    assert report_visit.evaluate("document.querySelectorAll('svg.network circle').length") == 24


def test_browser_screenshot_shows_the_charts(report_visit: _Visit, tmp_path: Path) -> None:
    shot = report_visit.screenshot()
    out = Path(os.environ.get("COMMONSCHECK_SCREENSHOT_DIR") or tmp_path) / "audit-report.png"
    out.write_bytes(shot)
    assert out.stat().st_size > 10_000
    width, height = struct.unpack(">II", shot[16:24])
    assert (width, height) == (1280, 3000)
    pixels = _png_pixels(shot)
    packed = pixels.astype(np.uint32)
    colours = np.unique((packed[:, :, 0] << 16) | (packed[:, :, 1] << 8) | packed[:, :, 2])
    assert len(colours) > 200  # text, charts and their anti-aliasing; a blank page has one
    # Each chart, shot on its own, shows its colours: the commons classes, the organizations' nodes,
    # the stacked shares and the newcomer bars.
    rects = report_visit.evaluate(
        "Array.from(document.querySelectorAll('svg.chart')).slice(0, 4).map(s => {"
        " const r = s.getBoundingClientRect();"
        " return {x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height}; })"
    )
    breakdown, network, share, newcomers = (_png_pixels(report_visit.screenshot(r)) for r in rects)
    assert _count(breakdown, CLASS_COLOURS["permissive"]) > 5000
    assert _count(network, ORG_PALETTE[0]) > 300  # acme.com's circles
    assert _count(network, ORG_PALETTE[1]) > 100  # globex.com's circles
    for colour in (ORG_PALETTE[0], ORG_PALETTE[1], ORG_PALETTE[2]):
        assert _count(share, colour) > 500, colour
    for colour in ("#4e79a7", "#f28e2b", "#59a14f"):
        assert _count(newcomers, colour) > 200, colour


def test_browser_harness_sees_a_blocked_request(browser: _DevTools, tmp_path: Path) -> None:
    """The control: the same page with an outside image is caught (and the CSP refuses the image)."""
    page = audit_html(example_doc()).replace(
        "</main>", '<img src="https://example.invalid/x.png" alt=""></main>'
    )
    path = tmp_path / "leaky.html"
    path.write_text(page, encoding="utf-8")
    visit = _visit(browser, path)
    assert any("example.invalid" in e for e in visit.errors() + visit.requests()), (
        visit.errors(),
        visit.requests(),
    )
    assert "Content Security Policy" in " ".join(visit.errors())
