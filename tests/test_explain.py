# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The explain command: verdicts with reasons and sources, the default outbound, usage errors."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from commonscheck.cli import app
from conftest import license_text, make_repo

runner = CliRunner()


def test_json_lists_one_verdict_per_outbound_with_reasons_and_sources() -> None:
    result = runner.invoke(app, ["explain", "Apache-2.0", "GPL-2.0-only", "GPL-3.0-or-later", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    verdicts = json.loads(result.stdout)
    assert [(v["outbound"], v["status"]) for v in verdicts] == [
        ("GPL-2.0-only", "incompatible"),
        ("GPL-3.0-or-later", "compatible"),
    ]
    for v in verdicts:
        assert set(v) == {"subject", "inbound", "outbound", "context", "status", "reasons", "sources"}
        assert v["reasons"] and v["sources"]
        assert v["context"] == "static"


def test_context_changes_the_outcome() -> None:
    def status(context: str) -> str:
        args = ["explain", "GPL-3.0-only", "LicenseRef-Proprietary", "--context", context, "-f", "json"]
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.stderr
        return str(json.loads(result.stdout)[0]["status"])

    # a GPL library inside a proprietary product is not allowed; using it only to build and test is
    assert status("static") == "incompatible"
    assert status("dev") == "compatible"


def test_default_outbound_is_the_projects_declared_license(tmp_path: Path) -> None:
    root = tmp_path / "proj"
    make_repo(root, {"LICENSE": license_text("gpl-2.0"), "src/a.py": "x = 1\n"})
    result = runner.invoke(app, ["explain", "Apache-2.0", "--path", str(root), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    [verdict] = json.loads(result.stdout)
    assert verdict["outbound"] == "GPL-2.0-only"
    assert verdict["status"] == "incompatible"


def test_terminal_names_classes_and_errors_are_one_line(tmp_path: Path) -> None:
    shown = runner.invoke(app, ["explain", "MIT", "AGPL-3.0-only"])
    assert "MIT into AGPL-3.0-only (static): compatible" in shown.stdout
    assert "AGPL-3.0-only: network-reciprocal" in shown.stdout
    bad = runner.invoke(app, ["explain", "MIT AND", "GPL-3.0-only"])
    assert bad.exit_code == 2
    assert bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr
    assert runner.invoke(app, ["explain", "MIT", "GPL-3.0-only", "--context", "web"]).exit_code == 2
    (tmp_path / "empty").mkdir()
    none = runner.invoke(app, ["explain", "MIT", "--path", str(tmp_path / "empty")])
    assert none.exit_code == 3
    assert "all rights reserved" in none.stderr


def test_licenses_lists_classes_and_filters() -> None:
    copyfair = runner.invoke(app, ["licenses", "copyfair", "-f", "json"])
    assert copyfair.exit_code == 0
    assert [k["id"] for k in json.loads(copyfair.stdout)] == ["PPL"]
    gpl = json.loads(runner.invoke(app, ["licenses", "gpl-3.0", "-f", "json"]).stdout)
    by_id = {k["id"]: k for k in gpl}
    assert by_id["GPL-3.0-or-later"]["class"] == "strong-reciprocal"
    assert by_id["AGPL-3.0-only"]["class"] == "network-reciprocal"
    assert by_id["GPL-3.0-only"]["osi_approved"] is True
    assert all(k["sources"] for k in gpl)
    none = runner.invoke(app, ["licenses", "no-such-license-anywhere"])
    assert none.exit_code == 1 and "no license matches" in none.stderr


def test_policy_option_adds_the_policys_decision_on_each_side() -> None:
    args = ["explain", "AGPL-3.0-only", "MIT", "GPL-3.0-or-later", "--policy", "commons", "--format", "json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    records = json.loads(result.stdout)
    assert [r["policy"]["inbound"]["outcome"] for r in records] == ["allow", "allow"]
    # commons asks for reciprocal output: MIT out is denied, GPL out allowed
    assert [r["policy"]["outbound"]["outcome"] for r in records] == ["deny", "allow"]
    denied = runner.invoke(app, ["explain", "AGPL-3.0-only", "MIT", "--policy", "no-network-copyleft"])
    assert "policy no-network-copyleft (inbound AGPL-3.0-only): deny" in denied.stdout
    bad = runner.invoke(app, ["explain", "MIT", "MIT", "--policy", "nope"])
    assert bad.exit_code == 2 and "nope" in bad.stderr
