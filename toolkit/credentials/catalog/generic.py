"""Formats that are secrets whoever issued them: signed JWTs and PEM private keys."""

from __future__ import annotations

from toolkit.credentials.pattern import TOKEN_END, TOKEN_START, TokenPattern

__all__ = ["PATTERNS"]

_PEM_BODY = "{b64:64}\n{b64:64}\n{b64:64}\n{b64:64}\n{b64:20}=="

PATTERNS: tuple[TokenPattern, ...] = (
    TokenPattern(
        id="jwt",
        provider="generic",
        description="Signed JSON Web Token (three base64url parts, the header carries alg)",
        regex=TOKEN_START
        + r"eyJ[A-Za-z0-9_-]{8,4096}\.[A-Za-z0-9_-]{8,16384}\.[A-Za-z0-9_-]{16,4096}"
        + TOKEN_END,
        validator="jwt-header",
        random_body=False,
        keywords=("eyJ",),
        source="https://www.rfc-editor.org/rfc/rfc7519",
        must_match=("{jwt}", '"id_token": "{jwt}"'),
        must_not_match=(
            "eyJ{b64url:30}.eyJ{b64url:40}.{b64url:43}",
            "{jwt_unsigned}",
            "eyJhbnRocm9waWNfdmVyc2lvbiI6ImJlZHJvY2stMjAyMy0wNS0zMSJ9",
        ),
    ),
    TokenPattern(
        id="pem-private-key",
        provider="generic",
        description="PEM-encoded private key block (-----BEGIN ... PRIVATE KEY-----)",
        regex=r"-----BEGIN[A-Z ]{0,32} PRIVATE KEY(?: BLOCK)?-----[\s\S]{64,16384}?"
        r"-----END[A-Z ]{0,32} PRIVATE KEY(?: BLOCK)?-----",
        validator="pem-body",
        random_body=False,
        keywords=("PRIVATE KEY-----",),
        source="https://www.rfc-editor.org/rfc/rfc7468",
        must_match=(
            "-----BEGIN RSA PRIVATE KEY-----\n" + _PEM_BODY + "\n-----END RSA PRIVATE KEY-----\n",
            "-----BEGIN OPENSSH PRIVATE KEY-----\\n"
            + _PEM_BODY.replace("\n", "\\n")
            + "\\n-----END OPENSSH PRIVATE KEY-----",
        ),
        must_not_match=(
            "-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----",
            '-----BEGIN FILE id="f58746" type="text/plain"-----\n{b64:80}\n-----END FILE-----',
            "-----BEGIN PUBLIC KEY-----\n" + _PEM_BODY + "\n-----END PUBLIC KEY-----",
        ),
    ),
)
