"""The boundary to the server: a Remote signs in, pulls and pushes (docs/sync.md) and calls the
few functions that only make sense online (approvals, ledgers), nothing else."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from fieldapp.errors import FieldSalesError

T = TypeVar("T")

PHOTO_BUCKET = "visit-photos"  # the Supabase Storage bucket (migration 20261201110000)


def image_mime(data: bytes) -> str | None:
    """The image type of a file by its first bytes (JPEG, PNG, WebP); None for anything else,
    whatever its name or label says."""
    if data[:3] == b"\xff\xd8\xff":
        return "image/jpeg"
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return "image/png"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


IMAGE_TYPES = ("image/jpeg", "image/png", "image/webp")  # as record_photo_file and the bucket


def check_image(data: bytes, where: str, mime: str | None = None) -> None:
    """ServerRejected (22023) unless the bytes are a JPEG, PNG or WebP image, of the labelled
    type when one is given (a label of another type is left to the server to refuse)."""
    from fieldapp.sync.errors import ServerRejected

    if mime is not None and mime not in IMAGE_TYPES:
        return
    found = image_mime(data)
    if found is None or (mime is not None and found != mime):
        label = mime or "JPEG, PNG or WebP"
        raise ServerRejected(
            f"照片文件的内容不是 {label} 图片：{where}",
            f"the photo file's bytes are not a {label} image: {where}",
            sqlstate="22023",
        )


def checked_photo(data: bytes, meta: dict[str, Any]) -> bytes:
    """The bytes of a downloaded photo file, if they are what photo_file recorded: the SHA-256
    and an image of the recorded type (a file stored past the app is not shown)."""
    import hashlib

    from fieldapp.sync.errors import ServerRejected

    path = meta["storage_path"]
    if hashlib.sha256(data).hexdigest() != meta["sha256"]:
        raise ServerRejected(
            f"照片文件已损坏：{path}",
            f"the stored photo file does not match its SHA-256: {path}",
        )
    check_image(data, path, meta["mime"])
    return data


def photo_file_args(photo_id: str, data: bytes, mime: str) -> dict[str, Any]:
    """The arguments of record_photo_file for a photo's bytes: id, type, size and SHA-256;
    ServerRejected when the bytes are not an image of that type."""
    import hashlib  # lazily: fieldapp/sync imports only what the packed app surely has

    check_image(data, photo_id, mime)
    return {
        "p_photo_id": photo_id,
        "p_mime": mime,
        "p_size": len(data),
        "p_sha256": hashlib.sha256(data).hexdigest(),
    }


@dataclass(frozen=True)
class Session:
    """Who is signed in: their user id (auth.uid()), email and role in the company."""

    user_id: str
    email: str
    role: str | None = None
    full_name: str | None = None


class Remote(Protocol):
    """What the sync engine needs from a server; errors are fieldapp.sync.errors subclasses."""

    @property
    def session(self) -> Session | None:
        """The signed-in user, or None."""
        ...

    def sign_in(self, email: str, password: str) -> Session:
        """Sign in; raises AuthFailed for a wrong email or password."""
        ...

    @property
    def refresh_token(self) -> str | None:
        """What lets a restarted app sign in again without the password (None: nothing)."""
        ...

    def resume(self, refresh_token: str) -> Session:
        """Sign in again with a saved refresh token; raises AuthFailed when it is no longer
        valid (revoked, expired, used)."""
        ...

    def pull(self, since: int, limit: int, after: str | None) -> dict[str, Any]:
        """One page of sync_pull."""
        ...

    def push(self, client_id: str, mutations: list[dict[str, Any]]) -> dict[str, Any]:
        """sync_push of a batch of mutations."""
        ...

    def call(self, fn: str, args: dict[str, Any]) -> Any:
        """Call a public SQL function now, as POST /rpc/<fn> would (online screens: approvals,
        ledgers). A set-returning function gives a list of row dicts, a row type a dict, a scalar
        its value."""
        ...

    def put_photo(self, photo_id: str, data: bytes, mime: str) -> str:
        """Record the file of a photo whose row the server has (record_photo_file), then store
        its bytes; returns the storage path. A retry with the same bytes changes nothing."""
        ...

    def get_photo(self, photo_id: str) -> bytes:
        """The bytes of a photo's file that the signed-in user may see."""
        ...

    def close(self) -> None:
        """Release connections."""
        ...


@dataclass(frozen=True)
class Backoff:
    """Retry policy for transient failures: exponential delays with jitter, bounded attempts."""

    attempts: int = 4
    base: float = 0.25  # seconds before the first retry (before jitter)
    cap: float = 8.0
    sleep: Callable[[float], None] = time.sleep
    rand: Callable[[], float] = random.random

    def delay(self, attempt: int) -> float:
        """Seconds to wait before retry number attempt (0-based): half fixed, half random."""
        d = min(self.cap, self.base * (2**attempt))
        return float(d / 2 + d / 2 * self.rand())

    def run(self, call: Callable[[], T]) -> T:
        """call(), retried while it raises an error marked retryable."""
        for attempt in range(self.attempts):
            try:
                return call()
            except FieldSalesError as exc:
                if not getattr(exc, "retryable", False) or attempt == self.attempts - 1:
                    raise
            self.sleep(self.delay(attempt))
        raise AssertionError("unreachable")  # pragma: no cover
