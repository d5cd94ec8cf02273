# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The check pipeline: every inbound license (each file's, each package's) judged against the
project's outbound license in its context, run through the policy, turned into findings.

Pure: it takes a finished scan and deps report and the options, and returns a report; the CLI runs
scan and deps, renders, and sets the exit code from the findings.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from fnmatch import fnmatchcase

from license_expression import OR

from commonscheck.audit import commons, compat
from commonscheck.audit.deps import DepsReport
from commonscheck.audit.expressions import combine, licensing
from commonscheck.audit.policy import OUTCOMES, Decision, Policy, Rules, Waiver, decide
from commonscheck.model import CheckFinding, FileResult, Package, ScanReport, Severity, Subject, Verdict

SEVERITY_ORDER: tuple[Severity, ...] = ("error", "warning", "note")
"""Most to least serious; `--fail-on S` fails on S and everything before it."""

# Scopes whose packages are never distributed with the work: judged in the `dev` context unless the
# configuration says otherwise. A build tool's license binds the build tool, not what it builds.
SCOPE_CONTEXTS: Mapping[str, str] = {"dev": "dev", "build": "dev"}

# The REUSE folder of license texts: each text is the license of files that say so in their own
# tags, which are judged there; the text itself is not a work taken in.
_LICENSE_TEXTS_DIR = "LICENSES/"

# Findings by which a file's author states its license in the REUSE way: an SPDX-License-Identifier
# tag, a `.license` sidecar, a REUSE.toml or dep5 annotation.
_DECLARING_RULES = frozenset(("spdx-license-identifier", ".license", "REUSE.toml", ".reuse/dep5"))


def file_license(f: FileResult) -> str | None:
    """The license a file is taken in under. When its author declares it with SPDX tags (REUSE),
    the tags are the file's license and other license names in it are mentions (a license tool's
    test data, a README listing what dependencies use); otherwise every finding counts (AND)."""
    declared = [x.expression for x in f.findings if x.kind == "tag" and x.rule in _DECLARING_RULES]
    if declared:
        return combine(declared)
    return f.expression


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """A finding rule as reports explain it (SARIF's reportingDescriptor)."""

    id: str
    name: str
    short: str
    help: str
    default: Severity


RULES: tuple[RuleInfo, ...] = (
    RuleInfo(
        "no-outbound-license",
        "NoOutboundLicense",
        "The project declares no license of its own",
        "No outbound license was given (--outbound, `outbound` in the configuration) and none is "
        "declared in the project's manifests or root license files. Without a license, all rights are "
        "reserved: nobody may use, change or share the work, and no inbound license can be judged "
        "against it. Add a LICENSE file and an SPDX expression in the manifest.",
        "error",
    ),
    RuleInfo(
        "outbound-not-allowed",
        "OutboundNotAllowed",
        "The project's own license is not one the policy allows",
        "The policy restricts the license the project gives its work out under (for example the "
        "`commons` policy asks for reciprocal output). Relicense, or choose another policy.",
        "error",
    ),
    RuleInfo(
        "outbound-needs-review",
        "OutboundNeedsReview",
        "The project's own license needs review under the policy",
        "The policy neither allows nor denies the project's outbound license outright; a person should "
        "confirm it.",
        "warning",
    ),
    RuleInfo(
        "outbound-differs-from-declared",
        "OutboundDiffersFromDeclared",
        "The outbound license judged differs from the one the project declares",
        "The outbound license came from --outbound or the configuration, and the project's manifests "
        "or license files declare another. Verdicts are made against the outbound license; make the "
        "declaration say the same if it is the project's real license.",
        "note",
    ),
    RuleInfo(
        "incompatible-license",
        "IncompatibleLicense",
        "An inbound license cannot be carried by the outbound license",
        "The file or dependency is under a license whose conditions conflict with the project's "
        "outbound license in this context (see the reasons and sources of the verdict). Remove or "
        "replace it, change the context (for example keep it a separate program), choose another "
        "branch of a license choice, or relicense.",
        "error",
    ),
    RuleInfo(
        "conditional-license",
        "ConditionalLicense",
        "An inbound license fits only under a condition",
        "The combination is allowed on a condition the sources state (for example keeping a library "
        "dynamically linked, or offering source under both licenses). Check that the condition holds.",
        "warning",
    ),
    RuleInfo(
        "unknown-license",
        "UnknownLicense",
        "The license, or its compatibility, is unknown",
        "Either no license is known for the file or dependency, or no source we rely on says whether "
        "its license fits the outbound license. Unknown is never treated as compatible: find the "
        "license (for dependencies: `--env`, `--online`), or record a decision as a policy exception.",
        "warning",
    ),
    RuleInfo(
        "denied-license",
        "DeniedLicense",
        "The policy does not allow this inbound license",
        "The license is on the policy's deny list, of a denied class, or named by no allow list of a "
        "policy that allows only what it lists.",
        "error",
    ),
    RuleInfo(
        "license-needs-review",
        "LicenseNeedsReview",
        "The policy allows this inbound license only after review",
        "The policy lists the license for review (for example ASF category B), or requires a flag "
        "(FSF-free, OSI-approved) that no source states for it.",
        "warning",
    ),
    RuleInfo(
        "invalid-license-expression",
        "InvalidLicenseExpression",
        "A license expression could not be parsed",
        "The expression is not valid SPDX, or names a license choice that is not one of its branches. "
        "Fix the expression or the recorded choice.",
        "warning",
    ),
    RuleInfo(
        "expired-exception",
        "ExpiredException",
        "A policy exception has expired",
        "An exception in the configuration has passed its expiry date and excuses nothing any more. "
        "Resolve the finding it covered, or renew it with a new date and reason.",
        "error",
    ),
    RuleInfo(
        "unused-exception",
        "UnusedException",
        "A policy exception covers nothing",
        "No finding matches this exception any more; remove it from the configuration.",
        "note",
    ),
    RuleInfo(
        "unreadable-input",
        "UnreadableInput",
        "A file or manifest could not be read",
        "Something in the repository could not be read or parsed; what it holds was not judged.",
        "warning",
    ),
)
RULE_IDS = {r.id: r for r in RULES}

