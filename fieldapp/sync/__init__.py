"""The only code that talks to a server: Remote implementations and the sync engine.

Importing this package pulls in neither psycopg nor supabase: pick a Remote explicitly from
fieldapp.sync.pg_remote or fieldapp.sync.supabase_remote.
"""

from fieldapp.sync.engine import SyncEngine, SyncJob
from fieldapp.sync.events import SyncEvent, SyncReport, SyncStatus
from fieldapp.sync.remote import Backoff, Remote, Session

__all__ = [
    "Backoff",
    "Remote",
    "Session",
    "SyncEngine",
    "SyncEvent",
    "SyncJob",
    "SyncReport",
    "SyncStatus",
]
