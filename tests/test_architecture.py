"""
The apps depend one way, from the most general to the most specific (README, "Architecture"): a module
of an app may import from the apps before it in APP_ORDER, never from one after it. Imports inside
functions count too, so a cycle cannot be hidden in one. Tests, migrations and the project package
(settings and URL roots, which wire every app together) are outside the order.
"""

import ast
import re
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import URLResolver, get_resolver

APP_ORDER = [
    "core",
    "jobs",
    "sources",
    "skills",
    "roles",
    "postings",
    "extraction",
    "demand",
    "paths",
    "careers",
    "sitewide",
    "devtools",
]
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


# --- At run time: what no import shows -------------------------------------------------------------------
# An app can depend on a later one without importing it: a template links to the later app's page by URL
# name, code reverses that name, or a model reaches the later app's rows through the reverse relation
# the later app declares. These tests read the running project (its URL conf, its models) and the
# templates each app owns, and hold them to the same order.

URL_TAG = re.compile(r"""{%\s*url\s+(['"])([^'"]+)\1""")
INCLUDE_TAG = re.compile(r"""{%\s*include\s+(['"])([^'"]+)\1""")
REVERSING = {"reverse", "reverse_lazy", "redirect", "resolve_url", "slug_url"}


def owning_app(module):
    top = module.split(".")[0]
    return top if top in APP_ORDER else None


def view_module(pattern):
    view = pattern.callback
    view = getattr(view, "view_class", None) or getattr(view, "cls", None) or view
    return view.__module__


def url_name_apps(resolver=None, namespace=""):
    """{"ns:name" or "name": the app that owns the view}, read from the project's URL conf."""
    names = {}
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            names |= url_name_apps(entry, inner)
        elif entry.name:
            names[f"{namespace}{entry.name}"] = owning_app(view_module(entry))
    return names


def template_roots(app):
    """The templates an app owns: templates/<app>/ and the app's own templates/ folder."""
    return [root for root in (BASE / "templates" / app, BASE / app / "templates") if root.is_dir()]


def template_files(app):
    return sorted(path for root in template_roots(app) for path in root.rglob("*") if path.is_file())


def find_template(name):
    for root in (BASE / "templates", *(BASE / app / "templates" for app in APP_ORDER)):
        if (root / name).is_file():
            return root / name
    return None


def linked_url_names(path, seen=None):
    """(template, URL name) for each {% url 'name' %} in a template and in the partials it includes."""
    seen = set() if seen is None else seen
    if path in seen:
        return
    seen.add(path)
    text = path.read_text()
    for match in URL_TAG.finditer(text):
        yield path, match.group(2)
    for match in INCLUDE_TAG.finditer(text):
        included = find_template(match.group(2))
        if included is not None:
            yield from linked_url_names(included, seen)


def reversed_url_names(path):
    """(line, URL name) for each reverse("name")-like call in a module whose first argument is a literal."""
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            called = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
            if called in REVERSING and isinstance(node.args[0].value, str):
                yield node.lineno, node.args[0].value


def earlier_or_same(app, other):
    return other is None or APP_ORDER.index(other) <= APP_ORDER.index(app)


def test_the_url_names_map_to_apps():
    names = url_name_apps()
    assert names["roles:detail"] == "roles" and names["demand:role"] == "demand"
    assert names["sitewide:sitemap"] == "sitewide" and names["api:posting-list"] == "postings"
    assert names["healthz"] == "core"


def upward_links(app):
    """What an app's templates and code link to in later apps: "file links to ns:name of app"."""
    names = url_name_apps()
    wrong = set()
    for path in template_files(app):
        for template, name in linked_url_names(path):
            if name.split(":")[0] != "admin" and not earlier_or_same(app, names.get(name)):
                via = "" if template == path else f" (through {template.relative_to(BASE)})"
                wrong.add(f"{path.relative_to(BASE)}{via} links to {name} of {names[name]}")
    for path in app_modules(app):
        for _, name in reversed_url_names(path):
            if name in names and not earlier_or_same(app, names[name]):
                wrong.add(f"{path.relative_to(BASE)} reverses {name} of {names[name]}")
    return wrong


