"""Flet user interface of the field app."""