_STATUS_RULE = {
    "incompatible": "incompatible-license",
    "conditional": "conditional-license",
    "unknown": "unknown-license",
}


@dataclass(frozen=True, slots=True)
class CheckOptions:
    """What to judge against and how; every field has the meaning of the configuration key."""

    outbound: str | None = None
    outbound_origin: str = ""
    context: str = "static"
    contexts: tuple[tuple[str, str], ...] = ()
    choices: tuple[tuple[str, str], ...] = ()
    policy: Policy = field(default_factory=lambda: Policy("none"))
    inbound_rules: Rules = field(default_factory=Rules)
    waivers: tuple[Waiver, ...] = ()
    today: date = field(default_factory=date.today)
    # the configuration file, where findings about the configuration point
    config_path: str | None = None
    # judge only these files, and the packages of these manifests (pre-commit: the staged files)
    only_paths: frozenset[str] | None = None


@dataclass(frozen=True, slots=True)
class CheckReport:
    """Everything `check` decided: the outbound license, one verdict a subject, the findings."""

    root: str
    outbound: str | None
    outbound_origin: str | None
    outbound_class: commons.CommonsInfo | None
    declared: str | None
    policy: str
    subjects: tuple[Subject, ...]
    verdicts: tuple[Verdict, ...]
    findings: tuple[CheckFinding, ...]
    scan: ScanReport
    deps: DepsReport

    def counts(self) -> dict[str, int]:
        """Unsuppressed findings by severity, every severity present (0 when none)."""
        seen = Counter(f.severity for f in self.findings if f.suppressed is None)
        return {s: seen.get(s, 0) for s in SEVERITY_ORDER}

    def statuses(self) -> dict[str, int]:
        """Verdicts by status, every status present."""
        seen = Counter(v.status for v in self.verdicts)
        return {s: seen.get(s, 0) for s in compat.STATUSES}


def fails(findings: Iterable[CheckFinding], fail_on: str) -> bool:
    """Whether any unsuppressed finding is at or above `fail_on` (error, warning, note; never)."""
    if fail_on == "never":
        return False
    limit = [str(s) for s in SEVERITY_ORDER].index(fail_on)
    return any(f.suppressed is None and SEVERITY_ORDER.index(f.severity) <= limit for f in findings)


def package_id(p: Package) -> str:
    """The subject id of a package: its purl, else `ecosystem:name@version`."""
    if p.purl:
        return p.purl
    return f"{p.ecosystem}:{p.name}" + (f"@{p.version}" if p.version else "")


