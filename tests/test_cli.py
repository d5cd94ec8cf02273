# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The command line: formats, exit codes, one-line errors, options, the installed entry point."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from commonscheck import __version__
from commonscheck.cli import app
from conftest import license_text, make_repo, write_tree

TAG = "SPDX" + "-License-Identifier"
runner = CliRunner()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "r"
    make_repo(
        root,
        {
            "LICENSE": license_text("bsd-new"),
            "a.py": f"# {TAG}: MIT\nprint('hi')\n",
            "b.py": "print('no license here')\n",
        },
    )
    return root


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"commonscheck {__version__}"


def test_json_document_follows_the_contract(repo: Path) -> None:
    result = runner.invoke(app, ["scan", str(repo), "--format", "json", "--jobs", "1"])
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["schema"] == "commonscheck.scan/1"
    assert doc["declared_license"] == "BSD-3-Clause"
    assert [f["path"] for f in doc["files"]] == ["LICENSE", "a.py", "b.py"]
    a = doc["files"][1]
    assert a["expression"] == "MIT"
    assert set(a["findings"][0]) >= {"expression", "kind", "start_line", "end_line", "score", "rule"}
    assert doc["files"][2]["expression"] is None
    assert doc["summary"]["files_with_license"] == 2
    assert doc["summary"]["conflicting_files"] == ["a.py"]
    assert doc["errors"] == []


def test_output_file_and_lines_format(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    result = runner.invoke(app, ["scan", str(repo), "-f", "lines", "-o", str(out)])
    assert result.exit_code == 0
    assert result.stdout == ""
    lines = out.read_text().splitlines()
    assert "a.py:1: MIT (tag)" in lines
    assert any(line.startswith("LICENSE:") and "BSD-3-Clause (text)" in line for line in lines)


def test_output_to_a_device_or_fifo_writes_through_it(repo: Path, tmp_path: Path) -> None:
    import os
    import stat
    import threading

    # `-o /dev/null` must leave /dev/null a character device (an atomic replace put a regular file
    # there, which broke every later reader of /dev/null on the machine)
    result = runner.invoke(app, ["scan", str(repo), "-f", "json", "-o", os.devnull])
    assert result.exit_code == 0
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)
    # a named pipe is written through, not replaced by a file
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    result = runner.invoke(app, ["scan", str(repo), "-f", "lines", "-o", str(fifo)])
    reader.join(timeout=30)
    assert result.exit_code == 0
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert b"a.py:1: MIT (tag)" in got[0]


def test_output_keeps_the_mode_of_the_file_it_replaces(repo: Path, tmp_path: Path) -> None:
    import os

    out = tmp_path / "report.json"
    out.write_text("old")
    os.chmod(out, 0o640)
    assert runner.invoke(app, ["scan", str(repo), "-f", "json", "-o", str(out)]).exit_code == 0
    assert out.stat().st_mode & 0o777 == 0o640
    assert out.read_text().startswith("{")


def test_terminal_format_names_declared_license_and_files(repo: Path) -> None:
    result = runner.invoke(app, ["scan", str(repo)])
    assert result.exit_code == 0
    assert "Declared license: BSD-3-Clause" in result.stdout
    assert "a.py" in result.stdout and "MIT" in result.stdout


