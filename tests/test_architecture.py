"""
The apps depend one way, from the most general to the most specific (README, "Architecture"): a module
of an app may import from the apps before it in APP_ORDER, never from one after it. Imports inside
functions count too, so a cycle cannot be hidden in one. Tests, migrations and the project package
(settings and URL roots, which wire every app together) are outside the order.
"""

import ast
from pathlib import Path

import pytest
from django.conf import settings

APP_ORDER = ["core", "sources", "skills", "roles", "postings", "extraction", "demand", "paths", "careers", "benchmarks"]
BASE = Path(settings.BASE_DIR)


def imported_apps(path):
    """(line, app) for every import in the file that names one of our apps."""
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            if top in APP_ORDER:
                yield node.lineno, top


def app_modules(app):
    return [path for path in (BASE / app).rglob("*.py") if "migrations" not in path.parts]


def test_the_order_lists_every_app_of_ours():
    ours = {name.split(".")[0] for name in settings.INSTALLED_APPS if (BASE / name.split(".")[0]).is_dir()}
    assert ours == set(APP_ORDER)
    positions = [settings.INSTALLED_APPS.index(app) for app in APP_ORDER]
    assert positions == sorted(positions), "INSTALLED_APPS lists our apps in the dependency order"


@pytest.mark.parametrize("app", APP_ORDER)
def test_an_app_imports_only_from_apps_before_it(app):
    allowed = set(APP_ORDER[: APP_ORDER.index(app) + 1])
    wrong = [
        f"{path.relative_to(BASE)}:{line} imports {imported}"
        for path in app_modules(app)
        for line, imported in imported_apps(path)
        if imported not in allowed
    ]
    assert not wrong, f"{app} may import only from {sorted(allowed)}:\n" + "\n".join(wrong)


def test_the_checker_sees_an_import_inside_a_function(tmp_path):
    module = tmp_path / "module.py"
    module.write_text("def helper():\n    from postings.models import JobPosting\n    return JobPosting\n")
    assert list(imported_apps(module)) == [(2, "postings")]
