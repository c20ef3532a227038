"""Confirming a 30-line delivery on the dealer's phone (issue 16's target: tap to committed
locally under 50 ms): DeliveryService.confirm — every line checked, the confirmation written
to the store and queued in the outbox in one SQLite transaction — against its baseline, the bare
store.write of the same row, in a file-backed store like a phone's, alternating in one run.
Run: python -m benchmarks.bench_delivery_confirm"""

from __future__ import annotations

import datetime as dt
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from fieldapp.services.deliveries import DeliveryService
from fieldapp.store import Store
from tests.unit.services_world import NOW, Clock, build

LINES = 30
RUNS = 21


def _store_with_deliveries(folder: Path, n: int) -> tuple[Store, list[str]]:
    """A phone store with n unconfirmed deliveries of LINES lines each; their numbers."""
    store = Store.open(folder / "store.db")
    docs = [f"DLV{i:04d}" for i in range(n)]
    today = dt.date(2026, 11, 27)
    rows = [
        {"id": str(uuid.uuid4()), "doc_no": doc, "line_no": k, "customer_id": "dealer",
         "seller_id": None, "product_id": "p", "shipped_on": today.isoformat(), "quantity": 20 + k,
         "unit_price": 10, "amount": 10 * (20 + k), "confirmed_at": None, "version": 1,
         "deleted_at": None}
        for doc in docs for k in range(1, LINES + 1)
    ]  # fmt: skip
    store.apply_page(cursor=1, after=None, epoch=1, revoked=[], changes={"shipments": rows})
    return store, docs


def main() -> None:
    """Print the medians of both, per confirmation."""
    with tempfile.TemporaryDirectory() as tmp:
        store, docs = _store_with_deliveries(Path(tmp), 2 * RUNS)
        world = build(store, Clock(NOW))
        svc = DeliveryService(store, world.user, world.clock, lambda *a, **k: None)
        confirm, bare = [], []
        for i in range(RUNS):
            doc = docs[2 * i]
            entries = {s["id"]: {"damaged": "1"} for s in svc.lines(doc)[:2]}
            t0 = time.perf_counter()
            svc.confirm(doc, entries, "外箱压坏")
            confirm.append(time.perf_counter() - t0)
            other = docs[2 * i + 1]
            row = {"id": str(uuid.uuid4()), "doc_no": other, "customer_id": "dealer",
                   "lines": [{"shipment_id": s["id"], "received": 1, "damaged": 0, "missing": 0}
                             for s in svc.lines(other)], "note": None,
                   "confirmed_at": NOW.isoformat()}  # fmt: skip
            t0 = time.perf_counter()
            store.write("delivery_confirmations", row)
            bare.append(time.perf_counter() - t0)
        store.close()
    ms = 1000
    print(
        f"confirm a {LINES}-line delivery (checked, written, queued): "
        f"median {statistics.median(confirm) * ms:.1f} ms over {RUNS} runs (target < 50 ms)"
    )
    print(f"baseline: store.write of the same row: median {statistics.median(bare) * ms:.1f} ms")


if __name__ == "__main__":
    main()
