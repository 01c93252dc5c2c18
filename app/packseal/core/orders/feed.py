"""The live order feed: a watched folder of JSON documents and the HTTP endpoint, run by the recorder.

Both take the same ``packseal-orders/1`` document (:mod:`.feed_schema`). A
``*.json`` file in the watched folder is taken when its size is the same at
two polls a second apart (write it under another name and rename it into
place to be safe); after it is read it is moved to ``done/`` or, refused, to ``failed/`` beside
a ``.reason.txt`` saying why. The feed follows the settings it is given
(the recorder changes them in place when the owner saves Settings): the
folder, HTTP on or off, the bind address and port take effect within a poll.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from packseal.core.errors import PackSealError, StorageError
from packseal.core.orders.feed_http import FeedServer, read_token
from packseal.core.orders.feed_schema import MAX_DOCUMENT_BYTES, FeedError, parse_document
from packseal.core.orders.places import token_file
from packseal.core.orders.store import OrderStore

log = logging.getLogger(__name__)
POLL_S = 1.0


@dataclass(frozen=True)
class FeedSettings:
    """What the feed does: ``folder`` ("" = none), HTTP on/off, where it listens."""

    folder: str = ""
    http: bool = False
    bind: str = "127.0.0.1"
    port: int = 8765


def process_file(store: OrderStore, path: Path) -> tuple[bool, str]:
    """Read one document and move it to done/ or failed/; ``(stored, what happened)``."""
    try:
        if path.stat().st_size > MAX_DOCUMENT_BYTES:  # refused before it is read into memory
            raise FeedError("", f"the file has {path.stat().st_size} bytes; at most {MAX_DOCUMENT_BYTES} are "
                                "accepted (split the orders into several files)")
        raw = path.read_bytes()
        source, updates = parse_document(raw)
        result = store.merge(updates, source=f"folder:{source or path.name}", replace_items=True)
        message = f"{result.orders} orders ({result.new_orders} new), {result.items} items"
        _move(path, "done")
        return True, message
    except FeedError as exc:
        reason = str(exc)
    except StorageError as exc:
        # the store could not take it (disk full, locked): leave the file for the next poll
        return False, f"not stored yet: {exc}"
    except OSError as exc:
        reason = f"cannot read the file: {exc.strerror or exc}"
    moved = _move(path, "failed")
    if moved is not None:
        moved.with_name(moved.name + ".reason.txt").write_text(reason + "\n", encoding="utf-8")
    return False, reason


def _move(path: Path, where: str) -> Path | None:
    target_dir = path.parent / where
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S.%fZ")
    target = target_dir / f"{stamp}-{path.name}"
    try:
        target_dir.mkdir(exist_ok=True)
        os.replace(path, target)
        return target
    except OSError as exc:
        log.error("cannot move the order feed file %s to %s/: %s", path, where, exc)
        return None


class OrderFeed:
    """The watched folder and the HTTP endpoint of one data dir, following ``settings()``."""

    def __init__(self, store: OrderStore, data_dir: Path, settings: Callable[[], FeedSettings],
                 on_result: Callable[[str, dict], None] | None = None, poll_s: float = POLL_S) -> None:
        self.store = store
        self.data_dir = Path(data_dir)
        self._settings = settings
        self._on_result = on_result or (lambda *_: None)
        self._poll_s = poll_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._server: FeedServer | None = None
        self._serving: FeedSettings | None = None
        self._sizes: dict[Path, int] = {}
        self.http_error = ""  # why the endpoint is not listening, when it should be
        self.last = ""  # what happened to the last document

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="order-feed", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(30)
        self._close_server()

    @property
    def address(self) -> tuple[str, int] | None:
        """Where the endpoint listens now, or None."""
        server = self._server
        return server.address if server is not None else None

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                wanted = self._settings()
                self._follow_http(wanted)
                if wanted.folder:
                    self.poll_folder(Path(wanted.folder))
            except Exception:  # the feed must outlive any one bad moment; the log keeps the cause
                log.exception("order feed: unexpected error")
            self._stop.wait(self._poll_s)

    def _follow_http(self, wanted: FeedSettings) -> None:
        key = FeedSettings(http=wanted.http, bind=wanted.bind, port=wanted.port)
        if key == self._serving:
            return
        self._close_server()
        self._serving = key
        if not wanted.http:
            self.http_error = ""
            return
        token = token_file(self.data_dir)
        try:
            read_token(token)
            self._server = FeedServer(self.store, lambda: read_token(token), wanted.bind, wanted.port,
                                      on_result=self._report)
            self.http_error = ""
            log.info("order feed listening on http://%s:%d/orders", *self._server.address)
        except (OSError, PackSealError) as exc:
            self.http_error = f"cannot listen on {wanted.bind}:{wanted.port}: {exc}"
            log.error("order feed: %s", self.http_error)

    def _close_server(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.close()

    def poll_folder(self, folder: Path) -> int:
        """Take every finished ``*.json`` file in ``folder``; the number processed."""
        try:
            files = sorted(p for p in folder.glob("*.json") if p.is_file())
        except OSError as exc:
            log.warning("order feed: cannot read the folder %s: %s", folder, exc)
            return 0
        done = 0
        for path in files:
            try:
                size = path.stat().st_size
            except OSError:
                continue
            if self._sizes.get(path) != size:  # new or still growing: take it on the next poll
                self._sizes[path] = size
                continue
            self._sizes.pop(path, None)
            stored, message = process_file(self.store, path)
            self._report(f"file {path.name}", {"ok": stored, "message": message})
            done += 1
        self._sizes = {p: s for p, s in self._sizes.items() if p.exists()}
        return done

    def _report(self, where: str, body: dict) -> None:
        self.last = f"{where}: {body.get('message') or body}"
        log.info("order feed: %s", self.last)
        self._on_result(where, body)


def feed_settings_of(settings: object) -> FeedSettings:
    """The feed's part of the station settings (its ``order_feed_*`` fields; the settings
    live a floor above, so they are read by name)."""
    return FeedSettings(folder=getattr(settings, "order_feed_folder", ""),
                        http=bool(getattr(settings, "order_feed_http", False)),
                        bind=getattr(settings, "order_feed_bind", "127.0.0.1"),
                        port=int(getattr(settings, "order_feed_port", 8765)))

