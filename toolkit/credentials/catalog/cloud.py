"""Token formats of the cloud platforms that host LLM APIs: Google, AWS and Azure."""

from __future__ import annotations

from toolkit.credentials.pattern import (
    ALNUM_END,
    ALNUM_START,
    B64_END,
    B64_START,
    TOKEN_END,
    TOKEN_START,
    TokenPattern,
)

__all__ = ["PATTERNS"]

_AWS_IDS = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html"
_AWS_SIGV4 = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html"
_BEDROCK_KEYS = "https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys.html"
_GOOGLE_OAUTH = "https://developers.google.com/identity/protocols/oauth2"
_SECURITY_UTILITIES = "https://github.com/microsoft/security-utilities"
# Access key ids: a 4-letter type prefix, then 16 characters of the base32 alphabet.
_AWS_KEY_ID = r"(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}"
# A 40-character secret access key; it never continues into more base64.
_AWS_SECRET = r"(?P<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])"
_PEM_LINES = "{b64:64}\\n{b64:64}\\n{b64:64}\\n{b64:40}=="

GOOGLE = (
    TokenPattern(
        id="google-api-key",
        provider="google",
        description="Google API key (AIza + 35 url-safe characters)",
        regex=TOKEN_START + r"AIza[0-9A-Za-z_-]{35}" + TOKEN_END,
        keywords=("AIza",),
        source="https://cloud.google.com/docs/authentication/api-keys",
        must_match=("AIza{b64url:35}", "?key=AIza{b64url:35}&alt=sse"),
        must_not_match=("AIza{b64url:30}", "AIZA{b64url:35}", "xAIza{b64url:35}"),
    ),
    TokenPattern(
        id="google-auth-key",
        provider="google",
        description="Google auth API key in the newer AQ. format (Gemini API)",
        regex=TOKEN_START + r"AQ\.Ab[0-9A-Za-z_-]{30,80}" + TOKEN_END,
        keywords=("AQ.Ab",),
        source="https://ai.google.dev/gemini-api/docs/api-key",
        must_match=("AQ.Ab8RN6{b64url:44}", "x-goog-api-key: AQ.Ab{b64url:48}"),
        must_not_match=("AQ.Ab8ExampleKey", "AQ.Ab{b64url:10}"),
    ),
    TokenPattern(
        id="google-oauth-access-token",
        provider="google",
        description="Google OAuth 2.0 access token (ya29.)",
        regex=TOKEN_START + r"ya29\.(?:[0-9A-Za-z_-]{1,4}\.)?[0-9A-Za-z_-]{30,2048}" + TOKEN_END,
        keywords=("ya29.",),
        source=_GOOGLE_OAUTH,
        must_match=("ya29.a0{b64url:150}", "Authorization: Bearer ya29.c.{b64url:200}"),
        must_not_match=("ya29.{b64url:10}", "ya29.<ACCESS_TOKEN>"),
    ),
    TokenPattern(
        id="google-oauth-refresh-token",
        provider="google",
        description="Google OAuth 2.0 refresh token (1//0)",
        regex=r"(?<![0-9A-Za-z/_-])1//0[0-9A-Za-z_-]{40,512}" + TOKEN_END,
        keywords=("1//0",),
        source=_GOOGLE_OAUTH,
        must_match=("1//0g{b64url:98}", '"refresh_token": "1//04{b64url:98}"'),
        must_not_match=("1//0{b64url:10}", "http://1//0{b64url:60}"),
    ),
    TokenPattern(
        id="google-oauth-client-secret",
        provider="google",
        description="Google OAuth client secret (GOCSPX- + 28 url-safe characters)",
        regex=TOKEN_START + r"GOCSPX-[0-9A-Za-z_-]{28}" + TOKEN_END,
        keywords=("GOCSPX-",),
        source=_GOOGLE_OAUTH,
        must_match=("GOCSPX-{b64url:28}", '"client_secret": "GOCSPX-{b64url:28}"'),
        must_not_match=("GOCSPX-{b64url:12}", "GOCSPX-" + "x" * 28),
    ),
    TokenPattern(
        id="google-service-account-key",
        provider="google",
        description="Private key of a Google service account JSON key file",
        regex=r'(?s)"private_key"\s*:\s*"(?P<secret>-----BEGIN PRIVATE KEY-----[^"]{64,8192}?'
        r'-----END PRIVATE KEY-----(?:\\n)?)"',
        validator="pem-body",
        random_body=False,
        keywords=('"private_key"',),
        source="https://cloud.google.com/iam/docs/keys-create-delete",
        must_match=(
            '{"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\\n'
            + _PEM_LINES
            + '\\n-----END PRIVATE KEY-----\\n"}',
            '"private_key":"-----BEGIN PRIVATE KEY-----\\n' + _PEM_LINES + '\\n-----END PRIVATE KEY-----\\n"',
        ),
        must_not_match=(
            '"private_key": "-----BEGIN PRIVATE KEY-----\\n' + "X" * 200 + '\\n-----END PRIVATE KEY-----\\n"',
            '"private_key": "<PRIVATE KEY>"',
        ),
    ),
)