def package_names(p: Package) -> tuple[str, ...]:
    """The names an exception, a choice or a context key may use for a package."""
    names = [p.name, f"{p.ecosystem}:{p.name}"]
    if p.version:
        names.append(f"{p.ecosystem}:{p.name}@{p.version}")
    if p.purl:
        names.append(p.purl)
        names.append(p.purl.split("@", 1)[0])
    return tuple(names)


def _location(source: str) -> tuple[str | None, int]:
    """`path:line` (as sources write Package.source) -> (path, line); line 0 when absent."""
    path, sep, line = source.rpartition(":")
    if sep and line.isdigit():
        return path, int(line)
    return (source or None), 0


def _context_for(
    options: CheckOptions, *, path: str | None, scope: str | None, names: Sequence[str]
) -> str:
    """First configured context key that matches wins; then the scope's default; then the default."""
    for key, ctx in options.contexts:
        if key.startswith("scope:"):
            if scope is not None and scope == key[6:]:
                return ctx
        elif key.startswith("package:"):
            if names and any(fnmatchcase(n, key[8:]) for n in names):
                return ctx
        elif path is not None and (fnmatchcase(path, key) or fnmatchcase(path, key.rstrip("/") + "/*")):
            return ctx
    if scope is not None and scope in SCOPE_CONTEXTS:
        return SCOPE_CONTEXTS[scope]
    return options.context


def subjects_of(scan: ScanReport, deps: DepsReport, options: CheckOptions) -> list[Subject]:
    """Every inbound subject: each file with license evidence (but the REUSE license texts, the files
    that declare the project's own license and our configuration file) and each package, with its
    license (declared, else detected) and its context. Sorted."""
    out: list[Subject] = []
    only = options.only_paths
    # The files that declare the project's own license (root LICENSE, manifest license fields) state
    # the outbound side; when an outbound license is given that differs, check notes it once.
    declaring = {x.path for x in scan.declared_license.sources}
    manifests = set(deps.manifests)
    for f in scan.files:
        license = file_license(f)
        if license is None or f.path.startswith(_LICENSE_TEXTS_DIR) or f.path in declaring:
            continue
        if f.path in manifests and not any(x.rule in _DECLARING_RULES for x in f.findings):
            # A manifest or lockfile names its packages' licenses; each package is judged as itself.
            continue
        if f.path == options.config_path and not any(x.rule in _DECLARING_RULES for x in f.findings):
            # Our own configuration names licenses as settings (allow, deny, choices), not as the
            # license of anything; a tagged one is judged by its tag like any file.
            continue
        if only is not None and f.path not in only:
            continue
        lines = [x.start_line for x in f.findings if x.start_line > 0]
        out.append(
            Subject(
                subject=f"file:{f.path}",
                kind="file",
                license=license,
                context=_context_for(options, path=f.path, scope=None, names=()),
                path=f.path,
                line=min(lines) if lines else 0,
            )
        )
    for p in deps.packages:
        path, line = _location(p.source)
        if path not in manifests:
            # from an installed environment or an SBOM given by path: not a file of the repository
            path, line = None, 0
        if only is not None and path not in only:
            continue
        names = package_names(p)
        out.append(
            Subject(
                subject=package_id(p),
                kind="package",
                license=p.declared or p.detected,
                context=_context_for(options, path=path, scope=p.scope, names=names),
                path=path,
                line=line,
                scope=p.scope,
                name=p.name,
                declared_raw=p.declared_raw,
            )
        )
    return sorted(out, key=lambda s: (s.kind, s.subject, s.path or "", s.line))


