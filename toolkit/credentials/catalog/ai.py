"""Token formats of LLM API providers.

Facts (prefixes, lengths, alphabets) come from each provider's documentation or from the
named rule of a public scanner; every regex here is written for this project.
"""

from __future__ import annotations

from toolkit.credentials.pattern import ALNUM_END, TOKEN_END, TOKEN_START, TokenPattern

__all__ = ["PATTERNS"]

_GITLEAKS = "https://github.com/gitleaks/gitleaks/blob/master/cmd/generate/config/rules/"
_TRUFFLEHOG = "https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/"
# Keys without a prefix are only recognisable next to a name that says what they are.
_ASSIGN = r"[\"']?\s*[:=]\s*[\"']?"


def _named(names: str, body: str) -> str:
    """A prefix-less key right after an assignment to a name containing ``names``."""
    return r"(?i:(?:" + names + r")[\w.-]{0,24}?(?:key|token))" + _ASSIGN + body + ALNUM_END


def _prefixed(prefix: str, body: str) -> str:
    return TOKEN_START + prefix + body + TOKEN_END


OPENAI = (
    TokenPattern(
        id="openai-project-key",
        provider="openai",
        description="OpenAI project API key (sk-proj-)",
        regex=_prefixed("sk-proj-", r"[A-Za-z0-9_-]{40,250}"),
        keywords=("sk-proj-",),
        source="https://platform.openai.com/docs/api-reference/authentication",
        must_match=(
            "sk-proj-{b64url:74}T3BlbkFJ{b64url:74}",
            "Authorization: Bearer sk-proj-{b62:20}T3BlbkFJ{b62:20}",
        ),
        must_not_match=(
            "sk-proj-...",
            "sk-proj-" + "x" * 48,
            "task-proj-{b64url:74}T3BlbkFJ{b64url:74}",
            "Incorrect API key provided: sk-proj-{b62:4}" + "*" * 20 + "{b62:4}.",
        ),
    ),
    TokenPattern(
        id="openai-service-account-key",
        provider="openai",
        description="OpenAI service account API key (sk-svcacct-)",
        regex=_prefixed("sk-svcacct-", r"[A-Za-z0-9_-]{40,250}"),
        keywords=("sk-svcacct-",),
        source=_GITLEAKS + "openai.go",
        must_match=(
            "sk-svcacct-{b64url:74}T3BlbkFJ{b64url:74}",
            '"OPENAI_API_KEY": "sk-svcacct-{b64url:58}T3BlbkFJ{b64url:58}"',
        ),
        must_not_match=("sk-svcacct-{b62:12}", "sk-svcacct-<YOUR-KEY-HERE>"),
    ),
    TokenPattern(
        id="openai-admin-key",
        provider="openai",
        description="OpenAI organization admin API key (sk-admin-)",
        regex=_prefixed("sk-admin-", r"[A-Za-z0-9_-]{40,250}"),
        keywords=("sk-admin-",),
        source="https://platform.openai.com/docs/api-reference/administration",
        must_match=(
            "sk-admin-{b64url:58}T3BlbkFJ{b64url:58}",
            "Bearer sk-admin-{b64url:58}T3BlbkFJ{b64url:58}",
        ),
        must_not_match=("sk-admin-" + "1234567890" * 5, "sk-admin-{b62:20}"),
    ),
    TokenPattern(
        id="openai-api-key",
        provider="openai",
        description="OpenAI API key carrying the T3BlbkFJ marker (legacy sk- + 48, sk-None-, ...)",
        regex=_prefixed("sk-", r"[A-Za-z0-9_-]{40,250}"),
        validator="openai-marker",
        keywords=("T3BlbkFJ",),
        source=_GITLEAKS + "openai.go",
        must_match=("sk-{b62:20}T3BlbkFJ{b62:20}", "sk-None-{b64url:30}T3BlbkFJ{b64url:30}"),
        must_not_match=("sk-{b62:48}", "sk-{b62:20}T3BlbkFJ"),
    ),
    TokenPattern(
        id="openai-ephemeral-key",
        provider="openai",
        description="OpenAI Realtime ephemeral client secret (ek_ + 32 hex); short-lived, but it "
        "authenticates a client until it expires",
        regex=_prefixed("ek_", r"[0-9a-f]{32}"),
        keywords=("ek_",),
        source="https://platform.openai.com/docs/api-reference/realtime-sessions",
        must_match=("ek_{hex:32}", '"client_secret": {"value": "ek_{hex:32}", "expires_at": 1756310470'),
        must_not_match=("ek_test_{b64url:60}", "ek_abc123", "ek_" + "0" * 32),
    ),
)

