"""The package's layout holds the flow: each stage imports only the stages
before it (reading never imports linking, series or writing), and no module
imports another that imports it back."""

from __future__ import annotations

import ast
from pathlib import Path

from pelican.plugins.jekyll_posts import origin

PACKAGE = "pelican.plugins.jekyll_posts"
# A module may import its own stage and those below it, never one above.
STAGES = {
    "diagnostics": 0, "markers": 0, "text_files": 0, "origin": 0, "fences": 0,
    "config": 1,
    "source": 2, "state": 2,
    "kramdown": 3, "liquid": 3,
    "read": 4,
    "link": 5, "report": 5,
    "series": 6,
    "write": 7,
    "linking": 8, "plugin": 8, "doctor": 8, "__init__": 8,
}  # fmt: skip


def modules() -> dict[str, Path]:
    found = {}
    for path in origin.FOLDER.rglob("*.py"):
        parts = path.relative_to(origin.FOLDER).with_suffix("").parts
        if parts[-1] == "__init__" and len(parts) > 1:
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The plugin's modules `name` imports at module level."""
    package = name.split(".")[:-1] if path.name != "__init__.py" else name.split(".")
    if name == "__init__":
        package = []
    found = set()
    for node in ast.parse(path.read_text("utf-8")).body:
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                target = ".".join([*base, *(node.module or "").split(".")]).strip(".")
            elif (node.module or "").startswith(PACKAGE):
                target = node.module[len(PACKAGE) :].strip(".")
            else:
                continue
            for alias in node.names:
                sub = f"{target}.{alias.name}".strip(".")
                found.add(sub if sub in known else target or "__init__")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith(PACKAGE + "."):
                    found.add(alias.name[len(PACKAGE) + 1 :])
    return {f for f in found if f in known and f != name}


def stage(name: str) -> int:
    return STAGES[name.split(".")[0]]


def test_every_module_has_a_stage():
    assert {m.split(".")[0] for m in modules()} <= STAGES.keys()


def test_no_module_imports_a_later_stage():
    found = modules()
    upward = [
        f"{name} imports {target}"
        for name, path in found.items()
        for target in imports(name, path, set(found))
        if stage(target) > stage(name)
    ]
    assert upward == []


def test_reading_never_imports_linking_series_or_writing():
    found = modules()
    reading = [n for n in found if n.split(".")[0] in ("source", "read", "config")]
    later = ("link", "linking", "series", "write", "report", "plugin")
    assert [
        (name, target)
        for name in reading
        for target in imports(name, found[name], set(found))
        if target.split(".")[0] in later
    ] == []


def test_no_import_cycles():
    found = modules()
    graph = {name: imports(name, path, set(found)) for name, path in found.items()}
    cycles = []

    def visit(name: str, trail: list[str]) -> None:
        for target in graph[name]:
            if target in trail:
                cycles.append(trail[trail.index(target) :] + [target])
            elif target not in done:
                visit(target, [*trail, target])
        done.add(name)

    done: set[str] = set()
    for name in sorted(graph):
        if name not in done:
            visit(name, [name])
    assert cycles == []


def test_the_layout_test_sees_imports():
    found = modules()
    assert "read.reader" in found and "liquid.filters" in found
    reader = imports("read.reader", found["read.reader"], set(found))
    assert {"liquid.render", "source.documents", "kramdown.dialect"} <= reader
