"""ghg/ is pure: standard library only, nothing from Django or the rest of the project."""

import ast
import subprocess
import sys
from pathlib import Path

import klimanett.accounting.ghg

GHG_DIR = Path(klimanett.accounting.ghg.__file__).parent
GHG_PACKAGE = "klimanett.accounting.ghg"
MODULES = sorted(GHG_DIR.glob("*.py"))


def imported_modules(path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            yield "." * node.level + (node.module or "")


def test_ghg_modules_import_only_the_standard_library_and_each_other():
    assert MODULES
    offending = [
        f"{path.name}: {name}"
        for path in MODULES
        for name in imported_modules(path)
        if not name.startswith(".")
        and name.partition(".")[0] not in sys.stdlib_module_names
        and name != GHG_PACKAGE
        and not name.startswith(GHG_PACKAGE + ".")
    ]
    assert offending == []


def test_ghg_modules_import_without_django():
    names = [f"{GHG_PACKAGE}.{path.stem}" for path in MODULES if path.stem != "__init__"]
    code = (
        "import sys\n"
        "sys.modules['django'] = None  # any import of django now fails\n"
        f"for name in {names!r}:\n"
        "    __import__(name)\n"
        "assert not [name for name in sys.modules if name.startswith('django.')]\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
