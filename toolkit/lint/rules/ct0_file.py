"""CT0xx: the file and parse family. The reader already finds these; each rule reports one code.

The codes and default severities are those of ``toolkit.problems`` (``load``
reports the same problems as rows of ``frames.problems``). ``CT099`` is the
engine's own: a rule that failed on a file, reported instead of a traceback.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from toolkit.lint.finding import Hit
from toolkit.lint.rule import Check, Example, LintContext, Rule, RuleDocs
from toolkit.lint.rules.example_cassettes import GOOD
from toolkit.problems import SEVERITY, ProblemCode
from toolkit.read.document import Position

__all__ = ["INTERNAL_ERROR", "RULES"]


def _reported(code: ProblemCode) -> Check:
    """A check that reports the reader's problems of one code."""

    def check(context: LintContext, _options: Mapping[str, Any]) -> Iterator[Hit]:
        for problem in context.cassette.problems:
            if problem.code == code:
                key = f"item {problem.interaction}" if problem.interaction is not None else "file"
                yield Hit(Position(problem.line, problem.column), problem.message, problem.interaction, key)

    check.__name__ = f"check_{code.value.lower()}"
    return check


def _rule(code: ProblemCode, name: str, summary: str, docs: RuleDocs) -> Rule:
    return Rule(code.value, name, SEVERITY[code], summary, docs, _reported(code))


_WEBSOCKET = """\
interactions:
- direction: send
  kind: text
  payload: '{"type": "session.update"}'
version: 1
"""

_ALIAS_BOMB = "\n".join(
    ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    + [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]" for i in range(8)]
    + ["interactions: *i", ""]
)

