# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Configuration: `[tool.commonscheck]` in pyproject.toml, or the top level of commonscheck.toml.

Every key is checked: an unknown key or a value of the wrong kind is a configuration error that names
the file and the key (exit code 2), never silently ignored.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from commonscheck.audit.files import DEFAULT_MAX_SIZE
from commonscheck.audit.policy import PolicyError, Rules, Waiver, parse_exceptions

CONTEXTS = ("static", "dynamic", "aggregate", "network", "dev")
"""The contexts a verdict can be made in (compat.CONTEXTS; repeated here so reading a configuration
does not load the compatibility data)."""

FAIL_ON = ("error", "warning", "note", "never")


class ConfigError(Exception):
    """The configuration cannot be used; the message names the file and the key."""


@dataclass(frozen=True, slots=True)
class Config:
    """Settings shared by the commands; defaults apply where the file says nothing."""

    exclude: tuple[str, ...] = ()
    max_file_size: int = DEFAULT_MAX_SIZE
    untracked: bool = False
    jobs: int = 0
    cache: bool = True
    # check: the project's outbound license (else the declared one), the default context, contexts
    # per path glob / `scope:<scope>` / `package:<glob>`, recorded license choices (an OR expression
    # or a package -> the branch taken), the policy (a preset name or a file) and what extends it.
    outbound: str | None = None
    context: str = "static"
    contexts: tuple[tuple[str, str], ...] = ()
    choices: tuple[tuple[str, str], ...] = ()
    policy: str | None = None
    inbound_rules: Rules = field(default_factory=Rules)
    exceptions: tuple[Waiver, ...] = ()
    fail_on: str = "error"
    # openness: component weights, the participation window, the co-creation model's thresholds
    openness_weights: tuple[tuple[str, float], ...] = ()
    openness_window_months: int = 24
    openness_thresholds: tuple[tuple[str, float], ...] = ()
    source: str | None = field(default=None)


_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(b|kb|kib|mb|mib|gb|gib)?\s*$", re.IGNORECASE)
_UNITS = {
    None: 1,
    "b": 1,
    "kb": 1000,
    "kib": 1024,
    "mb": 1000**2,
    "mib": 1024**2,
    "gb": 1000**3,
    "gib": 1024**3,
}


def parse_size(value: object) -> int:
    """Bytes from an int or a string like '10 MiB'; ValueError when it is neither."""
    if isinstance(value, bool):
        raise ValueError("expected a size")
    if isinstance(value, int):
        if value <= 0:
            raise ValueError("must be positive")
        return value
    if isinstance(value, str):
        m = _SIZE.match(value)
        if m:
            unit = m.group(2).lower() if m.group(2) else None
            size = int(float(m.group(1)) * _UNITS[unit])
            if size > 0:
                return size
    raise ValueError(f"expected a size such as 10485760 or '10 MiB', got {value!r}")


_CHECK_KEYS = {
    "outbound",
    "context",
    "contexts",
    "choices",
    "policy",
    "allow",
    "warn",
    "deny",
    "exceptions",
    "fail_on",
}


def _string_map(value: Any, where: str) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise ConfigError(f"{where}: expected a table of strings")
    return tuple((str(k), v) for k, v in value.items())


def _check_setting(name: str, value: Any, where: str, source: str) -> Any:
    """Parse one of the settings of `check`; ConfigError naming the key when it is wrong."""
    from commonscheck.audit import commons

    if name in ("outbound", "policy"):
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(f"{where}: expected a non-empty string")
        if name == "outbound":
            from commonscheck.audit.expressions import normalise_known

            try:
                return normalise_known(value)
            except ValueError as exc:
                raise ConfigError(f"{where}: invalid license expression ({exc})") from None
        if "/" in value or value.endswith(".toml"):
            # a policy file is found relative to the configuration that names it
            base = Path(source).parent
            return str(Path(value) if Path(value).is_absolute() else base / value)
        return value
    if name == "context":
        if value not in CONTEXTS:
            raise ConfigError(f"{where}: expected one of {', '.join(CONTEXTS)}, got {value!r}")
        return value
    if name == "contexts":
        pairs = _string_map(value, where)
        for key, ctx in pairs:
            if ctx not in CONTEXTS:
                raise ConfigError(f"{where}.{key}: expected one of {', '.join(CONTEXTS)}, got {ctx!r}")
        return pairs
    if name == "choices":
        from commonscheck.audit.expressions import normalise

        pairs = _string_map(value, where)
        for key, branch in pairs:
            try:
                normalise(branch)
            except ValueError as exc:
                raise ConfigError(f"{where}.{key}: invalid license expression ({exc})") from None
        return pairs
    if name == "fail_on":
        if value not in FAIL_ON:
            raise ConfigError(f"{where}: expected one of {', '.join(FAIL_ON)}, got {value!r}")
        return value
    if name == "exceptions":
        try:
            return parse_exceptions(value, f"{Path(source).name}: exceptions")
        except PolicyError as exc:
            raise ConfigError(str(exc)) from None
    # allow / warn / deny: SPDX ids (globs) and commons class names, in one list
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: expected a list of license ids or commons classes")
    classes = set(commons.CLASSES) | {commons.UNKNOWN}
    ids = tuple(v for v in value if v not in classes)
    named = tuple(v for v in value if v in classes)
    if name == "allow":
        return Rules(allow=ids, allow_classes=named)
    if name == "warn":
        return Rules(warn=ids, warn_classes=named)
    return Rules(deny=ids, deny_classes=named)


