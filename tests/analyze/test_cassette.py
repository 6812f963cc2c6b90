"""AnalyzedCassette: each interaction is read as an LLM call (its stream decoded with it) and each
file scanned for secrets once per file, however many rules, checks or consumers ask."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import toolkit.analyze.llm
import toolkit.analyze.secrets
from tests.conftest import SAMPLES, LabelledSet
from toolkit.analyze.cassette import AnalyzedCassette
from toolkit.lint.engine import lint_data
from toolkit.lint.rules import RULES
from toolkit.lint.settings import LintSettings
from toolkit.model import Interaction
from toolkit.read.parse import parse_cassette
from toolkit.redact import redact_text
from toolkit.redact.policy import RedactPolicy

#: Planted secrets the redaction finds only in decoded streams.
STREAMED_SECRETS = (
    "planted-stream-text-xai-api-key.yaml",
    "planted-eventstream-chunk-openai-project-key.yaml",
)


class Reads:
    """What the analyzers were asked: LLM readings and stream decodings, and secret scans, by
    interaction (the objects are kept, so their ids stay distinct)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: list[Interaction] = []
        self.scans: list[Interaction] = []
        self.decodings = 0
        read, scan, decode = (
            toolkit.analyze.llm.read_llm_call,
            toolkit.analyze.secrets.scan_interaction,
            toolkit.analyze.llm.decode_stream,
        )

        def counted_read(interaction: Interaction) -> Any:
            self.calls.append(interaction)
            return read(interaction)

        def counted_scan(interaction: Interaction, *args: Any) -> Any:
            self.scans.append(interaction)
            return scan(interaction, *args)

        def counted_decode(*args: Any, **kwargs: Any) -> Any:
            self.decodings += 1
            return decode(*args, **kwargs)

        monkeypatch.setattr(toolkit.analyze.llm, "read_llm_call", counted_read)
        monkeypatch.setattr(toolkit.analyze.secrets, "scan_interaction", counted_scan)
        monkeypatch.setattr(toolkit.analyze.llm, "decode_stream", counted_decode)

    def most(self, interactions: list[Interaction]) -> int:
        """The most times one interaction was read or scanned."""
        counts = Counter(id(interaction) for interaction in interactions)
        return max(counts.values(), default=0)


@pytest.fixture()
def reads(monkeypatch: pytest.MonkeyPatch) -> Reads:
    return Reads(monkeypatch)


def _streamed(cassette_interactions: tuple[Interaction, ...]) -> int:
    return sum(toolkit.analyze.secrets.is_streamed(interaction) for interaction in cassette_interactions)


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.y*ml*")), ids=lambda path: path.name)
def test_every_rule_shares_one_reading_per_interaction(path: Path, reads: Reads) -> None:
    data = path.read_bytes()
    interactions = len(parse_cassette(data, str(path)).cassette.interactions)
    lint_data(data, str(path), LintSettings(), RULES)
    assert len(reads.calls) == reads.decodings == interactions, path.name
    assert reads.most(reads.calls) <= 1 and len(reads.scans) == interactions, path.name


def test_the_samples_have_streams_and_secrets_rules() -> None:
    """The test above means something: the samples hold streams, and every rule family runs."""
    streamed = 0
    for path in SAMPLES.glob("*.y*ml*"):
        streamed += _streamed(parse_cassette(path.read_bytes(), str(path)).cassette.interactions)
    assert streamed >= 5
    assert {rule.code[:3] for rule in RULES} >= {"CT0", "CT1", "CT2", "CT3", "CT4", "CT5"}


@pytest.mark.parametrize("name", STREAMED_SECRETS)
def test_redact_reads_the_file_and_its_result_once_each(
    name: str, labelled_set: LabelledSet, reads: Reads
) -> None:
    path = labelled_set.folder / name
    data = path.read_bytes()
    interactions = len(parse_cassette(data, name).cassette.interactions)
    result = redact_text(data, str(path), RedactPolicy().chooser(str(path), len(data)))
    assert result.changed and result.problem is None and not result.remaining
    # The file, then the redacted file: the scan, the chooser's lint, the body edit and the
    # integrity lint share one reading of each.
    assert reads.most(reads.calls) == 1 and reads.most(reads.scans) == 1
    assert len(reads.calls) == reads.decodings == 2 * interactions
    assert len(reads.scans) == 2 * interactions


def test_leaks_are_kept_per_policy(labelled_set: LabelledSet, reads: Reads) -> None:
    from toolkit.credentials import DEFAULT_POLICY, ScanPolicy

    name = STREAMED_SECRETS[0]
    analyzed = AnalyzedCassette.of(parse_cassette((labelled_set.folder / name).read_bytes(), name))
    first = analyzed.leaks()
    assert analyzed.leaks(DEFAULT_POLICY) is first and first
    quiet = analyzed.leaks(ScanPolicy(report_accounts=False))
    assert all(leak.match.layer != "account" for leak in quiet)
    interactions = len(analyzed.cassette.interactions)
    assert len(reads.scans) == 2 * interactions and reads.most(reads.calls) == 1
