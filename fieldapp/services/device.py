"""One phone's files: the local store, the saved session and photos, under one folder."""

from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path

from fieldapp.store.errors import StoreError

DEMO, SUPABASE = "demo", "supabase"
ROLES = ("rep", "area_manager", "manager", "dealer")


@dataclass(frozen=True)
class SignedIn:
    """The user this phone works for; kept on the phone so a restart needs no network."""

    user_id: str
    email: str
    role: str | None
    full_name: str | None
    mode: str  # demo (direct PostgreSQL, no password) or supabase (email + password)
    server: str  # the server's address without secrets, for the settings screen
    signed_in_at: str


class PhoneFolder:
    """The folder that holds one phone's files: store.db, session.json, token, photos/."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    @classmethod
    def in_dir(cls, data_dir: str | Path, device_id: str) -> PhoneFolder:
        """The folder for a device id (web mode keeps one folder per browser)."""
        safe = re.sub(r"[^A-Za-z0-9_-]", "", device_id)[:64] or "phone"
        return cls(Path(data_dir) / safe)

    @property
    def store_path(self) -> Path:
        """The SQLite file of the local store."""
        return self.root / "store.db"

    @property
    def session_path(self) -> Path:
        """The saved sign-in."""
        return self.root / "session.json"

    @property
    def photos_dir(self) -> Path:
        """Photos taken on visits, kept until they are uploaded."""
        return self.root / "photos"

    def ensure(self) -> None:
        """Create the folder."""
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"无法创建数据目录 {self.root}：{exc}", f"cannot create {self.root}: {exc}"
            ) from exc

    def load_session(self) -> SignedIn | None:
        """The saved sign-in, or None (also when the file is unreadable)."""
        try:
            data = json.loads(self.session_path.read_text(encoding="utf-8"))
            return SignedIn(**data)
        except (OSError, ValueError, TypeError):
            return None

    def save_session(self, who: SignedIn) -> None:
        """Save the sign-in atomically (a crash leaves the old file or the new one)."""
        self.ensure()
        tmp = self.session_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(who), ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self.session_path)

    def forget_session(self) -> None:
        """Remove the saved sign-in and its token."""
        self.session_path.unlink(missing_ok=True)
        self.token_path.unlink(missing_ok=True)

    @property
    def token_path(self) -> Path:
        """The refresh token that signs a restarted app in again (Supabase mode)."""
        return self.root / "token"

    def load_token(self) -> str | None:
        """The saved refresh token, or None."""
        try:
            return self.token_path.read_text(encoding="utf-8").strip() or None
        except OSError:
            return None

    def save_token(self, token: str | None) -> None:
        """Save (or with None remove) the refresh token, readable by this user only."""
        if token is None:
            self.token_path.unlink(missing_ok=True)
            return
        self.ensure()
        tmp = self.token_path.with_suffix(".tmp")
        tmp.touch(mode=0o600)
        tmp.write_text(token, encoding="utf-8")
        os.replace(tmp, self.token_path)

    def wipe_store(self) -> None:
        """Delete the local store and photos (the caller has closed the store)."""
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{self.store_path}{suffix}").unlink(missing_ok=True)
        shutil.rmtree(self.photos_dir, ignore_errors=True)
