"""The check of one order at the bench: items scanned against the order, warnings, outcome."""
