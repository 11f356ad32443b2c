"""
A client generated from the schema by openapi-python-client works against the running app, anonymously:
every read endpoint, pagination, filters, detail by slug, match and compare, and a conditional GET whose
304 the client handles. It raises on any status the schema does not declare (raise_on_unexpected_status).
"""

import importlib
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import call_command
from rest_framework.views import APIView

PACKAGE = "careerguide_client"


def generator():
    found = Path(sys.executable).with_name("openapi-python-client")
    return str(found) if found.exists() else shutil.which("openapi-python-client")


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """The generated client package, imported from a temporary directory."""
    if not generator():
        pytest.skip("openapi-python-client is not installed (requirements-dev.txt lists it)")
    work = tmp_path_factory.mktemp("client")
    call_command("spectacular", "--file", str(work / "schema.yaml"))
    (work / "config.yaml").write_text("post_hooks: []\n")  # no formatter run: nothing here reads the style
    subprocess.run(
        [generator(), "generate", "--path", str(work / "schema.yaml"), "--output-path", str(work / PACKAGE)]
        + ["--meta", "none", "--config", str(work / "config.yaml")],
        check=True,
        capture_output=True,
        timeout=120,
    )
    sys.path.insert(0, str(work))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(work))
        for name in [name for name in sys.modules if name.split(".")[0] == PACKAGE]:
            del sys.modules[name]


def api(package, operation):
    return importlib.import_module(f"{package.__name__}.api.v1.{operation}")


def models(package):
    return importlib.import_module(f"{package.__name__}.models")


# serialized_rollback: the flush after this test then leaves the database as the migrations made it (the
# Curators group, content types), as the other live-server tests expect.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_generated_client_reads_every_endpoint_anonymously(generated, live_server, guide, monkeypatch):
    # The anonymous rate limit has tests of its own; here it would only make this one depend on what ran before.
    monkeypatch.setattr(APIView, "throttle_classes", [])
    client = generated.Client(base_url=live_server.url, raise_on_unexpected_status=True)  # no token
    m = models(generated)

    # Lists, with a second page reached through the `next` link.
    first = api(generated, "v1_roles_list").sync(client=client, page_size=2)
    assert isinstance(first, m.PaginatedRoleList) and isinstance(first.count, int) and first.count > 2
    assert all(isinstance(role, m.Role) for role in first.results) and len(first.results) == 2
    page = int(parse_qs(urlsplit(first.next_).query)["page"][0])
    second = api(generated, "v1_roles_list").sync(client=client, page=page, page_size=2)
    assert second.previous and {r.slug for r in second.results}.isdisjoint({r.slug for r in first.results})
    role = first.results[0]
    assert isinstance(role.skills[0], m.SkillLink) and isinstance(role.skills[0].skill, str)
    assert all(isinstance(related, m.RelatedRole) for related in role.related_roles)
    assert isinstance(role.postings_url, str) and isinstance(role.posting_count, int)
    assert role.source_detail.url is None or role.source_detail.url.startswith("http")

    for operation, model in [
        ("v1_skills_list", m.PaginatedSkillList),
        ("v1_postings_list", m.PaginatedJobPostingList),
        ("v1_companies_list", m.PaginatedCompanyList),
        ("v1_salaries_list", m.PaginatedSalaryFigureList),
    ]:
        listed = api(generated, operation).sync(client=client)
        assert isinstance(listed, model) and listed.results, operation

    # Filters, including blank ones (no filter) and a repeated one.
    scientists = api(generated, "v1_postings_list").sync(client=client, role="data-scientist")
    assert scientists.results and {p.role for p in scientists.results} == {"data-scientist"}
    with_python = api(generated, "v1_postings_list").sync(client=client, skill=["python"], search="")
    assert all("python" in {link.skill for link in p.skills} for p in with_python.results)
    technical = api(generated, "v1_skills_list").sync(client=client, kind=m.V1SkillsListKind.TECHNICAL)
    assert {skill.kind.value for skill in technical.results} == {"technical"}

    # Details by slug (and by id for a salary figure).
    posting = api(generated, "v1_postings_retrieve").sync(client=client, slug=scientists.results[0].slug)
    assert isinstance(posting, m.JobPosting) and isinstance(posting.company_detail, m.CompanyRef)
    company = api(generated, "v1_companies_retrieve").sync(client=client, slug=posting.company)
    assert isinstance(company, m.Company) and isinstance(company.postings_url, str)
    skill = api(generated, "v1_skills_retrieve").sync(client=client, slug="python")
    assert isinstance(skill, m.Skill) and all(isinstance(need, m.RoleNeed) for need in skill.roles)
    figure_id = api(generated, "v1_salaries_list").sync(client=client).results[0].id
    assert isinstance(api(generated, "v1_salaries_retrieve").sync(client=client, id=str(figure_id)), m.SalaryFigure)
    missing = api(generated, "v1_roles_retrieve").sync(client=client, slug="no-such-role")
    assert isinstance(missing, m.Error) and missing.status == 404

    # Match and compare.
    match = api(generated, "v1_match_retrieve").sync(client=client, skill=["python", "sql"])
    assert isinstance(match, m.Match) and isinstance(match.roles[0].coverage_percent, int)
    assert isinstance(match.postings.page, int)
    compare = api(generated, "v1_compare_retrieve").sync(
        client=client, role=["data-scientist", "machine-learning-engineer"]
    )
    assert isinstance(compare, m.Compare) and [r.slug for r in compare.roles] == [
        "data-scientist",
        "machine-learning-engineer",
    ]

    # Career paths and the personal plan.
    paths = api(generated, "v1_paths_list").sync(client=client)
    assert isinstance(paths, m.PaginatedPathList) and paths.results
    path = api(generated, "v1_paths_retrieve").sync(client=client, slug=paths.results[0].slug)
    assert isinstance(path, m.Path) and path.slug == paths.results[0].slug
    plan = api(generated, "v1_plan_retrieve").sync(client=client, to="machine-learning-engineer", have=["python"])
    assert isinstance(plan, m.Plan) and plan.gap.steps and plan.gap.learn_next

    # A conditional GET: the ETag sent back gets a 304, which the client returns without raising.
    fresh = api(generated, "v1_roles_retrieve").sync_detailed(client=client, slug="data-scientist")
    assert fresh.status_code == 200 and isinstance(fresh.parsed, m.Role)
    revalidating = client.with_headers({"If-None-Match": fresh.headers["ETag"]})
    unchanged = api(generated, "v1_roles_retrieve").sync_detailed(client=revalidating, slug="data-scientist")
    assert unchanged.status_code == 304 and unchanged.parsed is None
