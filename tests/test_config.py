# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Configuration: pyproject.toml and commonscheck.toml, strict keys and values."""

from __future__ import annotations

from pathlib import Path

import pytest

from commonscheck.config import Config, ConfigError, discover, load_file, parse_size


def test_pyproject_table_is_read(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n[tool.commonscheck]\nexclude = ["vendor/**"]\nmax-file-size = "1 MiB"\n'
        "untracked = true\njobs = 2\n"
    )
    cfg, errors = discover(tmp_path)
    assert errors == []
    assert cfg.exclude == ("vendor/**",)
    assert cfg.max_file_size == 1024 * 1024
    assert cfg.untracked is True
    assert cfg.jobs == 2
    assert cfg.source == str(tmp_path / "pyproject.toml")


def test_commonscheck_toml_wins_over_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.commonscheck]\njobs = 2\n")
    (tmp_path / "commonscheck.toml").write_text("jobs = 1\n")
    cfg, _ = discover(tmp_path)
    assert cfg.jobs == 1


def test_pyproject_without_table_gives_defaults(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    cfg, errors = discover(tmp_path)
    assert cfg == Config() and errors == []


@pytest.mark.parametrize(
    ("body", "key"),
    [
        ("[tool.commonscheck]\nexlude = []\n", "exlude"),
        ('[tool.commonscheck]\nexclude = "vendor"\n', "exclude"),
        ("[tool.commonscheck]\njobs = -1\n", "jobs"),
        ("[tool.commonscheck]\njobs = true\n", "jobs"),
        ('[tool.commonscheck]\nmax-file-size = "big"\n', "max-file-size"),
        ('[tool.commonscheck]\nuntracked = "yes"\n', "untracked"),
    ],
)
def test_bad_keys_and_values_name_the_key(tmp_path: Path, body: str, key: str) -> None:
    (tmp_path / "pyproject.toml").write_text(body)
    with pytest.raises(ConfigError, match=f"key '{key}'"):
        discover(tmp_path)


def test_broken_project_toml_is_reported_not_fatal(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[project\nname=")
    cfg, errors = discover(tmp_path)
    assert cfg == Config()
    assert errors and errors[0][0] == "pyproject.toml"


def test_explicit_broken_file_is_an_error(tmp_path: Path) -> None:
    bad = tmp_path / "c.toml"
    bad.write_text("jobs = [")
    with pytest.raises(ConfigError, match="invalid TOML"):
        load_file(bad)


def test_parse_size() -> None:
    assert parse_size("10 MiB") == 10 * 1024 * 1024
    assert parse_size("2kb") == 2000
    assert parse_size(5) == 5
    for bad in ("0", -1, "ten", True):
        with pytest.raises(ValueError):
            parse_size(bad)
