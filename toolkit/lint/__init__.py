"""Lint: rules over the cassette model, an engine that stamps and fingerprints their findings.

Public API (import from the modules; this package imports nothing, so that
importing one rule module stays cheap):

* ``toolkit.lint.engine``: ``lint_file(path, settings)``, ``lint_data(bytes, path, settings)``,
  ``lint_paths(paths, settings, jobs=1) -> LintResult``;
* ``toolkit.lint.settings``: ``LintSettings`` (select, ignore, per-file ignores, severities,
  rule options, fail-on), ``build_settings(file_config, command_line)``;
* ``toolkit.lint.config``: ``find_config``, ``read_config`` (``[tool.cassette-toolkit]``);
* ``toolkit.lint.baseline``: ``read_baseline``, ``write_baseline``;
* ``toolkit.lint.reporters``: ``REPORTER_BY_NAME`` (text, json, sarif, github, junit);
* ``toolkit.lint.rules``: the registry (``RULES``, ``RULE_BY_CODE``, ``FAMILIES``); a family is
  a module with a ``RULES`` tuple of ``toolkit.lint.rule.Rule``, listed in ``_FAMILY_MODULES``;
* ``toolkit.lint.locate``: hits at a header, a field, a body or an interaction.
"""
