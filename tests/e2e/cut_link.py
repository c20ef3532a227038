"""A database the browser tests can cut off: a TCP proxy in front of PostgreSQL (open links are
closed, new ones accepted and never answered: a server that is gone, not one that refuses, so a
connect waits for its whole timeout), and a module's app whose server link goes through it."""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from tests.e2e.conftest import ServedApp, serve_demo


class CutProxy:
    """127.0.0.1:port → target, which the test can cut (a black hole) and restore."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.cut_off = False
        self._open: list[socket.socket] = []
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            with self._lock:
                self._open.append(client)
                if self.cut_off:
                    continue  # held open, never answered
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            with self._lock:
                self._open.append(upstream)
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        for s in (src, dst):
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)

    def _close_all(self) -> None:
        with self._lock:
            links, self._open = self._open, []
        for s in links:
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            s.close()

    def cut(self) -> None:
        """The server is gone: open links break, new ones hang."""
        self.cut_off = True
        self._close_all()

    def restore(self) -> None:
        """The server is back (hanging links are dropped, so clients connect again)."""
        self.cut_off = False
        self._close_all()

    def close(self) -> None:
        """Stop listening and drop every link."""
        self.listener.close()
        self._close_all()


@contextmanager
def proxy_for(url: str) -> Iterator[CutProxy]:
    """A cuttable proxy in front of the database at url."""
    params = conninfo_to_dict(url)
    p = CutProxy((str(params.get("host") or "127.0.0.1"), int(params.get("port") or 5432)))
    try:
        yield p
    finally:
        p.close()


@contextmanager
def app_behind(
    proxy: CutProxy, url: str, tmp_path_factory: pytest.TempPathFactory, phones_dir: Path
) -> Iterator[ServedApp]:
    """The demo app serving phones whose server link goes through the proxy."""
    params = conninfo_to_dict(url)
    params.update(host="127.0.0.1", port=str(proxy.port))
    with serve_demo(make_conninfo(**params), tmp_path_factory, phones_dir) as app:
        yield app
