"""``packseal sync``: pair the station with a hub, or run one sync pass now.

``packseal sync --hub URL --code CODE`` pairs (the code comes from
``packseal hub pair``); ``packseal sync`` sends the hub what it lacks and
prints ``uploaded`` (files sent now) and ``pending`` (files and entries the
hub still lacks). docs/HUB.md §2–3.
"""

from __future__ import annotations

from packseal.cli.output import EXIT_FAIL, EXIT_OK, emit
from packseal.core.errors import BadInputError
from packseal.core.ledger.keys import fingerprint_of, group_fingerprint

HELP = "pair this station with a hub (--hub URL --code CODE), or send the hub what it lacks now"
NEEDS_SERVICES = True


def add_arguments(p) -> None:
    p.add_argument("--hub", metavar="URL", default=None, help="the hub's URL (with --code: pair with it)")
    p.add_argument("--code", metavar="CODE", default=None, help="the one-time code `packseal hub pair` printed")
    p.add_argument("--bandwidth", metavar="KBPS", type=int, default=None,
                   help="upload at most this many kilobytes per second (default: no cap)")
    p.add_argument("--json", action="store_true")


def run(args, services) -> int:
    from packseal.core.ledger.canonical import unb64
    from packseal.core.sync.client import AnswerForged, HubError, HubRefused
    from packseal.core.sync.pairing import pair_station
    from packseal.core.sync.sync_pass import sync_once

    if (args.hub is None) != (args.code is None):
        raise BadInputError("pairing needs both --hub URL and --code CODE; `packseal sync` alone runs a pass")
    if args.bandwidth is not None and args.bandwidth <= 0:
        raise BadInputError("--bandwidth is a number of kilobytes per second above 0")
    if args.hub is not None:
        try:
            state = pair_station(services.layout, services.ledger, args.hub, args.code,
                                 services.settings.station_name)
        except HubError as exc:
            emit({"paired": False, "error": str(exc)}, args.json, f"Not paired: {exc}")
            return EXIT_FAIL
        fingerprint = fingerprint_of(unb64(state.hub_key))
        emit({"paired": True, "hub": state.url, "station_id": state.station_id, "hub_key_fingerprint": fingerprint,
              "cert_sha256": state.cert_sha256}, args.json,
             f"Paired with the hub at {state.url}.\n  Hub key: {group_fingerprint(fingerprint)} (pinned)\n"
             f"  Station id: {state.station_id}\nRun `packseal sync` to send it what it lacks.")
        return EXIT_OK
    bandwidth = args.bandwidth * 1024 if args.bandwidth else None
    try:
        result = sync_once(services.layout, services.ledger, hub=services.hub, bandwidth=bandwidth)
    except HubRefused as exc:
        emit({"ok": False, "error": exc.error, "message": str(exc)}, args.json, f"Sync refused: {exc}")
        return EXIT_FAIL
    except AnswerForged as exc:
        emit({"ok": False, "error": "not-the-paired-hub", "message": str(exc)}, args.json,
             f"Sync stopped: {exc}")
        return EXIT_FAIL
    except HubError as exc:
        emit({"ok": False, "error": "unreachable", "message": str(exc)}, args.json,
             f"Sync stopped: {exc}\nNothing was lost; the next pass goes on from here.")
        return EXIT_FAIL
    data = {"ok": True, **result.to_json()}
    lines = [f"uploaded {result.uploaded} file(s), {result.entries_sent} ledger entries sent, "
             f"{result.cosignatures} checkpoint(s) cosigned by the hub",
             f"pending {result.pending}"]
    if result.unavailable:
        lines.append(f"{len(result.unavailable)} file(s) the hub needs are not on this station any more "
                     "(deleted, or changed since sealed: run `packseal verify`)")
    emit(data, args.json, "\n".join(lines))
    return EXIT_OK
