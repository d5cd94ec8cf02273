# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""`commonscheck check` and `commonscheck init` end to end: real git repositories, real SPDX tags and
license texts, real dist-info metadata copied from this environment, the real CLI."""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta
from importlib import metadata
from pathlib import Path

import git
import pytest
from typer.testing import CliRunner

from commonscheck.cli import app
from conftest import AUTHOR, license_text, make_repo, write_tree

runner = CliRunner()


# Split so that this file's own scan does not read a tag with a placeholder in it.
_TAG = "SPDX-" + "License-Identifier"


def _tag(expression: str, body: str = "print('hello')\n") -> str:
    return f"# {_TAG}: {expression}\n{body}"


def _check(*args: str) -> tuple[int, dict[str, object], str]:
    result = runner.invoke(app, ["check", *args, "--format", "json", "--jobs", "1"])
    doc = json.loads(result.stdout) if result.stdout.strip().startswith("{") else {}
    return result.exit_code, doc, result.stderr


def _rules(doc: dict[str, object]) -> list[tuple[str, str, str | None]]:
    findings = doc["findings"]
    assert isinstance(findings, list)
    return [(f["rule"], f["subject"], f["suppressed"]) for f in findings]


def _site_packages(tmp_path: Path, *dists: str) -> Path:
    """A site-packages folder holding the real dist-info folders of installed distributions."""
    site = tmp_path / "env" / "site-packages"
    site.mkdir(parents=True)
    for name in dists:
        dist = metadata.distribution(name)
        info = Path(str(dist._path))  # type: ignore[attr-defined]
        shutil.copytree(info, site / info.name)
    return site


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """MIT, GPL-2.0-only and an unknown LicenseRef, each declared with an SPDX tag."""
    root = tmp_path / "mixed"
    make_repo(
        root,
        {
            "src/ok.py": _tag("MIT"),
            "src/gpl.py": _tag("GPL-2.0-only"),
            "src/odd.py": _tag("LicenseRef-Acme-Internal"),
        },
    )
    return root


def test_verdicts_and_findings_for_each_file(mixed: Path) -> None:
    code, doc, _ = _check(str(mixed), "--outbound", "Apache-2.0")
    assert code == 1
    by_subject = {v["subject"]: v for v in doc["verdicts"]}  # type: ignore[union-attr]
    assert by_subject["file:src/ok.py"]["status"] == "compatible"
    assert by_subject["file:src/gpl.py"]["status"] == "incompatible"
    assert by_subject["file:src/odd.py"]["status"] == "unknown"
    assert all(v["sources"] for v in doc["verdicts"] if v["status"] != "unknown")  # type: ignore[union-attr]
    rules = _rules(doc)
    assert ("incompatible-license", "file:src/gpl.py", None) in rules
    assert ("unknown-license", "file:src/odd.py", None) in rules
    assert doc["outbound"] == "Apache-2.0" and doc["outbound_origin"] == "--outbound"
    assert doc["summary"]["findings"] == {"error": 1, "warning": 1, "note": 0}  # type: ignore[index]
    finding = next(f for f in doc["findings"] if f["rule"] == "incompatible-license")  # type: ignore[union-attr]
    assert (finding["path"], finding["line"]) == ("src/gpl.py", 1)


@pytest.mark.parametrize(
    ("fail_on", "expected"), [("error", 1), ("warning", 1), ("note", 1), ("never", 0)]
)
def test_exit_code_for_each_fail_on_with_an_error(mixed: Path, fail_on: str, expected: int) -> None:
    code, doc, _ = _check(str(mixed), "--outbound", "Apache-2.0", "--fail-on", fail_on)
    assert code == expected
    assert doc["passed"] is (expected == 0)


@pytest.mark.parametrize(("fail_on", "expected"), [("error", 0), ("warning", 1), ("never", 0)])
def test_exit_code_for_each_fail_on_with_only_a_warning(
    tmp_path: Path, fail_on: str, expected: int
) -> None:
    root = tmp_path / "warn"
    make_repo(root, {"a.py": _tag("MIT"), "b.py": _tag("LicenseRef-Acme-Internal")})
    code, _, _ = _check(str(root), "--outbound", "MIT", "--fail-on", fail_on)
    assert code == expected


def test_exit_zero_reports_but_passes(mixed: Path) -> None:
    code, doc, _ = _check(str(mixed), "--outbound", "Apache-2.0", "--exit-zero")
    assert code == 0
    assert doc["summary"]["findings"]["error"] == 1  # type: ignore[index]


def test_no_outbound_license_is_an_error_not_a_guess(mixed: Path) -> None:
    code, doc, _ = _check(str(mixed))
    assert code == 1
    assert doc["outbound"] is None
    assert doc["verdicts"] == []
    assert ("no-outbound-license", "project", None) in _rules(doc)


def test_outbound_declared_by_license_file(tmp_path: Path) -> None:
    root = tmp_path / "declared"
    make_repo(root, {"LICENSE": license_text("mit"), "a.py": _tag("GPL-3.0-or-later")})
    code, doc, _ = _check(str(root))
    assert doc["outbound"] == "MIT"
    assert doc["outbound_origin"] == "declared in LICENSE"
    assert ("incompatible-license", "file:a.py", None) in _rules(doc)
    assert code == 1


def test_configured_outbound_wins_and_a_different_declaration_is_noted(tmp_path: Path) -> None:
    root = tmp_path / "configured"
    make_repo(
        root,
        {
            "LICENSE": license_text("mit"),
            "a.py": _tag("GPL-3.0-or-later"),
            "commonscheck.toml": 'outbound = "GPL-3.0-or-later"\n',
        },
    )
    code, doc, _ = _check(str(root))
    assert doc["outbound"] == "GPL-3.0-or-later"
    assert doc["outbound_origin"] == "configured in commonscheck.toml"
    rules = [r for r, _, _ in _rules(doc)]
    assert rules == ["outbound-differs-from-declared"]
    # the LICENSE file declares the outbound side: it is not judged as inbound
    assert "file:LICENSE" not in {v["subject"] for v in doc["verdicts"]}  # type: ignore[union-attr]
    assert code == 0


def test_context_per_path_from_config(tmp_path: Path) -> None:
    files = {"LICENSE": license_text("mit"), "tests/helper.py": _tag("GPL-3.0-only")}
    root = tmp_path / "ctx"
    make_repo(root, files)
    code, doc, _ = _check(str(root))
    assert code == 1
    write_tree(root, {"commonscheck.toml": '[contexts]\n"tests/**" = "dev"\n'})
    code, doc, _ = _check(str(root))
    assert code == 0
    verdict = next(v for v in doc["verdicts"] if v["subject"] == "file:tests/helper.py")  # type: ignore[union-attr]
    assert (verdict["context"], verdict["status"]) == ("dev", "compatible")


def test_context_option_sets_the_default(tmp_path: Path) -> None:
    root = tmp_path / "agg"
    make_repo(root, {"LICENSE": license_text("mit"), "tools/x.py": _tag("GPL-3.0-only")})
    _, doc, _ = _check(str(root), "--context", "aggregate")
    verdict = next(v for v in doc["verdicts"] if v["subject"] == "file:tools/x.py")  # type: ignore[union-attr]
    assert verdict["context"] == "aggregate"
    assert verdict["status"] != "incompatible"
    code_bad, _, err = _check(str(root), "--context", "linked")
    assert code_bad == 2 and "--context linked" in err


def test_packages_are_judged_with_their_scope_context(tmp_path: Path) -> None:
    # reuse is GPL-3.0-or-later (its own METADATA says so), pytest MIT: real dist-info folders.
    site = _site_packages(tmp_path, "reuse", "pytest")
    root = tmp_path / "pkgs"
    make_repo(root, {"LICENSE": license_text("mit"), "requirements.txt": "reuse\npytest\n"})
    code, doc, _ = _check(str(root), "--env", str(site))
    by_name = {v["subject"].split("@")[0]: v for v in doc["verdicts"]}  # type: ignore[union-attr]
    assert by_name["pkg:pypi/reuse"]["status"] == "incompatible"
    assert by_name["pkg:pypi/pytest"]["status"] == "compatible"
    assert code == 1
    finding = next(f for f in doc["findings"] if f["subject"].startswith("pkg:pypi/reuse"))  # type: ignore[union-attr]
    assert (finding["path"], finding["line"]) == ("requirements.txt", 1)
    # the same package as a development requirement is not distributed: judged in the dev context
    write_tree(root, {"requirements.txt": "pytest\n", "requirements-dev.txt": "reuse\n"})
    repo = git.Repo(root)
    repo.index.add(["requirements.txt", "requirements-dev.txt"])
    repo.index.commit("reuse is a dev tool", author=AUTHOR, committer=AUTHOR)
    code, doc, _ = _check(str(root), "--env", str(site))
    verdict = next(v for v in doc["verdicts"] if v["subject"].startswith("pkg:pypi/reuse"))  # type: ignore[union-attr]
    assert (verdict["context"], verdict["status"]) == ("dev", "compatible")
    assert code == 0


def test_a_package_without_license_is_unknown(tmp_path: Path) -> None:
    root = tmp_path / "nolic"
    make_repo(root, {"LICENSE": license_text("mit"), "requirements.txt": "some-unheard-of-package==1.0\n"})
    code, doc, _ = _check(str(root))
    assert code == 0  # a warning, below the default --fail-on error
    assert ("unknown-license", "pkg:pypi/some-unheard-of-package@1.0", None) in _rules(doc)
    code, _, _ = _check(str(root), "--fail-on", "warning")
    assert code == 1


def _exception_config(expires: date, **extra: str) -> str:
    lines = ['outbound = "MIT"', "[[exceptions]]"]
    lines += [f'{k} = "{v}"' for k, v in extra.items()]
    lines += ['reason = "only linked at build time; replacement tracked in #12"', f"expires = {expires}"]
    return "\n".join(lines) + "\n"


def test_exception_in_force_suppresses_the_finding(mixed: Path) -> None:
    future = date.today() + timedelta(days=30)
    write_tree(mixed, {"commonscheck.toml": _exception_config(future, path="src/gpl.py")})
    code, doc, _ = _check(str(mixed))
    suppressed = [f for f in doc["findings"] if f["suppressed"]]  # type: ignore[union-attr]
    assert [f["subject"] for f in suppressed] == ["file:src/gpl.py"]
    assert "replacement tracked in #12" in suppressed[0]["suppressed"]
    assert doc["summary"]["suppressed"] == 1  # type: ignore[index]
    assert code == 0


def test_expired_exception_is_a_finding_and_excuses_nothing(mixed: Path) -> None:
    past = date.today() - timedelta(days=1)
    write_tree(mixed, {"commonscheck.toml": _exception_config(past, path="src/gpl.py")})
    code, doc, _ = _check(str(mixed))
    rules = _rules(doc)
    assert ("expired-exception", "project", None) in rules
    assert ("incompatible-license", "file:src/gpl.py", None) in rules
    expired = next(f for f in doc["findings"] if f["rule"] == "expired-exception")  # type: ignore[union-attr]
    assert expired["path"] == "commonscheck.toml"
    assert code == 1


def test_exception_for_one_license_only_and_unused_exception(mixed: Path) -> None:
    future = date.today() + timedelta(days=30)
    config = _exception_config(future, path="src/gpl.py", license="GPL-3.0-only")
    write_tree(mixed, {"commonscheck.toml": config})
    code, doc, _ = _check(str(mixed))
    rules = _rules(doc)
    assert ("incompatible-license", "file:src/gpl.py", None) in rules
    assert ("unused-exception", "project", None) in rules
    assert code == 1


def test_exception_for_a_package(tmp_path: Path) -> None:
    site = _site_packages(tmp_path, "reuse")
    root = tmp_path / "waived"
    future = date.today() + timedelta(days=30)
    make_repo(
        root,
        {"requirements.txt": "reuse\n", "commonscheck.toml": _exception_config(future, package="reuse")},
    )
    code, doc, _ = _check(str(root), "--env", str(site))
    finding = next(f for f in doc["findings"] if f["rule"] == "incompatible-license")  # type: ignore[union-attr]
    assert finding["suppressed"] and finding["subject"].startswith("pkg:pypi/reuse")
    assert code == 0


def test_bad_exception_is_a_configuration_error(mixed: Path) -> None:
    write_tree(mixed, {"commonscheck.toml": '[[exceptions]]\npath = "src/gpl.py"\nexpires = 2030-01-01\n'})
    code, _, err = _check(str(mixed))
    assert code == 2
    assert "reason" in err and "commonscheck.toml" in err
    assert "Traceback" not in err


def test_or_expression_takes_the_compatible_branch_unless_a_choice_is_recorded(tmp_path: Path) -> None:
    root = tmp_path / "choice"
    make_repo(root, {"dual.py": _tag("GPL-2.0-only OR MIT")})
    code, doc, _ = _check(str(root), "--outbound", "Apache-2.0")
    verdict = doc["verdicts"][0]  # type: ignore[index]
    assert verdict["status"] == "compatible"
    assert any("'MIT' is chosen" in r for r in verdict["reasons"])
    assert code == 0
    write_tree(root, {"commonscheck.toml": '[choices]\n"MIT OR GPL-2.0-only" = "GPL-2.0-only"\n'})
    code, doc, _ = _check(str(root), "--outbound", "Apache-2.0")
    assert doc["verdicts"][0]["status"] == "incompatible"  # type: ignore[index]
    assert code == 1


def test_policy_file_denies_and_one_branch_serves_both(tmp_path: Path) -> None:
    root = tmp_path / "policy"
    make_repo(
        root,
        {
            "LICENSE": license_text("apache-2.0"),
            "a.py": _tag("MIT"),
            "b.py": _tag("MIT OR BSD-3-Clause"),
            "policy.toml": '[inbound]\ndeny = ["MIT"]\n',
        },
    )
    code, doc, _ = _check(str(root), "--policy", str(root / "policy.toml"))
    rules = _rules(doc)
    assert ("denied-license", "file:a.py", None) in rules
    # b.py: MIT is denied, BSD-3-Clause is both compatible and allowed: that branch is taken
    assert not [r for r in rules if r[1] == "file:b.py"]
    verdict = next(v for v in doc["verdicts"] if v["subject"] == "file:b.py")  # type: ignore[union-attr]
    assert any("'BSD-3-Clause'" in r for r in verdict["reasons"])
    assert code == 1
    # config deny extends the policy: deny BSD-3-Clause too and b.py has no allowed branch left
    write_tree(root, {"commonscheck.toml": 'deny = ["BSD-3-Clause"]\n'})
    code, doc, _ = _check(str(root), "--policy", str(root / "policy.toml"))
    assert ("denied-license", "file:b.py", None) in _rules(doc)


@pytest.mark.parametrize(
    ("args", "config", "needle"),
    [
        (["--outbound", "MIT AND ("], None, "--outbound"),
        (["--policy", "no-such-preset"], None, "no-such-preset"),
        (["--fail-on", "sometimes"], None, "--fail-on"),
        ([], 'outbound = "Not A License"\n', "outbound"),
        ([], 'context = "linked"\n', "context"),
        ([], '[choices]\n"MIT OR 0BSD" = "AND"\n', "choices"),
        ([], 'fail_on = "often"\n', "fail_on"),
    ],
)
def test_usage_and_configuration_errors_exit_2_with_one_line(
    mixed: Path, args: list[str], config: str | None, needle: str
) -> None:
    if config is not None:
        write_tree(mixed, {"commonscheck.toml": config})
    code, _, err = _check(str(mixed), *args)
    assert code == 2
    assert needle in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_not_a_folder_exits_3(tmp_path: Path) -> None:
    target = tmp_path / "file.txt"
    target.write_text("x")
    code, _, err = _check(str(target))
    assert code == 3 and "not a folder" in err


def test_staged_judges_only_staged_files(tmp_path: Path) -> None:
    root = tmp_path / "staged"
    repo = make_repo(root, {"LICENSE": license_text("mit"), "old.py": _tag("GPL-2.0-only")})
    write_tree(root, {"new.py": _tag("GPL-3.0-only"), "clean.py": _tag("MIT")})
    repo.index.add(["new.py", "clean.py"])
    code, doc, _ = _check(str(root), "--staged")
    subjects = sorted(v["subject"] for v in doc["verdicts"])  # type: ignore[union-attr]
    assert subjects == ["file:clean.py", "file:new.py"]
    assert code == 1
    repo.index.commit("add", author=AUTHOR, committer=AUTHOR)
    code, doc, _ = _check(str(root), "--staged")
    assert doc["verdicts"] == [] and code == 0


def test_staged_outside_git_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "plain").mkdir()
    code, _, err = _check(str(tmp_path / "plain"), "--staged")
    assert code == 2 and "--staged" in err


def test_formats_lines_and_terminal(mixed: Path) -> None:
    result = runner.invoke(app, ["check", str(mixed), "--outbound", "Apache-2.0", "--format", "lines"])
    lines = result.stdout.splitlines()
    gpl = [line for line in lines if line.startswith("src/gpl.py:1: error: ")]
    assert gpl and gpl[0].endswith("[incompatible-license]")
    assert any(line.startswith("src/odd.py:1: warning: ") for line in lines)
    result = runner.invoke(app, ["check", str(mixed), "--outbound", "Apache-2.0"])
    assert "FAIL (1 error, 1 warning, 0 notes; failing on error)" in result.stdout
    assert "outbound: Apache-2.0 (permissive; --outbound)" in result.stdout


def test_json_document_is_sorted_and_deterministic(mixed: Path) -> None:
    first = runner.invoke(app, ["check", str(mixed), "--outbound", "Apache-2.0", "--format", "json"]).stdout
    second = runner.invoke(app, ["check", str(mixed), "--outbound", "Apache-2.0", "--format", "json"]).stdout
    assert first == second
    doc = json.loads(first)
    assert doc["schema"] == "commonscheck.check/1"
    subjects = [v["subject"] for v in doc["verdicts"]]
    assert subjects == sorted(subjects)
    fields = {"subject", "inbound", "outbound", "context", "status", "reasons", "sources"}
    assert set(doc["verdicts"][0]) == fields


def test_tags_decide_a_files_license_over_mentions(tmp_path: Path) -> None:
    # A tagged file that talks about other licenses (a license tool's tests, a README) is under its
    # tag, as REUSE defines it; the mentions do not make it GPL-2.0-only.
    body = "TEXTS = ['GNU General Public License version 2 only', 'GPL-2.0-only']\n"
    root = tmp_path / "mentions"
    make_repo(root, {"LICENSE": license_text("mit"), "t.py": _tag("MIT", body + license_text("gpl-2.0"))})
    code, doc, _ = _check(str(root))
    verdict = next(v for v in doc["verdicts"] if v["subject"] == "file:t.py")  # type: ignore[union-attr]
    assert verdict["inbound"] == "MIT"
    assert code == 0


def test_reuse_toml_closest_annotation_applies_despite_a_prose_license_line(tmp_path: Path) -> None:
    root = tmp_path / "closest"
    make_repo(
        root,
        {
            "REUSE.toml": 'version = 1\n[[annotations]]\npath = "**/*.md"\nprecedence = "closest"\n'
            'SPDX-FileCopyrightText = "2026 A"\nSPDX-License-Identifier = "MIT"\n',
            "docs/guide.md": "# Guide\n\nAn example manifest line:\n\nlicense: GPL-3.0-or-later\n",
        },
    )
    result = runner.invoke(app, ["scan", str(root), "--format", "json", "--no-cache"])
    doc = json.loads(result.stdout)
    guide = next(f for f in doc["files"] if f["path"] == "docs/guide.md")
    rules = {f["rule"] for f in guide["findings"]}
    assert "REUSE.toml" in rules
    code, check_doc, _ = _check(str(root), "--outbound", "MIT")
    verdict = next(v for v in check_doc["verdicts"] if v["subject"] == "file:docs/guide.md")  # type: ignore[union-attr]
    assert verdict["inbound"] == "MIT" and code == 0


def test_init_writes_a_configuration_check_reads(tmp_path: Path) -> None:
    root = tmp_path / "init"
    make_repo(root, {"LICENSE": license_text("apache-2.0"), "a.py": _tag("GPL-3.0-or-later")})
    result = runner.invoke(app, ["init", str(root), "--fail-on", "warning"])
    assert result.exit_code == 0
    text = (root / "commonscheck.toml").read_text()
    assert 'outbound = "Apache-2.0"' in text and 'fail_on = "warning"' in text
    again = runner.invoke(app, ["init", str(root)])
    assert again.exit_code == 2 and "--force" in again.stderr
    code, doc, _ = _check(str(root))
    assert doc["outbound_origin"] == "configured in commonscheck.toml"
    assert doc["fail_on"] == "warning" and code == 1
    forced = runner.invoke(app, ["init", str(root), "--force", "--outbound", "GPL-3.0-or-later"])
    assert forced.exit_code == 0
    assert 'outbound = "GPL-3.0-or-later"' in (root / "commonscheck.toml").read_text()
    code, doc, _ = _check(str(root))
    assert code == 0


def test_init_without_declared_license_leaves_outbound_to_the_user(tmp_path: Path) -> None:
    root = tmp_path / "bare"
    make_repo(root, {"a.py": "print(1)\n"})
    result = runner.invoke(app, ["init", str(root)])
    assert result.exit_code == 0 and "set one" in result.stderr
    text = (root / "commonscheck.toml").read_text()
    assert "\noutbound =" not in text and "# outbound =" in text


def test_check_never_writes_into_the_repository(mixed: Path) -> None:
    before = sorted(p.relative_to(mixed).as_posix() for p in mixed.rglob("*") if ".git" not in p.parts)
    status_before = git.Repo(mixed).git.status("--porcelain")
    _check(str(mixed), "--outbound", "MIT")
    after = sorted(p.relative_to(mixed).as_posix() for p in mixed.rglob("*") if ".git" not in p.parts)
    assert before == after
    assert git.Repo(mixed).git.status("--porcelain") == status_before


def test_a_lockfile_is_not_judged_as_a_file(tmp_path: Path) -> None:
    # package-lock.json names each package's license; the packages are judged, the file is not.
    lock = {
        "name": "app",
        "version": "1.0.0",
        "lockfileVersion": 3,
        "requires": True,
        "packages": {
            "": {"name": "app", "version": "1.0.0", "license": "MIT", "dependencies": {"gpl-thing": "^1"}},
            "node_modules/gpl-thing": {"version": "1.0.0", "license": "GPL-2.0-only"},
        },
    }
    root = tmp_path / "lock"
    make_repo(
        root,
        {
            "package.json": json.dumps({"name": "app", "version": "1.0.0", "license": "MIT",
                                        "dependencies": {"gpl-thing": "^1.0.0"}}),
            "package-lock.json": json.dumps(lock, indent=2),
        },
    )  # fmt: skip
    code, doc, _ = _check(str(root))
    subjects = {v["subject"] for v in doc["verdicts"]}  # type: ignore[union-attr]
    assert "file:package-lock.json" not in subjects
    assert "pkg:npm/gpl-thing@1.0.0" in subjects
    assert [r for r in _rules(doc) if r[0] == "incompatible-license"] == [
        ("incompatible-license", "pkg:npm/gpl-thing@1.0.0", None)
    ]
    assert code == 1
