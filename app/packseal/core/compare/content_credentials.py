"""C2PA content credentials of a photo, read with c2pa-python.

A C2PA manifest is a signed record of how a picture was made: by which
program (``claim_generator``), with which actions (``c2pa.created``,
``c2pa.edited`` …) and from what kind of source (IPTC ``digitalSourceType``:
a camera, or ``trainedAlgorithmicMedia`` for generative AI). This module
reduces the reader's JSON to the few facts the inspection reports. Remote
manifests and certificate-status fetches are switched off: inspecting a
photo never goes on the network.
"""

from __future__ import annotations

import io
import json
import logging
from dataclasses import dataclass, field

log = logging.getLogger(__name__)

# Formats that can carry an embedded manifest (C2PA has no binding for BMP).
_MIME = {"JPEG": "image/jpeg", "PNG": "image/png", "WebP": "image/webp", "HEIC": "image/heic"}
_OFFLINE = {"verify": {"remote_manifest_fetch": False, "ocsp_fetch": False}}


class CredentialsUnavailable(Exception):
    """c2pa-python is not installed or could not read the file; the reason is the message."""


@dataclass(frozen=True)
class Action:
    action: str
    digital_source_type: str = ""
    software_agent: str = ""


@dataclass
class Credentials:
    """What the photo's C2PA manifests say (all manifests, the active one first)."""

    generators: list[str] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    signer: str = ""
    validation_state: str = ""
    problems: list[str] = field(default_factory=list)  # validation failures other than an unknown signer


def read_credentials(data: bytes, fmt: str) -> Credentials | None:
    """The C2PA manifests in the photo's bytes, or None when it has none (or cannot have one).

    Raises :class:`CredentialsUnavailable` when c2pa-python is missing or
    fails on the file.
    """
    try:
        import c2pa
    except Exception as exc:  # ImportError, or a native library that will not load
        raise CredentialsUnavailable(f"c2pa-python is not available ({exc})") from exc
    mime = _MIME.get(fmt)
    if mime is None:
        return None
    try:
        context = _offline_context(c2pa)
        args = (mime, io.BytesIO(data), None, context) if context is not None else (mime, io.BytesIO(data))
        reader = c2pa.Reader.try_create(*args)
        if reader is None:
            return None
        with reader:
            report = json.loads(reader.json())
            state = reader.get_validation_state() or ""
    except Exception as exc:  # c2pa raises its own C2paError family, and OSError/ValueError
        raise CredentialsUnavailable(f"the C2PA reader failed: {exc}") from exc
    return credentials_from_report(report, state)


def _offline_context(c2pa):
    try:
        return c2pa.Context.from_dict(_OFFLINE)
    except Exception:  # older c2pa-python: no Context; defaults then apply
        log.debug("c2pa Context with offline settings unavailable", exc_info=True)
        return None


def credentials_from_report(report: dict, validation_state: str = "") -> Credentials:
    """Reduce a c2pa Reader JSON report (``reader.json()``) to :class:`Credentials`."""
    creds = Credentials(validation_state=validation_state)
    manifests = report.get("manifests") or {}
    active = report.get("active_manifest")
    ordered = sorted(manifests.items(), key=lambda kv: kv[0] != active)
    for label, manifest in ordered:
        if not isinstance(manifest, dict):
            continue
        for g in _generator_names(manifest):
            if g not in creds.generators:
                creds.generators.append(g)
        if label == active:
            sig = manifest.get("signature_info") or {}
            creds.signer = str(sig.get("issuer") or sig.get("common_name") or "")
        for assertion in manifest.get("assertions") or []:
            if not isinstance(assertion, dict):
                continue
            if str(assertion.get("label", "")).startswith("c2pa.actions"):
                for a in (assertion.get("data") or {}).get("actions") or []:
                    if isinstance(a, dict):
                        creds.actions.append(Action(
                            action=str(a.get("action", "")),
                            digital_source_type=str(a.get("digitalSourceType", "")),
                            software_agent=_agent_name(a.get("softwareAgent")),
                        ))
    for status in report.get("validation_status") or []:
        code = str((status or {}).get("code", ""))
        # A self-made or unknown certificate is normal for small tools; real failures are not.
        if code and code != "signingCredential.untrusted":
            creds.problems.append(f"{code}: {status.get('explanation', '')}".strip(": "))
    return creds


def _generator_names(manifest: dict) -> list[str]:
    names = []
    cg = manifest.get("claim_generator")
    if isinstance(cg, str) and cg:
        names.append(cg)
    for info in manifest.get("claim_generator_info") or []:
        if isinstance(info, dict) and info.get("name"):
            version = info.get("version")
            names.append(f"{info['name']} {version}" if version else str(info["name"]))
    return names


def _agent_name(agent) -> str:
    if isinstance(agent, dict):
        return str(agent.get("name", ""))
    return str(agent or "")