class _Judge:
    """Verdicts and policy decisions, each expression judged once per context and choice."""

    def __init__(self, outbound: str | None, options: CheckOptions) -> None:
        self.outbound = outbound
        self.options = options
        self.rules = options.policy.inbound.extended(options.inbound_rules)
        expression_choices: dict[str, str] = {}
        self.package_choices: list[tuple[str, str]] = []
        for key, branch in options.choices:
            if _is_or_expression(key):
                # keyed by the sorted branches: `A OR B` and `B OR A` are the same choice
                expression_choices[compat.or_key(licensing().parse(key))] = str(
                    licensing().parse(branch).render()
                )
            else:
                self.package_choices.append((key, str(licensing().parse(branch).render())))
        self.expression_choices = expression_choices
        self._memo: dict[tuple[str, str, str | None], tuple[Verdict | None, Decision | None, str]] = {}

    def choice_for(self, names: Sequence[str]) -> str | None:
        for key, branch in self.package_choices:
            if any(fnmatchcase(n, key) for n in names):
                return branch
        return None

    def judge(
        self, license: str, context: str, chosen: str | None
    ) -> tuple[Verdict | None, Decision | None, str]:
        """(verdict, decision, error) for one expression; `error` is "" when it could be judged."""
        key = (license, context, chosen)
        if key not in self._memo:
            self._memo[key] = self._judge(license, context, chosen)
        return self._memo[key]

    def _judge(
        self, license: str, context: str, chosen: str | None
    ) -> tuple[Verdict | None, Decision | None, str]:
        choices = dict(self.expression_choices)
        top_choice = chosen
        try:
            parsed = licensing().parse(license)
        except Exception as exc:  # license-expression raises several kinds for bad input
            return None, None, f"invalid license expression {license!r}: {exc}"
        is_or = isinstance(parsed, OR)
        if top_choice is None and is_or:
            top_choice = choices.get(compat.or_key(parsed))
        if top_choice is not None and is_or:
            choices["__subject__"] = top_choice
        try:
            decision = decide(self.rules, license, top_choice if is_or else None)
            verdict = (
                compat.judge(license, self.outbound, context, subject="__subject__", choices=choices)
                if self.outbound
                else None
            )
        except ValueError as exc:
            return None, None, str(exc)
        if (
            is_or
            and top_choice is None
            and verdict is not None
            and (verdict.status != "compatible" or decision.outcome != "allow")
        ):
            verdict, decision = self._joint_choice(parsed, license, context, verdict, decision)
        return verdict, decision, ""

    def _joint_choice(
        self, parsed: object, license: str, context: str, verdict: Verdict, decision: Decision
    ) -> tuple[Verdict, Decision]:
        """An OR whose best branch for compatibility is not the best for the policy: one branch must
        serve both, since a licensee takes one branch for every purpose. Pick the branch best on both
        (compatibility first), and say so."""
        assert self.outbound is not None
        best: tuple[tuple[int, int], str, Verdict, Decision] | None = None
        for arg in parsed.args:  # type: ignore[attr-defined]
            branch = str(arg.render())
            v = compat.judge(branch, self.outbound, context)
            d = decide(self.rules, branch)
            score = (compat.STATUSES.index(v.status), OUTCOMES.index(d.outcome))
            if best is None or sum(score) < sum(best[0]) or (sum(score) == sum(best[0]) and score < best[0]):
                best = (score, branch, v, d)
        assert best is not None
        _, branch, v, d = best
        if (v.status, d.outcome) == (verdict.status, decision.outcome):
            return verdict, decision
        why = (
            f"{license}: a choice (OR); branch {branch!r} is taken, the one that best satisfies both "
            f"compatibility ({v.status}) and the policy ({d.outcome})."
        )
        return (
            replace(v, inbound=verdict.inbound, reasons=(*v.reasons, why)),
            Decision(d.outcome, (*d.reasons, why), branch),
        )


def _is_or_expression(key: str) -> bool:
    try:
        return isinstance(licensing().parse(key), OR)
    except Exception:
        return False


def _severity(rule: str, policy_: Policy) -> Severity:
    for status, rule_id in _STATUS_RULE.items():
        if rule_id == rule:
            return policy_.severity.get(status, RULE_IDS[rule].default)  # type: ignore[return-value]
    return RULE_IDS[rule].default


