"""Helpers shared by tests that drive PackSeal from outside: a private X server,
real key events through xdotool, and the app as a child process."""
