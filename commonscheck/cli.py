# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The command line: thin. Parse options, call the pipeline, pick the format, set the exit code.

Exit codes (DESIGN.md): 0 clean; 1 findings at or above the failure threshold; 2 usage or
configuration error; 3 the work could not be completed. User errors are one line on stderr; a
traceback only with --verbose.
"""

from __future__ import annotations

import json
import os
import stat
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from commonscheck import __version__
from commonscheck.cache import default_cache_dir
from commonscheck.config import Config, ConfigError, discover, parse_size
from commonscheck.formats import Format

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INCOMPLETE = 0, 1, 2, 3

app = typer.Typer(
    name="commonscheck",
    help="Audit licenses, dependencies and contributor networks of repositories.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class UserError(Exception):
    """An error the user can fix; carries the exit code."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


def _say(message: str) -> None:
    sys.stderr.write(f"commonscheck: {message}\n")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"commonscheck {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    """commonscheck: open inputs, commons-oriented output, real co-creation."""


# Options every command accepts (DESIGN.md, machine-readable output contract).
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
OutputOpt = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write the document to FILE instead of stdout.")
]
ConfigOpt = Annotated[
    Path | None,
    typer.Option("--config", help="Configuration file (pyproject.toml or commonscheck.toml)."),
]
JobsOpt = Annotated[int | None, typer.Option("--jobs", "-j", min=0, help="Processes to use (0: all cores).")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress or notes on stderr.")]
VerboseOpt = Annotated[bool, typer.Option("--verbose", "-v", help="More detail; tracebacks on errors.")]
# Options of the commands that read a tree's files.
UntrackedOpt = Annotated[
    bool, typer.Option("--untracked", help="In a git work tree, add untracked files git does not ignore.")
]
ExcludeOpt = Annotated[
    list[str] | None, typer.Option("--exclude", "-x", help="Leave out paths matching GLOB (repeatable).")
]


def _write_output(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    target = output.resolve()
    try:
        existing: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        existing = None
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        # A device or a pipe (`-o /dev/null`, `-o /dev/stdout`): write through it. Replacing it
        # would put a regular file where /dev/null was.
        with open(target, "w", encoding="utf-8") as fh:
            fh.write(text)
        return
    # Atomic: a reader never sees half a report, an interrupted run leaves the old one.
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        # mkstemp makes the file private (0600): keep the mode of the file replaced, else give the
        # permissions a new file gets under the umask
        if existing is not None:
            mode = stat.S_IMODE(existing.st_mode)
        else:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _run(verbose: bool, body: Callable[[], int]) -> NoReturn:
    try:
        code = body()
    except UserError as exc:
        if verbose:
            traceback.print_exc()
        _say(f"error: {exc}")
        raise typer.Exit(exc.code) from None
    except ConfigError as exc:
        if verbose:
            traceback.print_exc()
        _say(f"configuration error: {exc}")
        raise typer.Exit(EXIT_USAGE) from None
    except KeyboardInterrupt:
        _say("interrupted")
        raise typer.Exit(130) from None
    except OSError as exc:
        if verbose:
            traceback.print_exc()
        where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
        _say(f"error: {where}{exc.strerror or exc}")
        raise typer.Exit(EXIT_INCOMPLETE) from None
    except Exception as exc:
        if verbose:
            traceback.print_exc()
        _say(f"internal error: {type(exc).__name__}: {exc} (run with --verbose for details)")
        raise typer.Exit(EXIT_INCOMPLETE) from None
    raise typer.Exit(code)


def _check_format(command: str, fmt: Format) -> None:
    from commonscheck.formats import FORMATS_OF

    allowed = FORMATS_OF[command]
    if fmt not in allowed:
        names = ", ".join(f.value for f in allowed)
        raise UserError(f"--format {fmt.value} is not available for {command} (choose from {names})")


def _load_config(root: Path, config: Path | None) -> tuple[Config, list[tuple[str, str]]]:
    if config is not None and not config.is_file():
        raise UserError(f"{config}: configuration file not found")
    return discover(root, config)


@app.command()
def scan(
    path: Annotated[Path, typer.Argument(help="Repository or folder to scan.")] = Path("."),
    fmt: FormatOpt = Format.terminal,
    output: OutputOpt = None,
    config: ConfigOpt = None,
    jobs: JobsOpt = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    untracked: UntrackedOpt = False,
    exclude: ExcludeOpt = None,
    max_file_size: Annotated[
        str | None, typer.Option("--max-file-size", help="Skip files larger than this (default 10 MiB).")
    ] = None,
    reuse: Annotated[
        bool, typer.Option("--reuse", help="Add the REUSE 3.3 verdict; exit 1 when not compliant.")
    ] = False,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Neither read nor write cached results.")
    ] = False,
    show_all: Annotated[bool, typer.Option("--all", help="Terminal format: list every file.")] = False,
) -> None:
    """Find every license and copyright statement in a repository's files."""

    def body() -> int:
        from commonscheck.audit.files import NotScannable
        from commonscheck.audit.licensedb import data_version
        from commonscheck.audit.scan import ENGINE_VERSION, ScanOptions, list_tree, tree_state
        from commonscheck.audit.scan import scan as run_scan
        from commonscheck.cache import Cache

        _check_format("scan", fmt)
        if not path.exists():
            raise UserError(f"{path}: no such file or folder")
        if not path.is_dir():
            raise UserError(f"{path}: not a folder", EXIT_INCOMPLETE)
        cfg, cfg_errors = _load_config(path, config)
        size = cfg.max_file_size
        if max_file_size is not None:
            try:
                size = parse_size(max_file_size)
            except ValueError as exc:
                raise UserError(f"--max-file-size: {exc}") from None
        cache_on = cfg.cache and not no_cache
        options = ScanOptions(
            untracked=untracked or cfg.untracked,
            excludes=(*cfg.exclude, *(exclude or ())),
            max_size=size,
            jobs=jobs if jobs is not None else cfg.jobs,
            cache_dir=default_cache_dir(),
            reuse=reuse,
            use_cache=cache_on,
        )
        started = time.perf_counter()
        try:
            listing = list_tree(path, options)
        except NotScannable as exc:
            raise UserError(str(exc), EXIT_INCOMPLETE) from None
        # A finished report is cached under the state of the whole tree: a rescan of an
        # unchanged tree with the same options does nothing but list it.
        state = None
        if cache_on and not cfg_errors:
            fingerprint = json.dumps(
                [
                    __version__,
                    ENGINE_VERSION,
                    data_version(),
                    str(path),
                    fmt.value,
                    show_all,
                    _terminal_shape(output),
                    options.untracked,
                    options.excludes,
                    options.max_size,
                    reuse,
                ],
            )
            state = tree_state(listing, fingerprint)
        reports = Cache(default_cache_dir() if state else None, "report:1")
        hit = reports.get_many([state]).get(state) if state else None
        if isinstance(hit, dict):
            reports.close()
            for err_path, message in hit["errors"]:
                _say(f"{err_path}: {message}")
            if verbose and not quiet:
                _say(f"unchanged tree: report from cache in {time.perf_counter() - started:.2f}s")
            _write_output(hit["text"], output)
            if hit["code"] == EXIT_INCOMPLETE:
                _say("error: nothing could be scanned")
            return int(hit["code"])
        progress = _progress(quiet)
        try:
            report = run_scan(path, options, progress=progress.update if progress else None, listing=listing)
        except NotScannable as exc:
            raise UserError(str(exc), EXIT_INCOMPLETE) from None
        finally:
            if progress:
                progress.stop()
        if cfg_errors:
            from dataclasses import replace

            from commonscheck.model import ReadError

            report = replace(report, errors=(*report.errors, *(ReadError(p, m) for p, m in cfg_errors)))
        for err in report.errors:
            _say(f"{err.path}: {err.message}")
        if verbose and not quiet:
            _say(
                f"scanned {report.summary.files} files in {time.perf_counter() - started:.2f}s "
                f"({report.summary.cache_hits} from cache; config: {cfg.source or 'defaults'})"
            )
        text = _render_scan(report, fmt, show_all, output)
        _write_output(text, output)
        code = EXIT_OK
        if report.summary.files_read == 0 and (report.errors or report.summary.files == 0):
            _say("error: nothing could be scanned")
            code = EXIT_INCOMPLETE
        elif reuse and report.reuse is not None and not report.reuse.compliant:
            code = EXIT_FINDINGS
        if state and not any(e.path == "<cache>" for e in report.errors):
            errors = [[e.path, e.message] for e in report.errors]
            reports.put_many({state: {"text": text, "errors": errors, "code": code}})
        reports.close()
        return code

    _run(verbose, body)


