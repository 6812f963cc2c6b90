"""CT2xx secrets: credentials and account identifiers in decoded headers, URLs and bodies.

The scan itself is ``toolkit.analyze.secrets`` (what it walks) over ``toolkit.credentials`` (what a secret
looks like); it runs once per file and the five rules split its leaks by layer and severity.
A finding names the kind, a fingerprint and ``display`` (at most a 4-character prefix and
the length): never the secret.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from toolkit.analyze.secrets import Leak, Site
from toolkit.credentials.templates import expand
from toolkit.lint.allow import ALLOW_VALUES, compile_allow_list
from toolkit.lint.finding import Hit
from toolkit.lint.rule import Example, LintContext, Option, Rule, RuleDocs
from toolkit.lint.rules.example_cassettes import GOOD, vcrpy_cassette

__all__ = ["RULES"]

_NAME_LIMIT = 60


def _hits(
    context: LintContext,
    options: Mapping[str, Any],
    wanted: Callable[[Leak], bool],
    noun: str,
    ignored: tuple[str, ...] = (),
) -> Iterator[Hit]:
    skip = {name.lower() for name in ignored}
    allowed = compile_allow_list(tuple(options[ALLOW_VALUES]))
    for leak in context.analyzed.leaks():  # scanned once, shared by the CT2xx rules
        if wanted(leak) and leak.site.name.lower() not in skip and not allowed.allows(leak.secret):
            match = leak.match
            message = (
                f"{describe_site(leak.site)} holds {noun} {match.kind} ({match.display}), "
                f"fingerprint {match.fingerprint}{_where(leak)}"
            )
            yield Hit(leak.position, message, leak.interaction, _key(leak), match.fingerprint)


def _where(leak: Leak) -> str:
    """Why the line is the body's, when the secret cannot be read in the file's text."""
    if leak.hidden:
        return f"; the body is stored encoded ({leak.hidden}), so the line is the body's"
    if leak.pieces and leak.written is not None:
        return f"; spelled over {len(leak.pieces)} stream events, from this one on"
    return ""


def _key(leak: Leak) -> str:
    site = leak.site
    named = f":{site.name.lower()}" if site.field in ("header", "form") else ""
    return f"{site.side}.{site.field}{named}:{leak.match.fingerprint}"


def _name(name: str) -> str:
    shown = "".join(char if char.isprintable() else "?" for char in name[:_NAME_LIMIT])
    return shown + ("..." if len(name) > _NAME_LIMIT else "")


def describe_site(site: Site) -> str:
    """Where a leak is, in words: ``request header Authorization``, ``response body (SSE ...)``."""
    name = _name(site.name)
    if site.field == "header":
        return f"{site.side} header {name}"
    if site.field == "form":
        return f"request form field {name}"
    if site.field == "url":
        return {
            "query": f"request URL query parameter {name}",
            "userinfo": "request URL userinfo",
        }.get(site.layer, "request URL")
    inside = {
        "json": f" (JSON key {name})",
        "form": f" (form field {name})",
        "parsed_body": f" (parsed_body key {name})" if name else " (parsed_body)",
        "event-stream": " (event-stream chunk)",
        "stream-text": " (text reassembled from stream events)",
    }.get(site.layer, "")
    return f"{site.side} body{inside}"


# Synthetic keys, expanded from templates when the module loads: no key-shaped literal is
# stored in the source.
_PROJECT_KEY = expand("sk-proj-{b64url:74}T3BlbkFJ{b64url:74}", "CT201 example")


def _with_request_header(name: str, value: str) -> str:
    return GOOD.replace(
        "    headers:\n      Content-Type:\n      - application/json\n  response:",
        f"    headers:\n      Content-Type:\n      - application/json\n      {name}:\n      - {value}\n"
        "  response:",
        1,
    )


_ALLOW = Option(
    (),
    "values that are not secrets here: the exact value, or 're:' and a regular expression searched "
    "in it (the top-level allow-values key adds to every CT2xx rule's list)",
)


def check_tokens(context: LintContext, options: Mapping[str, Any]) -> Iterator[Hit]:
    yield from _hits(
        context, options, lambda leak: leak.blocking and leak.match.layer == "token", "a secret token"
    )


SECRET_TOKEN = Rule(
    "CT201",
    "secret-token",
    "error",
    "A provider's API key or token (OpenAI, Anthropic, Google, AWS, GitHub ...) is recorded.",
    RuleDocs(
        what="A value in the format of a known credential (prefix, length, alphabet and, where the "
        "format has one, its checksum or structure) anywhere in the decoded interaction: headers, "
        "URL, go-vcr form, JSON bodies at any depth and JSON inside JSON strings, form bodies, SSE "
        "events and the text a stream spells out over many events, gzip / deflate / br / zstd and "
        "base64 bodies, AWS event-stream chunks, pydantic-ai's parsed_body. Placeholders and "
        "documentation keys are not reported; object ids, signatures and base64 media are not "
        "secrets. The finding names the kind and a fingerprint, never the value.",
        why="A committed key is a leaked key: public repositories are scanned for them within "
        "minutes. Cassettes are where they leak most, because recorders keep every header unless "
        "told otherwise and compressed bodies hide them from ordinary scanners.",
        seen="busy-beaver-dev/busy-beaver#138 committed a Google API key in a cassette's `key=` "
        "query parameter (GitHub alerted the author the next morning); "
        "khuyentran1401/top-github-scraper#4 recorded `Authorization: Basic` whose base64 holds a "
        "GitHub token.",
        failing=Example(_with_request_header("Authorization", f"Bearer {_PROJECT_KEY}")),
        passing=Example(_with_request_header("Authorization", "Bearer <REDACTED:openai-project-key>")),
    ),
    check_tokens,
    {ALLOW_VALUES: _ALLOW},
)


_AZURE_KEY = expand("{hex:32}", "CT202 example")


def check_credentials(context: LintContext, options: Mapping[str, Any]) -> Iterator[Hit]:
    yield from _hits(
        context,
        options,
        lambda leak: leak.blocking and leak.match.layer == "position",
        "a credential",
        tuple(options["ignore-names"]),
    )


CREDENTIAL_VALUE = Rule(
    "CT202",
    "credential-value",
    "error",
    "A value that could be a credential (long, random, not words) sits where credentials go.",
    RuleDocs(
        what="A value under a credential-bearing name that could be a credential: the "
        "`Authorization`, `x-api-key`, `api-key` and `*-token` headers, query parameters and form "
        "fields such as `key`, `api_key` or `access_token`, JSON keys such as `client_secret` or "
        "`password`, and the password of URL userinfo. This catches keys without a recognisable "
        "prefix (Azure's 32 hex, Mistral's). A value is reported only if it is long enough (16 "
        "characters, 8 for a password), random in structure and not made of words: environment-"
        "variable names (`AZURE_API_KEY`), a header's own name (`AUTHORIZATION-XXX`), identifiers "
        "(`my-gateway-api-key`), marked values (`REDACTED_<hash>`, `test-api-key`), wrappers "
        "(`<OPENAI_API_KEY>`, `${...}`) and hand-made JWTs are placeholders, not credentials.",
        why="Many providers' keys have no prefix, so only the place they sit in says they are "
        "secrets; a recorder that filtered the known header names still keeps them in a custom "
        "header or a JSON body.",
        seen="canonical/ubuntu.com#16555 scrubbed a Discourse API key that a cassette kept in "
        "its recorded `Api-Key` request headers; pydantic-ai's Google cassettes record the OAuth "
        "token exchange, `client_secret` and `refresh_token` in a form body (scrubbed there).",
        failing=Example(_with_request_header("api-key", _AZURE_KEY)),
        passing=Example(_with_request_header("api-key", "REDACTED")),
    ),
    check_credentials,
    {
        "ignore-names": Option((), "header, parameter or key names whose values are not credentials here"),
        ALLOW_VALUES: _ALLOW,
    },
)


_ORG = expand("org-{b62:24}", "CT203 example")


_ORG_HEADERS = f"      Content-Type:\n      - application/json\n      openai-organization:\n      - {_ORG}\n"


def check_accounts(context: LintContext, options: Mapping[str, Any]) -> Iterator[Hit]:
    yield from _hits(
        context,
        options,
        lambda leak: leak.match.layer == "account",
        "an account identifier",
        tuple(options["ignore-names"]),
    )


ACCOUNT_IDENTIFIER = Rule(
    "CT203",
    "account-identifier",
    "warning",
    "An organization, project or cloud account id ties the recording to an account.",
    RuleDocs(
        what="`openai-organization`, `openai-project`, `anthropic-organization-id` and "
        "`x-goog-user-project` header values, Google Cloud project ids in Vertex AI paths "
        "(`projects/ID/locations/`) and AWS account ids in ARNs. Not credentials: a warning, and "
        "`redact` leaves them alone.",
        why="A public cassette then names the company account it was recorded with, which helps "
        "phishing and targeted abuse, and often is not meant to be public.",
        seen="Most OpenAI cassettes of the shared corpus keep `openai-organization`; Vertex AI "
        "cassettes keep project ids in their URLs.",
        failing=Example(vcrpy_cassette(response_headers=_ORG_HEADERS)),
        passing=Example(GOOD),
    ),
    check_accounts,
    {
        "ignore-names": Option((), "header names whose values are not account identifiers here"),
        ALLOW_VALUES: _ALLOW,
    },
)


_STRIPE_TEST = expand("sk_test_{b62:24}", "CT204 example")


_STRIPE_BODY = f'\'{{"id": "cus_1", "note": "created with {_STRIPE_TEST}"}}\''


def check_test_keys(context: LintContext, options: Mapping[str, Any]) -> Iterator[Hit]:
    yield from _hits(
        context, options, lambda leak: not leak.blocking and leak.match.layer == "token", "a low-risk token"
    )


TEST_MODE_SECRET = Rule(
    "CT204",
    "test-mode-secret",
    "warning",
    "A key that only reaches test data (a Stripe sk_test_ key) is recorded.",
    RuleDocs(
        what="A token whose format says it works only in a provider's test mode, such as Stripe's "
        "`sk_test_` secret keys.",
        why="It cannot move money or read customers, but it still opens the account's test data "
        "and is usually rotated with the live key; replace it when convenient.",
        seen="Tool-calling demos that call payment APIs record test-mode keys in request headers.",
        failing=Example(vcrpy_cassette(response_body=_STRIPE_BODY)),
        passing=Example(GOOD),
    ),
    check_test_keys,
    {ALLOW_VALUES: _ALLOW},
)


_PROMPT_KEY = expand("{b62:32}", "CT205 example")
_PROMPT = '\'{"messages": [{"role": "user", "content": "deploy with config: API_KEY=%s"}]}\''


def check_keyword_credentials(context: LintContext, options: Mapping[str, Any]) -> Iterator[Hit]:
    yield from _hits(
        context, options, lambda leak: leak.match.layer == "keyword", "a possible credential after a keyword"
    )


KEYWORD_CREDENTIAL = Rule(
    "CT205",
    "keyword-credential",
    "warning",
    "Free text writes a random value right after a credential keyword (API_KEY=..., token: ...).",
    RuleDocs(
        what="A value with no known format in free text (a prompt, a model's answer, an SSE "
        "event, a log line in a body, a header's note), written right after a credential "
        'keyword and an assignment or "is": `API_KEY=...`, `token=...`, `auth_token="..."`, '
        '`client_secret: \'...\'`, `Authorization: Bearer ...`, `Bearer ...`, "your key is ...", "The access '
        "token is ...\". The value must pass the same test as CT202's (long, random in structure, "
        "not words, not marked or wrapped). Cursors and counts (`page_token`, `next_page_token`, "
        "`max_tokens`), a bare `key` (cache, sort, public key) and `signature` are not keywords, "
        "and a UUID is taken for an object's id; a value CT202 reports under a JSON key is not "
        "reported twice. Found in decoded text wherever the other CT2 rules look, "
        "text spelled over stream events included.",
        why="Keys without a prefix (Azure's, Mistral's, a proxy's own) are pasted into prompts, "
        "config snippets and tool outputs; nothing but the words before them says they are "
        "secrets, so this is a warning to look at, and `redact` leaves it alone (replace it by "
        "hand, or list it in `allow-values`).",
        seen="Not in the shared corpora of real cassettes (it reports nothing there); the forms it "
        "reads are those of `.env` lines, shell exports, client constructors and command lines "
        "that prompts and tool outputs quote.",
        failing=Example(vcrpy_cassette(request_body=_PROMPT % _PROMPT_KEY)),
        passing=Example(vcrpy_cassette(request_body=_PROMPT % "${MISTRAL_API_KEY}")),
    ),
    check_keyword_credentials,
    {ALLOW_VALUES: _ALLOW},
)


RULES: tuple[Rule, ...] = (
    SECRET_TOKEN,
    CREDENTIAL_VALUE,
    ACCOUNT_IDENTIFIER,
    TEST_MODE_SECRET,
    KEYWORD_CREDENTIAL,
)
