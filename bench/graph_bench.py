# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""`commonscheck graph` against the floor (`git log --numstat`) and two peers (git-fame, PyDriller).

Repositories:
- synthetic histories written with `git fast-import` (`--synthetic 10000,100000,1000000`): a fixed
  seed, a few hundred people at company domains, freemail and bot addresses, files in folders, one
  to three files changed a commit, renames, merges and Co-authored-by / Signed-off-by trailers;
- real repositories given with `--repo PATH` (e.g. brought by the search tool's `fetch`, then
  `git clone` of its mirror); nothing is written into them.

For each repository, in the same run: the floor `git log --numstat` (output to /dev/null), then
`commonscheck graph --format json` with an empty cache (cold) and again (warm, history cached),
each with its peak memory (GNU time's maximum resident set size of the process), then the peers
on the same repository, each stopped after `--peer-timeout` seconds (reported as "> limit" with the
commits per second it reached where it says): git-fame (`git-fame --format json`, which blames every
file at HEAD) and PyDriller (a script that visits every commit with its modified files and line
counts, what the graph needs). Ratios are to the floor and to each peer.

    python bench/graph_bench.py --synthetic 10000,100000 [--repo PATH ...] [--json FILE]
        [--work DIR] [--peers | --no-peers] [--peer-timeout 600]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
COMMONSCHECK = str(Path(sys.executable).with_name("commonscheck"))
SEED = 20261128
# commonscheck's CLI in this interpreter, printing its own peak RSS at exit: GNU time's figure is the
# largest process of the tree, which on big histories is the `git log` / `git rev-list` child.
SELF_RSS = (
    "import resource, sys, atexit\n"
    "atexit.register(lambda: sys.stderr.write("
    "'SELFRSS %d\\n' % resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))\n"
    "from commonscheck.cli import main\n"
    "sys.argv = ['commonscheck', *sys.argv[1:]]\n"
    "main()\n"
)

# ---------------------------------------------------------------------------------------------
# synthetic histories


COMPANIES = ["acme.com", "globex.example", "initech.io", "umbrella.org", "hooli.xyz", "cyberdyne.ai"]
FREEMAIL = ["gmail.com", "outlook.com", "users.noreply.github.com", "protonmail.com"]
FIRST = ["ada", "alan", "grace", "linus", "barbara", "dennis", "ken", "margaret", "edsger",
         "donald", "frances", "john", "radia", "tim", "guido", "yukihiro", "bjarne", "anders", "sophie",
         "karen"]  # fmt: skip
LAST = ["lovelace", "turing", "hopper", "torvalds", "liskov", "ritchie", "thompson", "hamilton",
        "dijkstra", "knuth", "allen", "mccarthy", "perlman", "berners-lee", "rossum", "matsumoto",
        "stroustrup", "hejlsberg", "wilson", "jones"]  # fmt: skip


def _people(rng: random.Random, n: int) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    while len(out) < n:
        first, last = rng.choice(FIRST), rng.choice(LAST)
        number = rng.randrange(1000)
        roll = rng.random()
        domain = rng.choice(COMPANIES) if roll < 0.6 else rng.choice(FREEMAIL)
        email = f"{first}.{last}{number}@{domain}"
        if email in seen:
            continue
        seen.add(email)
        out.append((f"{first.title()} {last.title()}", email))
    out.append(("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com"))
    return out


def _data(payload: bytes) -> bytes:
    return b"data %d\n" % len(payload) + payload + b"\n"


def synthetic_stream(commits: int, seed: int = SEED) -> Iterator[bytes]:
    """A `git fast-import` stream of `commits` linear commits on main, realistic enough for the
    graph: Zipf-like activity, renames, trailers, a committer other than the author now and then
    (merges are added afterwards by `_add_merges`)."""
    rng = random.Random(seed)
    people = _people(rng, max(20, min(2000, commits // 100)))
    # a heavy tail: a few people write most commits
    weights = [1.0 / (i + 1) ** 1.1 for i in range(len(people))]
    folders = [f"src/mod{i}" for i in range(max(4, min(200, commits // 2000)))] + ["docs", "tests"]
    nfiles = max(10, min(20000, commits // 20))
    files: list[str] = [f"{rng.choice(folders)}/file{i}.py" for i in range(nfiles)]
    contents: dict[str, list[str]] = {}
    when = 1_400_000_000
    head_mark = 0
    for i in range(commits):
        mark = i + 1
        when += rng.randrange(60, 7200)
        author_name, author_email = rng.choices(people, weights)[0]
        yield b"commit refs/heads/main\n"
        yield b"mark :%d\n" % mark
        yield f"author {author_name} <{author_email}> {when} +0000\n".encode()
        if rng.random() < 0.1:
            committer = people[0]
            yield f"committer {committer[0]} <{committer[1]}> {when + 60} +0000\n".encode()
        else:
            yield f"committer {author_name} <{author_email}> {when} +0000\n".encode()
        message = f"change {i}\n"
        if rng.random() < 0.05:
            co = rng.choice(people)
            message += f"\nCo-authored-by: {co[0]} <{co[1]}>\n"
        if rng.random() < 0.1:
            message += f"\nSigned-off-by: {author_name} <{author_email}>\n"
        yield _data(message.encode())
        if head_mark:
            yield b"from :%d\n" % head_mark
        for _ in range(rng.choice((1, 1, 1, 2, 2, 3))):
            path = rng.choice(files)
            if rng.random() < 0.005 and path in contents:
                new = path.replace(".py", f"_r{i}.py")
                yield f"R {path} {new}\n".encode()
                contents[new] = contents.pop(path)
                files[files.index(path)] = new
                path = new
            lines = contents.setdefault(path, [f"# {path}\n"])
            if len(lines) > 40:
                del lines[rng.randrange(1, len(lines))]
            lines.insert(rng.randrange(1, len(lines) + 1), f"value_{i} = {rng.random():.6f}\n")
            yield f"M 100644 inline {path}\n".encode()
            yield _data("".join(lines).encode())
        yield b"\n"
        head_mark = mark


def make_synthetic(path: Path, commits: int) -> Path:
    """A repository at `path` with a synthetic history of `commits` commits, plus one merge of a
    one-commit side branch per 500 commits on top (made with fast-import too)."""
    if (path / ".git").is_dir():
        return path
    path.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "init", "-q", "-b", "main", str(path)], check=True)
    proc = subprocess.Popen(
        ["git", "-C", str(path), "fast-import", "--quiet", "--done"], stdin=subprocess.PIPE
    )
    assert proc.stdin is not None
    buffer: list[bytes] = []
    size = 0
    for chunk in synthetic_stream(commits):
        buffer.append(chunk)
        size += len(chunk)
        if size > 1 << 20:
            proc.stdin.write(b"".join(buffer))
            buffer, size = [], 0
    proc.stdin.write(b"".join(buffer) + b"done\n")
    proc.stdin.close()
    if proc.wait() != 0:
        raise SystemExit("git fast-import failed")
    _add_merges(path, max(1, commits // 500))
    subprocess.run(["git", "-C", str(path), "reset", "-q", "--hard", "main"], check=True)
    return path


def _add_merges(path: Path, merges: int) -> None:
    """`merges` merge commits on top of main, each of a one-commit side branch, with git itself."""
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Merge Bot",
        "GIT_AUTHOR_EMAIL": "merges@acme.com",
        "GIT_COMMITTER_NAME": "Merge Bot",
        "GIT_COMMITTER_EMAIL": "merges@acme.com",
    }
    lines = []
    base = b"refs/heads/main^0"
    for i in range(merges):
        side, merged = b":%d" % (2 * i + 1), b":%d" % (2 * i + 2)
        lines += [b"commit refs/heads/side\n", b"mark " + side + b"\n"]
        lines.append(b"committer Side Author <side@globex.example> %d +0000\n" % (1_900_000_000 + i * 10))
        lines += [_data(b"side %d\n" % i), b"from " + base + b"\n"]
        lines += [b"M 100644 inline side/s%d.txt\n" % i, _data(b"side %d\n" % i), b"\n"]
        lines += [b"commit refs/heads/main\n", b"mark " + merged + b"\n"]
        lines.append(b"committer Merge Bot <merges@acme.com> %d +0000\n" % (1_900_000_005 + i * 10))
        lines += [_data(b"Merge side %d\n" % i), b"from " + base + b"\n", b"merge " + side + b"\n", b"\n"]
        base = merged
    command = ["git", "-C", str(path), "fast-import", "--quiet", "--force"]
    subprocess.run(command, input=b"".join(lines), check=True, env=env)
    subprocess.run(["git", "-C", str(path), "branch", "-q", "-D", "side"], check=True)


# ---------------------------------------------------------------------------------------------
# timing


def run_timed(
    cmd: list[str], timeout: float | None = None, env: dict[str, str] | None = None
) -> dict[str, Any]:
    """Wall time and peak RSS (GNU time) of a command, its exit code; timed_out when stopped."""
    full = ["/usr/bin/time", "-f", "MAXRSS %M", *cmd]
    started = time.perf_counter()
    # A session of its own, so that a timeout stops the whole tree: git-fame's parallel `git blame`
    # children would otherwise run on and slow every later measurement.
    proc = subprocess.Popen(
        full, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, start_new_session=True
    )
    try:
        _, raw_err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return {"seconds": time.perf_counter() - started, "timed_out": True, "rss_mb": None, "code": None}
    seconds = time.perf_counter() - started
    err = raw_err.decode("utf-8", "replace")
    found = re.findall(r"MAXRSS (\d+)", err)
    own = re.findall(r"SELFRSS (\d+)", err)
    return {
        "seconds": seconds,
        "timed_out": False,
        "rss_mb": int(found[-1]) / 1024 if found else None,
        "python_rss_mb": int(own[-1]) / 1024 if own else None,
        "code": proc.returncode,
        "stderr_tail": err.strip().splitlines()[-3:],
    }


def peers_venv(work: Path) -> Path:
    """A venv with git-fame and PyDriller, made once under the work folder."""
    venv = work / "peers-venv"
    if not (venv / "bin" / "git-fame").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [str(venv / "bin" / "pip"), "install", "-q", "git-fame==4.2.1", "pydriller==2.12"], check=True
        )
    return venv


PYDRILLER_SCRIPT = """
import sys, time
from pydriller import Repository
n = 0
lines = 0
started = time.perf_counter()
for c in Repository(sys.argv[1]).traverse_commits():
    n += 1
    lines += c.insertions + c.deletions
    for m in c.modified_files:
        m.new_path
    if n % 1000 == 0:
        print(f"{n} {time.perf_counter() - started:.1f}", file=sys.stderr, flush=True)
print(n, lines)
"""


def bench_repo(repo: Path, work: Path, peers: bool, peer_timeout: float) -> dict[str, Any]:
    """Every measurement on one repository."""
    commits = int(subprocess.run(["git", "-C", str(repo), "rev-list", "--count", "HEAD"],
                                 capture_output=True, text=True, check=True).stdout)  # fmt: skip
    out: dict[str, Any] = {"repo": str(repo), "commits": commits}
    out["floor"] = run_timed(["git", "-C", str(repo), "log", "--numstat"])
    cache = work / f"cache-{repo.name}"
    shutil.rmtree(cache, ignore_errors=True)
    env = {**os.environ, "COMMONSCHECK_CACHE_DIR": str(cache)}
    cmd = [sys.executable, "-c", SELF_RSS, "graph", str(repo), "--format", "json", "-q", "-o", os.devnull]
    out["ours_cold"] = run_timed(cmd, env=env)
    out["ours_warm"] = run_timed(cmd, env=env)
    out["ours_no_cache"] = run_timed([*cmd, "--no-cache"], env=env)
    floor = out["floor"]["seconds"]
    out["ratio_to_floor"] = out["ours_cold"]["seconds"] / floor
    out["ratio_to_floor_no_cache"] = out["ours_no_cache"]["seconds"] / floor
    if peers:
        venv = peers_venv(work)
        fame = run_timed(
            [str(venv / "bin" / "git-fame"), "--format", "json", "--silent-progress", str(repo)], peer_timeout
        )
        script = work / "pydriller_walk.py"
        script.write_text(PYDRILLER_SCRIPT)
        driller = run_timed([str(venv / "bin" / "python"), str(script), str(repo)], peer_timeout)
        for name, result in (("git-fame", fame), ("pydriller", driller)):
            result["ours_faster_by"] = result["seconds"] / out["ours_no_cache"]["seconds"]
            if result["timed_out"]:
                result["note"] = f"stopped after {peer_timeout:.0f} s: ours is faster by more than this"
            out[name] = result
    return out


def main() -> None:
    """Make the synthetic repositories, run every measurement, print them (and --json)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--synthetic", default="10000", help="comma-separated commit counts")
    parser.add_argument("--repo", type=Path, action="append", default=[])
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "commonscheck-graph-bench")
    parser.add_argument("--peers", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--peer-timeout", type=float, default=600)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    repos: list[Path] = []
    for count in filter(None, args.synthetic.split(",")):
        started = time.perf_counter()
        repo = make_synthetic(args.work / f"synthetic-{count}", int(count))
        print(f"synthetic {count}: {repo} ({time.perf_counter() - started:.0f} s to make)", file=sys.stderr)
        repos.append(repo)
    repos += [r.resolve() for r in args.repo]
    results = []
    for repo in repos:
        r = bench_repo(repo, args.work, args.peers, args.peer_timeout)
        results.append(r)
        print(f"\n== {repo.name}: {r['commits']} commits")
        print(f"   git log --numstat (floor): {r['floor']['seconds']:.2f} s")
        for key in ("ours_cold", "ours_warm", "ours_no_cache"):
            m = r[key]
            own = m["python_rss_mb"] or 0
            tree = m["rss_mb"] or 0
            print(
                f"   {key:14} {m['seconds']:.2f} s, peak {own:.0f} MB "
                f"(largest process {tree:.0f} MB), exit {m['code']}"
            )
        cold, bare = r["ratio_to_floor"], r["ratio_to_floor_no_cache"]
        print(f"   ratio to floor: {cold:.2f}x cold, {bare:.2f}x no cache")
        for name in ("git-fame", "pydriller"):
            if name in r:
                m = r[name]
                state = "> limit" if m["timed_out"] else f"exit {m['code']}"
                print(f"   {name:10} {m['seconds']:.1f} s ({state}): ours {m['ours_faster_by']:.1f}x faster")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