def _terminal_shape(output: Path | None) -> list[object]:
    """What the terminal format's look depends on: colour and width when writing to a terminal."""
    if output is None and sys.stdout.isatty():
        return [os.get_terminal_size().columns, "NO_COLOR" not in os.environ]
    return [120, False]


def _render_scan(report: object, fmt: Format, show_all: bool, output: Path | None) -> str:
    from commonscheck.model import ScanReport

    assert isinstance(report, ScanReport)
    if fmt is Format.json:
        from commonscheck.formats.jsondoc import render_json, scan_document

        return render_json(scan_document(report))
    if fmt is Format.lines:
        from commonscheck.formats.lines import scan_lines

        return scan_lines(report)
    from commonscheck.formats.terminal import scan_terminal

    width, color = _terminal_shape(output)
    return scan_terminal(report, color=bool(color), width=int(str(width)), show_all=show_all)


_SCOPES = ("runtime", "dev", "optional", "build")


@app.command()
def deps(
    path: Annotated[Path, typer.Argument(help="Repository or folder whose dependencies to list.")] = Path(
        "."
    ),
    fmt: FormatOpt = Format.terminal,
    output: OutputOpt = None,
    config: ConfigOpt = None,
    jobs: JobsOpt = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    env: Annotated[
        list[Path] | None,
        typer.Option(
            "--env",
            help="An installed environment to read too: a venv, site-packages or a folder with "
            "node_modules (repeatable).",
        ),
    ] = None,
    scope: Annotated[
        list[str] | None,
        typer.Option("--scope", help="Keep only these scopes: runtime, dev, optional, build (repeatable)."),
    ] = None,
    ecosystem: Annotated[
        list[str] | None,
        typer.Option("--ecosystem", help="Keep only these ecosystems, e.g. pypi, npm (repeatable)."),
    ] = None,
    untracked: UntrackedOpt = False,
    exclude: ExcludeOpt = None,
    sbom: Annotated[
        list[Path] | None,
        typer.Option("--sbom", help="An SPDX 2.3 or CycloneDX 1.4-1.6 JSON SBOM to read too (repeatable)."),
    ] = None,
    m2: Annotated[
        Path | None,
        typer.Option("--m2", help="A local Maven repository (~/.m2/repository) whose POMs give licenses."),
    ] = None,
    online: Annotated[
        bool,
        typer.Option(
            "--online",
            help="Ask deps.dev, then ClearlyDefined, for the licenses local files do not give "
            "(cached for a week). Without it nothing goes over the network.",
        ),
    ] = False,
) -> None:
    """List every dependency, in every ecosystem the repository uses, with its declared license.

    Manifests and lockfiles are read statically: nothing from the repository is ever run."""

    def body() -> int:
        from commonscheck.audit.deps import DepsOptions, collect
        from commonscheck.audit.files import NotScannable

        _check_format("deps", fmt)
        bad_scopes = sorted(set(scope or ()) - set(_SCOPES))
        if bad_scopes:
            raise UserError(f"--scope {bad_scopes[0]}: choose from {', '.join(_SCOPES)}")
        if not path.exists():
            raise UserError(f"{path}: no such file or folder")
        if not path.is_dir():
            raise UserError(f"{path}: not a folder", EXIT_INCOMPLETE)
        cfg, cfg_errors = _load_config(path, config)
        options = DepsOptions(
            untracked=untracked or cfg.untracked,
            excludes=(*cfg.exclude, *(exclude or ())),
            environments=tuple(env or ()),
            sboms=tuple(sbom or ()),
            m2=m2,
            scopes=frozenset(scope) if scope else None,
            ecosystems=frozenset(e.lower() for e in ecosystem) if ecosystem else None,
        )
        try:
            report = collect(path, options)
        except NotScannable as exc:
            raise UserError(str(exc), EXIT_INCOMPLETE) from None
        if online:
            report = _resolve_online(report, verbose and not quiet)
        for err_path, message in cfg_errors:
            _say(f"{err_path}: {message}")
        for err in report.errors:
            _say(f"{err.path}: {err.message}")
        if not report.manifests and not options.environments and not quiet:
            _say("no manifest or lockfile found")
        if fmt is Format.json:
            from commonscheck.formats.jsondoc import deps_document, render_json

            text = render_json(deps_document(report))
        elif fmt is Format.csv:
            from commonscheck.formats.csvdoc import deps_csv

            text = deps_csv(report)
        elif fmt is Format.spdx_json:
            from commonscheck.formats.spdx import deps_spdx_json

            text = deps_spdx_json(report)
        elif fmt is Format.cyclonedx_json:
            from commonscheck.formats.cyclonedx import deps_cyclonedx_json

            text = deps_cyclonedx_json(report)
        else:
            from commonscheck.formats.terminal import deps_terminal

            width, color = _terminal_shape(output)
            text = deps_terminal(report, color=bool(color), width=int(str(width)))
        _write_output(text, output)
        # An unread manifest or lockfile leaves the dependency set incomplete: that is not clean.
        return EXIT_INCOMPLETE if report.errors else EXIT_OK

    _run(verbose, body)


