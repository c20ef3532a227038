"""Photo files: kept on the phone until their row is on the server, then uploaded once.

A photo is two things: its row in the synced photos table (what, where, who, when) and its file
in the device's photos folder. The row travels with the outbox; the file follows through
Remote.put_photo once the server has acknowledged the row (record_photo_file keeps its type, size
and SHA-256 in the database; the bytes go to Supabase Storage, or to the photo folder without
Supabase), and then moves to photos/sent/. A file whose row the server refused moves to
photos/unsent/ (kept, never retried, never deleted).
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from fieldapp.errors import InvalidInput
from fieldapp.services.i18n import Msg
from fieldapp.services.watermark import burn, readable, watermark_lines
from fieldapp.store import Store
from fieldapp.sync.errors import AuthFailed, ConnectionLost, ServerBusy, SyncError
from fieldapp.sync.remote import Remote, image_mime

log = logging.getLogger(__name__)
MIME = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".webp": "image/webp"}
MAX_BYTES = 15 * 1024 * 1024  # as record_photo_file
MAX_ATTACHED = 9  # photos on one request (the server takes up to 20)
Picked = tuple[bytes, str]  # a photo's bytes and the extension of its file name
Position = tuple[float | None, float | None, float | None]  # lat, lng, accuracy in metres
# what a photo shows (public.photos.kind): every photo has one
PHOTO_KINDS: dict[str, Msg] = {
    "storefront": Msg("门头", "Storefront"),
    "shelf": Msg("货架", "Shelf"),
    "display": Msg("陈列", "Display"),
    "competitor": Msg("竞品", "Competitor"),
    "delivery": Msg("送货", "Delivery"),
    "damage": Msg("破损", "Damage"),
    "evidence": Msg("凭证", "Evidence"),
}


def photo_ext(data: bytes, ext: str) -> str:
    """The file extension to keep a photo under, by what its bytes are (not its name);
    InvalidInput for an empty or oversized one, or one that is no JPEG, PNG or WebP image."""
    if not data:
        raise InvalidInput("照片是空的", "the photo is empty")
    if len(data) > MAX_BYTES:
        raise InvalidInput("照片太大（最大 15 MB）", "the photo is too large (15 MB at most)")
    mime = image_mime(data)
    if mime is None:
        raise InvalidInput(
            "照片须为 JPEG、PNG 或 WebP 图片", "the photo must be a JPEG, PNG or WebP image"
        )
    return next(e.lstrip(".") for e, m in MIME.items() if m == mime)


def keep_photo(
    store: Store,
    photos_dir: Path,
    row: dict[str, Any],
    data: bytes,
    ext: str,
    *,
    taker: str,
    position: Position | None = None,
) -> dict[str, Any]:
    """Write the photo's file to the phone, then its row to the outbox; row has customer_id,
    kind, taken_at, taken_by (and visit_id); the storage path is made here.

    Every photo is watermarked as it is kept (水印拍照: time, customer, who took it and the
    position with its accuracy, or 无定位) and only the watermarked JPEG is kept."""
    photo_ext(data, ext)  # empty, too large or not an image: said before decoding
    customer = store.get("customers", row["customer_id"]) or {}
    lat, lng, accuracy = position or (None, None, None)
    lines = watermark_lines(
        taken_at=dt.datetime.fromisoformat(row["taken_at"]),
        customer=str(customer.get("name") or ""),
        rep=taker,
        lat=lat,
        lng=lng,
        accuracy_m=accuracy,
    )
    data, ext = burn(data, lines), "jpg"
    photo_id = store.new_id()
    folder = (
        f"visits/{row['visit_id']}" if row.get("visit_id") else f"customers/{row['customer_id']}"
    )
    photos_dir.mkdir(parents=True, exist_ok=True)
    (photos_dir / f"{photo_id}.{ext}").write_bytes(data)
    return store.write(
        "photos", {"id": photo_id, **row, "storage_path": f"{folder}/{photo_id}.{ext}"}
    )


def photos_problem(
    photos: Sequence[Picked], photos_dir: Path | None, most: int = MAX_ATTACHED
) -> Msg | None:
    """Why these photos cannot be attached (None when they can)."""
    if photos and photos_dir is None:
        return Msg("这台设备无法保存照片", "Photos cannot be kept on this device")
    if len(photos) > most:
        return Msg(f"最多 {most} 张照片", f"At most {most} photos")
    for n, (data, ext) in enumerate(photos, start=1):
        try:
            photo_ext(data, ext)
            readable(data)  # every kept photo is decoded to be watermarked
        except InvalidInput as exc:
            return Msg(f"第 {n} 张照片：{exc.message_zh}", f"Photo {n}: {exc.message_en}")
    return None


def keep_photos(
    store: Store,
    photos_dir: Path,
    about: dict[str, Any],
    photos: Sequence[Picked],
    *,
    taker: str,
) -> list[str]:
    """keep_photo for each photo (checked by photos_problem first); their ids in order."""
    return [
        keep_photo(store, photos_dir, about, data, ext, taker=taker)["id"] for data, ext in photos
    ]


class PhotoUploads:
    """Uploads the photo files whose rows the server has (called after each sync)."""

    def __init__(self, store: Store, remote: Remote, photos_dir: Path) -> None:
        self.store, self.remote, self.dir = store, remote, photos_dir

    def waiting(self) -> list[Path]:
        """Files not uploaded yet, oldest first."""
        if not self.dir.is_dir():
            return []
        files = [p for p in self.dir.iterdir() if p.is_file() and p.suffix.lower() in MIME]
        return sorted(files, key=lambda p: p.stat().st_mtime)

    def upload(self, cancel: threading.Event | None = None) -> int:
        """Upload what can go now; returns how many went. A broken connection stops the run
        (the rest goes next time); a refused photo is set aside with a log line."""
        sent = 0
        for path in self.waiting():
            if cancel is not None and cancel.is_set():
                break
            photo_id = path.stem
            if self.store.has_pending("photos", photo_id):
                continue  # the row is still in the outbox
            if self.store.get("photos", photo_id) is None:
                self._move(path, "unsent")  # the server refused or removed the row
                continue
            try:
                self.remote.put_photo(photo_id, path.read_bytes(), MIME[path.suffix.lower()])
            except (ConnectionLost, ServerBusy, AuthFailed):
                raise  # not the photo's fault: it goes with the next sync
            except SyncError as exc:
                log.warning("photo %s refused by the server: %s", photo_id, exc)
                self._move(path, "unsent")
                continue
            self._move(path, "sent")
            sent += 1
        return sent

    def photo(self, photo_id: str) -> bytes:
        """A photo's bytes: the phone's copy when it has one, else the server's (for photos the
        user may see)."""
        try:
            photo_id = str(uuid.UUID(photo_id))
        except ValueError as exc:
            raise InvalidInput(
                f"照片编号无效：{photo_id!r}", f"not a photo id: {photo_id!r}"
            ) from exc
        local = self.local(photo_id)
        return local if local is not None else self.remote.get_photo(photo_id)

    def local(self, photo_id: str) -> bytes | None:
        """The phone's copy of a photo (taken here), if it has one."""
        for folder in (self.dir, self.dir / "sent", self.dir / "unsent"):
            for ext in MIME:
                path = folder / f"{photo_id}{ext}"
                if path.is_file():
                    return path.read_bytes()
        return None

    def _move(self, path: Path, folder: str) -> None:
        target = self.dir / folder
        target.mkdir(exist_ok=True)
        path.replace(target / path.name)
