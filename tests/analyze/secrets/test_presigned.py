"""A pre-signed URL's signature is a credential only beside the key id it was signed with."""

from __future__ import annotations

from toolkit.credentials.templates import expand
from toolkit.lint.engine import lint_data
from toolkit.lint.rules.example_cassettes import vcrpy_cassette
from toolkit.lint.settings import LintSettings

SIGNATURE = expand("{hex:64}", "pre-signed signature")
KEY_ID = expand("ASIA{b32:16}", "pre-signed key id")
BUCKET = "https://bucket.s3.amazonaws.com/out.png?X-Amz-Algorithm=AWS4-HMAC-SHA256"


def _codes(uri: str, response_body: str | None = None) -> list[tuple[str, str]]:
    kwargs = {"response_body": response_body} if response_body is not None else {}
    text = vcrpy_cassette(method="GET", uri=uri, **kwargs)
    findings = lint_data(text.encode(), "presigned.yaml", LintSettings(select=("CT2",)))
    return sorted((finding.code, finding.message.split(" holds ")[0]) for finding in findings)


def test_a_signature_without_its_key_id_is_no_credential() -> None:
    assert _codes(f"{BUCKET}&X-Amz-Signature={SIGNATURE}") == []
    scrubbed = f"{BUCKET}&X-Amz-Credential=SCRUBBED%2F20250101%2Fus-east-1%2Fs3%2Faws4_request"
    assert _codes(f"{scrubbed}&X-Amz-Signature={SIGNATURE}") == []


def test_a_signature_beside_a_real_key_id_is_one() -> None:
    credential = f"X-Amz-Credential={KEY_ID}%2F20250101%2Fus-east-1%2Fs3%2Faws4_request"
    assert _codes(f"{BUCKET}&{credential}&X-Amz-Signature={SIGNATURE}") == [
        ("CT201", "request URL query parameter X-Amz-Credential"),
        ("CT202", "request URL query parameter X-Amz-Signature"),
    ]


def test_a_pre_signed_url_in_a_body_needs_its_key_id_too() -> None:
    unsigned = f'\'{{"url": "{BUCKET}&X-Amz-Signature={SIGNATURE}"}}\''
    assert _codes("https://api.example.com/v1/images", unsigned) == []
    scope = f"X-Amz-Credential={KEY_ID}/20250101/us-east-1/s3/aws4_request"
    signed = f'\'{{"url": "{BUCKET}&{scope}&X-Amz-Signature={SIGNATURE}"}}\''
    kinds = _codes("https://api.example.com/v1/images", signed)
    assert [code for code, _ in kinds] == ["CT201", "CT201"]  # the key id and the signature
