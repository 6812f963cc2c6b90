"""Developer sessions: tests, lint (ruff), typecheck (mypy --strict), docs, reports, bench."""

from __future__ import annotations

import nox

nox.options.sessions = ["tests", "lint", "typecheck"]
nox.options.reuse_existing_virtualenvs = True


@nox.session
def tests(session: nox.Session) -> None:
    """The test suite (reads ../shared/corpus when present)."""
    session.install("-e", ".[test]")
    session.run("pytest", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff on the package, tests and benchmarks."""
    session.install("ruff")
    session.run("ruff", "check", "toolkit", "tests", "benchmarks", "noxfile.py")


@nox.session
def typecheck(session: nox.Session) -> None:
    """mypy --strict on the package."""
    session.install("-e", ".[all]", "mypy", "pandas-stubs", "types-PyYAML")
    session.run("mypy", "--strict", "toolkit")


@nox.session
def docs(session: nox.Session) -> None:
    """Regenerate the generated documentation (tests/generated_docs.py lists it); a test fails when stale."""
    session.install("-e", ".")
    session.run("python", "-m", "tests.generated_docs")


@nox.session
def reports(session: nox.Session) -> None:
    """Regenerate reports/ (the sample audit) and the report golden files; a test fails when stale."""
    session.install("-e", ".[test]")
    session.run("python", "-m", "tests.report.targets")


@nox.session
def bench(session: nox.Session) -> None:
    """Every benchmark beside its floor, measured in the same run; writes reports/benchmarks.md.

    Also installs the tools compared against (detect-secrets, yamllint). Pass sections to run
    only some: ``nox -s bench -- --only lint,secrets``.
    """
    # A regular (not editable) install, as users have: an editable one adds its import hook
    # to the start-up of every fresh process the suite times. The suite imports the working tree.
    session.install(".[all]", "detect-secrets", "yamllint")
    args = session.posargs or ["--write", "reports/benchmarks.md"]
    session.run("python", "benchmarks/suite.py", *args)


@nox.session
def fuzz(session: nox.Session) -> None:
    """The fuzz test at length: 12,000 mutated cassettes (``-- SEED`` picks another seed)."""
    session.install("-e", ".[test]")
    seed = session.posargs[0] if session.posargs else "1"
    session.run("pytest", "-q", "tests/test_fuzz.py", env={"FUZZ_CASES": "12000", "FUZZ_SEED": seed})
