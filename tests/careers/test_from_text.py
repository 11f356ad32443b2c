"""What a pasted CV was read as goes on to the match or to the plan, in each page's own parameters."""

from urllib.parse import parse_qsl, urlsplit

import pytest

pytestmark = pytest.mark.django_db
URL = "/match/from-text/"


def params(response):
    assert response.status_code == 302, response.content[:300]
    location = urlsplit(response["Location"])
    return location.path, parse_qsl(location.query)


def test_to_the_match_the_skills_go_as_skill(client):
    path, query = params(client.get(URL, {"next": "match", "skill": ["python", "sql"], "degree": "master"}))
    assert path == "/match/" and query == [("skill", "python"), ("skill", "sql")]


def test_to_the_plan_the_skills_go_as_have_with_the_degree_and_role(client):
    answer = client.get(URL, {"next": "plan", "skill": ["python", "python", "sql"], "degree": "master", "to": "mle"})
    path, query = params(answer)
    assert path == "/plan/"
    assert query == [("to", "mle"), ("have", "python"), ("have", "sql"), ("degree", "master")]


def test_the_plan_without_a_role_or_degree_leaves_them_out(client):
    assert params(client.get(URL, {"next": "plan", "skill": "python"})) == ("/plan/", [("have", "python")])


@pytest.mark.parametrize(
    "query",
    [{}, {"next": "elsewhere"}, {"next": "plan", "degree": "wizard"}, {"next": "plan", "to": "not a slug"}],
)
def test_an_odd_address_is_a_400_naming_the_field_not_a_500(client, query):
    response = client.get(URL, query)
    assert response.status_code == 400
    page = response.content.decode()
    assert "could not be sent on" in page and "/match/" in page


def test_too_many_skills_is_a_400(client):
    response = client.get(URL, {"next": "match", "skill": [f"s{n}" for n in range(101)]})
    assert response.status_code == 400 and "At most 100 skills" in response.content.decode()


def test_the_read_page_to_the_plan_end_to_end(client, guide):
    """Paste on the plan page → read → plan: the plan shows the skills read and the degree as given."""
    text = "Software engineer, 6 years. BSc in Computer Science. Python, SQL and PyTorch."
    read = client.post("/extract/read/", {"text": text, "to": "machine-learning-engineer"}).content.decode()
    assert '<option value="bachelor" selected>' in read
    _path, query = params(
        client.get(
            URL,
            {
                "next": "plan",
                "skill": ["python", "sql", "pytorch"],
                "degree": "bachelor",
                "to": "machine-learning-engineer",
            },
        )
    )
    plan = client.get("/plan/", query)
    assert plan.status_code == 200
    assert plan.context["plan"].degree is not None
    assert {skill.slug for skill in plan.context["plan"].skills} == {"python", "sql", "pytorch"}


def test_the_years_go_on_to_the_plan_not_to_the_match(client):
    plan = client.get(URL, {"next": "plan", "skill": "python", "years": "6", "to": "mle"})
    assert params(plan) == ("/plan/", [("to", "mle"), ("have", "python"), ("years", "6")])
    match = client.get(URL, {"next": "match", "skill": "python", "years": "6"})
    assert params(match) == ("/match/", [("skill", "python")])


@pytest.mark.parametrize("years", ["-1", "101", "six", "2.5"])
def test_years_out_of_bounds_is_a_400_naming_them(client, years):
    response = client.get(URL, {"next": "plan", "skill": "python", "years": years})
    assert response.status_code == 400
    assert "years" in response.context["form"].errors


def test_the_read_page_offers_the_years_read_and_the_plan_gates_on_them(client, guide):
    """A CV stating 6 years: the read page fills in 6, and the plan it sends on to counts with them."""
    text = "Software engineer with 6 years of experience. BSc in Computer Science. Python, SQL and PyTorch."
    read = client.post("/extract/read/", {"text": text, "to": "machine-learning-engineer"}).content.decode()
    assert 'name="years" type="number" min="0" max="100" inputmode="numeric" value="6"' in read
    _path, query = params(
        client.get(URL, {"next": "plan", "skill": ["python"], "years": "6", "to": "machine-learning-engineer"})
    )
    assert ("years", "6") in query
    plan = client.get("/plan/", query)
    assert plan.status_code == 200 and plan.context["plan"].years == 6


def test_a_cv_stating_no_years_leaves_the_field_blank(client, guide):
    read = client.post("/extract/read/", {"text": "Python and SQL.", "to": ""}).content.decode()
    assert 'inputmode="numeric" value="">' in read and "none read" in read
