"""Every setting the project's code reads is declared: Django's own, or in localoffer/settings/base.py (the one place
policies live, documented in README's "Policies" table). A read with a fallback, getattr(settings, NAME, default),
is refused too: the default belongs in base.py, not at the reader."""

import ast
from pathlib import Path

from django.conf import global_settings

ROOT = Path(__file__).resolve().parents[2]
SOURCE_ROOTS = ["localoffer", "directory", "feedback", "demo"]
BASE_SETTINGS = ROOT / "localoffer" / "settings" / "base.py"
DJANGO_SETTINGS = {name for name in dir(global_settings) if name.isupper()}


def source_files():
    for root in SOURCE_ROOTS:
        folder = ROOT / root
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*.py")):
            parts = path.relative_to(ROOT).parts
            if "migrations" in parts or parts[:2] == ("localoffer", "settings"):
                continue
            yield path


def declared_in(path):
    """Upper-case names assigned at module level (including inside if/else and try blocks)."""
    names = set()

    def visit(node):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda):
                continue
            if isinstance(child, ast.Assign | ast.AnnAssign | ast.AugAssign):
                targets = child.targets if isinstance(child, ast.Assign) else [child.target]
                for target in targets:
                    for name in ast.walk(target):
                        if isinstance(name, ast.Name) and name.id.isupper():
                            names.add(name.id)
            visit(child)

    visit(ast.parse(path.read_text(), filename=str(path)))
    return names


def _dotted(node):
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = _dotted(node.value)
        return f"{inner}.{node.attr}" if inner else None
    return None


def settings_reads(source, filename="<source>"):
    """([(line, NAME)], [(line, problem)]): the settings a module reads, and reads that cannot be allowed."""
    tree = ast.parse(source, filename=filename)
    # What django.conf.settings is called in this module: `from django.conf import settings [as x]`,
    # `from django import conf` (conf.settings) or `import django.conf` (django.conf.settings).
    spellings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "django.conf":
            spellings |= {alias.asname or alias.name for alias in node.names if alias.name == "settings"}
        elif isinstance(node, ast.ImportFrom) and node.module == "django":
            spellings |= {f"{alias.asname or alias.name}.settings" for alias in node.names if alias.name == "conf"}
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "django.conf":
                    spellings.add(f"{alias.asname}.settings" if alias.asname else "django.conf.settings")
                elif alias.name == "django" and not alias.asname:
                    spellings.add("django.conf.settings")

    def is_settings(node):
        return _dotted(node) in spellings

    reads, problems = [], []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr.isupper() and is_settings(node.value):
            reads.append((node.lineno, node.attr))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in {"getattr", "hasattr"}
            and node.args
            and is_settings(node.args[0])
        ):
            name = node.args[1] if len(node.args) > 1 else None
            if isinstance(name, ast.Constant) and isinstance(name.value, str):
                reads.append((node.lineno, name.value))
            else:
                problems.append((node.lineno, f"{node.func.id}(settings, ...) with a name that is not a literal"))
            if len(node.args) > 2 or node.keywords:
                problems.append((node.lineno, "getattr(settings, ..., default): declare the default in base.py"))
    return reads, problems


def test_every_setting_the_code_reads_is_declared_and_read_without_a_fallback():
    declared = declared_in(BASE_SETTINGS) | DJANGO_SETTINGS
    failures = []
    for path in source_files():
        reads, problems = settings_reads(path.read_text(), filename=str(path))
        where = path.relative_to(ROOT)
        failures += [
            f"{where}:{line}: settings.{name} is not declared in localoffer/settings/base.py"
            for line, name in reads
            if name not in declared
        ]
        failures += [f"{where}:{line}: {problem}" for line, problem in problems]
    assert not failures, "\n".join(failures)


def test_the_scan_finds_project_settings_at_all():
    """Guards the guard: if the scan stopped seeing reads, the test above would pass vacuously."""
    names = {name for path in source_files() for _line, name in settings_reads(path.read_text())[0]}
    assert {"LINK_CHECK_ALLOW_PRIVATE", "FEEDBACK_RATE_LIMIT", "SENCO_RATE_LIMIT", "WAGTAILADMIN_BASE_URL"} <= names


def test_the_scan_catches_undeclared_names_and_fallbacks():
    source = (
        "from django.conf import settings as django_settings\n"
        "import django.conf\n"
        "a = django_settings.NOT_DECLARED_ANYWHERE\n"
        "b = getattr(django_settings, 'ALSO_UNDECLARED', 3)\n"
        "c = django.conf.settings.DEBUG\n"
        "d = getattr(django_settings, name)\n"
        "e = django_settings.configured\n"
    )
    reads, problems = settings_reads(source)
    assert sorted(reads) == [(3, "NOT_DECLARED_ANYWHERE"), (4, "ALSO_UNDECLARED"), (5, "DEBUG")]
    assert [line for line, _problem in problems] == [4, 6]


def test_base_declares_every_policy():
    declared = declared_in(BASE_SETTINGS)
    assert {"REVIEW_INTERVAL_MONTHS", "LINK_CHECK_ALLOW_PRIVATE", "FEEDBACK_RATE_LIMIT", "CACHES"} <= declared
    assert "value" not in declared and "env_int" not in declared


def test_readme_policies_table_matches_base():
    """README's "Policies" table names every setting in base.py's Policies section, and each environment variable
    it names is one base.py reads."""
    base = BASE_SETTINGS.read_text()
    policies = base[base.index("# Policies:") : base.index("# (End of the Policies section")]
    in_base = {line.split(" ", 1)[0] for line in policies.splitlines() if line[:1].isupper() and " = " in line}
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("## Policies\n") :]
    section = section[: section.index("\n## ")]
    rows = [line.split("|")[1:3] for line in section.splitlines() if line.startswith("| `")]
    in_readme = {name.strip().strip("`") for name, _env in rows}
    assert in_readme == in_base
    variables = {part.strip().strip("`") for _name, env in rows for part in env.split(",") if "`" in part}
    assert {variable for variable in variables if f'"{variable}"' not in base} == set()
