"""The three group-bot platforms: the request each expects and how to read its answer.

Sources. The request bodies and both signatures were checked against published material (the
platforms' own pages as quoted in guides, and SDKs that implement them, e.g. the Rust crates
dingtalk_robot/dingding and open-lark's custom_bot); the rate-limit codes 130101/660026
(DingTalk) and 9499 (Feishu) could not be confirmed there and come from the issue's brief —
they are retried like HTTP 5xx, so a wrong code only costs a dead letter instead of a retry:
- WeCom group robot (企业微信群机器人, developer.work.weixin.qq.com/document/path/91770): POST JSON
  ``{"msgtype": "markdown", "markdown": {"content": ...}}`` to the webhook (``…/cgi-bin/webhook/
  send?key=…``; the key in the URL is the credential, there is no signature); the answer is
  ``{"errcode": 0, "errmsg": "ok"}``; 45009 ("api freq out of limit") is the rate limit (a robot
  takes about 20 messages a minute).
- DingTalk custom robot (自定义机器人, 加签): ``timestamp`` = milliseconds since the epoch,
  ``string_to_sign = timestamp + "\\n" + secret``, HMAC-SHA256 keyed with the secret, Base64,
  URL-encoded, sent as the query parameters ``timestamp`` and ``sign``; body
  ``{"msgtype": "markdown", "markdown": {"title": ..., "text": ...}}``; answer ``errcode`` 0;
  130101 ("send too fast") and 660026 are the rate limits.
- Feishu/Lark custom bot (自定义机器人, 签名校验, open.feishu.cn/document/client-docs/bot-v3/
  add-custom-bot): ``timestamp`` = seconds, ``timestamp + "\\n" + secret`` is the HMAC-SHA256
  KEY over an empty message (unlike DingTalk), Base64, sent in the JSON body as ``timestamp`` and
  ``sign`` next to ``{"msg_type": "text", "content": {"text": ...}}``; the timestamp must be within
  an hour of the platform's clock; answer ``{"code": 0}``; 9499 ("too many request") or HTTP 429
  is the rate limit; 19021 is a signature that does not match.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import urllib.parse
from dataclasses import dataclass
from typing import Any

PLATFORMS = ("wecom", "dingtalk", "feishu")
RATE_LIMITED = {"wecom": {45009}, "dingtalk": {130101, 660026}, "feishu": {9499}}


@dataclass(frozen=True)
class Request:
    """One HTTP POST to a bot: the full URL (never logged) and the JSON body."""

    url: str
    body: dict[str, Any]


@dataclass(frozen=True)
class Outcome:
    """How a delivery attempt ended: delivered, worth retrying, or not (error has no secrets)."""

    delivered: bool
    retry: bool
    error: str | None = None


def dingtalk_sign(timestamp_ms: int, secret: str) -> str:
    """DingTalk's 加签: Base64(HMAC-SHA256(key=secret, msg=f"{ts}\\n{secret}")), URL-encoded."""
    digest = hmac.new(
        secret.encode(), f"{timestamp_ms}\n{secret}".encode(), hashlib.sha256
    ).digest()
    return urllib.parse.quote_plus(base64.b64encode(digest).decode())


def feishu_sign(timestamp_s: int, secret: str) -> str:
    """Feishu's 签名校验: Base64(HMAC-SHA256(key=f"{ts}\\n{secret}", msg=b""))."""
    digest = hmac.new(f"{timestamp_s}\n{secret}".encode(), b"", hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def build(
    platform: str, webhook: str, secret: str | None, title: str, text: str, at: dt.datetime
) -> Request:
    """The request for one message on a platform, signed at the instant `at` given a secret."""
    if platform == "wecom":
        content = f"### {title}\n" + "\n".join(f"> {line}" for line in text.splitlines())
        return Request(webhook, {"msgtype": "markdown", "markdown": {"content": content}})
    if platform == "dingtalk":
        url = webhook
        if secret:
            ts = int(at.timestamp() * 1000)
            sep = "&" if "?" in webhook else "?"
            url = f"{webhook}{sep}timestamp={ts}&sign={dingtalk_sign(ts, secret)}"
        markdown = f"### {title}\n\n" + "\n\n".join(text.splitlines())
        return Request(url, {"msgtype": "markdown", "markdown": {"title": title, "text": markdown}})
    if platform == "feishu":
        body: dict[str, Any] = {"msg_type": "text", "content": {"text": f"{title}\n{text}"}}
        if secret:
            ts = int(at.timestamp())
            body = {"timestamp": str(ts), "sign": feishu_sign(ts, secret)} | body
        return Request(webhook, body)
    raise ValueError(f"unknown platform {platform!r}")


def read_answer(platform: str, status: int, payload: bytes) -> Outcome:
    """Read a bot's HTTP answer: 2xx with code 0 is delivered; 5xx, 429 and the platform's
    rate-limit codes are retried; anything else is an error retrying will not fix."""
    if status >= 500 or status == 429:
        return Outcome(False, True, f"HTTP {status}")
    try:
        answer = json.loads(payload.decode("utf-8")) if payload else {}
    except (UnicodeDecodeError, json.JSONDecodeError):
        answer = None
    if not isinstance(answer, dict):
        return Outcome(False, status < 400, f"HTTP {status}: not a JSON object")
    if platform == "feishu":
        code = answer.get("code", answer.get("StatusCode"))
        msg = answer.get("msg", answer.get("StatusMessage", ""))
    else:
        code, msg = answer.get("errcode"), answer.get("errmsg", "")
    if 200 <= status < 300 and code == 0:
        return Outcome(True, False)
    detail = f"HTTP {status}, code {code}: {str(msg)[:200]}"
    if code in RATE_LIMITED.get(platform, set()):
        return Outcome(False, True, "rate limited | " + detail)
    return Outcome(False, False, detail)


def mask(url: str) -> str:
    """A webhook URL fit for a log: scheme, host and the last 4 characters only."""
    parts = urllib.parse.urlsplit(url)
    tail = url[-4:] if len(url) > 12 else ""
    return f"{parts.scheme}://{parts.hostname or '?'}/…{tail}"


def scrub(text: str, *secrets: str | None) -> str:
    """`text` with every webhook URL or secret in `secrets` replaced by its mask (or ***)."""
    for s in sorted((s for s in secrets if s), key=len, reverse=True):
        text = text.replace(s, mask(s) if "://" in s else "***")
        quoted = urllib.parse.quote_plus(s)
        if quoted != s:
            text = text.replace(quoted, "***")
    return text
