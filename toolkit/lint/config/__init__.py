"""The project's configuration (``[tool.cassette-toolkit]``): found, read and validated.

``file`` finds and reads it, ``keys`` defines every key once, ``schema`` renders its JSON
Schema, ``toml_lines`` finds a key's line for error messages, ``walking`` turns the walk
keys and flags into ``toolkit.read.walk`` options.
"""
