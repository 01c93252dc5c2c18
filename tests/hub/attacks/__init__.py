"""Attacks on the hub and the station protocol, each test named for the attack and asserting the safe behaviour.

A station here is forged by hand (forge.py): an attacker controls its station machine and keys.
The hub is the real application on the real PostgreSQL and SeaweedFS (tests/hub/conftest.py).
A test that fails names a weakness the hub still has; one that passes, an attack it withstands.
"""