_FAIL_ON = ("error", "warning", "note", "never")


@app.command()
def check(
    path: Annotated[Path, typer.Argument(help="Repository or folder to check.")] = Path("."),
    fmt: FormatOpt = Format.terminal,
    output: OutputOpt = None,
    config: ConfigOpt = None,
    jobs: JobsOpt = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    outbound: Annotated[
        str | None,
        typer.Option(
            "--outbound", help="The project's outbound license (default: config `outbound`, else declared)."
        ),
    ] = None,
    context: Annotated[
        str | None,
        typer.Option(
            "--context",
            help="Default context: static, dynamic, aggregate, network or dev (config `contexts` still "
            "applies per path and scope; dev and build dependencies are judged as dev).",
        ),
    ] = None,
    policy_name: Annotated[
        str | None,
        typer.Option(
            "--policy",
            help="A preset (permissive-only, no-network-copyleft, asf, fsf-free, commons) or a policy file.",
        ),
    ] = None,
    fail_on: Annotated[
        str | None,
        typer.Option(
            "--fail-on",
            help="Exit 1 on findings of this severity or worse: error, warning, note, "
            "never (default: config `fail_on`, else error).",
        ),
    ] = None,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help="Exit 0 even when findings fail the check.")
    ] = False,
    staged: Annotated[
        bool,
        typer.Option(
            "--staged", help="Judge only the files staged in git, and the packages of staged manifests."
        ),
    ] = False,
    env: Annotated[
        list[Path] | None,
        typer.Option("--env", help="An installed environment whose packages to judge too (repeatable)."),
    ] = None,
    sbom: Annotated[
        list[Path] | None,
        typer.Option("--sbom", help="An SPDX or CycloneDX JSON SBOM to judge too (repeatable)."),
    ] = None,
    m2: Annotated[
        Path | None, typer.Option("--m2", help="A local Maven repository whose POMs give licenses.")
    ] = None,
    online: Annotated[
        bool,
        typer.Option(
            "--online", help="Ask deps.dev and ClearlyDefined for licenses local files do not give."
        ),
    ] = False,
    untracked: UntrackedOpt = False,
    exclude: ExcludeOpt = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Neither read nor write cached scan results.")
    ] = False,
) -> None:
    """Judge every inbound license (files and dependencies) against the outbound license, in context,
    under a policy; exit 1 when findings reach --fail-on."""

    def body() -> int:
        from datetime import date

        from commonscheck.audit import check as checking
        from commonscheck.audit.deps import DepsOptions, collect
        from commonscheck.audit.expressions import normalise_known
        from commonscheck.audit.files import NotScannable
        from commonscheck.audit.policy import Policy, PolicyError, load_policy
        from commonscheck.audit.scan import ScanOptions
        from commonscheck.audit.scan import scan as run_scan

        _check_format("check", fmt)
        if fail_on is not None and fail_on not in _FAIL_ON:
            raise UserError(f"--fail-on {fail_on}: choose from {', '.join(_FAIL_ON)}")
        from commonscheck.config import CONTEXTS

        if context is not None and context not in CONTEXTS:
            raise UserError(f"--context {context}: choose from {', '.join(CONTEXTS)}")
        if not path.exists():
            raise UserError(f"{path}: no such file or folder")
        if not path.is_dir():
            raise UserError(f"{path}: not a folder", EXIT_INCOMPLETE)
        cfg, cfg_errors = _load_config(path, config)
        threshold = fail_on or cfg.fail_on
        chosen_policy = policy_name or cfg.policy
        try:
            rules = load_policy(chosen_policy) if chosen_policy else Policy("none")
        except PolicyError as exc:
            raise UserError(str(exc)) from None
        if outbound is not None:
            try:
                target: str | None = normalise_known(outbound)
            except ValueError as exc:
                raise UserError(f"--outbound {outbound!r}: invalid license expression ({exc})") from None
            origin = "--outbound"
        else:
            target = cfg.outbound
            origin = f"configured in {_relative(cfg.source, path)}" if target else ""
        if staged:
            from commonscheck.audit.files import staged_paths

            try:
                only: frozenset[str] | None = staged_paths(path)
            except NotScannable as exc:
                raise UserError(f"--staged: {exc}") from None
        else:
            only = None
        excludes = (*cfg.exclude, *(exclude or ()))
        scan_options = ScanOptions(
            untracked=untracked or cfg.untracked,
            excludes=excludes,
            max_size=cfg.max_file_size,
            jobs=jobs if jobs is not None else cfg.jobs,
            cache_dir=default_cache_dir(),
            use_cache=cfg.cache and not no_cache,
        )
        progress = _progress(quiet)
        try:
            scanned = run_scan(path, scan_options, progress=progress.update if progress else None)
            found = collect(
                path,
                DepsOptions(
                    untracked=untracked or cfg.untracked,
                    excludes=excludes,
                    environments=tuple(env or ()),
                    sboms=tuple(sbom or ()),
                    m2=m2,
                ),
            )
        except NotScannable as exc:
            raise UserError(str(exc), EXIT_INCOMPLETE) from None
        finally:
            if progress:
                progress.stop()
        if online:
            found = _resolve_online(found, verbose and not quiet)
        for err_path, message in cfg_errors:
            _say(f"{err_path}: {message}")
        for err in (*scanned.errors, *found.errors):
            _say(f"{err.path}: {err.message}")
        options = checking.CheckOptions(
            outbound=target,
            outbound_origin=origin,
            context=context or cfg.context,
            contexts=cfg.contexts,
            choices=cfg.choices,
            policy=rules,
            inbound_rules=cfg.inbound_rules,
            waivers=cfg.exceptions,
            today=date.today(),
            config_path=_relative(cfg.source, path) if cfg.source else None,
            only_paths=only,
        )
        try:
            report = checking.check(scanned, found, options)
        except ValueError as exc:
            raise UserError(str(exc)) from None
        _write_output(_render_check(report, fmt, threshold, output), output)
        unlicensed = sum(1 for p in found.packages if p.declared is None and p.detected is None)
        if unlicensed and not quiet and not env and not online:
            _say(
                f"{unlicensed} of {len(found.packages)} packages have no license in the files read: "
                "give the installed environment with --env PATH, or allow --online"
            )
        if scanned.summary.files_read == 0 and not found.packages:
            _say("error: nothing could be checked")
            return EXIT_INCOMPLETE
        if checking.fails(report.findings, threshold) and not exit_zero:
            return EXIT_FINDINGS
        # Dependencies that could not be read leave the judgement incomplete: not clean.
        if found.errors and not exit_zero:
            return EXIT_INCOMPLETE
        return EXIT_OK

    _run(verbose, body)


