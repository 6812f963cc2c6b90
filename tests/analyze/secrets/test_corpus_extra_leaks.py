"""The extra shared corpus (seven projects, each with its own redaction conventions).

Its README lists every project's placeholders; each must reach the scanner in a credential
or account position and not be reported. The one real leak the corpus holds must be found,
and nothing else may block.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from toolkit.analyze.cassette import AnalyzedCassette
from toolkit.analyze.secrets import Leak, walk_interaction
from toolkit.credentials.account_headers import account_header_provider
from toolkit.credentials.positions import classify_position
from toolkit.lint.engine import LintResult, lint_paths
from toolkit.lint.settings import LintSettings
from toolkit.read.files import read_file

pytestmark = pytest.mark.corpus

LEAK_FILE = "chatlas/tests/_vcr/test_provider_bedrock/test_anthropic_simple_request.yaml"
# The true errors of the corpus, with the reason: an AWS SSO-OIDC token exchange recorded
# without redaction (the README's "Unredacted credential exchange"). The client secret is a
# signed JWT (HS384, 48-byte signature); the access and refresh tokens have no format and
# sit under credential names. The refresh token is in both the request and the response.
# Each is reported at its own line: the request body's single-quoted JSON folds over lines 3-5.
KNOWN_LEAKS = Counter(
    {
        (LEAK_FILE, "CT201", 4, "request", "clientSecret"): 1,
        (LEAK_FILE, "CT202", 5, "request", "refreshToken"): 1,
        (LEAK_FILE, "CT202", 16, "response", "accessToken"): 1,
        (LEAK_FILE, "CT202", 16, "response", "refreshToken"): 1,
    }
)
# Also true errors: Cody's recordings of Sourcegraph's demo instance keep the user settings the
# GraphQL API returned, and those settings hold a Datadog API key (32 hex) and application key
# (40 hex) in clear (``datadogServiceMap.apiKey`` / ``.applicationKey``), gzip'd and base64'd
# inside the HAR body. Each recording that fetched the settings carries the pair.
CODY_SETTINGS = {
    "cody/agent/recordings/autoedit-aside-custom_2361404853/recording.har.yaml": 1264,
    "cody/agent/recordings/autoedit-aside-images_3272653792/recording.har.yaml": 1254,
    "cody/agent/recordings/autoedit-completions_2053428412/recording.har.yaml": 1585,
    "cody/agent/recordings/autoedit-inline-and-aside_2986483061/recording.har.yaml": 1274,
    "cody/agent/recordings/autoedit-inline-diffs_3138166977/recording.har.yaml": 1269,
    "cody/jetbrains/src/integrationTest/resources/recordings/"
    "autocompleteEdit_3787598409/recording.har.yaml": 1270,
}

DSPY = "dspy-rb/spec/vcr_cassettes/"
LANGCHAINGO = "langchaingo/"
LLM_RB = "llm-rb/spec/fixtures/cassettes/"
BEDROCK_MODELS = "chatlas/tests/_vcr/test_provider_bedrock/test_anthropic_models.yaml"
# (file, placeholder as recorded): one file for each convention of the README.
CONVENTIONS = [
    (
        DSPY + "DSPy_Instrumentation_Integration/DSPy_ChainOfThought_instrumentation/"
        "emits_dspy_chain_of_thought_event_with_reasoning_analysis.yml",
        "Bearer <OPENAI_API_KEY>",
    ),
    (
        DSPY + "DSPy_Instrumentation_Integration/DSPy_ChainOfThought_instrumentation/"
        "emits_dspy_chain_of_thought_event_with_reasoning_analysis.yml",
        "<OPENAI_ORGANIZATION>",
    ),
    (
        DSPY + "DSPy_Instrumentation_Integration/DSPy_ChainOfThought_instrumentation/"
        "emits_dspy_chain_of_thought_event_with_reasoning_analysis.yml",
        "__cf_bm=<REDACTED>",
    ),
    (DSPY + "openrouter_custom_headers.yml", "Bearer <OPENROUTER_API_KEY>"),
    (
        DSPY
        + "DSPy_LM_raw_chat_integration/with_Anthropic_provider/emits_correct_instrumentation_events.yml",
        "<ANTHROPIC_API_KEY>",
    ),
    (
        DSPY
        + "DSPy_LM_raw_chat_integration/with_Anthropic_provider/emits_correct_instrumentation_events.yml",
        "<ANTHROPIC_ORGANIZATION>",
    ),
    (DSPY + "flash_structured_gemini_2_0_flash.yml", "<GEMINI_API_KEY>"),
    (DSPY + "baml/format_equivalence.yml", "<NEW_RELIC_LICENSE_KEY>"),
    (DSPY + "ollama/basic_completion.yml", "Bearer ollama"),
    (DSPY + "gemini_api_error.yml", "invalid-key"),
    (LLM_RB + "deepseek/chat/llm_chat_completions.yml", "Bearer TOKEN"),
    (LLM_RB + "anthropic/chat/llm_chat_completions.yml", "TOKEN"),
    (LLM_RB + "gemini/audio/successful_transcription.yml", "TOKEN"),
    (LLM_RB + "llamacpp/chat/llm_chat_completions.yml", "Bearer"),
    (BEDROCK_MODELS, "SCRUBBED_SECRET_ACCESS_KEY"),
    (BEDROCK_MODELS, "SCRUBBED_SESSION_TOKEN"),
    (LANGCHAINGO + "llms/bedrock/testdata/TestAmazonOutput.httprr", "AWS4-HMAC-SHA256 test-api-key"),
    (
        LANGCHAINGO
        + "llms/anthropic/internal/anthropicclient/testdata/TestClient_WithAnthropicBetaHeader.httprr",
        "test-api-key",
    ),
    (LANGCHAINGO + "agents/testdata/TestExecutorWithMRKLAgent.httprr", "Bearer test-api-key"),
    (LANGCHAINGO + "agents/testdata/TestExecutorWithMRKLAgent.httprr", "lcgo-tst"),
    (LANGCHAINGO + "agents/testdata/TestExecutorWithOpenAIFunctionAgent.httprr", "test-api-key"),
    ("cody/recordings/rewrite-query_2689977722/recording.har.yaml", "token REDACTED_"),
]
# Not here: chatlas's ``accessKeyId`` names a key id, not a credential, so its
# ``SCRUBBED_ACCESS_KEY_ID`` never reaches a credential test; it is tested on its value in
# tests/secrets/test_secrets_placeholders.py.


def _leaks(path: Path) -> list[Leak]:
    return list(AnalyzedCassette.of(read_file(str(path))).leaks())


def _named_values(path: Path) -> list[str]:
    """Every value the scanner judges under a credential or account name."""
    cassette = read_file(str(path)).cassette
    return [
        value.text
        for interaction in cassette.interactions
        for value in walk_interaction(interaction)
        if classify_position(value.location) is not None
        or account_header_provider(value.location) is not None
    ]


@pytest.mark.parametrize(("name", "placeholder"), CONVENTIONS, ids=lambda v: str(v)[-40:])
def test_each_projects_placeholders_are_judged_and_not_reported(
    corpus_extra: Path, name: str, placeholder: str
) -> None:
    path = corpus_extra / name
    assert any(value.strip().startswith(placeholder) for value in _named_values(path))
    leaks = _leaks(path)
    assert [leak for leak in leaks if leak.blocking] == []
    assert [leak.match.kind for leak in leaks if placeholder.strip("<>") in leak.secret] == []


def test_real_organization_ids_stay_warnings(corpus_extra: Path) -> None:
    """logfire keeps ``openai-organization: pydantic-28gund``: an account id, not a placeholder."""
    path = (
        corpus_extra
        / "logfire/tests/otel_integrations/cassettes/test_litellm/test_litellm_instrumentation.yaml"
    )
    kinds = {
        (leak.match.kind, leak.match.severity)
        for leak in _leaks(path)
        if leak.site.name.lower() == "openai-organization"
    }
    assert kinds == {("account-id", "warning")}


@pytest.fixture(scope="module")
def result(corpus_extra: Path) -> LintResult:
    return lint_paths([str(corpus_extra)], LintSettings(select=("CT2",)), jobs=2)


def test_only_the_known_leak_blocks(corpus_extra: Path, result: LintResult) -> None:
    blocking = [finding for finding in result.findings if finding.severity == "error"]
    places = Counter((str(Path(f.path).relative_to(corpus_extra)), f.code, f.line) for f in blocking)
    expected: Counter[tuple[str, str, int]] = Counter()
    for key, count in KNOWN_LEAKS.items():
        expected[key[:3]] += count
    for name, line in CODY_SETTINGS.items():
        expected[(name, "CT202", line)] += 2  # the Datadog API key and application key
    assert places == expected


def test_the_known_leak_is_each_credential_of_the_exchange(corpus_extra: Path) -> None:
    found = Counter(
        (
            LEAK_FILE,
            {"token": "CT201", "position": "CT202"}[leak.match.layer],
            leak.position.line,
            leak.site.side,
            leak.site.name,
        )
        for leak in _leaks(corpus_extra / LEAK_FILE)
        if leak.blocking
    )
    assert found == KNOWN_LEAKS
