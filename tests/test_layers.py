"""The layering rule of `tools/cvmbok` (README, "How it fits together"), kept honest.

commands → workflow | sphinx → checks → engines → base: a module may import from its
own layer and from the layers below it, never from a layer above it or from a peer
layer of the same rank (the Sphinx extensions never reach into the workflow). Every
import counts, including those inside functions, and the package has no import cycle.
A new module must be placed in a layer here before it can land.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "tools" / "cvmbok"

# (layer, rank, module prefixes). The first matching prefix wins; longer prefixes first.
LAYERS: list[tuple[str, int, tuple[str, ...]]] = [
    ("commands", 5, ("cvmbok.cli", "cvmbok.__main__", "cvmbok.commands")),
    ("workflow", 4, ("cvmbok.contributions", "cvmbok.intake", "cvmbok.release", "cvmbok.builder", "cvmbok.live_preview",
                     "cvmbok.reader_checks")),
    ("sphinx", 4, ("cvmbok.sphinxext", "cvmbok.sphinx_", "cvmbok.a11y")),
    ("checks", 3, ("cvmbok.checks",)),
    ("engines", 2, ("cvmbok.policy", "cvmbok.names", "cvmbok.terms", "cvmbok.vale", "cvmbok.worked_example")),
    ("base", 1, ("cvmbok.document", "cvmbok.findings", "cvmbok.repo", "cvmbok.errors", "cvmbok.fileio",
                 "cvmbok.edition", "cvmbok.sections", "cvmbok.reproducible", "cvmbok.report",
                 "cvmbok.rules", "cvmbok.strict_yaml", "cvmbok.arithmetic", "cvmbok.limits", "cvmbok.tools", "cvmbok.locking", "cvmbok.process_group",
                 "cvmbok.strict_yaml")),
]


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def layer_of(module: str) -> tuple[str, int] | None:
    if module == "cvmbok":
        return ("base", 1)
    for name, rank, prefixes in LAYERS:
        for prefix in prefixes:
            if module == prefix or module.startswith(prefix + ".") or (prefix.endswith("_") and module.startswith(prefix)):
                return name, rank
    return None


def imports_of(module: str, path: Path, known: set[str]) -> set[str]:
    """Every cvmbok module this file imports, wherever the import statement is."""
    is_package = path.name == "__init__.py"
    package = module if is_package else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "cvmbok")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = package.split(".")
                if node.level > 1:
                    base_parts = base_parts[: len(base_parts) - (node.level - 1)]
                base = ".".join(base_parts + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            if base.split(".")[0] != "cvmbok":
                continue
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                found.add(candidate if candidate in known else base)
    found.discard(module)
    return {m for m in found if m in known}


def graph() -> dict[str, set[str]]:
    mods = modules()
    known = set(mods)
    return {m: imports_of(m, p, known) for m, p in mods.items()}


def test_every_module_has_a_layer() -> None:
    unplaced = sorted(m for m in modules() if layer_of(m) is None)
    assert not unplaced, f"place these modules in a layer in tests/test_layers.py: {unplaced}"


def test_no_module_imports_from_a_layer_above_or_beside_it() -> None:
    wrong = []
    for module, targets in graph().items():
        mine = layer_of(module)
        if mine is None:
            continue
        for target in sorted(targets):
            theirs = layer_of(target)
            if theirs is None:
                continue
            if theirs[1] > mine[1] or (theirs[1] == mine[1] and theirs[0] != mine[0]):
                wrong.append(f"{module} ({mine[0]}) imports {target} ({theirs[0]})")
    assert not wrong, "imports against the layering rule:\n" + "\n".join(wrong)


def strongly_connected(edges: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iteratively: the components with more than one module are cycles."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    result: list[list[str]] = []
    counter = 0
    for root in sorted(edges):
        if root in index:
            continue
        work: list[tuple[str, list[str]]] = [(root, sorted(edges[root]))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, pending = work[-1]
            if pending:
                nxt = pending.pop(0)
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, sorted(edges.get(nxt, ()))))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    result.append(sorted(component))
    return result


def test_the_package_has_no_import_cycle() -> None:
    cycles = strongly_connected(graph())
    assert not cycles, "import cycles: " + "; ".join(" <-> ".join(c) for c in cycles)


def test_the_layer_checker_sees_an_upward_import(tmp_path: Path) -> None:
    """The checker itself can fail: an engine importing a command is reported."""
    engine = tmp_path / "cvmbok" / "names" / "bad.py"
    engine.parent.mkdir(parents=True)
    engine.write_text("from ..commands import check\n", encoding="utf-8")
    (tmp_path / "cvmbok" / "names" / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "cvmbok" / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "cvmbok" / "commands").mkdir()
    (tmp_path / "cvmbok" / "commands" / "check.py").write_text("", encoding="utf-8")
    (tmp_path / "cvmbok" / "commands" / "__init__.py").write_text("", encoding="utf-8")
    known = {"cvmbok", "cvmbok.names", "cvmbok.names.bad", "cvmbok.commands", "cvmbok.commands.check"}
    found = imports_of("cvmbok.names.bad", engine, known)
    assert found == {"cvmbok.commands.check"}
    assert layer_of("cvmbok.commands.check")[1] > layer_of("cvmbok.names.bad")[1]  # type: ignore[index]


@pytest.mark.parametrize("edges, expected", [
    ({"a": {"b"}, "b": {"a"}}, [["a", "b"]]),
    ({"a": {"b"}, "b": {"c"}, "c": set()}, []),
    ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, [["a", "b", "c"]]),
])
def test_cycle_finder(edges: dict[str, set[str]], expected: list[list[str]]) -> None:
    assert strongly_connected(edges) == expected
