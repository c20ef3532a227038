"""Group-bot notifications (WeCom, DingTalk, Feishu): the outbox worker and the platforms."""

from backend.notify.platforms import build, dingtalk_sign, feishu_sign, mask, read_answer
from backend.notify.worker import Tally, backoff, run

__all__ = [
    "Tally",
    "backoff",
    "build",
    "dingtalk_sign",
    "feishu_sign",
    "mask",
    "read_answer",
    "run",
]
