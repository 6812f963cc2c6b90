"""Token formats of developer platforms whose keys turn up in LLM tool calls and agents."""

from __future__ import annotations

from toolkit.credentials.pattern import ALNUM_END, TOKEN_END, TOKEN_START, TokenPattern

__all__ = ["PATTERNS"]

_GITHUB_FORMATS = "https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/"
_SLACK_TOKENS = "https://api.slack.com/concepts/token-types"
_STRIPE_KEYS = "https://docs.stripe.com/keys"


def _github(prefix: str, what: str) -> TokenPattern:
    """Classic GitHub tokens: prefix, 30 random base62 characters, 6-character CRC32."""
    return TokenPattern(
        id=f"github-{what.replace(' ', '-')}",
        provider="github",
        description=f"GitHub {what} ({prefix}, CRC32 checksum verified)",
        regex=TOKEN_START + prefix + r"[0-9A-Za-z]{36}" + TOKEN_END,
        validator="github-checksum",
        keywords=(prefix,),
        source=_GITHUB_FORMATS,
        must_match=(prefix + "{b62:30}{ghsum}", "GITHUB_TOKEN=" + prefix + "{b62:30}{ghsum}"),
        must_not_match=(prefix + "{b62:36}", prefix + "{b62:30}"),
    )


GITHUB = (
    _github("ghp_", "personal access token"),
    _github("gho_", "oauth token"),
    _github("ghu_", "user to server token"),
    _github("ghs_", "server to server token"),
    _github("ghr_", "refresh token"),
    TokenPattern(
        id="github-fine-grained-pat",
        provider="github",
        description="GitHub fine-grained personal access token (github_pat_)",
        regex=TOKEN_START + r"github_pat_[0-9A-Za-z]{22}_[0-9A-Za-z]{59}" + TOKEN_END,
        keywords=("github_pat_",),
        source="https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/"
        "managing-your-personal-access-tokens",
        must_match=(
            "github_pat_{b62:22}_{b62:59}",
            "Authorization: token github_pat_{b62:22}_{b62:59}",
        ),
        must_not_match=("github_pat_{b62:22}", "github_pat_" + "X" * 22 + "_" + "X" * 59),
    ),
)

SLACK = (
    TokenPattern(
        id="slack-bot-token",
        provider="slack",
        description="Slack bot token (xoxb-)",
        regex=TOKEN_START + r"xoxb-[0-9]{10,13}-[0-9]{10,13}-[0-9A-Za-z]{24}" + TOKEN_END,
        keywords=("xoxb-",),
        source=_SLACK_TOKENS,
        must_match=(
            "xoxb-{digits:12}-{digits:13}-{b62:24}",
            "SLACK_BOT_TOKEN=xoxb-{digits:11}-{digits:12}-{b62:24}",
        ),
        must_not_match=("xoxb-{digits:12}-{b62:24}", "xoxb-your-token"),
    ),
    TokenPattern(
        id="slack-user-token",
        provider="slack",
        description="Slack user token (xoxp-)",
        regex=TOKEN_START + r"xoxp-[0-9]{10,13}-[0-9]{10,13}-[0-9]{10,13}-[0-9a-f]{32}" + TOKEN_END,
        keywords=("xoxp-",),
        source=_SLACK_TOKENS,
        must_match=(
            "xoxp-{digits:12}-{digits:12}-{digits:13}-{hex:32}",
            "token=xoxp-{digits:10}-{digits:11}-{digits:12}-{hex:32}",
        ),
        must_not_match=("xoxp-{digits:12}-{hex:32}", "xoxp-xxxxxxxxxxxx"),
    ),
    TokenPattern(
        id="slack-app-token",
        provider="slack",
        description="Slack app-level token (xapp-)",
        regex=TOKEN_START + r"xapp-[0-9]-[A-Z0-9]{9,12}-[0-9]{10,13}-[0-9a-f]{64}" + TOKEN_END,
        keywords=("xapp-",),
        source=_SLACK_TOKENS,
        must_match=(
            "xapp-1-A{upnum:10}-{digits:13}-{hex:64}",
            "SLACK_APP_TOKEN=xapp-1-A{upnum:9}-{digits:12}-{hex:64}",
        ),
        must_not_match=("xapp-1-A{upnum:10}-{hex:64}", "xapp-1-..."),
    ),
    TokenPattern(
        id="slack-webhook-url",
        provider="slack",
        description="Slack incoming webhook URL (its last path segment is the secret)",
        regex=r"hooks\.slack\.com/services/T[0-9A-Z]{8,12}/B[0-9A-Z]{8,12}/(?P<secret>[0-9A-Za-z]{24})"
        + ALNUM_END,
        keywords=("hooks.slack.com/services/",),
        source="https://api.slack.com/messaging/webhooks",
        must_match=(
            "https://hooks.slack.com/services/T{upnum:10}/B{upnum:10}/{b62:24}",
            '"url": "https://hooks.slack.com/services/T{upnum:8}/B{upnum:9}/{b62:24}"',
        ),
        must_not_match=(
            "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
            "https://hooks.slack.com/services/T{upnum:10}/B{upnum:10}",
        ),
    ),
)

STRIPE = (
    TokenPattern(
        id="stripe-live-secret-key",
        provider="stripe",
        description="Stripe live-mode secret key (sk_live_)",
        regex=TOKEN_START + r"sk_live_[0-9A-Za-z]{24,247}" + TOKEN_END,
        keywords=("sk_live_",),
        source=_STRIPE_KEYS,
        must_match=("sk_live_{b62:24}", "sk_live_51{b62:97}"),
        must_not_match=("sk_live_{b62:10}", "sk_live_" + "x" * 24),
    ),
    TokenPattern(
        id="stripe-restricted-key",
        provider="stripe",
        description="Stripe live-mode restricted key (rk_live_)",
        regex=TOKEN_START + r"rk_live_[0-9A-Za-z]{24,247}" + TOKEN_END,
        keywords=("rk_live_",),
        source=_STRIPE_KEYS,
        must_match=("rk_live_{b62:24}", "STRIPE_KEY=rk_live_51{b62:97}"),
        must_not_match=(
            "rk_live_{b62:10}",
            "rk_live_...",
        ),
    ),
    TokenPattern(
        id="stripe-test-secret-key",
        provider="stripe",
        description="Stripe test-mode secret key (sk_test_): a secret, but only for test data",
        regex=TOKEN_START + r"sk_test_[0-9A-Za-z]{24,247}" + TOKEN_END,
        severity="warning",
        keywords=("sk_test_",),
        source=_STRIPE_KEYS,
        must_match=("sk_test_{b62:24}", "sk_test_51{b62:97}"),
        must_not_match=("sk_test_{b62:10}", "sk_test_" + "X" * 24),
    ),
)

PATTERNS: tuple[TokenPattern, ...] = GITHUB + SLACK + STRIPE
