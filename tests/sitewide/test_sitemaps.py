"""sitemap.xml (an index of sections paged by id ranges) and robots.txt (sitewide/sitemaps.py)."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from paths.models import Path
from postings.models import JobPosting
from roles.models import Role
from sitewide import sitemaps
from tests.factories import CompanyFactory, JobPostingFactory, PathFactory, RoleFactory, SkillFactory
from tests.postings.conftest import TODAY

pytestmark = pytest.mark.django_db

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def xml(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/xml"
    return ET.fromstring(response.content)


def locations(client, url):
    urlset = xml(client, url)
    assert urlset.tag == f"{NS}urlset"
    found = [entry.findtext(f"{NS}loc") for entry in urlset.findall(f"{NS}url")]
    assert found, "a sitemap file lists at least one URL"
    return [loc.removeprefix("http://testserver") for loc in found]


def index(client):
    root = xml(client, "/sitemap.xml")
    assert root.tag == f"{NS}sitemapindex"
    return [entry.findtext(f"{NS}loc").removeprefix("http://testserver") for entry in root.findall(f"{NS}sitemap")]


def test_the_index_names_a_file_per_section(client, guide):
    assert index(client) == [
        f"/sitemap-{section}.xml"
        for section in ["pages", "roles", "skills", "companies", "postings", "skill-demand", "paths"]
    ]


def test_sections_list_every_published_page_and_nothing_else(client, guide):
    draft_role = RoleFactory(status="draft")
    draft_skill = SkillFactory(status="draft")
    expired = JobPostingFactory(
        posted_on=TODAY - datetime.timedelta(days=90), valid_through=TODAY - datetime.timedelta(days=1)
    )
    pages = locations(client, "/sitemap-pages.xml")
    assert {"/", "/roles/", "/skills/", "/postings/", "/companies/", "/salaries/", "/downloads/"} <= set(pages)
    roles = locations(client, "/sitemap-roles.xml")
    assert "/roles/machine-learning-engineer/" in roles and draft_role.get_absolute_url() not in roles
    skills = locations(client, "/sitemap-skills.xml")
    assert "/skills/python/" in skills and f"/skills/{draft_skill.slug}/" not in skills
    assert "/companies/google/" in locations(client, "/sitemap-companies.xml")
    postings = locations(client, "/sitemap-postings.xml")
    live = JobPosting.objects.live()
    assert sorted(postings) == sorted(p.get_absolute_url() for p in live) and expired.get_absolute_url() not in postings


def test_paths_the_plan_and_skill_demand_pages_are_listed_and_drafts_are_not(client, guide):
    draft_path = PathFactory(status="draft")
    path_into_a_draft_role = PathFactory(target_role=RoleFactory(status="draft"))
    draft_role = RoleFactory(status="draft")
    pages = locations(client, "/sitemap-pages.xml")
    assert {"/paths/", "/plan/", "/match/", "/compare/"} <= set(pages)
    paths = locations(client, "/sitemap-paths.xml")
    assert "/paths/becoming-a-machine-learning-engineer/" in paths
    assert sorted(paths) == sorted(
        p.get_absolute_url() for p in Path.objects.published().filter(target_role__status="published")
    )
    assert draft_path.get_absolute_url() not in paths and path_into_a_draft_role.get_absolute_url() not in paths
    demand = locations(client, "/sitemap-skill-demand.xml")
    assert "/roles/machine-learning-engineer/skill-demand/" in demand
    assert f"/roles/{draft_role.slug}/skill-demand/" not in demand
    assert len(demand) == Role.objects.published().count()


def test_every_listed_page_answers(client, guide):
    """Each address in every section is a page the public can open: none 404s or needs a sign-in."""
    for section in index(client):
        for url in locations(client, section):
            assert client.get(url).status_code == 200, url


def test_an_empty_section_still_answers_with_its_list_page(client):
    assert "/sitemap-paths.xml" in index(client)
    assert locations(client, "/sitemap-paths.xml") == ["/paths/"]


def test_entries_carry_their_last_change(client):
    posting = JobPostingFactory()
    entry = xml(client, "/sitemap-postings.xml").find(f"{NS}url")
    assert entry.findtext(f"{NS}lastmod") == posting.updated_at.date().isoformat()


def test_postings_are_paged_by_ranges_of_ids(client, monkeypatch):
    monkeypatch.setattr(sitemaps.IdRangeSitemap, "limit", 4)
    postings = JobPostingFactory.create_batch(10)
    for posting in postings[4:8]:  # The whole second range expires.
        posting.posted_on, posting.valid_through = (
            TODAY - datetime.timedelta(days=9),
            TODAY - datetime.timedelta(days=1),
        )
        posting.save()
    files = [url for url in index(client) if url.startswith("/sitemap-postings.xml")]
    assert files == ["/sitemap-postings.xml", "/sitemap-postings.xml?p=2", "/sitemap-postings.xml?p=3"]
    assert locations(client, files[0]) == [p.get_absolute_url() for p in postings[:4]]
    # A range with nothing live still answers a valid file: it lists the postings page.
    assert locations(client, files[1]) == ["/postings/"]
    assert locations(client, files[2]) == [p.get_absolute_url() for p in postings[8:]]
    assert client.get("/sitemap-postings.xml?p=4").status_code == 404
    assert client.get("/sitemap-postings.xml?p=x").status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_no_sitemap_file_lists_more_than_the_protocol_allows():
    assert sitemaps.PAGE_SPAN <= 50_000
    for section in sitemaps.SECTIONS.values():
        assert section.limit <= 50_000


def test_sitemaps_run_the_same_queries_for_few_or_many_rows(client, django_assert_num_queries, uncached):
    def add(count):
        for _ in range(count):
            JobPostingFactory(company=CompanyFactory(), role=RoleFactory())
            SkillFactory()
            PathFactory()

    add(1)
    urls = ["/sitemap.xml", *[f"/sitemap-{section}.xml" for section in sitemaps.SECTIONS]]
    few = {}
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        few[url] = len(queries)
    add(12)
    for url in urls:
        with django_assert_num_queries(few[url]):
            assert client.get(url).status_code == 200
    # The index: one MIN/MAX per model section. A section's file: at most 4, whatever its size.
    model_sections = [s for s in sitemaps.SECTIONS.values() if issubclass(s, sitemaps.IdRangeSitemap)]
    assert few["/sitemap.xml"] == len(model_sections) == 6
    assert max(count for url, count in few.items() if url != "/sitemap.xml") <= 4


def test_robots_txt_points_to_the_sitemap(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text.splitlines()
    assert "User-agent: *" in text and "Disallow: /admin/" in text and "Disallow: /api/" in text
