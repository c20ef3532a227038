"""A photo is what its bytes are, not what its name or label says: capture, upload, the photo
folder and download all refuse bytes that are no JPEG, PNG or WebP image of the stated type."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from fieldapp.errors import InvalidInput
from fieldapp.services.photos import photo_ext
from fieldapp.sync.errors import ServerRejected
from fieldapp.sync.pg_remote import PhotoFolder
from fieldapp.sync.remote import checked_photo, image_mime, photo_file_args

JPEG = b"\xff\xd8\xff\xe0" + bytes(64)
PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 " + bytes(64)
HTML = b"<html><script>alert(document.cookie)</script></html>"
NOT_IMAGES = [
    HTML,
    b"GIF89a" + bytes(64),
    b"\xff\xd8" + bytes(64),  # half a JPEG signature
    b"\x89PNG" + bytes(64),  # half a PNG signature
    b"RIFF\x24\x00\x00\x00WAVEfmt " + bytes(64),  # RIFF, but sound
    b"",
]


def test_the_bytes_say_what_image_it_is() -> None:
    assert [image_mime(x) for x in (JPEG, PNG, WEBP)] == ["image/jpeg", "image/png", "image/webp"]
    assert [image_mime(x) for x in NOT_IMAGES] == [None] * len(NOT_IMAGES)


def test_capture_keeps_images_by_their_bytes_and_refuses_the_rest() -> None:
    assert photo_ext(PNG, ".jpg") == "png" and photo_ext(JPEG, "") == "jpg"
    assert photo_ext(WEBP, ".png") == "webp"
    for data in NOT_IMAGES[:-1]:
        with pytest.raises(InvalidInput) as err:
            photo_ext(data, ".png")
        assert "JPEG" in err.value.message_zh and "JPEG" in err.value.message_en


def test_upload_refuses_bytes_that_are_not_the_labelled_image() -> None:
    assert photo_file_args("p1", PNG, "image/png")["p_size"] == len(PNG)
    for data, mime in [(HTML, "image/png"), (JPEG, "image/png"), (PNG, "image/webp")]:
        with pytest.raises(ServerRejected) as err:
            photo_file_args("p1", data, mime)
        assert err.value.sqlstate == "22023" and mime in err.value.message_en


def test_the_photo_folder_keeps_images_only(tmp_path: Path) -> None:
    folder = PhotoFolder(tmp_path)
    folder.write("u/a.png", PNG)
    with pytest.raises(ServerRejected):
        folder.write("u/b.png", HTML)
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == ["a.png"]


def test_a_download_that_is_not_the_recorded_image_is_not_shown() -> None:
    def meta(data: bytes, mime: str) -> dict[str, str]:
        return {"storage_path": "u/x", "mime": mime, "sha256": hashlib.sha256(data).hexdigest()}

    assert checked_photo(JPEG, meta(JPEG, "image/jpeg")) == JPEG
    with pytest.raises(ServerRejected):  # stored past the app, its SHA-256 recorded to match
        checked_photo(HTML, meta(HTML, "image/png"))
    with pytest.raises(ServerRejected, match="SHA-256"):
        checked_photo(PNG, meta(JPEG, "image/jpeg"))
