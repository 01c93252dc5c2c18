"""Weighing scales on a serial line: readings, stable weight, a scale that goes away."""
