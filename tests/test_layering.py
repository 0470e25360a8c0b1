"""Stages import only downwards: contract < store < ingest < nlp < crosscheck < digest < cluster
< ops < ui (``cluster`` runs the stages below it on Dask workers).

The modules are parsed, not imported, so every import counts: top-level ones, lazy ones
inside functions and ``TYPE_CHECKING`` ones alike. A lower stage that needs something from a
higher one is the sign that a function sits in the wrong layer or that a callback is missing.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

#: Lowest first. The contract package imports no stage at all.
LAYERS = (
    "thesisdesk", "store", "ingest", "nlp", "crosscheck", "digest", "cluster", "ops", "ui",
)
RANK = {name: i for i, name in enumerate(LAYERS)}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imported(tree: ast.AST, module: str, is_package: bool) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import in the tree, relative ones resolved."""
    found: list[tuple[int, str]] = []
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            found.append((node.lineno, name))
    return found


def violations(layers: tuple[str, ...] = LAYERS) -> list[str]:
    """One line per import that points at a higher stage than the importing module's."""
    bad: list[str] = []
    for layer in layers:
        for path in sorted((ROOT / layer).rglob("*.py")):
            module = _module_name(path)
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for line, name in _imported(tree, module, path.name == "__init__.py"):
                target = name.split(".")[0]
                if target in RANK and RANK[target] > RANK[layer]:
                    rel = path.relative_to(ROOT)
                    bad.append(f"{rel}:{line}: {module} ({layer}) imports {name} ({target})")
    return bad


def test_layer_packages_exist() -> None:
    missing = [name for name in LAYERS if not (ROOT / name / "__init__.py").is_file()]
    assert not missing, f"stage packages missing: {missing}"


@pytest.mark.parametrize("layer", LAYERS)
def test_no_stage_imports_a_higher_one(layer: str) -> None:
    bad = violations((layer,))
    assert not bad, "a lower stage imports a higher one:\n" + "\n".join(bad)


def test_lazy_and_relative_imports_are_seen() -> None:
    """Imports inside functions count, and ``from ..x import y`` is resolved."""
    source = "def f():\n    from ..nlp import extract\n    import digest.build\n"
    found = _imported(ast.parse(source), "store.sub.mod", is_package=False)
    assert sorted(found) == [(2, "store.nlp"), (3, "digest.build")]