_STARTER = """\
# commonscheck configuration (https://example.invalid/commonscheck); written by `commonscheck init`.
# Every key is optional; an unknown key is an error. `commonscheck check` reads this file.

# The license the project gives its work out under; inbound licenses are judged against it.
{outbound}

# A policy preset ({presets}) or the path of a policy file.
{policy}

# Exit 1 on findings of this severity or worse: error, warning, note, never.
fail_on = "{fail_on}"

# Paths left out of scans (gitignore-style globs).
exclude = []

# Extra inbound rules on top of the policy: SPDX ids (globs) or commons classes.
# allow = ["MIT"]
# deny = ["source-available"]

# The context inbound code is used in, per path glob, `scope:<scope>` or `package:<glob>`:
# static (default), dynamic, aggregate, network, dev. Dev and build dependencies are judged as dev.
[contexts]
# "tests/**" = "dev"
# "scope:optional" = "dynamic"

# License choices made for OR-licensed inbound code: the expression (or a package) -> the branch.
[choices]
# "MIT OR Apache-2.0" = "MIT"

# Exceptions: each excuses one package or path (optionally one license) until a date, with a reason.
# [[exceptions]]
# package = "pkg:npm/example"
# license = "GPL-2.0-only"
# reason = "build tool only; replacement tracked in #123"
# expires = 2027-06-30
"""


