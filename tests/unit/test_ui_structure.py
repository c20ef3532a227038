"""The UI's shape: feature folders whose screens open each other by name through the route
registry (fieldapp.ui.routes), never by import, and no import circle anywhere in fieldapp.ui.

Imports are read from the source (every import: module level, inside functions, under
TYPE_CHECKING), so a circle that only the type checker follows counts too."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

import fieldapp.ui
from fieldapp.ui.routes import ROUTES, screen_class
from fieldapp.ui.screen import Screen
from tests.conftest import ROOT

UI = ROOT / "fieldapp" / "ui"


def _name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_name(p): p for p in sorted(UI.rglob("*.py"))}


def _imports(module: str, path: Path) -> set[str]:
    """The fieldapp.ui modules this file imports, with the packages that importing runs."""
    found: set[str] = set()
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*up, *([base] if base else [])])
            # `from pkg import mod` imports the module pkg.mod; `from mod import name` only mod
            targets = [
                f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names
            ]
        else:
            continue
        for target in targets:
            parts = target.split(".")
            for i in range(3, len(parts) + 1):  # fieldapp.ui.x, fieldapp.ui.x.y, ...
                if ".".join(parts[:i]) in MODULES:
                    found.add(".".join(parts[:i]))
    found.discard(module)
    return found


GRAPH = {m: _imports(m, p) for m, p in MODULES.items()}
SCREEN_MODULES = {f"fieldapp.ui.{target.partition(':')[0]}" for target in ROUTES.values()}


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One circle (as a path back to its start) per strongly connected group of modules."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(m: str) -> None:  # Tarjan
        index[m] = low[m] = len(index)
        stack.append(m)
        for n in sorted(graph.get(m, ())):
            if n not in index:
                visit(n)
                low[m] = min(low[m], low[n])
            elif n in stack:
                low[m] = min(low[m], index[n])
        if low[m] == index[m]:
            group = []
            while True:
                n = stack.pop()
                group.append(n)
                if n == m:
                    break
            if len(group) > 1:
                groups.append(group)

    for m in sorted(graph):
        if m not in index:
            visit(m)
    return [_path_round(graph, set(g), min(g)) for g in groups]


def _path_round(graph: dict[str, set[str]], group: set[str], start: str) -> list[str]:
    """A shortest way from start back to start inside group."""
    paths = {start: [start]}
    todo = [start]
    while todo:
        m = todo.pop(0)
        for n in sorted(graph[m] & group):
            if n == start:
                return [*paths[m], start]
            if n not in paths:
                paths[n] = [*paths[m], n]
                todo.append(n)
    raise AssertionError("not a circle")


def test_the_circle_finder_finds_circles() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set(), "e": {"e2"}, "e2": {"e"}}
    assert sorted(_circles(graph)) == [["a", "b", "c", "a"], ["e", "e2", "e"]]
    assert _circles({"a": {"b"}, "b": set()}) == []


def test_the_import_reader_sees_every_kind_of_import() -> None:
    # a lazy import inside a function, a type-only one, and `from package import module`
    assert "fieldapp.ui.widgets" in GRAPH["fieldapp.ui.shell"]  # inside _fill_view
    assert "fieldapp.ui.screen" in GRAPH["fieldapp.ui.sync_runner"]  # under TYPE_CHECKING
    assert "fieldapp.ui.map.map_sheets" in GRAPH["fieldapp.ui.map.map"]
    assert {"fieldapp.ui.visit", "fieldapp.ui.visit.visit_reports"} <= GRAPH[
        "fieldapp.ui.visit.visit_sections"
    ]


def test_no_import_circle_in_the_ui() -> None:
    assert _circles(GRAPH) == []


def test_no_module_imports_a_screen_module() -> None:
    """Screens open each other (and the shell opens them) by route name only: a screen module
    is imported by the registry when first opened, never by another module. So no feature
    folder reaches into another's screens; a feature's parts (visit_sections, map_sheets,
    plan_parts, ledger_common ...) are imported by its screens and import no screen back."""
    bad = sorted((m, n) for m, targets in GRAPH.items() for n in targets if n in SCREEN_MODULES)
    assert bad == []


def test_screens_live_in_feature_folders() -> None:
    for module in SCREEN_MODULES:
        _, _, feature, *rest = module.split(".")
        assert len(rest) == 1 and feature != "widgets", module
        assert (UI / feature / "__init__.py").exists(), module


def _all_screen_classes() -> set[type[Screen]]:
    for info in pkgutil.walk_packages(fieldapp.ui.__path__, "fieldapp.ui."):
        importlib.import_module(info.name)
    found: set[type[Screen]] = set()
    todo = [Screen]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub.__module__.startswith("fieldapp.ui.") and sub not in found:
                found.add(sub)
                todo.append(sub)
    return found


def test_every_route_opens_a_screen_and_every_screen_has_a_route() -> None:
    registered = {name: screen_class(name) for name in ROUTES}
    for name, cls in registered.items():
        assert issubclass(cls, Screen), name
    leaves = {c for c in _all_screen_classes() if not c.__subclasses__()}
    assert leaves - set(registered.values()) == set()
    assert len(leaves) == len(registered) == len(set(registered.values()))


def _open_calls() -> list[tuple[str, int, ast.Call]]:
    calls = []
    for module, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "open"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                calls.append((module, node.lineno, node))
    return calls


def test_every_open_names_a_route_with_arguments_its_screen_takes() -> None:
    calls = _open_calls()
    assert len(calls) >= 20  # the screens' navigation, read from the source
    for module, line, call in calls:
        where = f"{module}:{line}"
        route = call.args[0].value
        assert route in ROUTES, where
        assert len(call.args) == 1, f"{where}: a screen's arguments are named"
        names = {k.arg for k in call.keywords if k.arg != "replace"}
        assert None not in names, where
        init = inspect.signature(screen_class(route)).parameters
        params = list(init.values())[1:]  # after the host
        assert names <= {p.name for p in params}, where
        required = {p.name for p in params if p.default is inspect.Parameter.empty}
        assert required <= names, where


def test_every_tab_opens_its_route() -> None:
    from fieldapp.ui.navigation import DEFAULT_TABS, TAB_ICONS, TABS

    tabs = {t for role_tabs in [*TABS.values(), DEFAULT_TABS] for t in role_tabs}
    assert tabs == set(TAB_ICONS)
    for tab in tabs:
        assert screen_class(tab).tab == tab


def test_a_screen_argument_may_have_any_name() -> None:
    """The ledger's screens take name=… (a dealer's name): the route and the host are passed
    positionally, so no screen argument can collide with them (it did: 'make_screen() got
    multiple values for argument name' on opening a ledger)."""
    from fieldapp.ui.routes import make_screen
    from fieldapp.ui.screen import Host
    from fieldapp.ui.shell import Shell

    for fn in (make_screen, Shell.open, Host.open):
        named = [
            p.name
            for p in inspect.signature(fn).parameters.values()
            if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY) and p.name != "replace"
        ]
        assert named == [] or named == ["self"], f"{fn.__qualname__} takes {named} by keyword"
    taken = {
        p
        for route in ROUTES
        for p in inspect.signature(screen_class(route).__init__).parameters
        if p not in ("self", "host", "shell")
    }
    assert "name" in taken  # the case that broke is still there to be covered