ANTHROPIC = (
    TokenPattern(
        id="anthropic-api-key",
        provider="anthropic",
        description="Anthropic API key (sk-ant-api03-, 93 characters then AA)",
        regex=_prefixed("sk-ant-api03-", r"[A-Za-z0-9_-]{93}AA"),
        keywords=("sk-ant-api03-",),
        source=_GITLEAKS + "anthropic.go",
        must_match=("sk-ant-api03-{b64url:93}AA", "x-api-key: sk-ant-api03-{b62:93}AA"),
        must_not_match=(
            "sk-ant-api03-{b64url:80}AA",
            "sk-ant-api03-{b64url:93}BB",
            "sk-ant-api03-" + "x" * 93 + "AA",
        ),
    ),
    TokenPattern(
        id="anthropic-admin-key",
        provider="anthropic",
        description="Anthropic Admin API key (sk-ant-admin01-)",
        regex=_prefixed("sk-ant-admin01-", r"[A-Za-z0-9_-]{93}AA"),
        keywords=("sk-ant-admin01-",),
        source="https://docs.anthropic.com/en/api/administration-api",
        must_match=("sk-ant-admin01-{b64url:93}AA", '"key": "sk-ant-admin01-{b62:93}AA"'),
        must_not_match=("sk-ant-admin01-{b64url:60}", "sk-ant-admin01-..."),
    ),
    TokenPattern(
        id="anthropic-oauth-access-token",
        provider="anthropic",
        description="Anthropic OAuth access token (sk-ant-oat01-)",
        regex=_prefixed("sk-ant-oat01-", r"[A-Za-z0-9_-]{40,400}"),
        keywords=("sk-ant-oat01-",),
        source=_GITLEAKS + "anthropic.go",
        must_match=("sk-ant-oat01-{b64url:95}AA", "Bearer sk-ant-oat01-{b64url:100}"),
        must_not_match=("sk-ant-oat01-abc123", "sk-ant-oat01-" + "X" * 60),
    ),
    TokenPattern(
        id="anthropic-oauth-refresh-token",
        provider="anthropic",
        description="Anthropic OAuth refresh token (sk-ant-ort01-)",
        regex=_prefixed("sk-ant-ort01-", r"[A-Za-z0-9_-]{40,400}"),
        keywords=("sk-ant-ort01-",),
        source=_GITLEAKS + "anthropic.go",
        must_match=("sk-ant-ort01-{b64url:95}AA", '"refresh_token":"sk-ant-ort01-{b64url:100}"'),
        must_not_match=("sk-ant-ort01-abc", "sk-ant-ort01-<refresh-token>"),
    ),
    TokenPattern(
        id="anthropic-session-key",
        provider="anthropic",
        description="claude.ai web session key (sk-ant-sid01-, the sessionKey cookie); no published "
        "format beyond its prefix and url-safe alphabet",
        regex=_prefixed(r"sk-ant-sid\d{2}-", r"[A-Za-z0-9_-]{60,400}"),
        keywords=("sk-ant-sid",),
        source="https://claude.ai",
        must_match=("sk-ant-sid01-{b64url:93}AA", "Cookie: sessionKey=sk-ant-sid01-{b64url:100}"),
        must_not_match=("sk-ant-sid01-...", "sk-ant-sid01-{b64url:20}", "sk-ant-sid01-" + "x" * 80),
    ),
)

