"""A loopback geocoding provider for tests and the benchmark: http.server in a thread, speaking
Nominatim's (/search, /reverse), Baidu's v3 (/geocoding/v3/, /reverse_geocoding/v3/) and AMap's
(/v3/geocode/geo, /v3/geocode/regeo) JSON. Nothing here reaches the internet.

`places` maps an address to its true WGS-84 position; each provider answers in its own datum
(Baidu BD-09, AMap GCJ-02). `behaviour` makes an address misbehave: "429" (HTTP 429 every time),
"429-once" (429, then the answer), "500", "quota" (the provider's own quota error), "badkey".
Every request is counted in `requests` (and by path in `paths`)."""

from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from fieldapp.domain.distance import haversine_m
from fieldapp.domain.geo import bd09_to_wgs84, gcj02_to_wgs84, wgs84_to_bd09, wgs84_to_gcj02


class FakeProvider:
    """The state of the loopback server: what it knows and what it was asked."""

    def __init__(self) -> None:
        self.places: dict[str, tuple[float, float]] = {}
        self.behaviour: dict[str, str] = {}
        self.requests = 0
        self.paths: Counter[str] = Counter()
        self.port = 0
        self._lock = threading.Lock()
        self._seen: Counter[str] = Counter()

    @property
    def domain(self) -> str:
        """What geopy's `domain` should be (with scheme='http')."""
        return f"127.0.0.1:{self.port}"

    def env(self, provider: str) -> dict[str, str]:
        """FIELDSALES_GEOCODE_* for a provider pointed here, with no delays."""
        p = f"FIELDSALES_GEOCODE_{provider.upper()}_"
        env = {p + "DOMAIN": self.domain, p + "SCHEME": "http"}
        if provider != "nominatim":
            env[p + "KEY"] = "test-key"
        env["FIELDSALES_GEOCODE_MIN_DELAY"] = "0"
        env["FIELDSALES_GEOCODE_ERROR_WAIT"] = "0"
        return env

    def answer(self, path: str, query: dict[str, str]) -> tuple[int, Any]:
        """(HTTP status, JSON body) for one request."""
        with self._lock:
            self.requests += 1
            self.paths[path] += 1
        spot = self._spot(path, query)
        address = query.get("q") or query.get("address") or spot or ""
        how = self.behaviour.get(address, "")
        with self._lock:
            self._seen[address] += 1
            first = self._seen[address] == 1
        if how == "429" or (how == "429-once" and first):
            return 429, {"error": "Too Many Requests"}
        if how == "500":
            return 500, {"error": "Internal Server Error"}
        if path.startswith("/reverse") and not path.startswith("/reverse_geocoding"):
            name = self._name_at(spot)
            if name is None:
                return 200, {"error": "Unable to geocode"}
            lat, lng = self.places[name]
            return 200, {
                "place_id": 2,
                "lat": f"{lat:.7f}",
                "lon": f"{lng:.7f}",
                "display_name": f"{name}附近",
            }
        if path.startswith("/reverse_geocoding/v3"):
            name = self._name_at(spot)
            blat, blng = (float(v) for v in query["location"].split(","))
            return 200, {
                "status": 0,
                "result": {
                    "location": {"lat": blat, "lng": blng},
                    "formatted_address": f"{name}附近" if name else "",
                },
            }
        if path.startswith("/search"):
            return self._nominatim(address)
        if path.startswith("/geocoding/v3"):
            return self._baidu(address, how)
        if path.startswith("/v3/geocode/geo"):
            return self._amap(address, how)
        if path.startswith("/v3/geocode/regeo"):
            name = self._name_at(spot)  # AMap says [] where it names nothing
            return 200, {
                "status": "1",
                "info": "OK",
                "infocode": "10000",
                "regeocode": {"formatted_address": f"{name}附近" if name else []},
            }
        return 404, {"error": "not found"}

    @staticmethod
    def _spot(path: str, query: dict[str, str]) -> str | None:
        """The WGS-84 point of a reverse request as "lat,lng" (4 places), from its datum."""
        if path.startswith("/reverse_geocoding/v3"):
            lat, lng = bd09_to_wgs84(*(float(v) for v in query["location"].split(",")))
        elif path.startswith("/v3/geocode/regeo"):
            lng, lat = (float(v) for v in query["location"].split(","))
            lat, lng = gcj02_to_wgs84(lat, lng)
        elif path.startswith("/reverse"):
            lat, lng = float(query["lat"]), float(query["lon"])
        else:
            return None
        return f"{lat:.4f},{lng:.4f}"

    def _name_at(self, spot: str | None) -> str | None:
        """The known place nearest the spot within 300 m, or None."""
        if spot is None:
            return None
        lat, lng = (float(v) for v in spot.split(","))
        near = [(haversine_m(lat, lng, *p), name) for name, p in self.places.items()]
        near = [n for n in near if n[0] <= 300]
        return min(near)[1] if near else None

    def _nominatim(self, address: str) -> tuple[int, Any]:
        if address not in self.places:
            return 200, []
        lat, lng = self.places[address]
        return 200, [
            {
                "place_id": 1,
                "lat": f"{lat:.7f}",
                "lon": f"{lng:.7f}",
                "display_name": f"{address}, 中国",
                "class": "place",
                "type": "house",
            }
        ]

    def _baidu(self, address: str, how: str) -> tuple[int, Any]:
        if how == "quota":
            return 200, {"status": 302, "message": "天配额超限，限制访问"}
        if how == "badkey":
            return 200, {"status": 200, "message": "APP不存在，AK有误请检查再重试"}
        if address not in self.places:
            return 200, {"status": 1, "msg": "Internal Service Error:无相关结果", "results": []}
        lat, lng = wgs84_to_bd09(*self.places[address])
        return 200, {
            "status": 0,
            "result": {
                "location": {"lng": lng, "lat": lat},
                "precise": 1,
                "confidence": 80,
                "comprehension": 100,
                "level": "门址",
            },
        }

    def _amap(self, address: str, how: str) -> tuple[int, Any]:
        if how == "quota":
            return 200, {"status": "0", "info": "DAILY_QUERY_OVER_LIMIT", "infocode": "10044"}
        if how == "badkey":
            return 200, {"status": "0", "info": "INVALID_USER_KEY", "infocode": "10001"}
        if address not in self.places:
            return 200, {
                "status": "1",
                "info": "OK",
                "infocode": "10000",
                "count": "0",
                "geocodes": [],
            }
        lat, lng = wgs84_to_gcj02(*self.places[address])
        return 200, {
            "status": "1",
            "info": "OK",
            "infocode": "10000",
            "count": "1",
            "geocodes": [
                {
                    "formatted_address": address,
                    "level": "门牌号",
                    "location": f"{lng:.6f},{lat:.6f}",
                }
            ],
        }


@contextmanager
def fake_provider() -> Iterator[FakeProvider]:
    """A running loopback provider on a free port; stopped on exit."""
    state = FakeProvider()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive: geopy's session reuses the connection
        disable_nagle_algorithm = True  # headers and body go out at once (no 40 ms ACK wait)

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(parts.query).items()}
            status, body = state.answer(parts.path, query)
            data = json.dumps(body, ensure_ascii=False).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
