"""The shape of the house (HOUSE.md), checked on the source: the import rules themselves (no cycles, models below
views) are import-linter contracts in pyproject.toml, run by `make lint` and CI; these are what it cannot see."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUR_PACKAGES = ("localoffer", "directory", "feedback", "demo")


def source_files():
    for package in OUR_PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def imported_module(node, path):
    if isinstance(node, ast.Import):
        return node.names[0].name
    if node.level:  # relative: resolve against the file's own package
        package = path.relative_to(ROOT).with_suffix("").parts[: -node.level]
        return ".".join([*package, node.module or ""]).rstrip(".")
    return node.module or ""


def test_no_function_level_import_of_our_own_code_outside_app_ready():
    """A late import inside a function hides an import cycle; AppConfig.ready() is the one place for them."""
    found = []
    for path in source_files():
        tree = ast.parse(path.read_text(), filename=str(path))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef) or function.name == "ready":
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.Import | ast.ImportFrom):
                    module = imported_module(node, path)
                    if module.split(".")[0] in OUR_PACKAGES:
                        found.append(f"{path.relative_to(ROOT)}:{node.lineno} {function.name}() imports {module}")
    assert not found, "\n".join(found)


def test_no_prefixed_modules_at_the_top_of_an_app():
    """A prefix in a file name (schools_views.py, link_hooks.py) is a folder asking to exist."""
    offenders = [
        path.name
        for package in OUR_PACKAGES
        if (ROOT / package).is_dir()
        for path in (ROOT / package).glob("*.py")
        if path.name.startswith(("schools_", "senco_", "services_")) or path.stem.endswith("_hooks")
        if path.name != "wagtail_hooks.py"
    ]
    assert not offenders, offenders


def test_readme_layout_table_names_folders_that_exist():
    readme = (ROOT / "README.md").read_text()
    layout = readme.split("## Layout", 1)[1].split("\n## ", 1)[0]
    named = [
        cell.strip("` ") for line in layout.splitlines() if line.startswith("| `") for cell in [line.split("|")[1]]
    ]
    assert named, "README's Layout table is empty"
    missing = [name for name in named if not any((ROOT / part.strip("` ")).exists() for part in name.split(","))]
    assert not missing, missing
    for package in ("directory/services", "directory/schools", "directory/schools/senco", "directory/upkeep"):
        assert f"`{package}/`" in layout, f"README's Layout table does not say what {package}/ holds"
