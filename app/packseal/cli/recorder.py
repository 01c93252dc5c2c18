"""``packseal recorder``: the station without a window — camera, encoder, seal, served to clients.

The window starts this process itself; run it by hand for a station with no
screen (scans then come from the camera or from ``packseal`` clients).
"""

from __future__ import annotations

import sys

from packseal.cli.output import EXIT_OK, EXIT_USAGE
from packseal.core.remote import channel
from packseal.core.storage.layout import DataLayout

HELP = "run the station's recorder without a window (the window starts it by itself)"
NEEDS_SERVICES = False


def add_arguments(p) -> None:
    p.add_argument("--source", action="append", default=None, metavar="SRC",
                   help="camera (usb:N | rtsp://… | file:PATH | test[:WxH@FPS][?noisy]); twice for two "
                        "cameras; default: the settings")
    p.add_argument("--camera-codes", choices=("on", "off"), default=None,
                   help="start orders from waybill codes the camera reads (on: even from the built-in "
                        "test camera); default: the settings")


def run(args) -> int:
    from packseal.compose import open_services
    from packseal.core.orders.feed import OrderFeed, feed_settings_of
    from packseal.core.remote.server import RecorderServer

    layout = DataLayout.open(args.data_dir)
    # Taken before the data dir is opened: two recorders must never recover side by side.
    lock = channel.recorder_lock(layout)
    if not lock.try_acquire():
        lock.close()
        print(f"packseal: a recorder is already running for {layout.root}", file=sys.stderr)
        return EXIT_USAGE
    channel.write_pid(layout)
    try:
        services = open_services(layout.root, verbose=args.verbose, log_to_stderr=args.verbose,
                                 resume_orders=True, index_clips=False, files_later=True)
    except BaseException:
        lock.release()
        lock.close()
        raise
    # The live order feed lives here, so it works with no window open; it follows the settings
    # the server reloads in place.
    feed = OrderFeed(services.orders, layout.root, lambda: feed_settings_of(services.settings))
    feed.start()
    try:
        read = None if args.camera_codes is None else args.camera_codes == "on"
        server = RecorderServer(services, args.source, read_barcodes=read, lock=lock)
        server.serve()
    finally:
        feed.stop()
        services.close()
    return EXIT_OK