OTHERS = (
    TokenPattern(
        id="xai-api-key",
        provider="xai",
        description="xAI API key (xai- + 80 characters)",
        regex=_prefixed("xai-", r"[A-Za-z0-9_]{80}"),
        keywords=("xai-",),
        source=_TRUFFLEHOG + "xai",
        must_match=("xai-{b62:80}", "Authorization: Bearer xai-{b62:80}"),
        must_not_match=(
            "https://api.x.ai/v1/models/xai-grok-code-fast",
            "xai-{b62:40}",
            "xai-{b62:81}",
        ),
    ),
    TokenPattern(
        id="groq-api-key",
        provider="groq",
        description="Groq API key (gsk_ + 52 alphanumerics)",
        regex=_prefixed("gsk_", r"[A-Za-z0-9]{52}"),
        keywords=("gsk_",),
        source=_TRUFFLEHOG + "groq",
        must_match=("gsk_{b62:52}", "GROQ_API_KEY=gsk_{b62:52}"),
        must_not_match=("gsk_" + "x" * 52, "gsk_{b62:30}"),
    ),
    TokenPattern(
        id="openrouter-api-key",
        provider="openrouter",
        description="OpenRouter API key (sk-or-v1- + 64 hex)",
        regex=_prefixed("sk-or-v1-", r"[0-9a-f]{64}"),
        keywords=("sk-or-v1-",),
        source="https://openrouter.ai/docs/api-reference/authentication",
        must_match=("sk-or-v1-{hex:64}", "Bearer sk-or-v1-{hex:64}"),
        must_not_match=("sk-or-v1-{hex:32}", "sk-or-v1-" + "0" * 64),
    ),
    TokenPattern(
        id="deepseek-api-key",
        provider="deepseek",
        description="DeepSeek-style API key (sk- + 32 lowercase hex; other OpenAI-compatible "
        "providers issue the same shape)",
        regex=_prefixed("sk-", r"[0-9a-f]{32}"),
        keywords=("sk-",),
        source=_TRUFFLEHOG + "deepseek",
        must_match=("sk-{hex:32}", "DEEPSEEK_API_KEY=sk-{hex:32}"),
        must_not_match=(
            "sk-1234567890abcdef1234567890abcdef",
            "task-{hex:32}",
            "sk-{hex:31}",
        ),
    ),
    TokenPattern(
        id="mistral-api-key",
        provider="mistral",
        description="Mistral API key (32 alphanumerics, no prefix) assigned to a Mistral name",
        regex=_named("mistral", r"(?P<secret>[A-Za-z0-9]{32})"),
        keywords=("mistral",),
        keywords_ignore_case=True,
        source="https://docs.mistral.ai/getting-started/quickstart/",
        must_match=("MISTRAL_API_KEY={b62:32}", '"mistral_api_key": "{b62:32}"'),
        must_not_match=("MISTRAL_API_KEY=your-mistral-api-key", "MISTRAL_API_KEY={b62:31}"),
    ),
    TokenPattern(
        id="cohere-api-key",
        provider="cohere",
        description="Cohere API key (40 alphanumerics, no prefix) assigned to a Cohere name",
        regex=_named("cohere|co_api", r"(?P<secret>[A-Za-z0-9]{40})"),
        keywords=("cohere", "co_api"),
        keywords_ignore_case=True,
        source=_GITLEAKS + "cohere.go",
        must_match=("CO_API_KEY={b62:40}", "cohere_api_key = '{b62:40}'"),
        must_not_match=("CO_API_KEY=" + "x" * 40, "cohere model {b62:40}"),
    ),
    TokenPattern(
        id="together-api-key",
        provider="together",
        description="Together AI API key (tgp_v1_ + 43 url-safe characters)",
        regex=_prefixed("tgp_v1_", r"[A-Za-z0-9_-]{43}"),
        keywords=("tgp_v1_",),
        source="https://docs.together.ai/reference/authentication-1",
        must_match=("tgp_v1_{b64url:43}", "Authorization: Bearer tgp_v1_{b64url:43}"),
        must_not_match=("tgp_v1_{b64url:20}", "tgp_v1_<api-key>"),
    ),
    TokenPattern(
        id="together-legacy-api-key",
        provider="together",
        description="Together AI legacy API key (64 hex, no prefix) assigned to a Together name",
        regex=_named("together", r"(?P<secret>[0-9a-f]{64})"),
        keywords=("together",),
        keywords_ignore_case=True,
        source="https://docs.together.ai/reference/authentication-1",
        must_match=("TOGETHER_API_KEY={hex:64}", '"together_api_key": "{hex:64}"'),
        must_not_match=("TOGETHER_API_KEY={hex:40}", "together we hash {hex:64}"),
    ),
    TokenPattern(
        id="cerebras-api-key",
        provider="cerebras",
        description="Cerebras API key (csk- + 48 lowercase alphanumerics)",
        regex=_prefixed("csk-", r"[a-z0-9]{48}"),
        keywords=("csk-",),
        source=_GITLEAKS + "cerebras.go",
        must_match=("csk-{lowalnum:48}", "CEREBRAS_API_KEY=csk-{lowalnum:48}"),
        must_not_match=("csk-{lowalnum:20}", "csk-" + "x" * 48),
    ),
    TokenPattern(
        id="nvidia-api-key",
        provider="nvidia",
        description="NVIDIA API catalog key (nvapi- + 64 url-safe characters)",
        regex=_prefixed("nvapi-", r"[A-Za-z0-9_-]{64}"),
        keywords=("nvapi-",),
        source=_TRUFFLEHOG + "nvapi",
        must_match=("nvapi-{b64url:64}", "Bearer nvapi-{b64url:64}"),
        must_not_match=("nvapi-{b64url:32}", "nvapi-" + "X" * 64),
    ),
    TokenPattern(
        id="huggingface-token",
        provider="huggingface",
        description="Hugging Face user access token (hf_ + 34 letters)",
        regex=_prefixed("hf_", r"[A-Za-z]{34}"),
        keywords=("hf_",),
        source="https://huggingface.co/docs/hub/security-tokens",
        must_match=("hf_{alpha:34}", "HF_TOKEN=hf_{alpha:34}"),
        must_not_match=("hf_" + "x" * 34, "config.hf_modelLoaderConfigurationForInference"),
    ),
    TokenPattern(
        id="huggingface-org-token",
        provider="huggingface",
        description="Hugging Face legacy organization token (api_org_ + 34 letters)",
        regex=_prefixed("api_org_", r"[A-Za-z]{34}"),
        keywords=("api_org_",),
        source=_GITLEAKS + "huggingface.go",
        must_match=("api_org_{alpha:34}", "token='api_org_{alpha:34}'"),
        must_not_match=("api_org_" + "X" * 34, "render(api_org_settings_page)"),
    ),
    TokenPattern(
        id="perplexity-api-key",
        provider="perplexity",
        description="Perplexity API key (pplx- + 40 to 64 alphanumerics)",
        regex=_prefixed("pplx-", r"[A-Za-z0-9]{40,64}"),
        keywords=("pplx-",),
        source="https://docs.perplexity.ai/guides/getting-started",
        must_match=("pplx-{b62:48}", "Authorization: Bearer pplx-{hex:48}"),
        must_not_match=("pplx-{b62:20}", "pplx-" + "x" * 48),
    ),
    TokenPattern(
        id="replicate-api-token",
        provider="replicate",
        description="Replicate API token (r8_ + 37 characters)",
        regex=_prefixed("r8_", r"[A-Za-z0-9_-]{37}"),
        keywords=("r8_",),
        source=_TRUFFLEHOG + "replicate",
        must_match=("r8_{b62:37}", "Authorization: Token r8_{b62:37}"),
        must_not_match=("r8_{b62:20}", "r8_" + "*" * 37),
    ),
    TokenPattern(
        id="langsmith-api-key",
        provider="langsmith",
        description="LangSmith personal access token or service key (lsv2_pt_ / lsv2_sk_)",
        regex=_prefixed("lsv2_(?:pt|sk)_", r"[0-9a-f]{32}_[0-9a-f]{10}"),
        keywords=("lsv2_pt_", "lsv2_sk_"),
        source=_GITLEAKS + "langsmith.go",
        must_match=("lsv2_pt_{hex:32}_{hex:10}", "LANGSMITH_API_KEY=lsv2_sk_{hex:32}_{hex:10}"),
        must_not_match=("lsv2_zz_{hex:32}_{hex:10}", "lsv2_pt_{hex:32}"),
    ),
    TokenPattern(
        id="elevenlabs-api-key",
        provider="elevenlabs",
        description="ElevenLabs API key (sk_ + 48 hex)",
        regex=_prefixed("sk_", r"[0-9a-f]{48}"),
        keywords=("sk_",),
        source=_TRUFFLEHOG + "elevenlabs",
        must_match=("sk_{hex:48}", "xi-api-key: sk_{hex:48}"),
        must_not_match=("sk_{hex:32}", "sk_live_{b62:24}"),
    ),
    TokenPattern(
        id="elevenlabs-legacy-api-key",
        provider="elevenlabs",
        description="ElevenLabs legacy API key (32 hex, no prefix) assigned to an ElevenLabs name",
        regex=_named(r"eleven|xi[-_]api", r"(?P<secret>[0-9a-f]{32})"),
        keywords=("eleven", "xi-api", "xi_api"),
        keywords_ignore_case=True,
        source="https://elevenlabs.io/docs/api-reference/authentication",
        must_match=("ELEVENLABS_API_KEY={hex:32}", "xi_api_key: {hex:32}"),
        must_not_match=("ELEVENLABS_API_KEY={hex:16}", "eleven tokens {hex:32}"),
    ),
)

