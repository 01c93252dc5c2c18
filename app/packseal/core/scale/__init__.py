"""Weighing scales on a serial line: readings, stable weight, a scale that goes away.

``patterns`` reads lines (shipped formats, units, stable flag), ``reader``
runs a port in a thread of its own (reconnecting, publishing ``events``),
``config`` checks the settings. Nothing here imports the rest of the core
but ``errors``.
"""
