"""Order lookup at scan time with a million imported orders, and the import rate.

    .venv/bin/python bench/order_lookup.py [--orders 1000000] [--lookups 5000]

Writes a real order export (CSV, GBK, Chinese headers, one row per item,
1–3 items an order, a waybill each, some with two waybills in one cell and a
buyer's note), imports it through ``import_file`` into a fresh order store
(CSV parsing, staging, the one merging transaction, the search index), then
times ``OrderStore.find`` as the bench calls it at a scan: order IDs,
waybills (upper and lower case) and codes that are not there, from a thread
of its own, first on a quiet store, then while a second import of 50,000
orders runs in another process (``packseal orders import``, as from the
window or a script while the recorder looks orders up), then while it runs
in this process (as the live feed does inside the recorder; the two threads
then share one interpreter lock). Whether a lookup ever waits for the
importing process's lock is counted with a reader that may not wait at all. Also times a substring ``search`` for the
Orders page.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "app"))

from packseal.core.orders.importer import import_file  # noqa: E402
from packseal.core.orders.places import store_file  # noqa: E402
from packseal.core.orders.profiles import ProfileShelf, parse_map  # noqa: E402
from packseal.core.orders.store import OrderStore  # noqa: E402

HEADER = ["订单编号", "物流单号", "商家编码", "商品条码", "商品名称", "购买数量", "订单状态", "买家留言"]
MAP_TEXT = ("order_id=订单编号,waybill=物流单号,sku=商家编码,barcode=商品条码,name=商品名称,"
            "qty=购买数量,status=订单状态,buyer_note=买家留言")
MAPPING = parse_map(MAP_TEXT)
STATUSES = ("等待卖家发货", "等待卖家发货", "等待卖家发货", "交易关闭", "退款成功")


def order_id(n: int) -> str:
    return f"TB{2026_0000_0000_0000 + n}"


def waybill(n: int) -> str:
    return f"SF{1000_0000_0000 + n * 7}"


def write_export(path: Path, first: int, count: int, rng: random.Random) -> int:
    """Orders ``first`` … ``first + count - 1`` as an export; the number of rows written."""
    rows = 0
    with open(path, "w", encoding="gbk", newline="") as f:
        out = csv.writer(f)
        out.writerow(HEADER)
        for n in range(first, first + count):
            bills = waybill(n) + (f"，YT{5000_0000_0000 + n}" if n % 10 == 0 else "")
            note = "请加急，谢谢" if n % 17 == 0 else ""
            status = STATUSES[n % len(STATUSES)]
            for i in range(1 + n % 3):
                sku = f"SKU-{(n * 31 + i) % 5000:05d}"
                out.writerow([order_id(n), bills, sku, f"69{(n * 13 + i) % 10**11:011d}", f"商品 {sku}",
                              rng.randint(1, 5), status, note])
                rows += 1
    return rows


def time_finds(store: OrderStore, codes: list[str], cpu: list[float] | None = None) -> list[float]:
    """Wall milliseconds per ``find`` over ``codes``, on a thread of its own (as the recorder's);
    ``cpu`` gets the thread's CPU milliseconds per find (the work, without waiting for a core)."""
    took: list[float] = []

    def run() -> None:
        for code in codes:
            t0, c0 = time.perf_counter(), time.thread_time()
            store.find(code)
            took.append((time.perf_counter() - t0) * 1000)
            if cpu is not None:
                cpu.append((time.thread_time() - c0) * 1000)

    t = threading.Thread(target=run)
    t.start()
    t.join()
    return took


def count_lock_waits(work: Path, export: Path, codes: list[str]) -> dict:
    """Lookups during another process's import with a reader that may not wait for a lock at all
    (busy timeout 0): each lookup that would have had to wait fails and is counted."""
    with OrderStore.open(store_file(work)) as store:
        store.find("warm-up")
        for _thread, conn in store._readers:  # the bench looks inside: the app never turns waiting off
            conn.execute("PRAGMA busy_timeout = 0")
        cli = subprocess.Popen([sys.executable, "-m", "packseal", "--data-dir", str(work), "orders", "import",
                                str(export), "--map", MAP_TEXT, "--json"], stdout=subprocess.DEVNULL)
        done = failed = 0
        while cli.poll() is None:
            for code in codes:
                try:
                    store.find(code)
                    done += 1
                except Exception:  # StorageError: "locked"
                    failed += 1
        return {"lookups": done, "would_have_waited": failed}


def summary(ms: list[float]) -> dict:
    ms = sorted(ms)
    return {"n": len(ms), "median_ms": round(statistics.median(ms), 3),
            "p99_ms": round(ms[int(len(ms) * 0.99) - 1], 3), "max_ms": round(ms[-1], 3),
            "over_20_ms": sum(1 for m in ms if m > 20)}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--orders", type=int, default=1_000_000)
    p.add_argument("--lookups", type=int, default=5000)
    p.add_argument("--keep", type=Path, default=None, help="work in this folder and leave it there")
    args = p.parse_args()
    rng = random.Random(14)
    work = args.keep or Path(tempfile.mkdtemp(prefix="order-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    export = work / "orders.csv"
    t0 = time.perf_counter()
    rows = write_export(export, 0, args.orders, rng)
    wrote = time.perf_counter() - t0
    shelf = ProfileShelf(work / "profiles")
    with OrderStore.open(store_file(work)) as store:
        t0, c0 = time.perf_counter(), time.process_time()
        report = import_file(store, export, shelf=shelf, mapping=MAPPING)
        took, took_cpu = time.perf_counter() - t0, time.process_time() - c0
        assert report.orders == args.orders and report.rows_refused == 0, report
        ids = [rng.randrange(args.orders) for _ in range(args.lookups)]
        codes = []
        for k, n in enumerate(ids):
            codes.append([order_id(n), waybill(n), waybill(n).lower(), f"SF9{n:011d}X"][k % 4])
        assert store.find(waybill(ids[0])).order_id == order_id(ids[0])
        quiet_cpu: list[float] = []
        quiet = time_finds(store, codes, quiet_cpu)

        second, third = work / "more.csv", work / "more2.csv"
        write_export(second, args.orders, 50_000, rng)
        write_export(third, args.orders + 50_000, 50_000, rng)
        cli = subprocess.Popen([sys.executable, "-m", "packseal", "--data-dir", str(work), "orders", "import",
                                str(second), "--map", MAP_TEXT, "--json"], stdout=subprocess.PIPE)
        other_process: list[float] = []
        while cli.poll() is None:
            other_process += time_finds(store, codes[:500])
        assert cli.wait() == 0 and json.loads(cli.stdout.read())["orders"] == 50_000
        lock_waits = count_lock_waits(work, second, codes[:500])

        same_process: list[float] = []
        done = threading.Event()

        def importer() -> None:
            import_file(store, third, shelf=shelf, mapping=MAPPING)
            done.set()

        imp = threading.Thread(target=importer)
        imp.start()
        while not done.is_set():
            same_process += time_finds(store, codes[:500])
        imp.join()

        searches = {}
        for text in (str(1000_0000_0000 + ids[1] * 7)[3:11], "请加急", "SKU-0042"):
            t0 = time.perf_counter()
            found = store.search(text, limit=200)
            searches[text] = {"ms": round((time.perf_counter() - t0) * 1000, 1), "found": len(found)}
        counts = store.counts()
    size_mb = sum(f.stat().st_size for f in store_file(work).parent.glob("orders.sqlite*")) / 1e6
    print(json.dumps({
        "orders": args.orders, "rows": rows, "csv_mb": round(export.stat().st_size / 1e6, 1),
        "write_csv_s": round(wrote, 1), "import_s": round(took, 1), "import_cpu_s": round(took_cpu, 1),
        "import_orders_per_s": round(args.orders / took), "import_rows_per_s": round(rows / took),
        "store_mb": round(size_mb, 1), "counts": counts,
        "load_average": [round(x, 1) for x in os.getloadavg()],
        "find_quiet": summary(quiet), "find_quiet_cpu": summary(quiet_cpu), "find_during_import_other_process": summary(other_process),
        "find_during_import_same_process": summary(same_process), "lock_waits_during_import": lock_waits,
        "search": searches,
    }, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
