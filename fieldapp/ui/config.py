"""What the app needs to start: the server (demo or Supabase), where phones keep their files,
demo extras — from arguments, then the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from fieldapp.services.demo import DemoUser
from fieldapp.services.device import DEMO, SUPABASE
from fieldapp.services.phone import ServerConfig


@dataclass(frozen=True)
class AppConfig:
    """What the app needs to start: the server, where phones keep their files, demo extras."""

    server: ServerConfig
    data_dir: Path
    summary: dict[str, int] | None = None
    demo_users: list[DemoUser] | None = field(default=None)


def data_dir(store_dir: str | Path | None = None) -> Path:
    """Where phones keep their stores: store_dir, FIELDAPP_DATA_DIR, Flet's app storage, ~."""
    chosen = (
        store_dir
        or os.environ.get("FIELDAPP_DATA_DIR")
        or os.environ.get("FLET_APP_STORAGE_DATA")
        or Path.home() / ".fieldsales" / "phones"
    )
    return Path(chosen)


def config_from_env(
    summary: dict[str, int] | None = None,
    *,
    database_url: str | None = None,
    store_dir: str | Path | None = None,
) -> AppConfig:
    """The configuration from arguments, then the environment."""
    url = database_url or os.environ.get("FIELDAPP_DATABASE_URL")
    if url:
        server = ServerConfig(DEMO, database_url=url)
    else:
        server = ServerConfig(
            SUPABASE,
            supabase_url=os.environ.get("SUPABASE_URL"),
            supabase_key=os.environ.get("SUPABASE_ANON_KEY"),
        )
    return AppConfig(server=server, data_dir=data_dir(store_dir), summary=summary)
