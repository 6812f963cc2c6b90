"""cassette-toolkit: load, lint, redact and audit recorded LLM API traffic."""

__version__ = "0.1.0"
