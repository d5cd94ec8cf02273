# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The license index: front matter, SPDX mapping, on-disk cache, loading in worker processes."""

from __future__ import annotations

import importlib.metadata
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from commonscheck.audit import licensedb
from commonscheck.audit.detect import detect
from commonscheck.audit.licensedb import LicenseIndex, load_index, split_front_matter, to_spdx


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # One directory for the whole session (shared with test_detect.py): the index is built once.
    return tmp_path_factory.getbasetemp() / "licensedb-cache"


@pytest.fixture(scope="session")
def index(cache_dir: Path) -> LicenseIndex:
    return load_index(cache_dir)


def test_data_version_names_the_installed_data() -> None:
    version = licensedb.data_version()
    assert version.startswith(importlib.metadata.version("licensedcode-data") + "+idx")


def test_front_matter_reader_handles_the_forms_the_data_uses() -> None:
    content = (
        "---\n"
        "key: gpl-2.0-plus\n"
        "short_name: 'GPL 2.0 or later'\n"
        "notes: |\n"
        "    Per SPDX.org, this license: was released\n"
        "    in June 1991\n"
        "spdx_license_key: GPL-2.0-or-later\n"
        "other_spdx_license_keys:\n"
        "    - GPL-2.0+\n"
        "    - GPL 2.0+\n"
        "is_exception: no\n"
        "---\n"
        "\n"
        "The text.\n"
    )
    meta, body = split_front_matter(content)
    assert meta["key"] == "gpl-2.0-plus"
    assert meta["short_name"] == "GPL 2.0 or later"
    assert meta["spdx_license_key"] == "GPL-2.0-or-later"
    assert meta["other_spdx_license_keys"] == ["GPL-2.0+", "GPL 2.0+"]
    assert "was released" not in str(meta)  # block scalar content is skipped, not parsed as keys
    assert body.strip() == "The text."


@pytest.mark.parametrize(
    ("scancode", "spdx"),
    [
        ("gpl-2.0-plus", "GPL-2.0-or-later"),
        ("gpl-2.0", "GPL-2.0-only"),
        ("lgpl-2.1-plus", "LGPL-2.1-or-later"),
        ("bsd-new", "BSD-3-Clause"),
        ("bsd-simplified", "BSD-2-Clause"),
        ("mit OR apache-2.0", "MIT OR Apache-2.0"),
        ("gpl-2.0 WITH classpath-exception-2.0", "GPL-2.0-only WITH Classpath-exception-2.0"),
        ("(mit OR apache-2.0) AND bsd-new", "(MIT OR Apache-2.0) AND BSD-3-Clause"),
        # keys whose data has a LicenseRef id or none at all stay LicenseRef-scancode-<key>
        ("agpl-3.0-bacula", "LicenseRef-scancode-agpl-3.0-bacula"),
        ("warranty-disclaimer", "LicenseRef-scancode-warranty-disclaimer"),
        ("no-such-key-anywhere", "LicenseRef-scancode-no-such-key-anywhere"),
    ],
)
def test_to_spdx(scancode: str, spdx: str) -> None:
    assert to_spdx(scancode) == spdx


def test_index_holds_licenses_and_rules_but_not_deprecated_ones(index: LicenseIndex) -> None:
    ids = set(index.rule_ids)
    assert {"mit.LICENSE", "apache-2.0.LICENSE", "gpl-3.0.LICENSE", "bsd-new.LICENSE"} <= ids
    assert len(ids) > 30000
    deprecated = []
    for path in sorted((licensedb.data_dir() / "licenses").glob("*.LICENSE")):
        meta, _ = split_front_matter(path.read_text(encoding="utf-8"))
        if meta.get("is_deprecated") == "yes":
            deprecated.append(path.name)
    assert deprecated, "the data has deprecated licenses to skip"
    assert not ids & set(deprecated)


def test_required_phrases_are_recorded(index: LicenseIndex) -> None:
    rules_dir = licensedb.data_dir() / "rules"
    name = next(p.name for p in sorted(rules_dir.glob("mit_*.RULE")) if "{{" in p.read_text(encoding="utf-8"))
    i = index.rule_ids.index(name)
    assert index.rule_required[i]
    for start, end in index.rule_required[i]:
        assert 0 <= start < end <= len(index.rule_tokens[i])


def test_rule_expressions_are_spdx(index: LicenseIndex) -> None:
    i = index.rule_ids.index("gpl-2.0-plus.LICENSE")
    assert index.rule_spdx[i] == "GPL-2.0-or-later"
    assert index.rule_kind[i] == "text"


