"""`fieldsales notify run|set-secret`: deliver the group-bot outbox; store a webhook or secret."""

from __future__ import annotations

import argparse
import logging
import re
import sys
from typing import Any

from fieldapp.errors import InvalidInput


def add_parser(sub: Any) -> None:
    """Add `notify run` and `notify set-secret` to an argparse subparsers object."""
    notify = sub.add_parser("notify", help="alerts to WeCom, DingTalk and Feishu group bots")
    tasks = notify.add_subparsers(required=True, metavar="TASK")
    run = tasks.add_parser("run", help="deliver the queued notifications (forever, or --once)")
    run.add_argument("--once", action="store_true", help="deliver what is due, then stop")
    run.add_argument("--batch", type=_positive, default=20, help="rows claimed at a time (20)")
    run.add_argument("--timeout", type=float, default=10.0, help="HTTP timeout, seconds (10)")
    run.add_argument("--poll", type=float, default=5.0, help="seconds between polls (5)")
    run.set_defaults(run=run_notify)
    sec = tasks.add_parser(
        "set-secret",
        help="store a webhook URL or signing secret read from stdin as secret:NAME",
    )
    sec.add_argument("name", type=_secret_name)
    sec.set_defaults(run=run_set_secret)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= 1000:
        raise argparse.ArgumentTypeError(
            f"应为1到1000之间的整数：{text!r} | must be a whole number from 1 to 1000: {text!r}"
        )
    return value


def _secret_name(text: str) -> str:
    if not re.fullmatch(r"[a-z][a-z0-9_.]{0,63}", text):
        raise argparse.ArgumentTypeError(
            f"密钥名只能用小写字母、数字、点和下划线：{text!r}"
            f" | a secret name is lower-case letters, digits, dots and underscores: {text!r}"
        )
    return text


def _connect() -> Any:
    from backend.db import connect
    from backend.migrate import migrate

    conn = connect(autocommit=True)
    migrate(conn)
    return conn


def run_notify(args: argparse.Namespace) -> int:
    """Deliver the outbox; print what was sent, retried later and given up."""
    from backend.notify import run

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    with _connect() as conn:
        tally = run(conn, once=args.once, batch=args.batch, timeout=args.timeout, poll=args.poll)
    sys.stdout.write(
        f"推送完成 | notifications sent: {tally.sent}, to retry: {tally.retried},"
        f" given up: {tally.dead}\n"
    )
    return 0


def run_set_secret(args: argparse.Namespace) -> int:
    """Store stdin's first line as private.notify_secrets[name] (never from the command line,
    which would keep it in the shell's history)."""
    value = sys.stdin.readline().strip()
    if not value or len(value) > 2000:
        raise InvalidInput(
            "请从标准输入提供1到2000个字符的值（Webhook 地址或密钥）",
            "give the value (a webhook URL or a secret, 1 to 2,000 characters) on stdin",
        )
    with _connect() as conn:
        conn.execute(
            "insert into private.notify_secrets (name, value) values (%s, %s)"
            " on conflict (name) do update set value = excluded.value, updated_at = now()",
            (args.name, value),
        )
    sys.stdout.write(f"已保存 | stored: secret:{args.name}\n")
    return 0
