# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""An on-disk cache keyed by content: git blob id or commit id, with the data version in the key.

One SQLite file per cache folder: it gives atomic, concurrent-safe writes for free, and a rescan of
an unchanged repository is one indexed read per file. Values are JSON text, never pickles, so a
tampered cache can at worst give wrong results, never run code.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

ENV_VAR = "COMMONSCHECK_CACHE_DIR"


def default_cache_dir() -> Path:
    """The cache folder: $COMMONSCHECK_CACHE_DIR, else $XDG_CACHE_HOME/commonscheck, else
    ~/.cache/commonscheck. Never inside a scanned tree."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "commonscheck"


class Cache:
    """A namespaced key/value store of JSON values; a cache that cannot be opened acts as empty."""

    def __init__(self, folder: Path | None, namespace: str) -> None:
        self.namespace = namespace
        self.folder = folder
        self._db: sqlite3.Connection | None = None
        self.error: str | None = None
        if folder is None:
            return
        try:
            folder.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(folder / "cache.sqlite3", timeout=30, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("CREATE TABLE IF NOT EXISTS kv (ns TEXT, k TEXT, v TEXT, PRIMARY KEY (ns, k))")
            self._db = db
        except (OSError, sqlite3.Error) as exc:
            # A cache is an optimisation: say why it is off and go on without it.
            self.error = f"{folder}: cache not available ({exc})"

    @property
    def enabled(self) -> bool:
        """Whether the cache is open."""
        return self._db is not None

    def get_many(self, keys: Iterable[str]) -> dict[str, Any]:
        """The cached values of those keys that are present."""
        if self._db is None:
            return {}
        out: dict[str, Any] = {}
        wanted = list(dict.fromkeys(keys))
        # SQLite caps host parameters per statement; 500 stays far below every build's limit.
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            marks = ",".join("?" * len(chunk))
            try:
                rows = self._db.execute(
                    f"SELECT k, v FROM kv WHERE ns = ? AND k IN ({marks})", (self.namespace, *chunk)
                ).fetchall()
            except sqlite3.Error:
                return out
            for k, v in rows:
                try:
                    out[k] = json.loads(v)
                except ValueError:
                    continue
        return out

    def put_many(self, items: Mapping[str, Any]) -> None:
        """Store values (in one transaction); failures leave the cache as it was."""
        if self._db is None or not items:
            return
        rows = [(self.namespace, k, json.dumps(v, separators=(",", ":"))) for k, v in items.items()]
        try:
            with self._db:
                self._db.execute("BEGIN")
                self._db.executemany("INSERT OR REPLACE INTO kv (ns, k, v) VALUES (?, ?, ?)", rows)
        except sqlite3.Error as exc:
            self.error = f"cache write failed ({exc})"

    def close(self) -> None:
        """Close the database."""
        if self._db is not None:
            self._db.close()
            self._db = None
