"""Stage 1, reading: bytes on disk to one ``Cassette`` model, whatever the dialect.

``walk`` finds the files; ``files`` reads their bytes (the only file I/O of reading);
``parse`` unwraps, parses (``document``: YAML that remembers every node's line and column;
``subset`` reads the YAML recorders write faster, and leaves the rest to ``document``'s
libyaml reader) and hands the document to the reader of its dialect (``dialects``). ``content_coding``
undoes a body's ``Content-Encoding``; ``jsonparse`` is the fast JSON parse every later
stage uses. Reading never raises for a bad file: problems are data on the cassette.

May import: ``toolkit.model``, ``toolkit.plumbing``.
"""
