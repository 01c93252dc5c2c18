"""The desktop window (PySide6). Qt lives only here; every rule lives in ``packseal.core``.

``app.main`` is what ``packseal`` with no subcommand runs. The window is a
thin shell (``main_window``) over small views (``preview``, ``banner``,
``order_display``, ``recent_clips``, ``alerts``), one bridge from core
events to Qt signals (``bridge``), one way to run background work
(``tasks``) and the keyboard-wedge scanner catcher (``scanner``).
"""
