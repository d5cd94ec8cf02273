# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The GitHub Action (action.yml) and the pre-commit hooks (.pre-commit-hooks.yaml): well-formed,
free of script injection, and passing only options the CLI accepts."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer.main
import yaml
from typer.testing import CliRunner

from commonscheck.cli import app

ROOT = Path(__file__).resolve().parent.parent
# spelled in two parts so that REUSE does not read the test repositories' tags as this file's own
TAG = "SPDX-" + "License-Identifier"
# `inputs.NAME` in an expression (`${{ inputs.x }}`, or bare in an `if:` condition)
INPUT_REF = re.compile(r"\binputs\.([A-Za-z0-9_-]+)")


def load(name: str) -> Any:
    return yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def action() -> dict[str, Any]:
    data = load("action.yml")
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="module")
def hooks() -> list[dict[str, Any]]:
    data = load(".pre-commit-hooks.yaml")
    assert isinstance(data, list)
    return data


def console_script() -> str:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        scripts = tomllib.load(handle)["project"]["scripts"]
    (name,) = [n for n, target in scripts.items() if target == "commonscheck.cli:main"]
    return str(name)


def strings(node: Any) -> Iterator[str]:
    """Every string value in a parsed YAML document (keys excluded)."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from strings(value)


def steps(action: dict[str, Any]) -> list[dict[str, Any]]:
    return list(action["runs"]["steps"])


def step_using(action: dict[str, Any], prefix: str) -> dict[str, Any]:
    (step,) = [s for s in steps(action) if str(s.get("uses", "")).startswith(prefix)]
    return step


def check_step(action: dict[str, Any]) -> dict[str, Any]:
    """The step that runs `commonscheck check` (id `check`, whose outputs the later steps read)."""
    (step,) = [s for s in steps(action) if s.get("id") == "check"]
    script = str(step["run"])
    assert "args=(check " in script and 'commonscheck "${args[@]}"' in script
    return step


# ---- action.yml ----------------------------------------------------------------------------------


def test_action_is_composite_with_the_documented_inputs(action: dict[str, Any]) -> None:
    assert action["runs"]["using"] == "composite"
    inputs = action["inputs"]
    assert inputs["path"]["default"] == "."
    assert inputs["fail-on"]["default"] == "error"
    assert inputs["sarif-file"]["default"] == "commonscheck.sarif"
    assert inputs["python-version"]["default"] == "3.11"
    for name in ("policy", "outbound", "version", "pip-args"):
        assert name in inputs
    for name, spec in inputs.items():
        assert spec.get("description"), name
        assert spec.get("required", False) is False, name


def test_every_input_used_is_declared(action: dict[str, Any]) -> None:
    declared = set(action["inputs"])
    used = {m for text in strings(action["runs"]) for m in INPUT_REF.findall(text)}
    used |= {m for text in strings(action.get("outputs", {})) for m in INPUT_REF.findall(text)}
    assert used, "the action uses no input at all"
    assert used <= declared, used - declared
    # and every declared input is used somewhere
    assert declared <= used, declared - used


def test_no_expression_is_interpolated_into_a_script(action: dict[str, Any]) -> None:
    scripts = [s["run"] for s in steps(action) if "run" in s]
    assert scripts
    for script in scripts:
        assert "${{" not in script, script
    # composite run steps must name their shell
    assert all(s.get("shell") == "bash" for s in steps(action) if "run" in s)


def test_inputs_reach_the_check_through_environment_variables(action: dict[str, Any]) -> None:
    step = check_step(action)
    env = step["env"]
    script = step["run"]
    # each input the check needs is mapped to a variable, and the script reads that variable
    for input_name in ("path", "policy", "outbound", "fail-on", "sarif-file"):
        (variable,) = [v for v, value in env.items() if value == f"${{{{ inputs.{input_name} }}}}"]
        assert f'"${variable}"' in script, (input_name, variable)
    assert "--format sarif" in script
    assert "GITHUB_OUTPUT" in script and "exit-code=" in script
    # never assign PATH: the shell would lose its programs
    assert "PATH" not in env


def test_install_uses_the_actions_own_checkout(action: dict[str, Any]) -> None:
    (install,) = [s for s in steps(action) if "pip install" in str(s.get("run", ""))]
    assert "${{ github.action_path }}" in install["env"].values()
    setup = step_using(action, "actions/setup-python@")
    assert setup["with"]["python-version"] == "${{ inputs.python-version }}"
    assert steps(action).index(setup) < steps(action).index(install) < steps(action).index(check_step(action))


def test_sarif_is_uploaded_even_when_the_check_fails(action: dict[str, Any]) -> None:
    upload = step_using(action, "github/codeql-action/upload-sarif@")
    assert upload["uses"].endswith("@v3")
    condition = str(upload["if"])
    assert condition == "always()" or condition.startswith("always() &&")
    assert upload["with"]["sarif_file"] == "${{ inputs.sarif-file }}"
    assert upload["with"]["category"] == "commonscheck"
    assert steps(action).index(check_step(action)) < steps(action).index(upload)


def test_the_checks_exit_status_is_preserved(action: dict[str, Any]) -> None:
    check = check_step(action)
    assert check["id"] == "check"
    last = steps(action)[-1]
    assert "always()" in str(last["if"]) and "steps.check.outputs.exit-code" in str(last["if"])
    assert last["env"]["EXIT_CODE"] == "${{ steps.check.outputs.exit-code }}"
    assert 'exit "$EXIT_CODE"' in last["run"]
    assert action["outputs"]["exit-code"]["value"] == "${{ steps.check.outputs.exit-code }}"


# ---- .pre-commit-hooks.yaml ----------------------------------------------------------------------


def test_hooks(hooks: list[dict[str, Any]]) -> None:
    by_id = {h["id"]: h for h in hooks}
    assert set(by_id) == {"commonscheck", "commonscheck-staged"}
    whole, staged = by_id["commonscheck"], by_id["commonscheck-staged"]
    assert shlex.split(whole["entry"]) == [console_script(), "check", "."]
    assert shlex.split(staged["entry"]) == [console_script(), "check", ".", "--staged"]
    for hook in hooks:
        assert hook["language"] == "python"
        assert hook["pass_filenames"] is False
        assert hook["name"]
    assert whole["always_run"] is True


def test_hook_entries_name_the_console_script(hooks: list[dict[str, Any]]) -> None:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        scripts = tomllib.load(handle)["project"]["scripts"]
    for hook in hooks:
        assert shlex.split(hook["entry"])[0] in scripts


# ---- the CLI accepts what they pass --------------------------------------------------------------


def check_command() -> Any:
    """The click command behind `commonscheck check` (typer ships its own copy of click, so the
    objects are used by their interface, not checked against click's classes)."""
    group: Any = typer.main.get_command(app)
    command = group.commands.get("check")
    assert command is not None, "the CLI has no check command"
    return command


def options_of(command: Any) -> set[str]:
    return {
        opt for p in command.params if p.param_type_name == "option" for opt in (*p.opts, *p.secondary_opts)
    }


def test_check_help_lists_the_options_passed() -> None:
    result = CliRunner().invoke(app, ["check", "--help"])
    assert result.exit_code == 0, result.output
    for option in ("--format", "--output", "--fail-on", "--policy", "--outbound", "--staged"):
        assert option in result.output


def test_cli_accepts_every_option_the_action_and_hooks_pass(
    action: dict[str, Any], hooks: list[dict[str, Any]]
) -> None:
    known = options_of(check_command())
    # the options the script puts into the check's argument array: args=(check ...) and args+=(...)
    arrays = re.findall(r"args\+?=\((.*?)\)", check_step(action)["run"])
    assert len(arrays) >= 3
    passed = {w for array in arrays for w in shlex.split(array) if w.startswith("-")}
    for hook in hooks:
        passed |= {w for w in shlex.split(hook["entry"]) if w.startswith("-")}
    assert {"--format", "-o", "--fail-on", "--policy", "--outbound", "--staged"} <= passed
    assert passed <= known, passed - known


def test_cli_parses_the_arguments_the_action_and_hooks_build(
    tmp_path: Path, hooks: list[dict[str, Any]], action: dict[str, Any]
) -> None:
    """The values too: `sarif` is a format of check, the default fail-on is a severity it knows."""
    command = check_command()
    fail_on = action["inputs"]["fail-on"]["default"]
    argv = [
        str(tmp_path),
        "--format",
        "sarif",
        "-o",
        str(tmp_path / "out.sarif"),
        "--fail-on",
        fail_on,
        "--policy",
        "asf",
        "--outbound",
        "GPL-3.0-or-later",
    ]
    with command.make_context("check", argv) as ctx:
        values = {opt: ctx.params[p.name] for p in command.params for opt in p.opts}
    assert str(values["--format"]) == "sarif"
    assert str(values["--fail-on"]) == "error"
    assert values["--policy"] == "asf"
    assert values["--outbound"] == "GPL-3.0-or-later"
    for hook in hooks:
        args = shlex.split(hook["entry"])[2:]
        # make_context consumes the list it is given
        with command.make_context("check", list(args)) as ctx:
            staged = next(p.name for p in command.params if "--staged" in p.opts)
            assert ctx.params[staged] is ("--staged" in args)
    # the parse above can fail: an option check does not have is a usage error
    result = CliRunner().invoke(app, ["check", str(tmp_path), "--no-such-option"])
    assert result.exit_code == 2


# ---- the action's scripts, run as a runner runs them ---------------------------------------------


def run_step(step: dict[str, Any], env: dict[str, str], tmp_path: Path) -> tuple[int, dict[str, str]]:
    """Run a step's script the way GitHub runs `shell: bash` (bash --noprofile --norc -eo pipefail),
    with the step's variables set to `env`; return its status and what it wrote to GITHUB_OUTPUT."""
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("bash is not installed")
    assert set(env) == set(step.get("env", {})), "set exactly the variables the step declares"
    output = tmp_path / "github_output"
    output.write_text("", encoding="utf-8")
    full_env = {
        **os.environ,
        # the console script of this environment, as `pip install` puts it on PATH
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "GITHUB_OUTPUT": str(output),
        **env,
    }
    done = subprocess.run(
        [bash, "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
        env=full_env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    lines = output.read_text(encoding="utf-8").splitlines()
    return done.returncode, dict(line.split("=", 1) for line in lines)


def check_env(root: Path, sarif: Path, policy: str = "") -> dict[str, str]:
    return {
        "CHECK_PATH": str(root),
        "CHECK_POLICY": policy,
        "CHECK_OUTBOUND": "",
        "CHECK_FAIL_ON": "error",
        "SARIF_FILE": str(sarif),
    }


def test_check_step_records_findings_and_still_succeeds(
    action: dict[str, Any], repo_factory: Any, tmp_path: Path
) -> None:
    root = repo_factory(
        {
            "pyproject.toml": '[project]\nname = "demo"\nversion = "1.0"\nlicense = "MIT"\n',
            "demo.py": f"# {TAG}: GPL-3.0-only\nprint('hi')\n",
        }
    )
    sarif = tmp_path / "out" / "commonscheck.sarif"
    sarif.parent.mkdir()
    status, outputs = run_step(check_step(action), check_env(root, sarif), tmp_path)
    # the step itself passes so that the upload runs; the check's status is kept for the last step
    assert status == 0
    assert outputs == {"exit-code": "1", "sarif-written": "true"}
    document = json.loads(sarif.read_text(encoding="utf-8"))
    assert document["version"] == "2.1.0"
    assert document["runs"][0]["results"]

    last = steps(action)[-1]
    failed, _ = run_step(last, {"EXIT_CODE": outputs["exit-code"]}, tmp_path)
    assert failed == 1


def test_check_step_on_a_clean_project(action: dict[str, Any], repo_factory: Any, tmp_path: Path) -> None:
    root = repo_factory(
        {
            "pyproject.toml": '[project]\nname = "demo"\nversion = "1.0"\nlicense = "MIT"\n',
            "demo.py": f"# {TAG}: MIT\nprint('hi')\n",
        }
    )
    sarif = tmp_path / "clean.sarif"
    status, outputs = run_step(check_step(action), check_env(root, sarif, policy="permissive-only"), tmp_path)
    assert status == 0
    assert outputs == {"exit-code": "0", "sarif-written": "true"}
    assert json.loads(sarif.read_text(encoding="utf-8"))["runs"][0]["results"] == []


def test_check_step_keeps_a_usage_error(action: dict[str, Any], repo_factory: Any, tmp_path: Path) -> None:
    root = repo_factory({"demo.py": f"# {TAG}: MIT\n"})
    # an input carrying shell syntax stays one argument: no injection, just an unknown preset
    status, outputs = run_step(
        check_step(action), check_env(root, tmp_path / "x.sarif", policy="asf; touch pwned"), tmp_path
    )
    assert status == 0
    assert outputs["exit-code"] == "2"
    assert not (Path.cwd() / "pwned").exists() and not (root / "pwned").exists()
