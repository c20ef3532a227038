"""What the sync engine tells the UI: events while it runs, a status, and a report at the end."""

from __future__ import annotations

from dataclasses import dataclass, field

IDLE, PUSHING, PULLING = "idle", "pushing", "pulling"


@dataclass
class SyncReport:
    """What one sync did."""

    applied: int = 0
    duplicate: int = 0
    conflict: int = 0
    rejected: int = 0
    pulled: int = 0  # rows stored
    removed: int = 0  # rows dropped (tombstones)
    revoked: int = 0
    pages: int = 0
    resets: int = 0
    cancelled: bool = False
    seconds: float = 0.0

    @property
    def pushed(self) -> int:
        """Mutations the server answered."""
        return self.applied + self.duplicate + self.conflict + self.rejected


@dataclass(frozen=True)
class SyncEvent:
    """One step of a sync, posted from the sync thread (kind: started, progress, conflicts,
    finished, cancelled, failed, busy)."""

    kind: str
    phase: str = IDLE
    done: int = 0
    total: int | None = None
    message_zh: str = ""
    message_en: str = ""
    report: SyncReport | None = None


@dataclass(frozen=True)
class SyncStatus:
    """Everything the sync screen shows."""

    running: bool
    phase: str
    done: int
    total: int | None
    pending: int
    last_sync_at: str | None
    last_error: dict[str, str] | None = field(default=None)
