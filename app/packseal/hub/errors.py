"""The hub's errors: each says what happened and what to do."""

from __future__ import annotations

from packseal.core.errors import PackSealError


class HubError(PackSealError):
    """The hub, its database or its object store could not be set up or reached."""


class MissingServer(HubError):
    """A server the hub would run itself (PostgreSQL, SeaweedFS) is not installed on this machine."""