def check(scan: ScanReport, deps: DepsReport, options: CheckOptions) -> CheckReport:
    """Judge every inbound subject of a scanned tree against its outbound license and policy.

    The outbound license is `options.outbound` when given, else the scan's declared license; when
    there is neither, that is an error finding and no compatibility verdict is made (the policy
    still applies). Each subject gets one verdict (compatible, conditional, incompatible, unknown);
    each verdict that is not compatible, each policy breach, each expired or unused exception and
    each unreadable input becomes a finding. Exceptions suppress the findings they cover while in
    force; suppressed findings stay in the report.
    """
    declared = scan.declared_license.expression
    outbound = options.outbound or declared
    origin: str | None
    if options.outbound:
        origin = options.outbound_origin or "given"
    elif declared:
        paths = sorted({s.path for s in scan.declared_license.sources})
        origin = "declared in " + ", ".join(paths) if paths else "declared"
    else:
        origin = None
    project_path = _project_location(scan, options)
    findings: list[CheckFinding] = []
    outbound_class = None
    if outbound is None:
        findings.append(
            CheckFinding(
                "no-outbound-license",
                "error",
                "No outbound license: all rights reserved. The project declares no license, so nobody "
                "may use, change or share it, and inbound licenses cannot be judged against it.",
                "project",
                project_path,
                0,
            )
        )
    else:
        outbound_class = commons.classify(outbound)
        decision = decide(options.policy.outbound, outbound)
        if decision.outcome != "allow":
            rule = "outbound-not-allowed" if decision.outcome == "deny" else "outbound-needs-review"
            findings.append(
                CheckFinding(
                    rule,
                    RULE_IDS[rule].default,
                    f"Outbound license {outbound} ({outbound_class.cls}) under policy "
                    f"{options.policy.name!r}: " + " ".join(decision.reasons),
                    "project",
                    project_path,
                    0,
                    license=outbound,
                )
            )
        if options.outbound and declared and _differs(options.outbound, declared):
            findings.append(
                CheckFinding(
                    "outbound-differs-from-declared",
                    "note",
                    f"Judged against {options.outbound} ({origin}), but the project declares {declared}.",
                    "project",
                    project_path,
                    0,
                    license=declared,
                )
            )
    judge = _Judge(outbound, options)
    subjects = subjects_of(scan, deps, options)
    verdicts: list[Verdict] = []
    names_of = {package_id(p): package_names(p) for p in deps.packages}
    for s in subjects:
        names = names_of.get(s.subject, ()) if s.kind == "package" else ()
        findings.extend(_judge_subject(s, names, judge, outbound, options, verdicts))
    for err in (*scan.errors, *deps.errors):
        findings.append(
            CheckFinding(
                "unreadable-input",
                "warning",
                f"{err.path}: {err.message}",
                f"file:{err.path}",
                err.path if not err.path.startswith("<") else None,
                0,
            )
        )
    findings = _apply_waivers(findings, subjects, deps, options)
    findings.sort(
        key=lambda f: (SEVERITY_ORDER.index(f.severity), f.rule, f.path or "", f.line, f.subject, f.message)
    )
    return CheckReport(
        root=scan.root,
        outbound=outbound,
        outbound_origin=origin,
        outbound_class=outbound_class,
        declared=declared,
        policy=options.policy.name,
        subjects=tuple(subjects),
        verdicts=tuple(verdicts),
        findings=tuple(findings),
        scan=scan,
        deps=deps,
    )


def _differs(a: str, b: str) -> bool:
    try:
        return bool(licensing().parse(a) != licensing().parse(b))
    except Exception:
        return a != b


def _project_location(scan: ScanReport, options: CheckOptions) -> str | None:
    """Where findings about the project as a whole point: a file that declares its license, else the
    configuration, else a manifest or README at the root (SARIF results need a file)."""
    declared = sorted({s.path for s in scan.declared_license.sources if s.path})
    if declared:
        return declared[0]
    if options.config_path:
        return options.config_path
    root_files = sorted(f.path for f in scan.files if "/" not in f.path)
    for prefix in ("pyproject.toml", "package.json", "Cargo.toml", "go.mod", "pom.xml", "README"):
        for name in root_files:
            if name.startswith(prefix):
                return name
    return root_files[0] if root_files else None


