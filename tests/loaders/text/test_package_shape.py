"""The extraction package stays readable (issue 16): no module over 600 lines, and the
registry and the extractor share their word lists through a module both import, and the
registry never imports the extractor."""

from __future__ import annotations

import ast
from pathlib import Path

import educoop.loaders.registry
import educoop.loaders.text

PACKAGE = Path(educoop.loaders.text.__file__).parent


def _imported(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    modules: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
        elif isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
    return modules


def test_no_module_of_the_extraction_package_is_over_600_lines():
    sizes = {path.name: len(path.read_text("utf-8").splitlines()) for path in PACKAGE.glob("*.py")}
    assert len(sizes) > 5
    assert {name: size for name, size in sizes.items() if size > 600} == {}


def test_the_registry_does_not_import_the_extractor():
    registry = _imported(Path(educoop.loaders.registry.__file__))
    assert not {m for m in registry if m.startswith("educoop.loaders.text")}


def test_the_registry_and_the_extractor_share_the_vocabulary_module():
    used = set().union(*(_imported(path) for path in PACKAGE.glob("*.py")))
    assert "educoop.loaders.vocabulary" in used
    assert "educoop.loaders.vocabulary" in _imported(Path(educoop.loaders.registry.__file__))
