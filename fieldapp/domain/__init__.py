"""Pure domain logic: dataclasses and functions with no I/O, no Flet (numpy only where a
vectorised index needs it: the map's clustering; Flet packs numpy for Android and iOS)."""
