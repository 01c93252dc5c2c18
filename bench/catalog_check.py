"""What reading the catalog whole costs on a large catalog, and when a start pays it (prints figures).

Reading every page (``PRAGMA quick_check``) finds damage before it is used.
Tape-segment rows stay in the catalog after their files are deleted, so the
file grows with every segment ever recorded (about 18,000 a day with 2 s
segments over 10 hours). This fills a fresh catalog with ``--segments``
rows, then times:

* ``quick_check`` alone, ``--repeats`` times (the file is in the page cache
  after the filling, so these are warm figures): what every start paid
  before starts trusted a file known to be whole;
* openings for start-up (``open_or_rebuild_catalog``) in the cases of
  ``core/upkeep/catalog_trust.py``: the first ever (no note: read whole),
  again in the same run of the machine, after a restart of the machine that
  followed a clean close, and after a restart with the catalog left open
  (its journal not written back: read whole). A restart is played by giving
  the machine another boot id;
* the daily full read in the background (``read_whole_if_due``).

    .venv/bin/python bench/catalog_check.py --segments 1000000
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "app"))

from packseal.core.catalog import Catalog  # noqa: E402
from packseal.core.ledger import Ledger  # noqa: E402
from packseal.core.storage.layout import DataLayout  # noqa: E402
from packseal.core.upkeep.rebuild import open_or_rebuild_catalog  # noqa: E402

BATCH = 100_000
T0_MS = 1_764_547_200_000  # 2025-12-01 00:00 UTC


def fill(path: Path, count: int, *, files_in: Path | None = None) -> None:
    """``count`` segment rows as the station writes them: 2 s each, all but the last week deleted.

    ``files_in``: the data dir in which the live (last week's) segments get their files, empty,
    as a station's tape folder holds them.
    """
    Catalog.open(path).close()
    conn = sqlite3.connect(path)
    try:
        for first in range(0, count, BATCH):
            rows = []
            for n in range(first, min(count, first + BATCH)):
                start = T0_MS + 2000 * n
                deleted = start + 7 * 86_400_000 if n < count - 302_400 else None
                file = f"tape/cam0/s{n // 18_000:05d}/seg-{n % 18_000:06d}.ts"
                rows.append(("cam0", n, file, start, start + 2000, 60, 300_000, f"{n:064x}", n + 2, deleted,
                             "tape retention" if deleted else None))
                if files_in is not None and deleted is None:
                    live = files_in / file
                    live.parent.mkdir(parents=True, exist_ok=True)
                    live.touch()
            conn.executemany("INSERT INTO segments (camera, seq, file, start_ms, end_ms, frames, bytes, sha256, "
                             "ledger_seq, deleted_ms, deleted_reason) VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)
            conn.commit()
    finally:
        conn.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--segments", type=int, default=1_000_000)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    from packseal.core.upkeep import catalog_trust  # here: bench/window_latency.py imports fill() with older code

    with tempfile.TemporaryDirectory() as tmp:
        layout = DataLayout.open(Path(tmp) / "data")
        t = time.monotonic()
        fill(layout.catalog_file, args.segments)
        size = os.path.getsize(layout.catalog_file)
        print(f"# {args.segments:,} segment rows, catalog {size / 1e6:.0f} MB, filled in {time.monotonic() - t:.0f} s")
        with Catalog.open(layout.catalog_file) as catalog:
            for i in range(args.repeats):
                t = time.monotonic()
                catalog.check_integrity()
                print(f"| quick_check {i + 1} (every start, before) | {time.monotonic() - t:.2f} s |")
        ledger = Ledger.open(layout, "bench", "PackSeal bench", keyring_backend=None)
        boot = ["bench-boot-1"]
        catalog_trust.boot_id = lambda: boot[0]  # a restart of the machine is a new boot id
        try:
            def opening(who: str) -> Catalog:
                t = time.monotonic()
                catalog, _note = open_or_rebuild_catalog(layout, ledger)
                print(f"| opening: {who} | {time.monotonic() - t:.2f} s |")
                return catalog

            catalog_trust.close_catalog(layout, opening("first ever, no note (reads it whole)"))
            catalog_trust.close_catalog(layout, opening("again, same run of the machine"))
            boot[0] += "+"
            catalog_trust.close_catalog(layout, opening("after a restart, following a clean close"))
            catalog = opening("once more, and then the power goes")
            holder = sqlite3.connect(layout.catalog_file)  # a write not yet written back into the file
            holder.execute("INSERT INTO meta (key, value) VALUES ('bench', 'x')")
            holder.commit()
            catalog.close()  # the holder keeps the journal, as a process the power cut does
            boot[0] += "+"
            catalog_trust.close_catalog(layout, opening("after that restart, the catalog left open (reads it whole)"))
            holder.close()
            catalog, _note = open_or_rebuild_catalog(layout, ledger)
            try:
                t = time.monotonic()
                whole = catalog_trust.read_whole_if_due(layout, catalog, every_s=0)
                print(f"| daily full read in the background (every page reads: {whole}) | "
                      f"{time.monotonic() - t:.2f} s |")
            finally:
                catalog_trust.close_catalog(layout, catalog)
        finally:
            ledger.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