def test_cache_is_written_once_and_reloaded(cache_dir: Path, index: LicenseIndex) -> None:
    files = list(cache_dir.iterdir())
    assert [f.name for f in files] == [f"licensedb-{licensedb.data_version()}.pickle"]
    stamp = files[0].stat().st_mtime_ns
    licensedb._loaded.clear()  # forget the in-process copy: read the file again
    again = load_index(cache_dir)
    assert again is not index
    assert again.rule_ids == index.rule_ids
    assert again.dictionary == index.dictionary
    assert files[0].stat().st_mtime_ns == stamp  # read, not rebuilt
    assert not [f for f in cache_dir.iterdir() if f.suffix == ".tmp"]


def test_damaged_cache_is_rebuilt(tmp_path: Path, index: LicenseIndex) -> None:
    target = tmp_path / f"licensedb-{licensedb.data_version()}.pickle"
    target.write_bytes(b"not a pickle")
    rebuilt = load_index(tmp_path)
    assert rebuilt.rule_ids == index.rule_ids
    assert target.stat().st_size > 1_000_000


def _detect_in_worker(cache_dir: str, text: str) -> tuple[int, list[str]]:
    index = load_index(Path(cache_dir))
    return os.getpid(), [m.expression for m in detect(index, text)]


def test_index_loads_in_worker_processes(cache_dir: Path, index: LicenseIndex) -> None:
    text = "This project is released under the MIT license."
    with ProcessPoolExecutor(max_workers=1) as pool:
        pid, expressions = pool.submit(_detect_in_worker, str(cache_dir), text).result()
    assert pid != os.getpid()
    assert expressions == ["MIT"]


def _small_index(version: str) -> LicenseIndex:
    """A valid index with one rule: tells at a glance whether load_index took the shipped file."""
    return LicenseIndex(
        data_version=version,
        dictionary={"shipped": 0},
        n_high_tokens=0,
        rule_ids=["shipped.RULE"],
        rule_expr=["mit"],
        rule_spdx=["MIT"],
        rule_kind=["reference"],
        rule_tokens=[licensedb.token_char(0)],
        rule_required=[()],
        rule_relevance=[100],
        rule_mincov=[0],
        rule_continuous=[False],
        rule_nhigh=[0],
        rule_weak=[False],
        rule_exception=[False],
        whole={},
        postings={},
        key_to_spdx={"mit": "MIT"},
        exception_keys=frozenset(),
    )


@pytest.fixture
def shipped_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the shipped-index lookup at an empty folder, with no index loaded in this process."""
    folder = tmp_path / "_index"
    folder.mkdir()
    monkeypatch.setattr(licensedb, "PACKAGED_INDEX_DIR", folder)
    monkeypatch.setattr(licensedb, "_loaded", {})
    monkeypatch.setattr(licensedb, "_key_map_cache", licensedb._key_map_cache)
    return folder


def test_shipped_index_is_used_before_the_cache(shipped_dir: Path, tmp_path: Path) -> None:
    licensedb.save_index(_small_index(licensedb.data_version()), shipped_dir / licensedb.index_file_name())
    empty_cache = tmp_path / "cache"
    loaded = load_index(empty_cache)
    assert loaded.rule_ids == ["shipped.RULE"]
    assert not empty_cache.exists()  # nothing built, nothing written


@pytest.mark.parametrize(
    "shipped",
    [
        pytest.param("other-data-name", id="named-for-other-data"),
        pytest.param("other-data-inside", id="other-data-inside"),
        pytest.param("damaged", id="damaged"),
    ],
)
def test_shipped_index_for_other_data_or_damaged_is_ignored(
    shipped: str, shipped_dir: Path, cache_dir: Path, index: LicenseIndex
) -> None:
    name = licensedb.index_file_name()
    if shipped == "other-data-name":
        # what a wheel built against other licensedcode-data would carry (valid for its own data)
        other = name.replace(licensedb.data_version(), "0.0.1+idx" + licensedb.INDEX_FORMAT)
        assert other != name
        licensedb.save_index(_small_index(licensedb.data_version()), shipped_dir / other)
    elif shipped == "other-data-inside":
        licensedb.save_index(_small_index("0.0.1+idx0"), shipped_dir / name)
    else:
        (shipped_dir / name).write_bytes(b"\x80\x05not a whole pickle")
    stamp = (cache_dir / name).stat().st_mtime_ns
    loaded = load_index(cache_dir)
    assert loaded.rule_ids == index.rule_ids  # the cached index of the installed data
    assert (cache_dir / name).stat().st_mtime_ns == stamp  # read, not rebuilt
