"""Pure domain logic: dataclasses and functions with no I/O, no Flet, no numpy."""