def _judge_subject(
    s: Subject,
    names: Sequence[str],
    judge: _Judge,
    outbound: str | None,
    options: CheckOptions,
    verdicts: list[Verdict],
) -> list[CheckFinding]:
    what = f"{s.path}" if s.kind == "file" else f"{s.subject} ({s.scope})"
    found: list[CheckFinding] = []
    if s.license is None:
        missing = Verdict(
            s.subject,
            "NOASSERTION",
            outbound or "NONE",
            s.context,
            "unknown",
            (
                f"The package declares {s.declared_raw!r}, which names no SPDX license (not guessed), "
                "and no license text was detected: its terms are unknown."
                if s.declared_raw
                else "No license is declared or detected for this package: its terms are unknown.",
            ),
            (),
        )
        verdicts.append(missing)
        found.append(
            CheckFinding(
                "unknown-license",
                _severity("unknown-license", options.policy),
                f"{what}: "
                + (
                    f"declared license {s.declared_raw!r} names no SPDX license"
                    if s.declared_raw
                    else "no license declared or detected"
                )
                + f"; it cannot be judged against {outbound or 'anything'}.",
                s.subject,
                s.path,
                s.line,
                verdict=missing,
            )
        )
        return found
    chosen = judge.choice_for(names) if names else None
    verdict, decision, error = judge.judge(s.license, s.context, chosen)
    if error:
        bad = Verdict(s.subject, s.license, outbound or "NONE", s.context, "unknown", (error,), ())
        verdicts.append(bad)
        found.append(
            CheckFinding(
                "invalid-license-expression",
                _severity("invalid-license-expression", options.policy),
                f"{what}: {error}",
                s.subject,
                s.path,
                s.line,
                license=s.license,
                verdict=bad,
            )
        )
        return found
    if verdict is not None:
        verdict = replace(verdict, subject=s.subject)
        verdicts.append(verdict)
        if verdict.status != "compatible":
            rule = _STATUS_RULE[verdict.status]
            found.append(
                CheckFinding(
                    rule,
                    _severity(rule, options.policy),
                    f"{what}: {verdict.inbound} is {verdict.status} with {verdict.outbound} "
                    f"({verdict.context}). {verdict.reasons[-1] if verdict.reasons else ''}".rstrip(),
                    s.subject,
                    s.path,
                    s.line,
                    license=s.license,
                    verdict=verdict,
                )
            )
    if decision is not None and decision.outcome != "allow":
        rule = "denied-license" if decision.outcome == "deny" else "license-needs-review"
        found.append(
            CheckFinding(
                rule,
                RULE_IDS[rule].default,
                f"{what}: {s.license} under policy {options.policy.name!r}: " + " ".join(decision.reasons),
                s.subject,
                s.path,
                s.line,
                license=s.license,
                verdict=verdict,
            )
        )
    return found


# Findings an exception may excuse: judgements of inbound licenses, not facts about the project.
_WAIVABLE = {
    "incompatible-license",
    "conditional-license",
    "unknown-license",
    "denied-license",
    "license-needs-review",
    "invalid-license-expression",
}


def _apply_waivers(
    findings: list[CheckFinding], subjects: Sequence[Subject], deps: DepsReport, options: CheckOptions
) -> list[CheckFinding]:
    if not options.waivers:
        return findings
    names_of = {package_id(p): package_names(p) for p in deps.packages}
    used: set[int] = set()
    out: list[CheckFinding] = []
    for f in findings:
        if f.rule not in _WAIVABLE:
            out.append(f)
            continue
        is_file = f.subject.startswith("file:")
        path = f.subject[5:] if is_file else None
        names = () if is_file else names_of.get(f.subject, ())
        suppressed = None
        for i, w in enumerate(options.waivers):
            if w.package is not None and is_file:
                continue
            if w.path is not None and not is_file:
                # a path exception also covers the packages its manifests bring in
                if f.path is None or not w.covers(path=f.path, names=(), license=f.license):
                    continue
            elif not w.covers(path=path, names=names, license=f.license):
                continue
            used.add(i)
            if not w.expired(options.today):
                suppressed = f"{w.reason} (exception until {w.expires.isoformat()}: {w.origin})"
                break
        out.append(replace(f, suppressed=suppressed) if suppressed else f)
    where = options.config_path
    for i, w in enumerate(options.waivers):
        if w.expired(options.today):
            out.append(
                CheckFinding(
                    "expired-exception",
                    "error",
                    f"The exception {w.origin} expired on {w.expires.isoformat()} and excuses nothing "
                    f"any more (reason given: {w.reason}).",
                    "project",
                    where,
                    0,
                    license=w.license,
                )
            )
        elif i not in used:
            out.append(
                CheckFinding(
                    "unused-exception",
                    "note",
                    f"The exception {w.origin} matches no finding; remove it.",
                    "project",
                    where,
                    0,
                    license=w.license,
                )
            )
    return out