@app.command()
def init(
    path: Annotated[Path, typer.Argument(help="The project to configure.")] = Path("."),
    fmt: FormatOpt = Format.terminal,
    output: OutputOpt = None,
    config: ConfigOpt = None,
    jobs: JobsOpt = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    outbound: Annotated[
        str | None,
        typer.Option("--outbound", help="The outbound license (default: the declared one, if any)."),
    ] = None,
    policy_name: Annotated[str | None, typer.Option("--policy", help="A policy preset or file.")] = None,
    fail_on: Annotated[str, typer.Option("--fail-on", help="error, warning, note or never.")] = "error",
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
) -> None:
    """Write a starter configuration (commonscheck.toml, or --output FILE); asks nothing."""

    def body() -> int:
        from commonscheck.audit.expressions import normalise_known
        from commonscheck.audit.policy import PolicyError, load_policy, presets

        if fmt is not Format.terminal:
            raise UserError("init writes a configuration file; --format does not apply")
        if fail_on not in _FAIL_ON:
            raise UserError(f"--fail-on {fail_on}: choose from {', '.join(_FAIL_ON)}")
        if not path.is_dir():
            raise UserError(f"{path}: not a folder")
        if policy_name is not None:
            try:
                load_policy(policy_name)
            except PolicyError as exc:
                raise UserError(str(exc)) from None
        target_file = output or path / "commonscheck.toml"
        if target_file.exists() and not force:
            raise UserError(f"{target_file}: exists (use --force to replace it)")
        license_expr = outbound
        if license_expr is not None:
            try:
                license_expr = normalise_known(license_expr)
            except ValueError as exc:
                raise UserError(f"--outbound {outbound!r}: invalid license expression ({exc})") from None
        else:
            declared = _declared_of(path, None)
            try:
                license_expr = normalise_known(declared) if declared else None
            except ValueError:
                license_expr = None
        text = _STARTER.format(
            outbound=f'outbound = "{license_expr}"'
            if license_expr
            else '# outbound = "GPL-3.0-or-later"  (none declared: name yours)',
            policy=f'policy = "{policy_name}"' if policy_name else '# policy = "commons"',
            presets=", ".join(presets()),
            fail_on=fail_on,
        )
        _write_output(text, target_file)
        if not quiet:
            _say(f"wrote {target_file}" + ("" if license_expr else " (no outbound license found: set one)"))
        return EXIT_OK

    _run(verbose, body)


