"""The offline export's boundary data: lines encoded as integer steps decode to the packaged
rings (thinned) within half a step, in the tiles' datum; names are the districts in the box."""

from __future__ import annotations

from backend import map_bounds
from fieldapp.domain import districts
from fieldapp.domain.geo import wgs84_to_gcj02
from fieldapp.domain.simplify import thin

SHANGHAI = [(31.2304, 121.4737), (31.2213, 121.5447)]


def decode(row: list[int]) -> list[tuple[float, float]]:
    """As the page's script does: the first point absolute, then steps from the one before."""
    lat, lng = row[1], row[2]
    out = [(lat * map_bounds.STEP, lng * map_bounds.STEP)]
    for i in range(3, len(row), 2):
        lat, lng = lat + row[i], lng + row[i + 1]
        out.append((lat * map_bounds.STEP, lng * map_bounds.STEP))
    return out


def expected(gcj: bool) -> list[tuple[int, list[tuple[float, float]]]]:
    b = districts.load()
    lo_lat, lo_lng = (min(p[i] for p in SHANGHAI) - map_bounds.PAD_DEG for i in (0, 1))
    hi_lat, hi_lng = (max(p[i] for p in SHANGHAI) + map_bounds.PAD_DEG for i in (0, 1))
    out = []
    for i, level in enumerate(map_bounds.LEVELS):
        pool = (
            b.provinces
            if level == "province"
            else b.in_box(level, (lo_lat, lo_lng, hi_lat, hi_lng))
        )
        for a in pool:
            for ring in a.rings:
                pts = thin(ring, map_bounds.THIN_DEG[level])
                out.append((i, [wgs84_to_gcj02(*p) if gcj else p for p in pts]))
    return out


def test_lines_decode_to_the_thinned_rings_in_the_tiles_datum() -> None:
    for gcj in (False, True):
        data = map_bounds.boundaries(SHANGHAI, gcj=gcj)
        want = expected(gcj)
        assert len(data["lines"]) == len(want) > 50
        for row, (level, pts) in zip(data["lines"], want, strict=True):
            assert row[0] == level
            got = decode(row)
            assert len(got) == len(pts)
            for (la, ln), (wa, wn) in zip(got, pts, strict=True):
                assert abs(la - wa) <= map_bounds.STEP / 2 + 1e-9
                assert abs(ln - wn) <= map_bounds.STEP / 2 + 1e-9


def test_names_are_the_districts_round_the_points_with_their_label_points() -> None:
    data = map_bounds.boundaries(SHANGHAI, gcj=False)
    names = {n[2]: (n[0], n[1]) for n in data["names"]}
    assert {"黄浦区", "浦东新区", "静安区"} <= set(names)
    assert "海淀区" not in names  # Beijing is far outside the box
    huangpu = next(
        a for a in districts.load().in_box("district", (30, 120, 32, 123)) if a.name == "黄浦区"
    )
    assert names["黄浦区"] == huangpu.label
    assert data["zoom"] == map_bounds.DISTRICT_NAMES_ZOOM
    assert [lv[0] for lv in data["levels"]] == ["#9AA6B2", "#7D8A97", "#4A5866"]