# What the checks below found when they were written (2026-12-03): the role and skill pages link to, and
# read the rows of, apps after them. Each is a run-time dependency that no import shows. Undoing them
# means moving those parts of the pages to the later app (or a page of it), which this change does not do;
# listed so that a new one fails and one that is undone must be struck off. Empty means none.
KNOWN_UPWARD_LINKS = {
    # The page a pasted CV is read on hands the skills found on to the match or the plan (a GET form).
    "extraction": {"templates/extraction/read.html links to careers:from_text of careers"},
    "skills": {
        "templates/skills/skill_detail.html (through templates/demand/includes/skill_in_demand.html)"
        " links to demand:role of demand",
        "templates/skills/skill_detail.html (through templates/includes/latest_postings.html)"
        " links to postings:list of postings",
    },
    "roles": {
        "templates/roles/role_detail.html links to careers:compare of careers",
        "templates/roles/role_detail.html links to paths:plan of paths",
        # The same "plan this move" link, moved into the card of a move the page shows twice (in and out).
        "templates/roles/move_card.html links to paths:plan of paths",
        "templates/roles/role_detail.html (through templates/roles/move_card.html) links to paths:plan of paths",
        "templates/roles/role_detail.html links to postings:list of postings",
        "templates/roles/role_list.html (through templates/includes/role_card.html) links to postings:list of postings",
        "templates/roles/role_detail.html (through templates/demand/includes/role_summary.html)"
        " links to demand:role of demand",
        "templates/roles/role_detail.html (through templates/includes/latest_postings.html)"
        " links to postings:list of postings",
        "roles/serializers.py reverses api:posting-detail of postings",
        "roles/serializers.py reverses api:posting-list of postings",
    },
}
KNOWN_UPWARD_RELATIONS = {
    "skills": {
        "skills/models.py follows Skill.role_skills → roles.RoleSkill",
        "skills/serializers.py follows Skill.roles → roles.Role",
        "skills/views.py follows Skill.postings → postings.JobPosting",
        "skills/views.py follows Skill.role_demand → demand.RoleSkillDemand",
    },
    "roles": {
        "roles/admin.py follows Role.postings → postings.JobPosting",
        "roles/models.py follows Role.postings → postings.JobPosting",
        "roles/transitions.py follows Role.paths → paths.Path",
        "roles/views.py follows Role.demand → demand.RoleDemand",
        "roles/views.py follows Role.postings → postings.JobPosting",
        "templates/roles/role_detail.html follows Role.paths → paths.Path",
    },
}


@pytest.mark.parametrize("app", APP_ORDER)
def test_an_app_links_only_to_pages_of_apps_before_it(app):
    """{% url %} in the templates it owns (and the partials they include), and reverse() in its code."""
    assert upward_links(app) == KNOWN_UPWARD_LINKS.get(app, set())


def test_every_url_tag_names_a_url_that_exists():
    names = url_name_apps()
    unknown = [
        f"{template.relative_to(BASE)}: {name}"
        for app in APP_ORDER
        for path in template_files(app)
        for template, name in linked_url_names(path)
        if name not in names and name.split(":")[0] != "admin"
    ]
    assert not unknown


def our_models():
    return [model for model in apps.get_models() if model._meta.app_label in APP_ORDER]


def test_relations_point_to_models_of_the_same_or_an_earlier_app():
    wrong = [
        f"{model._meta.label}.{field.name} → {field.related_model._meta.label}"
        for model in our_models()
        for field in model._meta.get_fields()
        if field.concrete
        and field.is_relation
        and field.related_model._meta.app_label in APP_ORDER
        and not earlier_or_same(model._meta.app_label, field.related_model._meta.app_label)
    ]
    assert not wrong, "a relation points to a later app:\n" + "\n".join(wrong)


def upward_accessors(app):
    """{name: "Model.name → later.Model"}: the reverse relations later apps add to the app's models."""
    found = {}
    for model in our_models():
        if model._meta.app_label != app:
            continue
        for relation in model._meta.related_objects:
            later = relation.related_model._meta.label
            if not earlier_or_same(app, owning_app(later)):
                for name in {relation.get_accessor_name(), relation.field.related_query_name()} - {None}:
                    found[name] = f"{model.__name__}.{name} → {later}"
    return found


def followed_names(path):
    """Names a module may follow a relation by: attributes (`role.postings`) and lookups outside dict keys
    ("postings", "postings__status", later_app_model(Role, "postings"))."""
    tree = ast.parse(path.read_text(), filename=str(path))
    keys = {id(key) for node in ast.walk(tree) if isinstance(node, ast.Dict) for key in node.keys}
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            yield node.attr
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in keys:
            yield node.value.lstrip("-").split("__")[0]


TEMPLATE_CODE = re.compile(r"{[{%].*?[%}]}", re.DOTALL)


def followed_in_template(path):
    for code in TEMPLATE_CODE.findall(path.read_text()):
        yield from re.findall(r"\.(\w+)", code)


def upward_relations(app):
    accessors = upward_accessors(app)
    sources = [(path, followed_names) for path in app_modules(app)]
    sources += [(path, followed_in_template) for path in template_files(app)]
    return {
        f"{path.relative_to(BASE)} follows {accessors[name]}"
        for path, names in sources
        for name in names(path)
        if name in accessors
    }


@pytest.mark.parametrize("app", APP_ORDER)
def test_an_app_follows_reverse_relations_only_into_apps_before_it(app):
    assert upward_relations(app) == KNOWN_UPWARD_RELATIONS.get(app, set())


def test_the_run_time_checkers_see_a_link_and_a_relation_into_a_later_app(tmp_path, monkeypatch):
    template = tmp_path / "templates" / "skills" / "page.html"
    template.parent.mkdir(parents=True)
    template.write_text("{% url 'paths:plan' %} {{ skill.postings.count }}")
    (tmp_path / "skills").mkdir()
    (tmp_path / "skills" / "views.py").write_text("def f(skill):\n    return skill.role_demand.all()\n")
    monkeypatch.setattr(sys.modules[__name__], "BASE", tmp_path)
    assert upward_links("skills") == {"templates/skills/page.html links to paths:plan of paths"}
    assert upward_relations("skills") == {
        "skills/views.py follows Skill.role_demand → demand.RoleSkillDemand",
        "templates/skills/page.html follows Skill.postings → postings.JobPosting",
    }