GATEWAYS_AND_TOOLS = (
    TokenPattern(
        id="vercel-ai-gateway-key",
        provider="vercel",
        description="Vercel AI Gateway API key (vck_ + 40 to 80 alphanumerics)",
        regex=_prefixed("vck_", r"[A-Za-z0-9]{40,80}"),
        keywords=("vck_",),
        source="https://vercel.com/docs/ai-gateway/authentication",
        must_match=("vck_{b62:56}", "AI_GATEWAY_API_KEY=vck_{b62:56}"),
        must_not_match=("vck_your_key_here", "vck_{b62:20}"),
    ),
    TokenPattern(
        id="fireworks-api-key",
        provider="fireworks",
        description="Fireworks AI API key (fw_ + 24 to 48 alphanumerics)",
        regex=_prefixed("fw_", r"[A-Za-z0-9]{24,48}"),
        keywords=("fw_",),
        source="https://docs.fireworks.ai/api-reference/introduction",
        must_match=("fw_{b62:32}", "FIREWORKS_API_KEY=fw_{b62:24}"),
        must_not_match=("fw_your_fireworks_key", "fw_{b62:12}", "fw_" + "x" * 30),
    ),
    TokenPattern(
        id="tavily-api-key",
        provider="tavily",
        description="Tavily search API key (tvly- and an optional dev- or prod-, then 32 alphanumerics)",
        regex=_prefixed("tvly-(?:dev-|prod-)?", r"[A-Za-z0-9]{32}"),
        keywords=("tvly-",),
        source="https://docs.tavily.com/documentation/api-reference/introduction",
        must_match=("tvly-{b62:32}", "TAVILY_API_KEY=tvly-dev-{b62:32}"),
        must_not_match=("tvly-YOUR_API_KEY", "tvly-{b62:16}", "tvly-" + "x" * 32),
    ),
)

PATTERNS: tuple[TokenPattern, ...] = OPENAI + ANTHROPIC + OTHERS + GATEWAYS_AND_TOOLS
