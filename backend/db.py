"""The one place that decides which PostgreSQL the service side talks to, and connects to it."""

from __future__ import annotations

import os
import tempfile
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg

from fieldapp.errors import ConnectionFailed


def embedded_data_dir() -> Path:
    """Per-user folder that holds the embedded PostgreSQL cluster."""
    import platformdirs

    return Path(platformdirs.user_data_dir("fieldsales")) / "pgdata"


def start_embedded(data_dir: Path | None = None, *, stop_at_exit: bool = False) -> str:
    """Start (or reuse) the embedded PostgreSQL server and return its URL."""
    with warnings.catch_warnings():
        # pgserver asks for a runtime folder when imported; without XDG_RUNTIME_DIR (servers,
        # containers) platformdirs warns and falls back to /tmp, which is fine here
        warnings.simplefilter("ignore")
        import pgserver

    data_dir = data_dir or embedded_data_dir()
    data_dir.mkdir(parents=True, exist_ok=True)
    try:
        server = pgserver.get_server(data_dir, cleanup_mode="stop" if stop_at_exit else None)
    except Exception as exc:  # pgserver raises plain exceptions with the server log
        raise ConnectionFailed(
            f"无法启动内置数据库（{data_dir}）：{exc}",
            f"could not start the embedded database in {data_dir}: {exc}",
        ) from exc
    return server.get_uri()


@contextmanager
def scratch_embedded() -> Iterator[str]:
    """A throwaway embedded PostgreSQL in a temporary folder: yields its URL; stopped and
    deleted afterwards."""
    with tempfile.TemporaryDirectory(prefix="fieldsales-scratch-") as folder:
        url = start_embedded(Path(folder) / "pgdata", stop_at_exit=True)
        import pgserver  # imported (its warning silenced) by start_embedded

        try:
            yield url
        finally:
            pgserver.get_server(Path(folder) / "pgdata").cleanup()


def configured_url() -> str | None:
    """The DATABASE_URL setting, or None when the embedded server is to be used."""
    return os.environ.get("DATABASE_URL") or None


def database_url() -> str:
    """DATABASE_URL when it is set, otherwise the embedded server's URL (started on demand)."""
    return configured_url() or start_embedded()


def connect(url: str | None = None, *, autocommit: bool = False) -> psycopg.Connection:
    """Open a connection to the project's database; errors come back as ConnectionFailed."""
    url = url or database_url()
    try:
        return psycopg.connect(url, autocommit=autocommit, connect_timeout=10)
    except psycopg.OperationalError as exc:
        where = _redact(url)
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ConnectionFailed(
            f"连接 {where} 失败：{reason}",
            f"could not connect to {where}: {reason}",
        ) from exc


# While a statement runs, the server notices that its client went away only if told to look
# (PostgreSQL 14+): without it, a killed import's statement runs on for minutes, holding its
# locks and the sync horizon. With it, the server ends the session within seconds.
CLIENT_CHECK_INTERVAL = "2s"


def end_with_client(conn: psycopg.Connection) -> None:
    """Make the server end this session's running statement within seconds of the client being
    killed (client_connection_check_interval, for the rest of the session). A server that cannot
    check (a platform without the kernel support) is left as it is."""
    try:
        with conn.transaction():
            conn.execute(
                "select set_config('client_connection_check_interval', %s, false)",
                (CLIENT_CHECK_INTERVAL,),
            )
    except (psycopg.errors.InvalidParameterValue, psycopg.errors.UndefinedObject):
        pass


def _redact(url: str) -> str:
    """The URL without its password, safe to print."""
    try:
        info = psycopg.conninfo.conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return "DATABASE_URL"
    host = info.get("host") or "localhost"
    port = info.get("port") or "5432"
    return f"{host}:{port}/{info.get('dbname', '')}"
