"""``packseal stamp``: checkpoint now and send it, with everything queued, to the TSAs."""

from __future__ import annotations

from packseal.cli.output import EXIT_FAIL, EXIT_OK, emit

HELP = "timestamp the ledger now with the configured TSAs (also sends the offline queue)"
NEEDS_SERVICES = True


def add_arguments(p) -> None:
    p.add_argument("--json", action="store_true")


def run(args, services) -> int:
    archive = services.archive
    timestamper = archive.timestamper
    if timestamper is None:
        emit({"stamped": 0, "queued": [], "pending": 0, "tsa_urls": []}, args.json,
             "No timestamp authority is configured (settings tsa_urls, or $PACKSEAL_TSA_URLS): "
             "nothing can be anchored.")
        return EXIT_FAIL
    done = archive.checkpoint(force=True)
    assert done is not None
    pending = timestamper.pending()
    result = {"checkpoint_seq": done.checkpoint_seq, "tree_size": done.tree_size, "stamped": done.stamped,
              "trusted": done.trusted, "queued": list(done.queued), "errors": list(done.errors),
              "pending": len(pending), "tsa_urls": timestamper.tsa_urls}
    lines = [f"Checkpoint {done.checkpoint_seq} over {done.tree_size} entries: "
             f"{done.stamped} of {len(timestamper.tsa_urls)} TSA(s) stamped it."]
    lines += [f"  not answering, queued: {url} ({why})" for url, why in zip(done.queued, done.errors)]
    if pending:
        lines.append(f"{len(pending)} checkpoint(s) still wait; they are retried automatically.")
    emit(result, args.json, "\n".join(lines))
    return EXIT_OK if done.stamped else EXIT_FAIL