def test_missing_path_is_a_usage_error_in_one_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["scan", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0
    assert "no such file or folder" in result.stderr
    assert "Traceback" not in result.stderr


def test_file_instead_of_folder_exits_3(tmp_path: Path) -> None:
    f = tmp_path / "f.txt"
    f.write_text("x")
    result = runner.invoke(app, ["scan", str(f)])
    assert result.exit_code == 3
    assert "not a folder" in result.stderr


def test_nothing_to_scan_never_exits_0(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = runner.invoke(app, ["scan", str(tmp_path / "empty"), "-f", "json"])
    assert result.exit_code == 3
    assert "nothing could be scanned" in result.stderr


def test_bad_config_key_exits_2_naming_it(repo: Path) -> None:
    (repo / "commonscheck.toml").write_text("exclude = ['x']\nfrobnicate = 1\n")
    result = runner.invoke(app, ["scan", str(repo)])
    assert result.exit_code == 2
    assert "frobnicate" in result.stderr and "commonscheck.toml" in result.stderr
    assert "Traceback" not in result.stderr


def test_config_excludes_apply(repo: Path) -> None:
    (repo / "commonscheck.toml").write_text("exclude = ['b.py']\n")
    result = runner.invoke(app, ["scan", str(repo), "-f", "json", "--exclude", "LICENSE"])
    assert result.exit_code == 0
    assert [f["path"] for f in json.loads(result.stdout)["files"]] == ["a.py"]


def test_unknown_option_is_usage_error(repo: Path) -> None:
    result = runner.invoke(app, ["scan", str(repo), "--frobnicate"])
    assert result.exit_code == 2


def test_reuse_verdict_sets_exit_code(tmp_path: Path) -> None:
    root = tmp_path / "r"
    copy = "SPDX" + "-FileCopyrightText"
    make_repo(
        root,
        {"LICENSES/MIT.txt": license_text("mit"), "a.py": f"# {copy}: 2024 Jane Doe\n# {TAG}: MIT\n"},
    )
    ok = runner.invoke(app, ["scan", str(root), "--reuse", "-f", "json"])
    assert ok.exit_code == 0, ok.stdout
    assert json.loads(ok.stdout)["reuse"]["compliant"] is True
    write_tree(root, {"b.py": "x = 1\n"})
    subprocess.run(["git", "-C", str(root), "add", "b.py"], check=True)
    bad = runner.invoke(app, ["scan", str(root), "--reuse", "-f", "json"])
    assert bad.exit_code == 1
    assert json.loads(bad.stdout)["reuse"]["missing_licensing"] == ["b.py"]


def test_installed_entry_point_runs_and_separates_streams(repo: Path) -> None:
    exe = Path(sys.executable).with_name("commonscheck")
    proc = subprocess.run(
        [str(exe), "scan", str(repo), "--format", "json", "--quiet"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["schema"] == "commonscheck.scan/1"
    assert proc.stderr == ""


def test_shell_completion_is_offered() -> None:
    result = runner.invoke(app, ["--help"])
    assert "--install-completion" in result.stdout


def test_broken_project_files_are_one_line_each_and_the_scan_goes_on(tmp_path: Path) -> None:
    root = tmp_path / "r"
    make_repo(
        root,
        {
            "REUSE.toml": "version = 1\n[[annotations]\npath = 'x'\n",
            "package.json": '{"name": "x", "license": ',
            "Cargo.toml": "[package\nname = 1",
            "a.py": f"# {TAG}: MIT\n",
        },
    )
    result = runner.invoke(app, ["scan", str(root), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    errored = {e["path"] for e in doc["errors"]}
    assert {"REUSE.toml", "package.json", "Cargo.toml"} <= errored
    lines = result.stderr.strip().splitlines()
    assert len(lines) == len(doc["errors"])
    assert all(line.startswith("commonscheck: ") for line in lines)
    assert "Traceback" not in result.stderr
    assert doc["files"][[f["path"] for f in doc["files"]].index("a.py")]["expression"] == "MIT"


def test_verbose_shows_a_traceback_for_internal_errors(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from commonscheck.audit import scan as scan_mod

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(scan_mod, "scan", broken)
    quiet = runner.invoke(app, ["scan", str(repo)])
    assert quiet.exit_code == 3
    assert (
        quiet.stderr.strip()
        == "commonscheck: internal error: RuntimeError: boom (run with --verbose for details)"
    )
    loud = runner.invoke(app, ["scan", str(repo), "--verbose"])
    assert loud.exit_code == 3
    assert "Traceback" in loud.stderr


def test_unchanged_tree_is_answered_from_the_report_cache(repo: Path, tmp_path: Path) -> None:
    (repo / "broken.py").write_text(f"# {TAG}: MIT AND AND GPL\n")
    subprocess.run(["git", "-C", str(repo), "add", "broken.py"], check=True)
    args = ["scan", str(repo), "-f", "json", "--verbose"]
    first = runner.invoke(app, args)
    second = runner.invoke(app, args)
    assert first.exit_code == second.exit_code == 0
    assert "report from cache" not in first.stderr
    assert "report from cache" in second.stderr
    assert second.stdout == first.stdout
    # the errors of the cached report are still told, one line each
    assert [ln for ln in second.stderr.splitlines() if "broken.py" in ln] == [
        ln for ln in first.stderr.splitlines() if "broken.py" in ln
    ]
    # another format, or a changed file, is another state
    lines = runner.invoke(app, ["scan", str(repo), "-f", "lines", "--verbose"])
    assert "report from cache" not in lines.stderr
    (repo / "a.py").write_text(f"# {TAG}: ISC\nprint('hi')\n")
    third = runner.invoke(app, args)
    assert "report from cache" not in third.stderr
    assert json.loads(third.stdout)["files"][1]["expression"] == "ISC"
    fourth = runner.invoke(app, [*args, "--no-cache"])
    assert "report from cache" not in fourth.stderr


def test_terminal_lists_what_was_skipped(tmp_path: Path) -> None:
    root = tmp_path / "r"
    make_repo(root, {"big.txt": "x" * 3000, "logo.png": b"\x89PNG\r\n\x1a\n\0\0", "a.py": f"# {TAG}: MIT\n"})
    result = runner.invoke(app, ["scan", str(root), "--max-file-size", "2kb"])
    assert result.exit_code == 0
    assert "Skipped: 1 binary, 1 too-large" in result.stdout
    assert "big.txt (too-large)" in result.stdout
    doc = json.loads(runner.invoke(app, ["scan", str(root), "--max-file-size", "2kb", "-f", "json"]).stdout)
    assert doc["summary"]["skipped"] == [
        {"path": "big.txt", "reason": "too-large"},
        {"path": "logo.png", "reason": "binary"},
    ]
