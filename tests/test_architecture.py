"""The pure core stays pure: designer.domain imports no framework."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOMAIN = ROOT / "designer" / "domain"
FORBIDDEN = (
    "django",
    "rest_framework",
    "channels",
    "daphne",
    "drf_spectacular",
    "designer.library",
    "designer.live",
    "designer.web",
)


def imported_modules(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def forbidden_imports(root: Path) -> list[str]:
    bad = []
    for path in sorted(root.rglob("*.py")):
        for name in imported_modules(path):
            if any(name == f or name.startswith(f + ".") for f in FORBIDDEN):
                bad.append(f"{path.relative_to(root)} imports {name}")
    return bad


def test_no_module_of_the_core_imports_a_framework() -> None:
    assert forbidden_imports(DOMAIN) == []


def test_the_check_catches_a_core_module_importing_django(tmp_path: Path) -> None:
    (tmp_path / "model.py").write_text("from django.db import models\n")
    assert forbidden_imports(tmp_path) == ["model.py imports django.db"]


def test_importing_the_core_loads_no_framework_at_runtime() -> None:
    code = (
        "import sys, pkgutil, importlib, designer.domain as d\n"
        "for m in pkgutil.walk_packages(d.__path__, 'designer.domain.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = [n for n in sys.modules if n.split('.')[0] in ('django', 'rest_framework', 'channels')]\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_import_linter_contract_holds() -> None:
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(
        [str(lint_imports)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "KEPT" in result.stdout
