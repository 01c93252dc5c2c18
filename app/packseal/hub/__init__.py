"""The hub: one searchable, witnessed archive for many stations (docs/HUB.md).

A front end like ``gui/`` and ``cli/``: it may import ``packseal.core``; the
core never imports it, and it never imports Qt or the GUI (import-linter
contracts in pyproject.toml). PostgreSQL holds the catalog, an S3-compatible
object store holds the files.
"""
