"""Lint: rules over the cassette model, an engine that stamps and fingerprints their findings.

Public API (import from the modules; this package imports nothing, so that
importing one rule module stays cheap):

* ``toolkit.lint.engine``: ``lint_file(path, settings)``, ``lint_data(bytes, path, settings)``,
  ``lint_paths(paths, settings, jobs=1, walk=None) -> LintResult``;
* ``toolkit.lint.settings``: ``LintSettings`` (select, ignore, per-file ignores, severities,
  rule options, fail-on), ``build_settings(file_config, command_line)``;
* ``toolkit.lint.config.file``: ``load_config``, ``find_config``, ``read_config`` (pyproject.toml's
  ``[tool.cassette-toolkit]``, ``cassette-toolkit.toml``); its keys are defined once in
  ``toolkit.lint.config.keys``, and ``toolkit.lint.config.schema`` renders their JSON Schema;
* ``toolkit.lint.config.walking``: ``build_walk_options(file_config, walk_flags)`` (``toolkit.read.walk``);
* ``toolkit.lint.allow``: ``allow-values`` lists;
* ``toolkit.lint.baseline``: ``read_baseline``, ``write_baseline`` (secrets by value, the rest by
  place; stale entries);
* ``toolkit.lint.reporters``: ``REPORTER_BY_NAME`` (text, json, sarif, github, junit);
* ``toolkit.lint.rules``: the registry (``RULES``, ``RULE_BY_CODE``, ``FAMILIES``); a family is
  a module with a ``RULES`` tuple of ``toolkit.lint.rule.Rule`` (each declared beside its
  check), listed in ``_FAMILY_MODULES``;
* ``toolkit.lint.locate``: hits at a header, a field, a body or an interaction.
"""
