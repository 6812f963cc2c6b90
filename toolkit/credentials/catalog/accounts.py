"""Account identifiers found inside values: not secrets, but they tie a recording to an account.

Reported as warnings (the severity is a scan option), never as blocking findings. AWS
account ids are random digits, so runs such as ``123456789012`` (the documentation's
example) are placeholders; Google project ids are chosen by people (``acme-prod-123456``),
so only marker words make one a placeholder.
"""

from __future__ import annotations

from toolkit.credentials.pattern import TokenPattern

__all__ = ["PATTERNS"]

PATTERNS: tuple[TokenPattern, ...] = (
    TokenPattern(
        id="aws-account-id",
        provider="aws",
        description="12-digit AWS account id inside an ARN (also percent-encoded in a URL path)",
        regex=r"(?i:arn(?::|%3a)aws[a-z-]*(?::|%3a)[a-z0-9-]+(?::|%3a)[a-z0-9-]*(?::|%3a))"
        + r"(?P<secret>[0-9]{12})(?i::|%3a)",
        keywords=("arn:aws", "arn%3aaws"),
        keywords_ignore_case=True,
        source="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html",
        must_match=(
            "arn:aws:bedrock:us-east-1:{digits:12}:inference-profile/us.anthropic.claude",
            "/model/arn%3Aaws%3Abedrock%3Aus-west-2%3A{digits:12}%3Aapplication-inference-profile",
        ),
        must_not_match=(
            "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku",
            "arn:aws:iam::{digits:10}:role/x",
            # AWS documentation's example account id.
            "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/x",
        ),
        severity="warning",
        layer="account",
    ),
    TokenPattern(
        id="gcp-project-id",
        provider="google",
        description="Google Cloud project id or number in a resource path (Vertex AI URLs)",
        regex=r"projects/(?P<secret>[a-z][a-z0-9-]{4,28}[a-z0-9]|[0-9]{6,20})/locations/",
        keywords=("projects/",),
        source="https://cloud.google.com/resource-manager/docs/creating-managing-projects",
        must_match=(
            "/v1/projects/my-proj-{lowalnum:6}/locations/us-central1/publishers/google/models/x",
            "projects/{digits:12}/locations/global/endpoints/openapi",
        ),
        must_not_match=("projects/X/locations/", "/v1/projects/{lowalnum:8}/models"),
        severity="warning",
        layer="account",
        random_body=False,
    ),
)
