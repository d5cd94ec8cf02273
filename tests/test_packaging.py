# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The wheel carries rules/ (as commonscheck/_rules), the prebuilt license index (as
commonscheck/_index), the data credit and our license, and the installed package finds its rules and
its index without the checkout."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from commonscheck.audit import licensedb
from conftest import license_text

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("commonscheck-*.whl")
    return built


def test_wheel_ships_rules_credits_and_license(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    rules = {p.relative_to(REPO / "rules").as_posix() for p in (REPO / "rules").rglob("*") if p.is_file()}
    assert rules, "rules/ is empty"
    assert {f"commonscheck/_rules/{r}" for r in rules} <= names
    assert "commonscheck/DATA_CREDITS.txt" in names
    assert any(n.endswith("licenses/LICENSES/GPL-3.0-or-later.txt") for n in names)
    meta = next(n for n in names if n.endswith(".dist-info/METADATA"))
    text = zipfile.ZipFile(wheel).read(meta).decode()
    assert "License-Expression: GPL-3.0-or-later AND CC-BY-4.0" in text.splitlines()


def test_installed_wheel_finds_its_rules(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(target)
    code = "from commonscheck.resources import rules_dir; print(rules_dir())"
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert Path(out) == target / "commonscheck" / "_rules"


def _installed_env(tmp_path: Path, target: Path) -> tuple[dict[str, str], list[Path]]:
    """Environment for running the extracted wheel with empty cache folders (and no home cache)."""
    folders = [tmp_path / "cache", tmp_path / "xdg", tmp_path / "home"]
    for folder in folders:
        folder.mkdir()
    env = {
        "PYTHONPATH": str(target),
        "PATH": "/usr/bin:/bin",
        "COMMONSCHECK_CACHE_DIR": str(folders[0]),
        "XDG_CACHE_HOME": str(folders[1]),
        "HOME": str(folders[2]),
    }
    return env, folders


def _files_under(folders: list[Path]) -> list[str]:
    return sorted(str(p) for folder in folders for p in folder.rglob("*"))


def test_wheel_ships_the_prebuilt_license_index(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    shipped = [n for n in names if n.startswith("commonscheck/_index/")]
    assert shipped == [f"commonscheck/_index/licensedb-{licensedb.data_version()}.pickle"]


# Runs in the extracted wheel. Building the index there would be the failure this test is about, so
# build_index is made to fail loudly rather than trusted to be skipped.
_LOAD_AND_DETECT = """
import sys
from commonscheck.audit import licensedb
from commonscheck.audit.detect import detect

def no_build():
    raise SystemExit("build_index was called: the shipped index was not used")

licensedb.build_index = no_build
index = licensedb.load_index()
print(licensedb.__file__)
print(" ".join(m.expression for m in detect(index, sys.stdin.read())))
"""


def test_installed_wheel_uses_its_index_without_building(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(target)
    env, caches = _installed_env(tmp_path, target)
    done = subprocess.run(
        [sys.executable, "-c", _LOAD_AND_DETECT],
        cwd=tmp_path,
        env=env,
        input=license_text("mit"),
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    module, expressions = done.stdout.splitlines()
    assert Path(module).is_relative_to(target)  # the wheel's code, not the checkout's
    assert expressions == "MIT"
    assert _files_under(caches) == []  # nothing built, nothing cached


def test_installed_wheel_scans_without_building_the_index(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(target)
    env, caches = _installed_env(tmp_path, target)
    project = tmp_path / "project"
    project.mkdir()
    (project / "LICENSE").write_text(license_text("mit"), encoding="utf-8")
    tag = "SPDX" + "-License-Identifier: MIT"  # split, or REUSE would read it as this file's license
    (project / "main.py").write_text(f"# {tag}\nprint('hi')\n", encoding="utf-8")
    cli = [sys.executable, "-c", "from commonscheck.cli import main; main()"]
    done = subprocess.run(
        [*cli, "scan", str(project), "--format", "json", "--jobs", "2", "--quiet"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["declared_license"] == "MIT"
    # the scan caches its results, but no license index was built for it
    assert not [f for f in _files_under(caches) if "licensedb" in f]
