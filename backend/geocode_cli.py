"""`fieldsales geocode`: the CLI side of backend/geocode.py (wired in by backend.cli)."""

from __future__ import annotations

import argparse
import logging

from backend.geocoders import PROVIDERS
from fieldapp.errors import InvalidInput


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add `geocode [--provider P] [--dry-run] [--limit N] [--retry-errors] [--reverse
    [--days N]]` to the CLI."""
    geo = sub.add_parser(
        "geocode",
        help="fill positions of customers that have an address and none (geopy)",
        description="Asks the provider (settings in FIELDSALES_GEOCODE_* environment variables, "
        "see docs/geocode.md) for each address once, keeps every answer in geocode_cache, "
        "converts to WGS-84 and lists every customer it could not place.",
    )
    geo.add_argument("--provider", choices=PROVIDERS, default="nominatim")
    geo.add_argument("--dry-run", action="store_true", help="ask nothing, write nothing")
    geo.add_argument("--limit", type=int, default=None, help="at most N customers")
    geo.add_argument(
        "--retry-errors", action="store_true", help="ask again addresses that failed with an error"
    )
    geo.add_argument(
        "--reverse",
        action="store_true",
        help="name the recent check-in positions that have no address within 150 m",
    )
    geo.add_argument(
        "--days", type=int, default=30, help="with --reverse: check-ins of the last N days"
    )
    geo.set_defaults(run=run_geocode)


def run_geocode(args: argparse.Namespace) -> int:
    """Geocode and print the report."""
    from backend.db import connect
    from backend.geocode import geocode_customers
    from backend.geocoders import config_from_env

    if args.limit is not None and not 1 <= args.limit <= 1_000_000:
        raise InvalidInput(
            f"--limit 须为1到1,000,000（不是 {args.limit}）",
            f"--limit must be 1 to 1,000,000 (not {args.limit})",
        )
    if not 1 <= args.days <= 366:
        raise InvalidInput(
            f"--days 须为1到366（不是 {args.days}）", f"--days must be 1 to 366 (not {args.days})"
        )
    # geopy's RateLimiter logs each retry with a traceback; the report lists every failure
    logging.getLogger("geopy").setLevel(logging.CRITICAL)
    cfg = config_from_env(args.provider)
    with connect(autocommit=True) as conn:
        if args.reverse:
            from backend.geocode_reverse import reverse_checkins

            rev = reverse_checkins(
                conn, cfg, days=args.days, dry_run=args.dry_run, retry_errors=args.retry_errors
            )
            print("\n".join(rev.lines()))
            return 0
        report = geocode_customers(
            conn, cfg, dry_run=args.dry_run, limit=args.limit, retry_errors=args.retry_errors
        )
    print("\n".join(report.lines()))
    return 0
