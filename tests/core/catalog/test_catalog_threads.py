"""One catalog shared by threads, and two catalogs on one file."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from packseal.core.catalog import Catalog

T0 = 1_714_521_600_000
THREADS = 6
PER_THREAD = 40


def _run_threads(target: Callable[[int], None]) -> list[BaseException]:
    errors: list[BaseException] = []
    start = threading.Barrier(THREADS)

    def worker(n: int) -> None:
        try:
            start.wait()  # all threads begin together, to collide
            target(n)
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def test_one_catalog_shared_by_threads(catalog: Catalog, clip_factory) -> None:
    def work(n: int) -> None:
        for i in range(PER_THREAD):
            clip_id = catalog.add_clip(clip_factory(f"SF{n:03d}{i:010d}", start_ms=T0 + i, station=f"s{n}"))
            catalog.set_note(clip_id, f"thread {n}")
            catalog.search(f"{n:03d}", limit=5)
            catalog.count(station=f"s{n}")

    assert _run_threads(work) == []
    assert catalog.count() == THREADS * PER_THREAD
    for n in range(THREADS):
        clips = catalog.search(station=f"s{n}", limit=1000)
        assert len(clips) == PER_THREAD
        assert {c.note for c in clips} == {f"thread {n}"}
    assert len(catalog.stations()) == THREADS


def test_two_catalogs_on_one_file_wait_for_each_other(tmp_path: Path, clip_factory) -> None:
    path = tmp_path / "catalog.sqlite"
    first, second = Catalog.open(path), Catalog.open(path)
    try:
        def work(n: int) -> None:
            cat = first if n % 2 else second
            cat.add_clips(
                clip_factory(f"YT{n:03d}{i:010d}", start_ms=T0 + i) for i in range(PER_THREAD)
            )
            for i in range(5):
                cat.add_clip(clip_factory(f"JD{n:03d}{i:010d}", start_ms=T0 + i))

        assert _run_threads(work) == []
        assert first.count() == second.count() == THREADS * (PER_THREAD + 5)
        assert first.count("YT") == THREADS * PER_THREAD
    finally:
        first.close()
        second.close()
