"""Keeping a data dir in order: crash recovery, reconciliation, the catalog's rebuild, retention.

Upkeep works on what the floors below hold (files, ledger, catalog) and on
what the recorder left (tape, open orders): it sits above them all and
below only the processes that run it (the recorder, the commands).
"""