RULES: tuple[Rule, ...] = (
    _rule(
        ProblemCode.UNREADABLE,
        "unreadable-file",
        "The file cannot be read as text (I/O error, binary data, invalid UTF-8, bad gzip).",
        RuleDocs(
            what="The bytes of the file are not a readable text file: the read failed, the file is "
            "binary, it holds invalid UTF-8 or control characters, or a `.gz` file is not gzip.",
            why="No recorder can replay such a file; the test using it fails with a decoding error "
            "far from the cause.",
            seen="Editors and merge tools that re-encode a cassette in Latin-1, and binary files "
            "committed under a `.yaml` name, are the usual causes.",
            failing=Example(
                b"interactions:\n- request:\n    method: GET\n    uri: https://caf\xe9.example\n"
            ),
            passing=Example(GOOD),
        ),
    ),
    _rule(
        ProblemCode.SYNTAX,
        "yaml-syntax-error",
        "The file is not well-formed YAML (or JSON), or an httprr trace's framing is broken.",
        RuleDocs(
            what="The YAML parser stops: a truncated file, tab indentation, an unclosed quote or "
            "bracket. The finding is at the parser's line and column. For an httprr trace: the "
            "first line is not `httprr trace v1`, or a record's `<request bytes> <response bytes>` "
            "line is not two numbers or promises more bytes than the file holds (Go's replay then "
            "refuses the whole trace); the finding is at that line.",
            why="A cassette cut short by an interrupted test run or a bad merge cannot be replayed.",
            seen="Cassettes truncated by a test process killed while writing, and hand edits that "
            "indent with tabs.",
            failing=Example(
                "interactions:\n- request: {method: GET, uri: 'https://api.openai.com/v1/models\n"
            ),
            passing=Example(GOOD),
        ),
    ),
    _rule(
        ProblemCode.UNSAFE_TAG,
        "unsafe-yaml-tag",
        "A YAML tag that would build an arbitrary object (python/object, python/name ...) is refused.",
        RuleDocs(
            what="A tag other than plain data and the harmless tags recorders write (`!!binary`, "
            "`!binary`, `!!python/unicode`, `!!python/tuple`, multidict's `istr`, and the pickled "
            "`BytesIO` and iterator request bodies that vcrpy's safe loader rebuilds from their "
            "bytes). It is never executed; the file is not read further.",
            why="An unsafe loader would run the code such a tag names; vcrpy now refuses these tags "
            "too, so the cassette no longer loads.",
            seen="vcrpy's move to a safe YAML loader broke cassettes carrying "
            "`!!python/object/new` tags (kevin1024/vcrpy#1007).",
            failing=Example("interactions: !!python/object/apply:os.system ['echo hi']\nversion: 1\n"),
            passing=Example(GOOD),
        ),
    ),
    _rule(
        ProblemCode.UNKNOWN_DIALECT,
        "unknown-dialect",
        "The file is data but not a cassette of a known recorder.",
        RuleDocs(
            what="Well-formed YAML or JSON without the layout of vcrpy, go-vcr, Ruby VCR or "
            "langchain's split cassettes. The message says whether the file records HTTP "
            "exchanges (a recorder the toolkit does not read) or is other data.",
            why="A file in a cassette folder that no known recorder wrote is misplaced, written by "
            "a recorder the toolkit cannot check, or a cassette mangled beyond recognition. A "
            "warning, not an error: nothing says it will not replay in the tool that wrote it.",
            seen="Fixture folders mix cassettes with other JSON fixtures; the corpus's "
            "pydantic-ai sample keeps other recordings beside its cassettes.",
            failing=Example('{"name": "not a cassette", "items": [1, 2]}\n', filename="fixture.json"),
            passing=Example(GOOD),
        ),
    ),
    _rule(
        ProblemCode.UNSUPPORTED_RECORDING,
        "unsupported-recording",
        "A recording that is not HTTP (websocket session, gRPC calls, message transcript): "
        "recognised, not checked.",
        RuleDocs(
            what="A websocket session, a gRPC recording or a message transcript (an agent SDK's "
            "control protocol, JSON-RPC) kept with the HTTP cassettes. It is recognised by its "
            "structure, in any layout: messages or frames with a direction, opcodes, `ws://` URLs, "
            "gRPC `/package.Service/Method` paths, trailers and status names, JSON-RPC messages; "
            "and no HTTP exchange (a request with an HTTP method or URL, a response with an HTTP "
            "status) anywhere in the file. A file with one HTTP exchange is a cassette, and its "
            "broken interactions are CT009.",
            why="Lint cannot check what it cannot read; this says so instead of staying silent, and "
            "instead of calling a valid recording of another protocol a broken cassette.",
            seen="pydantic-ai keeps `*.xai.yaml` gRPC recordings and websocket sessions beside its "
            "vcrpy cassettes (22 such files in the corpus); logfire keeps Claude Agent SDK "
            "transcripts (`{metadata, messages: [{direction, message}]}`) beside its cassettes.",
            failing=Example(_WEBSOCKET),
            passing=Example(GOOD),
        ),
    ),
    _rule(
        ProblemCode.EMPTY,
        "empty-cassette",
        "The file is empty or records no interactions.",
        RuleDocs(
            what="An empty file, or a cassette whose interaction list is empty.",
            why="A test that should record traffic recorded nothing: it may hit the network on "
            "every run, or it no longer makes the call it was written for.",
            seen="pydantic-ai has cassettes with `interactions: []` left by tests whose calls "
            "moved elsewhere.",
            failing=Example("interactions: []\nversion: 1\n"),
            passing=Example(GOOD),
        ),
    ),
    _rule(
        ProblemCode.RESOURCE_LIMIT,
        "resource-limit",
        "Reading the file would exceed a limit (alias expansion, decompressed size).",
        RuleDocs(
            what="YAML aliases that would expand to millions of nodes (a 'billion laughs'), or a "
            "gzip file or body that decompresses beyond the size cap.",
            why="Loading such a file exhausts memory in every tool that reads it.",
            seen="Hostile-input hardening: YAML alias bombs and gzip bombs are classic attacks "
            "on any tool that loads untrusted files.",
            failing=Example(_ALIAS_BOMB),
            passing=Example(GOOD),
        ),
    ),
    _rule(
        ProblemCode.DUPLICATE_KEY,
        "duplicate-key",
        "A mapping key is written twice; the later value silently wins.",
        RuleDocs(
            what="The same key twice in one mapping, usually after a hand edit or a merge.",
            why="Parsers keep the last value, so half of the edit is silently ignored.",
            seen="Merge conflicts resolved by keeping both sides of a cassette hunk.",
            failing=Example(GOOD.replace("    method: POST\n", "    method: POST\n    method: GET\n", 1)),
            passing=Example(GOOD),
        ),
    ),
    _rule(
        ProblemCode.MALFORMED_INTERACTION,
        "malformed-interaction",
        "An interaction without a request or response mapping.",
        RuleDocs(
            what="An item of the interaction list that is not a mapping with a `request` and a `response`.",
            why="Recorders fail to load the whole cassette because of one bad item.",
            seen="Hand-written cassettes and half-deleted interactions.",
            failing=Example(
                "interactions:\n- request:\n    method: GET\n    uri: https://api.openai.com/v1/models\n"
                "version: 1\n"
            ),
            passing=Example(GOOD),
        ),
    ),
)


#: Reported by the engine when a rule raises, and by the reader when reading the file or one of
#: its interactions raises: never a traceback, always a finding. A warning: it says nothing
#: about the cassette (a bug of ours must not block a commit), and it is still shown, so a
#: check that did not run is never hidden; ``--fail-on warning`` makes it fail.
INTERNAL_ERROR = Rule(
    "CT099",
    "internal-error",
    "warning",
    "Reading the file or a rule failed on it; this is a bug in cassette-toolkit, please report it.",
    RuleDocs(
        what="Reading the file, reading one of its interactions (as a model call, or for its "
        "secrets), or a rule raised an exception. The finding names what failed and the "
        "exception type; the other rules still ran, and an interaction whose model reading "
        "failed is still scanned for secrets.",
        why="A linter must never crash on a file, and must not hide that a check did not run.",
        seen="Hostile inputs that reach code paths nobody anticipated.",
        failing=Example("# No cassette is known to trigger CT099: any would be a bug in a rule.\n" + GOOD),
        passing=Example(GOOD),
    ),
    _reported(ProblemCode.INTERNAL_ERROR),
)
