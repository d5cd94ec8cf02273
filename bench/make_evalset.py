# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Build the `commonscheck scan` evaluation set from real PyPI packages.

The set lives OUTSIDE the repository (default /tmp/commonscheck-evalset) and nothing from PyPI is
committed. Steps:

1. make a throwaway venv in <dir>/venv and pip install the pinned PACKAGES below (wheels only,
   no dependencies, so the set is exactly this list);
2. collect every file shipped in each project's .dist-info (license files, notices, authors lists):
   labelled by the project's METADATA ``License-Expression`` unless bench/evalset_labels.tsv has a
   hand-checked label for that file (a project without License-Expression needs a row per file);
3. take real source files with a header notice, each labelled by hand in evalset_labels.tsv;
4. generate reflowed / Markdown / HTML variants of distinct real license texts, with copyright lines
   and comment markers, labelled like the text they come from;
5. pick source and data files that contain no license statement at all (category ``none``);
6. copy everything into <dir>/files/ under neutral shuffled names and write <dir>/truth.tsv
   (path, expected SPDX expression or NONE, category) and <dir>/sources.tsv (where each file came from).

Run: ``python bench/make_evalset.py [DIR]`` with Python 3.11 (the wheels are picked for it).

Two disjoint sets: ``--set dev`` (the default: PACKAGES and bench/evalset_labels.tsv, used while the
detector was tuned, so its scores are development scores) and ``--set heldout`` (PACKAGES_HELDOUT and
bench/evalset_labels_heldout.tsv, default folder /tmp/commonscheck-evalset-heldout: projects that no
detector change was checked against).
"""

from __future__ import annotations

import argparse
import csv
import email.parser
import hashlib
import html
import random
import re
import shutil
import subprocess
import sys
import textwrap
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from license_expression import ExpressionError, get_spdx_licensing

HERE = Path(__file__).resolve().parent
DEFAULT_DIR = Path("/tmp/commonscheck-evalset")
DEFAULT_DIR_HELDOUT = Path("/tmp/commonscheck-evalset-heldout")
SEED = 20261128

# Pinned so the set is reproducible; chosen for a spread of licenses (MIT, BSD-2/3, Apache-2.0,
# PSF-2.0, MPL-2.0, LGPL-2.1/3.0, GPL-2.0/3.0, ISC, 0BSD, MIT-0, Unlicense, ZPL-2.1, EPL-2.0, ...)
# and choices ("Apache-2.0 OR BSD-3-Clause", "MIT OR Apache-2.0", "EPL-2.0 OR BSD-3-Clause").
# All are pure Python or have cp311 manylinux wheels.
PACKAGES: tuple[str, ...] = (
    "aiohttp==3.14.5",
    "annotated-types==0.8.0",
    "ansible-core==2.19.14",
    "anyio==4.16.0",
    "arrow==1.4.0",
    "astroid==4.3.4",
    "asttokens==3.0.2",
    "attrs==26.1.0",
    "babel==2.18.0",
    "bcrypt==5.0.0",
    "black==26.10.1",
    "bleach==6.4.0",
    "blinker==1.9.0",
    "boolean.py==5.0",
    "cachetools==8.0.0",
    "certifi==2026.10.19.post1",
    "cffi==2.1.1",
    "chardet==7.7.0",
    "charset-normalizer==3.5.2",
    "click==8.5.1",
    "colorama==0.4.6",
    "coverage==7.17.3",
    "cryptography==50.0.2",
    "decorator==5.3.1",
    "defusedxml==0.7.1",
    "distlib==0.4.4",
    "distro==1.9.0",
    "dnspython==2.9.2",
    "docker==7.2.0",
    "docutils==0.23",
    "email-validator==2.4.0",
    "exceptiongroup==1.3.1",
    "filelock==4.2.11",
    "flask==3.1.3",
    "fpdf2==2.8.9",
    "fqdn==1.6.0",
    "frozendict==2.5.1",
    "frozenlist==1.8.0",
    "gitpython==3.2.1",
    "glances==4.5.8",
    "gmpy2==2.3.2",
    "greenlet==3.5.6",
    "gunicorn==27.0.1",
    "h11==0.16.0",
    "html2text==2025.4.15",
    "html5lib==1.1",
    "httpcore==1.0.9",
    "httpx==0.28.1",
    "hypothesis==6.170.15",
    "idna==3.20",
    "importlib-metadata==10.2.0",
    "iniconfig==2.3.1",
    "isort==9.0.2",
    "itsdangerous==2.2.0",
    "jinja2==3.1.6",
    "jmespath==1.1.0",
    "jsonpointer==3.12",
    "jsonschema==4.26.0",
    "ldap3==2.9.1",
    "license-expression==30.4.4",
    "lxml==6.1.3",
    "mako==1.4.3",
    "markdown-it-py==4.3.0",
    "markupsafe==3.0.4",
    "mccabe==0.7.0",
    "mdurl==0.1.2",
    "more-itertools==11.2.1",
    "mpmath==1.4.1",
    "multidict==7.2.1",
    "mutagen==1.48.1",
    "mypy-extensions==1.2.0",
    "networkx==3.6.1",
    "oauthlib==4.0.1",
    "orjson==3.13.0",
    "outcome==1.3.0.post0",
    "packaging==26.3",
    "paho-mqtt==2.2.0",
    "paramiko==5.1.0",
    "pathspec==1.1.1",
    "pexpect==4.9.0",
    "pikepdf==10.17.0",
    "pillow==13.0.0",
    "platformdirs==4.14.5",
    "pluggy==1.7.0",
    "ply==3.11",
    "prompt-toolkit==3.0.53",
    "protobuf==7.36.2",
    "psutil==7.2.2",
    "psycopg==3.3.9",
    "psycopg2-binary==2.9.13",
    "ptyprocess==0.7.0",
    "pyasn1==0.6.5",
    "pyasn1-modules==0.4.2",
    "pycodestyle==2.15.0",
    "pycparser==3.12",
    "pycryptodome==4.4.0",
    "pydantic==2.14.3",
    "pyelftools==0.33",
    "pyflakes==4.1.0",
    "pygit2==1.21.0",
    "pygments==2.21.0",
    "pyinstaller==6.22.3",
    "pyjwt==2.15.1",
    "pylint==4.1.4",
    "pynacl==1.6.2",
    "pyopenssl==26.4.0",
    "pyparsing==3.3.3",
    "pyphen==0.18.1",
    "pyte==0.8.2",
    "pytest==9.2.0",
    "python-dateutil==4.0.0",
    "python-debian==1.1.1",
    "python-json-logger==4.2.0",
    "python-xlib==0.33",
    "pytz==2026.6",
    "pyxdg==0.28",
    "pyyaml==6.0.3",
    "referencing==0.37.0",
    "regex==2026.11.15",
    "requests==2.34.2",
    "requests-oauthlib==2.0.0",
    "rich==15.0.0",
    "rope==1.15.0",
    "rsa==4.9.1",
    "semantic-version==2.10.0",
    "setuptools==84.2.1",
    "shellingham==1.5.4",
    "six==1.17.0",
    "smmap==5.0.3",
    "sniffio==1.3.1",
    "sortedcontainers==2.4.0",
    "sqlalchemy==2.1.9",
    "sqlparse==0.6.1",
    "starlette==1.10.0",
    "tabulate==0.10.0",
    "text-unidecode==1.3",
    "tomli==2.5.0",
    "tomlkit==0.15.2",
    "tornado==6.6.1",
    "tqdm==4.70.1",
    "traitlets==5.16.1",
    "trio==0.35.0",
    "typer==0.29.1",
    "typing-extensions==4.16.0",
    "typing-inspection==0.4.5",
    "unidecode==1.4.0",
    "urllib3==2.8.0",
    "urwid==5.0.1",
    "uvloop==0.23.0",
    "virtualenv==21.15.7",
    "wasmtime==50.0.1",
    "wcwidth==0.9.4",
    "webencodings==0.6.1",
    "websocket-client==1.9.2",
    "websockets==17.4",
    "werkzeug==3.1.9",
    "wheel==0.48.0",
    "wrapt==2.5.2",
    "xmltodict==1.0.4",
    "yamllint==1.38.0",
    "yarl==1.25.1",
    "zipp==4.1.2",
    "zope.interface==8.7",
)

# The held-out set: 131 more pinned projects, none of them in PACKAGES, picked on 2026-11-28 after
# the detector work of that day and never used to tune it. Same rules (wheels for cp311 manylinux or
# pure Python, --no-deps); licenses: MIT, MIT-0, BSD-2/3-Clause, Apache-2.0, ISC, PSF-2.0, MPL-1.1,
# LGPL-2.1/3.0, GPL-2.0/3.0, Unlicense, WTFPL, AFL-2.1, TCL, and choices (structlog, coincurve and
# maturin "MIT OR Apache-2.0", simplejson "MIT OR AFL-2.1", tld's MPL/GPL/LGPL tri-license,
# reedsolo "Unlicense OR MIT-0").
PACKAGES_HELDOUT: tuple[str, ...] = (
    "aiofiles==25.1.0",
    "aiohappyeyeballs==2.7.1",
    "aiosignal==1.4.0",
    "alabaster==1.0.0",
    "apsw==3.54.1.0",
    "argcomplete==3.7.2",
    "automat==25.4.16",
    "beautifulsoup4==4.15.0",
    "bitarray==3.12.3",
    "brotli==1.2.1",
    "build==1.6.1",
    "cattrs==26.2.1",
    "cfgv==3.5.0",
    "click-plugins==1.1.1.2",
    "cloudpickle==3.1.3",
    "coincurve==21.0.0",
    "constantly==23.10.4",
    "cvxopt==1.3.3",
    "cysignals==1.12.5",
    "ecdsa==0.19.2",
    "ecos==2.0.14",
    "editables==0.6",
    "executing==2.3.0",
    "fastapi==0.165.0",
    "fastjsonschema==2.22.3",
    "feedparser==6.0.14",
    "flake8==7.5.0",
    "flit-core==4.2.0",
    "fonttools==4.68.0",
    "future==1.0.0",
    "gitdb==4.0.12",
    "graphviz==0.21",
    "h2==4.4.1",
    "hatchling==1.33.0",
    "hpack==4.2.0",
    "httptools==0.9.0",
    "humanize==4.17.0",
    "hyperframe==6.1.0",
    "hyperlink==21.0.0",
    "identify==2.6.20",
    "igraph==1.0.0",
    "imageio==2.38.1",
    "imagesize==2.0.1",
    "incremental==24.11.0",
    "invoke==3.0.3",
    "isoduration==20.11.0",
    "jaraco-classes==3.4.0",
    "jedi==0.20.1",
    "jeepney==0.9.0",
    "jiter==0.19.0",
    "joblib==1.6.0",
    "json5==0.17.3",
    "jsonpatch==1.48",
    "jsonpickle==4.1.4",
    "levenshtein==0.27.5",
    "locket==1.0.0",
    "loguru==0.7.3",
    "lz4==4.4.5",
    "markdown==3.11.3",
    "marshmallow==4.4.0",
    "matplotlib-inline==0.2.2",
    "maturin==1.16.0",
    "mdit-py-plugins==0.7.0",
    "mistune==3.4.0",
    "moocore==0.3.2",
    "msgpack==1.2.4",
    "nest-asyncio==1.6.0",
    "nh3==0.3.8",
    "nodeenv==1.12.0",
    "olefile==0.47",
    "parso==0.8.7",
    "passlib==1.7.4",
    "portalocker==4.4.2",
    "progress==1.6.1",
    "propcache==0.5.4",
    "psycopg-binary==3.3.9",
    "pure-eval==0.2.4",
    "pyaml==26.7.0",
    "pycountry==26.2.16",
    "pydantic-settings==2.16.3",
    "pygame-ce==2.5.8",
    "pymarc==5.4.0",
    "pyperclip==1.11.0",
    "pyproject-hooks==1.3.3",
    "pyserial==3.5",
    "python-can==4.6.1",
    "python-dotenv==1.2.4",
    "python-multipart==0.0.34",
    "qrcode==8.2",
    "reedsolo==1.7.0",
    "requests-toolbelt==1.0.0",
    "rfc3339-validator==0.1.4",
    "rfc3986==2.0.0",
    "scapy==2.8.0",
    "scramp==1.5.0",
    "secretstorage==3.5.0",
    "setuptools-scm==10.3.4",
    "shapely==2.2.0",
    "shiboken6==6.12.0",
    "simplejson==4.3.0",
    "snowballstemmer==3.1.1",
    "soupsieve==4.1.3",
    "sphinxcontrib-serializinghtml==2.0.0",
    "stack-data==0.6.3",
    "stevedore==5.10.0",
    "structlog==26.1.0",
    "tblib==3.2.2",
    "tenacity==9.2.1",
    "termcolor==3.3.0",
    "texttable==1.7.2",
    "threadpoolctl==3.8.0",
    "tinycss2==1.5.1",
    "tld==0.13.2",
    "tomli-w==1.2.0",
    "toolz==1.2.0",
    "twisted==26.10.0",
    "typeguard==4.6.1",
    "tzdata==2026.6",
    "tzlocal==5.4.5",
    "ujson==6.1.0",
    "unicorn==2.1.4",
    "uritemplate==4.2.0",
    "uvicorn==0.54.0",
    "watchdog==7.1.0",
    "watchfiles==1.3.0",
    "webcolors==25.10.0",
    "wsproto==1.3.2",
    "xlsxwriter==3.3.1",
    "xxhash==4.1.0",
    "yt-dlp==2026.10.26",
    "zstandard==0.25.0",
)

# --set NAME -> (pinned projects, hand-label table, default output folder)
SETS: dict[str, tuple[tuple[str, ...], Path, Path]] = {
    "dev": (PACKAGES, HERE / "evalset_labels.tsv", DEFAULT_DIR),
    "heldout": (PACKAGES_HELDOUT, HERE / "evalset_labels_heldout.tsv", DEFAULT_DIR_HELDOUT),
}

# .dist-info files that are packaging metadata, never license material.
METADATA_FILES = frozenset(
    {
        "METADATA",
        "RECORD",
        "WHEEL",
        "INSTALLER",
        "REQUESTED",
        "top_level.txt",
        "entry_points.txt",
        "direct_url.json",
        "zip-safe",
        "namespace_packages.txt",
        "dependency_links.txt",
        "DELVEWHEEL",
    }
)

# Anything that hints at licensing: a "none" file must match none of it, anywhere in the file.
LICENSE_HINT = re.compile(
    r"licen[cs]|copyright|\(c\)|©|spdx|\bgpl\b|public domain|permission|redistribut|warrant"
    r"|\bmit\b|\bbsd\b|apache|mozilla|\bpsf\b|unlicense|creative commons",
    re.IGNORECASE,
)
NONE_SUFFIXES = (".py", ".pyi", ".json", ".txt", ".csv", ".cfg", ".ini", ".toml", ".yaml", ".yml")
SOURCE_SUFFIXES_FOR_NONE = 70  # how many "none" files to pick
VARIANTS = {"reflowed": 70, "markdown": 45, "html": 45}  # generated files per category

FAKE_HOLDERS = (
    "Copyright (c) 2019-2024 Example Contributors <dev@example.org>",
    "Copyright 2021 Jane Doe and the Acme Widgets authors",
    "Copyright (C) 2015, 2016, 2023 Northwind Traders Ltd.",
    "(c) 2020 Ana Lopez <ana@lopez.invalid>",
    "Copyright © 2018-present The Fern Project Developers",
)
COMMENT_STYLES: tuple[tuple[str, str, str, str], ...] = (
    # (extension, opening line, line prefix, closing line)
    (".py", "", "# ", ""),
    (".c", "/*", " * ", " */"),
    (".js", "", "// ", ""),
    (".sql", "", "-- ", ""),
    (".txt", "", "", ""),
    (".sh", "#!/bin/sh", "# ", ""),
)


Labels = dict[tuple[str, str, str], tuple[str, str]]


@dataclass(frozen=True)
class Item:
    """One evaluation file before it is written: its content, label and origin."""

    content: bytes
    expression: str  # normalised SPDX expression or NONE
    category: str  # license-file, header, reflowed, markdown, html, none
    suffix: str
    source: str  # project==version:path, for reading misses


@dataclass(frozen=True)
class Dist:
    """An installed distribution: name, version, declared license data and its .dist-info dir."""

    name: str
    version: str
    license_expression: str | None
    license_field: str | None
    classifiers: tuple[str, ...]
    dist_info: Path


def canonical(name: str) -> str:
    """PEP 503 normalised project name."""
    return re.sub(r"[-_.]+", "-", name).lower()


def normalise(expression: str) -> str:
    """Return `expression` as a canonical SPDX expression string; NONE and SKIP pass through.

    Deprecated ids (e.g. LGPL-2.1) become their current form (LGPL-2.1-only); an unknown id raises.
    """
    if expression in ("NONE", "SKIP"):
        return expression
    licensing = get_spdx_licensing()
    parsed = licensing.parse(expression, validate=True, strict=False)
    rendered = parsed.render("{symbol.key}")
    return str(rendered)


def make_venv(root: Path, python: str, packages: tuple[str, ...] = PACKAGES) -> Path:
    """Create <root>/venv (once) with `packages` installed; return its site-packages directory."""
    venv = root / "venv"
    marker = venv / ".commonscheck-evalset-installed"
    pins = "\n".join(packages) + "\n"
    if not (marker.exists() and marker.read_text() == pins):
        if venv.exists():
            shutil.rmtree(venv)
        subprocess.run([python, "-m", "venv", str(venv)], check=True)
        reqs = root / "requirements.txt"
        reqs.write_text(pins)
        subprocess.run(
            [
                str(venv / "bin" / "python"),
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "--no-deps",
                "--only-binary",
                ":all:",
                "-r",
                str(reqs),
            ],
            check=True,
        )
        marker.write_text(pins)
    found = sorted((venv / "lib").glob("python3*/site-packages"))
    if not found:
        raise SystemExit(f"no site-packages under {venv}")
    return found[0]


def read_dists(site: Path, packages: tuple[str, ...] = PACKAGES) -> dict[str, Dist]:
    """Map canonical project name -> Dist for the pinned projects installed in `site`."""
    wanted = {canonical(p.split("==")[0]) for p in packages}
    out: dict[str, Dist] = {}
    for info in sorted(site.glob("*.dist-info")):
        msg = email.parser.Parser().parsestr(
            (info / "METADATA").read_text(encoding="utf-8", errors="replace")
        )
        name = canonical(msg.get("Name", ""))
        if name not in wanted:
            continue
        out[name] = Dist(
            name=name,
            version=msg.get("Version", ""),
            license_expression=(msg.get("License-Expression") or "").strip() or None,
            license_field=(msg.get("License") or "").strip() or None,
            classifiers=tuple(c for c in msg.get_all("Classifier", []) if c.startswith("License ::")),
            dist_info=info,
        )
    missing = wanted - out.keys()
    if missing:
        raise SystemExit(f"not installed: {sorted(missing)}")
    return out


def read_labels(path: Path) -> Labels:
    """Read evalset_labels.tsv: (kind, project, path) -> (normalised expression, reason)."""
    labels: Labels = {}
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 5:
                raise SystemExit(f"{path}:{lineno}: expected 5 tab-separated fields, got {len(parts)}")
            kind, project, rel, expression, reason = parts
            try:
                labels[(kind, canonical(project), rel)] = (normalise(expression), reason)
            except ExpressionError as exc:
                raise SystemExit(f"{path}:{lineno}: bad expression {expression!r}: {exc}") from exc
    return labels


def license_file_items(dists: dict[str, Dist], labels: Labels) -> list[Item]:
    """Every non-metadata file of each .dist-info, labelled by hand or by License-Expression."""
    items: list[Item] = []
    unlabelled: list[str] = []
    for name, dist in sorted(dists.items()):
        for path in sorted(p for p in dist.dist_info.rglob("*") if p.is_file()):
            rel = path.relative_to(dist.dist_info).as_posix()
            if rel in METADATA_FILES or rel.startswith("sboms/"):
                continue
            hand = labels.get(("license-file", name, rel))
            if hand is not None:
                expression = hand[0]
            elif dist.license_expression:
                expression = normalise(dist.license_expression)
            else:
                unlabelled.append(f"{name}:{rel}")
                continue
            if expression == "SKIP":
                continue
            suffix = path.suffix if path.suffix in (".txt", ".md", ".rst") else ""
            items.append(
                Item(
                    path.read_bytes(),
                    expression,
                    "license-file",
                    suffix,
                    f"{name}=={dist.version}:{dist.dist_info.name}/{rel}",
                )
            )
    if unlabelled:
        print(f"left out (no License-Expression and no hand label): {', '.join(unlabelled)}", file=sys.stderr)
    stale = [
        key
        for key in labels
        if key[0] == "license-file" and not (key[1] in dists and (dists[key[1]].dist_info / key[2]).is_file())
    ]
    if stale:
        raise SystemExit(f"labels for files that do not exist: {stale}")
    return items


def header_items(site: Path, dists: dict[str, Dist], labels: Labels) -> list[Item]:
    """Real source files whose header notice was read and labelled by hand."""
    items: list[Item] = []
    for (kind, project, rel), (expression, _reason) in sorted(labels.items()):
        if kind != "header" or expression == "SKIP":
            continue
        path = site / rel
        if not path.is_file():
            raise SystemExit(f"header file not installed: {rel} ({project})")
        version = dists[project].version if project in dists else "?"
        items.append(
            Item(path.read_bytes(), expression, "header", path.suffix, f"{project}=={version}:{rel}")
        )
    return items


def owner_map(dists: dict[str, Dist]) -> dict[str, str]:
    """Map site-packages relative path -> project name, from each RECORD."""
    owners: dict[str, str] = {}
    for name, dist in dists.items():
        record = dist.dist_info / "RECORD"
        if record.is_file():
            for row in csv.reader(record.read_text(encoding="utf-8").splitlines()):
                if row:
                    owners[row[0]] = name
    return owners


def none_items(site: Path, dists: dict[str, Dist], rng: random.Random) -> list[Item]:
    """Source and data files in which no line hints at a license (at most 2 per project)."""
    owners = owner_map(dists)
    candidates: dict[str, list[str]] = {}
    for rel, project in sorted(owners.items()):
        if ".dist-info/" in rel or not rel.endswith(NONE_SUFFIXES) or "/vendor" in rel or "_vendor" in rel:
            continue
        path = site / rel
        if not path.is_file() or not 200 <= path.stat().st_size <= 60_000:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if LICENSE_HINT.search(text):
            continue
        candidates.setdefault(project, []).append(rel)
    picked: list[tuple[str, str]] = []
    for project in sorted(candidates):
        rels = candidates[project]
        rng.shuffle(rels)
        picked.extend((project, r) for r in rels[:2])
    rng.shuffle(picked)
    items = []
    for project, rel in sorted(picked[:SOURCE_SUFFIXES_FOR_NONE]):
        path = site / rel
        items.append(
            Item(path.read_bytes(), "NONE", "none", path.suffix, f"{project}=={dists[project].version}:{rel}")
        )
    return items


def paragraphs(text: str) -> list[str]:
    """Split a license text into paragraphs with their inner line breaks joined."""
    paras = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        joined = " ".join(line.strip() for line in block.splitlines() if line.strip())
        if joined:
            paras.append(joined)
    return paras


def reflowed(text: str, rng: random.Random) -> tuple[bytes, str]:
    """Rewrap `text` at another width, add a copyright line and comment markers."""
    ext, opening, prefix, closing = rng.choice(COMMENT_STYLES)
    width = rng.choice((48, 66, 79, 100, 120))
    lines: list[str] = []
    if opening:
        lines.append(opening)
    body = [rng.choice(FAKE_HOLDERS), ""]
    for para in paragraphs(text):
        body.extend(textwrap.wrap(para, width))
        body.append("")
    lines.extend((prefix + line).rstrip() if line else prefix.rstrip() for line in body)
    if closing:
        lines.append(closing)
    if ext in (".py", ".c", ".js", ".sql", ".sh"):
        lines.append("")
        lines.append(
            {
                ".py": "VALUE = 1",
                ".c": "int value = 1;",
                ".js": "export const value = 1;",
                ".sql": "SELECT 1;",
                ".sh": "echo ok",
            }[ext]
        )
    return ("\n".join(lines) + "\n").encode("utf-8"), ext


def to_markdown(text: str, rng: random.Random) -> bytes:
    """Render a license text as Markdown: heading, copyright, numbered/bulleted items, bold caps."""
    paras = paragraphs(text)
    title = paras[0] if len(paras[0]) < 80 else "License"
    out = [f"# {title}", "", rng.choice(FAKE_HOLDERS), ""]
    for para in paras[1:] if title != "License" else paras:
        if re.match(r"^(\d+|[a-z])[.)]\s", para):
            out.append(re.sub(r"^(\d+|[a-z])[.)]\s", "1. ", para))
        elif re.match(r"^[*-]\s", para):
            out.append("- " + para[2:])
        elif para.isupper() and len(para) > 40:
            out.append(f"**{para}**")
        else:
            out.append(para)
        out.append("")
    return "\n".join(out).encode("utf-8")


def to_html(text: str, rng: random.Random) -> bytes:
    """Render a license text as an HTML page with escaped entities and a copyright paragraph."""
    paras = paragraphs(text)
    title = paras[0] if len(paras[0]) < 80 else "License"
    body = [
        f"<h1>{html.escape(title)}</h1>",
        f'<p class="copyright">{html.escape(rng.choice(FAKE_HOLDERS)).replace("©", "&copy;")}</p>',
    ]
    for para in paras[1:] if title != "License" else paras:
        body.append(f"<p>{html.escape(para, quote=True)}</p>")
    page = (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )
    return page.encode("utf-8")


def variant_items(license_items: list[Item], rng: random.Random) -> list[Item]:
    """Reflowed / Markdown / HTML variants of distinct real license texts (one label each)."""
    distinct: dict[str, Item] = {}
    for item in license_items:
        if item.expression == "NONE":
            continue
        key = hashlib.sha1(b" ".join(item.content.lower().split())).hexdigest()
        distinct.setdefault(key, item)
    sources = sorted(distinct.values(), key=lambda i: i.source)
    items: list[Item] = []
    for category, count in VARIANTS.items():
        pool = sources[:]
        rng.shuffle(pool)
        # Cycle if there are fewer distinct texts than wanted; each pass gets new random styling.
        for n in range(count):
            src = pool[n % len(pool)]
            text = src.content.decode("utf-8", errors="replace")
            if category == "reflowed":
                content, ext = reflowed(text, rng)
            elif category == "markdown":
                content, ext = to_markdown(text, rng), ".md"
            else:
                content, ext = to_html(text, rng), ".html"
            items.append(Item(content, src.expression, category, ext, f"{category} of {src.source}"))
    return items


def write_set(root: Path, items: list[Item], rng: random.Random) -> None:
    """Write <root>/files/*, truth.tsv and sources.tsv with shuffled neutral names."""
    files = root / "files"
    if files.exists():
        shutil.rmtree(files)
    files.mkdir(parents=True)
    order = list(range(len(items)))
    rng.shuffle(order)
    truth_rows = []
    source_rows = []
    for number, index in enumerate(order, 1):
        item = items[index]
        name = f"f{number:04d}{item.suffix}"
        (files / name).write_bytes(item.content)
        truth_rows.append((name, item.expression, item.category))
        source_rows.append((name, item.source))
    truth_rows.sort()
    source_rows.sort()
    with (root / "truth.tsv").open("w", encoding="utf-8") as fh:
        fh.write("path\texpected\tcategory\n")
        fh.writelines(f"{p}\t{e}\t{c}\n" for p, e, c in truth_rows)
    with (root / "sources.tsv").open("w", encoding="utf-8") as fh:
        fh.write("path\tsource\n")
        fh.writelines(f"{p}\t{s}\n" for p, s in source_rows)


def main(argv: list[str] | None = None) -> int:
    """Build the evaluation set; print its composition."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "dir",
        nargs="?",
        type=Path,
        help=f"output directory, outside the repo (default {DEFAULT_DIR}; {DEFAULT_DIR_HELDOUT} for heldout)",
    )
    parser.add_argument("--python", default=sys.executable, help="Python 3.11 used for the throwaway venv")
    parser.add_argument(
        "--set",
        choices=sorted(SETS),
        default="dev",
        help="dev: the set used while tuning (default); heldout: the disjoint set nobody tuned against",
    )
    parser.add_argument("--labels", type=Path, help="hand-label table (default: the one of --set)")
    args = parser.parse_args(argv)
    packages, default_labels, default_dir = SETS[args.set]
    overlap = {canonical(p.split("==")[0]) for p in PACKAGES} & {
        canonical(p.split("==")[0]) for p in PACKAGES_HELDOUT
    }
    if overlap:
        raise SystemExit(f"the held-out set shares projects with the dev set: {sorted(overlap)}")
    root: Path = (args.dir or default_dir).resolve()
    repo = HERE.parent.resolve()
    if root == repo or repo in root.parents:
        parser.error("the evaluation set must live outside the repository")
    root.mkdir(parents=True, exist_ok=True)

    site = make_venv(root, args.python, packages)
    dists = read_dists(site, packages)
    labels = read_labels(args.labels or default_labels)
    rng = random.Random(SEED)
    licenses = license_file_items(dists, labels)
    headers = header_items(site, dists, labels)
    variants = variant_items(licenses, rng)
    nones = none_items(site, dists, rng)
    items = licenses + headers + variants + nones
    write_set(root, items, rng)

    print(f"{len(items)} files from {len(dists)} projects in {root / 'files'}")
    for category, count in sorted(Counter(i.category for i in items).items()):
        print(f"  {category:13s} {count}")
    print("by expected expression:")
    for expression, count in Counter(i.expression for i in items).most_common():
        print(f"  {count:4d}  {expression}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
