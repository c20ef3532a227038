"""Use cases the screens call: sign-in, today's route, customers, new outlets, visits, sync.

Every service works on the phone's local store first (offline) and is tested without Flet.
"""