def _openness_settings(table: Any, where: str) -> dict[str, Any]:
    """`[openness]`: weights per component, window_months, thresholds of the co-creation model."""
    from commonscheck.openness import COMPONENTS, DEFAULT_THRESHOLDS

    if not isinstance(table, dict):
        raise ConfigError(f"{where}: expected a table")
    out: dict[str, Any] = {}
    for key, value in table.items():
        here = f"{where}.{key}"
        if key == "window_months":
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ConfigError(f"{here}: expected a whole number of months >= 1, got {value!r}")
            out["openness_window_months"] = value
        elif key in ("weights", "thresholds"):
            known = COMPONENTS if key == "weights" else tuple(DEFAULT_THRESHOLDS)
            if not isinstance(value, dict):
                raise ConfigError(f"{here}: expected a table")
            pairs = []
            for name, number in value.items():
                if name not in known:
                    raise ConfigError(f"{here}.{name}: unknown (known: {', '.join(known)})")
                if isinstance(number, bool) or not isinstance(number, int | float) or number < 0:
                    raise ConfigError(f"{here}.{name}: expected a number >= 0, got {number!r}")
                pairs.append((name, float(number)))
            out[f"openness_{key}"] = tuple(pairs)
        else:
            raise ConfigError(f"{here}: unknown setting (known: weights, window_months, thresholds)")
    return out


def _check(source: str, table: dict[str, Any]) -> Config:
    known = (
        {f.name for f in fields(Config)}
        - {"source", "inbound_rules", "openness_weights", "openness_window_months", "openness_thresholds"}
    ) | _CHECK_KEYS | {"openness"}
    values: dict[str, Any] = {}
    for key, value in table.items():
        name = key.replace("-", "_")
        where = f"{source}: key '{key}'"
        if name not in known:
            raise ConfigError(f"{where}: unknown setting (known: {', '.join(sorted(known))})")
        if name == "exclude":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{where}: expected a list of glob strings")
            values[name] = tuple(value)
        elif name == "max_file_size":
            try:
                values[name] = parse_size(value)
            except ValueError as exc:
                raise ConfigError(f"{where}: {exc}") from None
        elif name in ("untracked", "cache"):
            if not isinstance(value, bool):
                raise ConfigError(f"{where}: expected true or false, got {value!r}")
            values[name] = value
        elif name == "jobs":
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ConfigError(f"{where}: expected a whole number >= 0 (0 = all cores), got {value!r}")
            values[name] = value
        elif name in ("allow", "warn", "deny"):
            rules = _check_setting(name, value, where, source)
            values["inbound_rules"] = values.get("inbound_rules", Rules()).extended(rules)
        elif name in _CHECK_KEYS:
            values[name] = _check_setting(name, value, where, source)
        elif name == "openness":
            values.update(_openness_settings(value, where))
    return Config(**values, source=source)


def load_file(path: Path) -> Config:
    """Read a configuration file: pyproject.toml ([tool.commonscheck]) or any other TOML file whose
    top level holds the settings."""
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML ({exc})") from None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        table = tool.get("commonscheck", {}) if isinstance(tool, dict) else {}
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: key 'tool.commonscheck': expected a table")
        return _check(str(path), table)
    return _check(str(path), data)


def discover(root: Path, explicit: Path | None = None) -> tuple[Config, list[tuple[str, str]]]:
    """The configuration for a scan of `root`, and the files that could not be read.

    The file given with --config is used as is: any problem with it is a ConfigError. Otherwise
    commonscheck.toml at the root, else [tool.commonscheck] in the root's pyproject.toml: a file of
    the scanned project that is not valid TOML is reported and the defaults apply, but a bad value in
    our own table is still a ConfigError, since the user asked for it.
    """
    if explicit is not None:
        return load_file(explicit), []
    for name in ("commonscheck.toml", "pyproject.toml"):
        candidate = root / name
        if not candidate.is_file() or candidate.is_symlink():
            continue
        try:
            with candidate.open("rb") as fh:
                tomllib.load(fh)
        except (OSError, tomllib.TOMLDecodeError) as exc:
            return Config(), [(name, f"configuration not read: {exc}")]
        cfg = load_file(candidate)
        if name == "pyproject.toml" and cfg == Config(source=cfg.source):
            # A pyproject.toml without our table configures nothing: report no source.
            return Config(), []
        return cfg, []
    return Config(), []
