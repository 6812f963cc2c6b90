"""Plumbing every stage may use: worker processes (``parallel``, ``forked``), atomic writes
(``atomic``) and paths as commands print them (``paths``). No knowledge of cassettes.

May import nothing else of the toolkit.
"""
