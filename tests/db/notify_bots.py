"""Loopback group bots for the notification tests: one HTTP server per platform on 127.0.0.1
(random port, a thread) that checks the documented request body and signature, independently
of backend/notify, and answers as told: success, 5xx, a timeout or the platform's rate limit."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

# what each platform answers for success, a rate limit and a bad signature
OK = {"wecom": {"errcode": 0, "errmsg": "ok"}, "dingtalk": {"errcode": 0, "errmsg": "ok"},
      "feishu": {"code": 0, "msg": "success", "data": {}}}  # fmt: skip
LIMITED = {"wecom": {"errcode": 45009, "errmsg": "api freq out of limit"},
           "dingtalk": {"errcode": 130101, "errmsg": "send too fast"},
           "feishu": {"code": 9499, "msg": "Too Many Request"}}  # fmt: skip
BAD_SIGN = {"wecom": {"errcode": 93000, "errmsg": "invalid webhook url"},
            "dingtalk": {"errcode": 310000, "errmsg": "sign not match"},
            "feishu": {"code": 19021, "msg": "sign match fail"}}  # fmt: skip


@dataclass
class Bot:
    """A loopback bot. `script` is consumed one answer per request ("ok", "5xx", "timeout",
    "ratelimit", "429"); when empty every request succeeds. `delivered` holds the message text of
    each request answered with success; `refused` what failed the checks."""

    platform: str
    secret: str | None
    token: str = "TOKEN-0123456789abcdef"
    script: list[str] = field(default_factory=list)
    delivered: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    requests: int = 0
    url: str = ""
    hold: float = 1.5  # seconds a "timeout" answer waits (the client's timeout is shorter)

    def check(self, path: str, body: dict[str, Any]) -> str | None:
        """The message text when the request is what the platform documents, else raise."""
        parts = urllib.parse.urlsplit(path)
        query = urllib.parse.parse_qs(parts.query)
        if self.platform == "wecom":
            assert parts.path == "/cgi-bin/webhook/send" and query["key"] == [self.token]
            assert set(body) == {"msgtype", "markdown"} and body["msgtype"] == "markdown"
            assert set(body["markdown"]) == {"content"}
            return str(body["markdown"]["content"])
        if self.platform == "dingtalk":
            assert parts.path == "/robot/send" and query["access_token"] == [self.token]
            ts = query["timestamp"][0]
            assert ts.isdigit() and len(ts) == 13  # milliseconds
            assert self.secret is not None
            want = base64.b64encode(
                hmac.new(self.secret.encode(), f"{ts}\n{self.secret}".encode(), "sha256").digest()
            ).decode()
            assert query["sign"] == [want], "DingTalk signature does not match"
            assert body["msgtype"] == "markdown" and set(body["markdown"]) == {"title", "text"}
            return str(body["markdown"]["text"])
        assert parts.path == f"/open-apis/bot/v2/hook/{self.token}"
        assert set(body) == {"timestamp", "sign", "msg_type", "content"}
        ts = body["timestamp"]
        assert isinstance(ts, str) and ts.isdigit() and len(ts) == 10  # seconds
        assert self.secret is not None
        key = f"{ts}\n{self.secret}".encode()
        want = base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode()
        assert body["sign"] == want, "Feishu signature does not match"
        assert body["msg_type"] == "text" and set(body["content"]) == {"text"}
        return str(body["content"]["text"])

    def answer(self, path: str, raw: bytes) -> tuple[int, dict[str, Any]]:
        self.requests += 1
        try:
            text = self.check(path, json.loads(raw))
        except (AssertionError, KeyError, ValueError) as exc:
            self.refused.append(f"{path}: {exc}")
            return 200, BAD_SIGN[self.platform]
        step = self.script.pop(0) if self.script else "ok"
        if step == "5xx":
            return 502, {"error": "bad gateway"}
        if step == "429":
            return 429, {"code": 9499, "msg": "Too Many Request"}
        if step == "ratelimit":
            return 200, LIMITED[self.platform]
        if step == "timeout":
            time.sleep(self.hold)
            return 503, {"error": "too late"}
        self.delivered.append(str(text))
        return 200, OK[self.platform]


def _handler(bot: Bot) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            status, payload = bot.answer(self.path, raw)
            data = json.dumps(payload).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except OSError:
                pass  # the client gave up (timeout)

        def log_message(self, *args: Any) -> None:
            pass

    return Handler


@contextmanager
def serve(bot: Bot) -> Iterator[Bot]:
    """Run the bot on a random loopback port; bot.url is its webhook URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(bot))
    server.daemon_threads = True
    host, port = server.server_address[:2]
    base = f"http://{host}:{port}"
    bot.url = {
        "wecom": f"{base}/cgi-bin/webhook/send?key={bot.token}",
        "dingtalk": f"{base}/robot/send?access_token={bot.token}",
        "feishu": f"{base}/open-apis/bot/v2/hook/{bot.token}",
    }[bot.platform]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield bot
    finally:
        server.shutdown()
        server.server_close()