AWS = (
    TokenPattern(
        id="aws-sigv4-credential",
        provider="aws",
        description="Access key id in a SigV4 Authorization header (AWS4-HMAC-SHA256 Credential=)",
        regex=r"AWS4-HMAC-SHA256\s+Credential=(?P<secret>" + _AWS_KEY_ID + ")/",
        keywords=("AWS4-HMAC-SHA256",),
        source=_AWS_SIGV4,
        must_match=(
            "AWS4-HMAC-SHA256 Credential=AKIA{b32:16}/20250101/us-east-1/bedrock/aws4_request, "
            "SignedHeaders=host;x-amz-date, Signature={hex:64}",
            "AWS4-HMAC-SHA256 Credential=ASIA{b32:16}/20250101/us-west-2/s3/aws4_request",
        ),
        must_not_match=(
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request",
            "AWS4-HMAC-SHA256 Credential=REDACTED/20250101/us-east-1/bedrock/aws4_request",
        ),
    ),
    TokenPattern(
        id="aws-presigned-url-signature",
        provider="aws",
        description="Signature of a SigV4 pre-signed URL (X-Amz-Signature after the X-Amz-Credential "
        "key id it is signed with: without the key id, a signature authenticates nothing)",
        regex=r"X-Amz-Credential="
        + _AWS_KEY_ID
        + r"[^\s\"'<>]{0,2048}?X-Amz-Signature=(?P<secret>[0-9a-f]{64})"
        + ALNUM_END,
        keywords=("X-Amz-Signature=",),
        source="https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html",
        must_match=(
            "https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=ASIA{b32:16}"
            "%2F20250101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature={hex:64}",
            "X-Amz-Credential=AKIA{b32:16}/20250101/us-east-1/s3/aws4_request&X-Amz-Expires=900"
            "&X-Amz-Signature={hex:64}&X-Amz-SignedHeaders=host",
        ),
        must_not_match=(
            "X-Amz-Credential=AKIA{b32:16}/20250101/us-east-1/s3/aws4_request&X-Amz-Signature={hex:40}",
            "X-Amz-Credential=AKIA{b32:16}/20250101/us-east-1/s3/aws4_request&X-Amz-Signature=" + "0" * 64,
            "X-Amz-Expires=900&X-Amz-Signature={hex:64}&X-Amz-SignedHeaders=host",
            "X-Amz-Credential=SCRUBBED%2F20250101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature={hex:64}",
        ),
    ),
    TokenPattern(
        id="aws-access-key-id",
        provider="aws",
        description="AWS access key id (AKIA/ASIA/ABIA/ACCA + 16 base32 characters)",
        regex=ALNUM_START + _AWS_KEY_ID + ALNUM_END,
        keywords=("AKIA", "ASIA", "ABIA", "ACCA"),
        source=_AWS_IDS,
        must_match=("AKIA{b32:16}", "aws_access_key_id = ASIA{b32:16}"),
        must_not_match=(
            "AKIAIOSFODNN7EXAMPLE",
            "AKIAXXXXXXXXXXXXXXXX",
            "AKIA{b32:15}",
            "TRANSASIAPACIFICCORRIDORS",
        ),
    ),
    TokenPattern(
        id="aws-secret-access-key",
        provider="aws",
        description="AWS secret access key (40 base64 characters) assigned to its name",
        regex=r"(?i:(?:aws_?)?secret_?access_?key)[\"'<>]?\s*[:=>]?\s*[\"']?" + _AWS_SECRET,
        keywords=("secret_access_key", "secretaccesskey"),
        keywords_ignore_case=True,
        source="https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html",
        must_match=(
            "aws_secret_access_key = {b64:40}",
            "<SecretAccessKey>{b64:40}</SecretAccessKey>",
        ),
        must_not_match=(
            "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "aws_secret_access_key = {b64:41}",
        ),
    ),
    TokenPattern(
        id="aws-secret-access-key-pair",
        provider="aws",
        description="AWS secret access key written next to its access key id",
        regex=ALNUM_START + r"(?:AKIA|ASIA)[A-Z2-7]{16}[\s\"',:;=|]{1,16}" + _AWS_SECRET,
        keywords=("AKIA", "ASIA"),
        source="https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html",
        must_match=("AKIA{b32:16}:{b64:40}", "ASIA{b32:16},{b64:40}"),
        must_not_match=(
            "AKIA{b32:16}/20250101/us-east-1/bedrock/aws4_request",
            "AKIAIOSFODNN7EXAMPLE,wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        ),
    ),
    TokenPattern(
        id="aws-session-token",
        provider="aws",
        description="AWS STS session token (base64 starting IQoJb3JpZ2luX2Vj or FwoGZXIvYXdzE)",
        regex=B64_START
        + r"(?:IQoJb3JpZ2luX2Vj|FwoGZXIvYXdzE)(?:[A-Za-z0-9/+]|%2[BbFf]){100,8192}"
        + r"(?:=|%3[Dd]){0,2}"
        + B64_END,
        validator="aws-session-token",
        random_body=False,
        keywords=("IQoJb3JpZ2luX2Vj", "FwoGZXIvYXdzE"),
        source="https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/aws/session_keys",
        must_match=(
            "IQoJb3JpZ2luX2Vj{b64:300}",
            "x-amz-security-token: FwoGZXIvYXdzE{b64:207}=",
            "Set-Cookie: aws_session_token=IQoJb3JpZ2luX2Vj{b64:300}; Path=/",
        ),
        must_not_match=("IQoJb3JpZ2luX2Vj{b64:40}", "FwoGZXIvYXdzE!"),
    ),
    TokenPattern(
        id="aws-bedrock-api-key",
        provider="aws",
        description="Amazon Bedrock long-term API key (ABSK + base64 of BedrockAPIKey-...)",
        regex=ALNUM_START + r"ABSK[A-Za-z0-9+/]{40,2048}={0,2}" + B64_END,
        validator="bedrock-long-term",
        random_body=False,
        keywords=("ABSK",),
        source=_BEDROCK_KEYS,
        must_match=("{bedrock_long}", "AWS_BEARER_TOKEN_BEDROCK={bedrock_long}"),
        must_not_match=("ABSK{b64:80}", "ABSK" + "A" * 60),
    ),
    TokenPattern(
        id="aws-bedrock-short-term-api-key",
        provider="aws",
        description="Amazon Bedrock short-term API key (bedrock-api-key- + base64 pre-signed URL)",
        regex=TOKEN_START + r"bedrock-api-key-[A-Za-z0-9+/]{100,8192}={0,2}" + B64_END,
        validator="bedrock-short-term",
        random_body=False,
        keywords=("bedrock-api-key-",),
        source=_BEDROCK_KEYS,
        must_match=("{bedrock_short}", "Authorization: Bearer {bedrock_short}"),
        must_not_match=("bedrock-api-key-{b64:120}", "bedrock-api-key-<token>"),
    ),
)

AZURE = (
    TokenPattern(
        id="azure-ai-services-key",
        provider="azure",
        description="Azure AI services / Azure OpenAI 84-character key (JQQJ9 signature)",
        regex=ALNUM_START + r"[0-9A-Za-z]{52}JQQJ9[9DH][0-9A-Za-z]{26}" + ALNUM_END,
        validator="azure-cask",
        random_body=False,
        keywords=("JQQJ9",),
        source=_SECURITY_UTILITIES,
        must_match=(
            "{b62:52}JQQJ99{b62:1}{AL:1}{b62:16}{alpha:1}{b62:7}",
            "api-key: {b62:52}JQQJ9D{b62:1}{AL:1}{b62:16}{alpha:1}{b62:7}",
        ),
        must_not_match=(
            "{b62:52}JQQJ99{b62:1}{lower:1}{b62:16}{alpha:1}{b62:7}",
            "{b62:40}JQQJ99{b62:26}",
        ),
    ),
    TokenPattern(
        id="azure-openai-key",
        provider="azure",
        description="Azure OpenAI / Cognitive Services 32-hex key assigned to an Azure name",
        regex=r"(?i:azure[\w.-]{0,32}?(?:key|token))[\"']?\s*[:=]\s*[\"']?"
        + r"(?P<secret>[0-9a-fA-F]{32})"
        + ALNUM_END,
        keywords=("azure",),
        keywords_ignore_case=True,
        source="https://learn.microsoft.com/en-us/azure/ai-services/authentication",
        must_match=("AZURE_OPENAI_API_KEY={hex:32}", '"azure_api_key": "{hex:32}"'),
        must_not_match=("AZURE_OPENAI_API_KEY={hex:24}", "azure deployment {hex:32}"),
    ),
    TokenPattern(
        id="azure-ad-client-secret",
        provider="azure",
        description="Microsoft Entra ID (Azure AD) application client secret (8Q~ marker)",
        regex=r"(?<![0-9A-Za-z_~.-])[0-9A-Za-z_~.-]{3}8Q~[0-9A-Za-z_~.-]{34}(?![0-9A-Za-z_~.-])",
        keywords=("8Q~",),
        source=_SECURITY_UTILITIES,
        must_match=("{b62:3}8Q~{b62:34}", "AZURE_CLIENT_SECRET={b62:3}8Q~{b62:30}.{b62:3}"),
        must_not_match=("{b62:3}8Q~{b62:20}", "abc8Q~" + "x" * 34),
    ),
)

PATTERNS: tuple[TokenPattern, ...] = GOOGLE + AWS + AZURE
