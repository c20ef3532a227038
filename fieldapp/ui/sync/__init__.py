"""Sync (同步): what is waiting to be sent, the last sync, conflicts."""