@app.command()
def graph(
    path: Annotated[Path, typer.Argument(help="The git repository whose history to read.")] = Path("."),
    fmt: FormatOpt = Format.terminal,
    output: OutputOpt = None,
    config: ConfigOpt = None,
    jobs: JobsOpt = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    rev: Annotated[
        str | None, typer.Option("--rev", help="The revision (range) to read (default HEAD).")
    ] = None,
    since: Annotated[str | None, typer.Option("--since", help="Only commits after this date.")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Only commits before this date.")] = None,
    paths: Annotated[
        list[str] | None, typer.Option("--path", help="Only commits touching this path (repeatable).")
    ] = None,
    no_merges: Annotated[bool, typer.Option("--no-merges", help="Leave merge commits out.")] = False,
    depth: Annotated[int, typer.Option("--depth", min=1, help="Folder depth that makes a module.")] = 1,
    period: Annotated[
        str, typer.Option("--period", help="Period of activity and newcomers: month, quarter or year.")
    ] = "quarter",
    orgs: Annotated[
        Path | None,
        typer.Option("--orgs", help="A TOML file mapping domains, and people with dates, to organizations."),
    ] = None,
    no_merge_names: Annotated[
        bool, typer.Option("--no-merge-names", help="Do not merge identities that share a name.")
    ] = False,
    export: Annotated[
        list[Path] | None,
        typer.Option(
            "--export", help="Write the network to FILE.graphml, .gexf, .json or .csv (repeatable)."
        ),
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Neither read nor write cached commits.")
    ] = False,
) -> None:
    """The contributor network of a repository from its whole git history: identities, organizations,
    modules, co-authorship, truck and elephant factors."""

    def body() -> int:
        from commonscheck.formats.graphexport import export_format, export_text
        from commonscheck.graph.analyse import GraphOptions, analyse
        from commonscheck.graph.history import EmptyHistory, HistoryOptions, NotARepository

        _check_format("graph", fmt)
        if period not in ("month", "quarter", "year"):
            raise UserError(f"--period {period}: choose from month, quarter, year")
        try:
            exports = [(target, export_format(target)) for target in export or ()]
        except ValueError as exc:
            raise UserError(str(exc)) from None
        if not path.exists():
            raise UserError(f"{path}: no such file or folder")
        cfg, cfg_errors = _load_config(path, config) if path.is_dir() else (None, [])
        for err_path, message in cfg_errors:
            _say(f"{err_path}: {message}")
        options = GraphOptions(
            history=HistoryOptions(
                rev=rev, since=since, until=until, paths=tuple(paths or ()), no_merges=no_merges
            ),
            depth=depth,
            period=period,
            merge_names=not no_merge_names,
            orgs_file=orgs,
            cache_dir=None if no_cache or (cfg is not None and not cfg.cache) else default_cache_dir(),
        )
        _check_orgs_file(orgs)
        try:
            report = analyse(path, options)
        except (NotARepository, EmptyHistory) as exc:
            raise UserError(str(exc), EXIT_INCOMPLETE) from None
        for err in report.stats.errors:
            _say(err)
        if fmt is Format.json:
            from commonscheck.formats.jsondoc import graph_document, render_json

            text = render_json(graph_document(report))
        else:
            from commonscheck.formats.terminal import graph_terminal

            width, color = _terminal_shape(output)
            text = graph_terminal(report, color=bool(color), width=int(str(width)))
        _write_output(text, output)
        if exports:
            network = report.result.graph()
            for target, kind in exports:
                _write_output(export_text(network, kind), target)
        return EXIT_OK

    _run(verbose, body)


def _audit_run(
    paths: list[Path] | None,
    config: Path | None,
    jobs: int | None,
    quiet: bool,
    orgs: list[str] | None,
    orgs_file: Path | None,
    since: str | None,
    env: list[Path] | None,
    no_cache: bool,
) -> Any:
    """Run the whole audit for the openness and audit commands; usage problems become UserErrors."""
    from commonscheck.audit.files import NotScannable
    from commonscheck.audit.policy import PolicyError
    from commonscheck.pipeline import AuditOptions, run

    roots = list(paths or [Path(".")])
    for root in roots:
        if not root.exists():
            raise UserError(f"{root}: no such file or folder")
        if not root.is_dir():
            raise UserError(f"{root}: not a folder", EXIT_INCOMPLETE)
    _check_orgs_file(orgs_file)
    cfg, _ = _load_config(roots[0], config)
    options = AuditOptions(
        orgs=tuple(orgs or ()),
        orgs_file=orgs_file,
        since=since,
        window_months=cfg.openness_window_months,
        cache_dir=None if no_cache or not cfg.cache else default_cache_dir(),
        jobs=jobs if jobs is not None else cfg.jobs,
        environments=tuple(env or ()),
        weights=dict(cfg.openness_weights),
        thresholds=dict(cfg.openness_thresholds),
    )
    if since is not None:
        from datetime import date

        try:
            date.fromisoformat(since)
        except ValueError:
            raise UserError(f"--since {since!r}: expected a date YYYY-MM-DD") from None
    progress = None if quiet or not sys.stderr.isatty() else (lambda message: _say(message))
    try:
        report = run(roots, options, progress=progress)
    except (NotScannable, PolicyError) as exc:
        raise UserError(str(exc), EXIT_INCOMPLETE) from None
    for r in report.repositories:
        for err in r.errors:
            _say(f"{err.path}: {err.message}")
    return report


_OrgOpt = Annotated[
    list[str] | None,
    typer.Option("--org", help="The company: an email domain or organization name (repeatable)."),
]
_OrgsFileOpt = Annotated[
    Path | None, typer.Option("--orgs", help="A TOML file mapping domains and people to organizations.")
]
_SinceOpt = Annotated[
    str | None,
    typer.Option("--since", help="Start of the participation window, YYYY-MM-DD (default: 24 months back)."),
]
_EnvOpt = Annotated[
    list[Path] | None,
    typer.Option("--env", help="An installed environment whose packages to judge too (repeatable)."),
]


@app.command()
def openness(
    paths: Annotated[list[Path] | None, typer.Argument(help="Repositories of one company.")] = None,
    fmt: FormatOpt = Format.terminal,
    output: OutputOpt = None,
    config: ConfigOpt = None,
    jobs: JobsOpt = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    org: _OrgOpt = None,
    orgs: _OrgsFileOpt = None,
    since: _SinceOpt = None,
    env: _EnvOpt = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Neither read nor write caches.")] = False,
) -> None:
    """How open a company's co-creation practice is: one index from six components, each with its
    inputs and confidence, and the co-creation model each repository follows."""

    def body() -> int:
        _check_format("openness", fmt)
        report = _audit_run(paths, config, jobs, quiet, org, orgs, since, env, no_cache)
        if fmt is Format.json:
            from commonscheck.formats.jsondoc import openness_document, render_json

            text = render_json(openness_document(report))
        else:
            from commonscheck.formats.terminal import openness_terminal

            width, color = _terminal_shape(output)
            text = openness_terminal(report, color=bool(color), width=int(str(width)))
        _write_output(text, output)
        return EXIT_OK

    _run(verbose, body)


@app.command()
def audit(
    paths: Annotated[list[Path] | None, typer.Argument(help="Repositories of one company.")] = None,
    fmt: FormatOpt = Format.terminal,
    output: OutputOpt = None,
    config: ConfigOpt = None,
    jobs: JobsOpt = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    org: _OrgOpt = None,
    orgs: _OrgsFileOpt = None,
    since: _SinceOpt = None,
    env: _EnvOpt = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Neither read nor write caches.")] = False,
) -> None:
    """Everything at once: licenses, dependencies, verdicts, the contributor network and the openness
    index, as one report (terminal, json, markdown, or a self-contained html page)."""

    def body() -> int:
        _check_format("audit", fmt)
        report = _audit_run(paths, config, jobs, quiet, org, orgs, since, env, no_cache)
        if fmt in (Format.json, Format.html):
            from commonscheck.formats.jsondoc import audit_document, render_json

            doc = audit_document(report)
            if fmt is Format.json:
                text = render_json(doc)
            else:
                from commonscheck.formats.html import audit_html

                text = audit_html(doc)
        elif fmt is Format.markdown:
            from commonscheck.formats.markdown import audit_markdown

            text = audit_markdown(report)
        else:
            from commonscheck.formats.terminal import audit_terminal

            width, color = _terminal_shape(output)
            text = audit_terminal(report, color=bool(color), width=int(str(width)))
        _write_output(text, output)
        return EXIT_OK

    _run(verbose, body)


def _check_orgs_file(orgs: Path | None) -> None:
    """A usage error, before any work, when the --orgs file is missing or not a valid one."""
    if orgs is None:
        return
    from commonscheck.graph.identity import load_org_rules

    if not orgs.is_file():
        raise UserError(f"{orgs}: organizations file not found")
    try:
        load_org_rules(orgs)
    except ValueError as exc:
        raise UserError(str(exc)) from None


def _relative(source: str | None, root: Path) -> str:
    """A configuration path as findings name it: relative to the checked root when inside it."""
    if source is None:
        return ""
    try:
        return Path(source).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return source


def _render_check(report: Any, fmt: Format, fail_on: str, output: Path | None) -> str:
    if fmt is Format.json:
        from commonscheck.formats.jsondoc import check_document, render_json

        return render_json(check_document(report, fail_on))
    if fmt is Format.lines:
        from commonscheck.formats.lines import check_lines

        return check_lines(report)
    if fmt is Format.sarif:
        from commonscheck.formats.sarif import check_sarif

        return check_sarif(report)
    if fmt is Format.markdown:
        from commonscheck.formats.markdown import check_markdown

        return check_markdown(report, fail_on=fail_on)
    from commonscheck.formats.terminal import check_terminal

    width, color = _terminal_shape(output)
    return check_terminal(report, fail_on, color=bool(color), width=int(str(width)))


def _resolve_online(report: Any, notes_on: bool) -> Any:
    """The deps report with the licenses deps.dev and ClearlyDefined give for unresolved packages."""
    from dataclasses import replace

    from commonscheck.audit.online import open_cache, resolve_online

    cache = open_cache(default_cache_dir())
    try:
        # The services' addresses can be pointed at a mirror (or a test server).
        resolved, notes = resolve_online(
            report.packages,
            cache=cache,
            deps_dev=os.environ.get("COMMONSCHECK_DEPS_DEV_URL") or "https://api.deps.dev",
            clearlydefined=os.environ.get("COMMONSCHECK_CLEARLYDEFINED_URL")
            or "https://api.clearlydefined.io",
        )
    finally:
        cache.close()
    if notes_on:
        for note in notes:
            _say(note)
    return replace(report, packages=tuple(resolved))


@app.command()
def explain(
    inbound: Annotated[str, typer.Argument(help="The inbound license expression (what is taken in).")],
    outbound: Annotated[
        list[str] | None,
        typer.Argument(help="Outbound license expressions (what is given out); default: the project's."),
    ] = None,
    context: Annotated[
        str,
        typer.Option(
            "--context",
            help="static (one combined work), dynamic (linked library), aggregate (separate program), "
            "network (offered over a network) or dev (build and test only).",
        ),
    ] = "static",
    path: Annotated[
        Path, typer.Option("--path", help="The project whose declared license is the default outbound.")
    ] = Path("."),
    policy_name: Annotated[
        str | None,
        typer.Option("--policy", help="Also say what this policy (a preset or a policy file) decides."),
    ] = None,
    fmt: FormatOpt = Format.terminal,
    output: OutputOpt = None,
    config: ConfigOpt = None,
    jobs: JobsOpt = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    """The verdict of an inbound license into each outbound license, with its reasons and sources."""

    def body() -> int:
        from commonscheck.audit import commons, compat

        _check_format("explain", fmt)
        if context not in compat.CONTEXTS:
            raise UserError(f"--context {context}: choose from {', '.join(compat.CONTEXTS)}")
        targets = list(outbound or ())
        if not targets:
            declared = _declared_of(path, config)
            if declared is None:
                raise UserError(
                    f"{path}: no declared license found (no outbound license: all rights reserved); "
                    "name the outbound license(s) after the inbound one",
                    EXIT_INCOMPLETE,
                )
            targets = [declared]
        try:
            verdicts = [compat.judge(inbound, target, context) for target in targets]
            classes = [commons.classify(e) for e in dict.fromkeys([inbound, *targets])]
        except ValueError as exc:
            raise UserError(str(exc)) from None
        decisions: list[dict[str, object]] = []
        if policy_name is not None:
            from commonscheck.audit.policy import PolicyError, decide, load_policy

            try:
                chosen = load_policy(policy_name)
            except PolicyError as exc:
                raise UserError(str(exc)) from None
            inbound_decision = decide(chosen.inbound, inbound)
            decisions = [
                {
                    "name": chosen.name,
                    "side": "inbound",
                    "license": verdicts[0].inbound,
                    "outcome": inbound_decision.outcome,
                    "reasons": list(inbound_decision.reasons),
                },
            ]
            for v in verdicts:
                outbound_decision = decide(chosen.outbound, v.outbound)
                decisions.append(
                    {
                        "name": chosen.name,
                        "side": "outbound",
                        "license": v.outbound,
                        "outcome": outbound_decision.outcome,
                        "reasons": list(outbound_decision.reasons),
                    }
                )
        if fmt is Format.json:
            from commonscheck.formats.jsondoc import verdict_record

            records = [verdict_record(v) for v in verdicts]
            if decisions:
                # each verdict object gains the policy's word on its inbound and its outbound side
                for record, outbound_side in zip(records, decisions[1:], strict=True):
                    record["policy"] = {"inbound": decisions[0], "outbound": outbound_side}
            text = json.dumps(records, indent=2, ensure_ascii=False) + "\n"
        else:
            from commonscheck.formats.terminal import explain_terminal

            width, color = _terminal_shape(output)
            text = explain_terminal(verdicts, classes, color=bool(color), width=int(str(width)))
            for item in decisions:
                said = item["reasons"]
                why = " ".join(map(str, said)) if isinstance(said, list) and said else "nothing against it."
                where = f"{item['side']} {item['license']}"
                text += f"policy {item['name']} ({where}): {item['outcome']}: {why}\n"
        _write_output(text, output)
        return EXIT_OK

    _run(verbose, body)


@app.command()
def licenses(
    query: Annotated[
        str, typer.Argument(help="Part of an id or alias, or a class or domain (copyfair, data, ...).")
    ] = "",
    fmt: FormatOpt = Format.terminal,
    output: OutputOpt = None,
    config: ConfigOpt = None,
    jobs: JobsOpt = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    """The licenses commonscheck knows, with their commons class, flags and other ids."""

    def body() -> int:
        from commonscheck.audit.commons import known_licenses

        _check_format("licenses", fmt)
        known = known_licenses(query)
        if fmt is Format.json:
            text = json.dumps(
                [
                    {
                        "id": k.spdx_id,
                        "scancode_key": k.scancode_key,
                        "aliases": list(k.aliases),
                        "exception": k.is_exception,
                        "class": k.info.cls,
                        "osi_approved": k.info.osi_approved,
                        "fsf_free": k.info.fsf_free,
                        "domain": k.info.domain,
                        "basis": k.info.basis,
                        "sources": list(k.info.sources),
                    }
                    for k in known
                ],
                indent=2,
                ensure_ascii=False,
            )
            text += "\n"
        else:
            from commonscheck.formats.terminal import licenses_terminal

            width, color = _terminal_shape(output)
            text = licenses_terminal(known, color=bool(color), width=int(str(width)))
        _write_output(text, output)
        if not known:
            _say(f"no license matches {query!r}")
            return EXIT_FINDINGS
        return EXIT_OK

    _run(verbose, body)


def _declared_of(path: Path, config: Path | None) -> str | None:
    """The declared license of the project at `path`, from its manifests and root files only."""
    from commonscheck.audit.scan import ScanOptions
    from commonscheck.audit.scan import scan as run_scan

    if not path.is_dir():
        raise UserError(f"{path}: not a folder", EXIT_INCOMPLETE)
    cfg, _ = _load_config(path, config)
    # Only the root's files can declare: "*/" leaves every folder out of this scan.
    options = ScanOptions(excludes=("*/", *cfg.exclude), jobs=1, cache_dir=default_cache_dir())
    return run_scan(path, options).declared_license.expression


class _Bar:
    """A progress bar on stderr that appears only when there is real work to wait for."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

        self._progress = Progress(
            "detecting licenses",
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=Console(file=sys.stderr),
            transient=True,
        )
        self._task: int | None = None

    def update(self, done: int, total: int) -> None:
        if self._task is None:
            if total < 50:
                return
            self._progress.start()
            self._task = self._progress.add_task("scan", total=total)
        self._progress.update(self._task, completed=done)  # type: ignore[arg-type]

    def stop(self) -> None:
        if self._task is not None:
            self._progress.stop()


def _progress(quiet: bool) -> _Bar | None:
    if quiet or not sys.stderr.isatty():
        return None
    return _Bar()


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
