"""A published posting under a draft role or company is not public: neither it nor the draft's name leaks."""

import pytest

from core.publishing import PublicationStatus
from postings.models import JobPosting
from tests.factories import CompanyFactory, JobPostingFactory, RoleFactory

pytestmark = pytest.mark.django_db

ROLE_NAME, COMPANY_NAME = "Secret Future Role", "Stealth Startup Ltd"


@pytest.fixture(params=["role", "company"])
def hidden(request):
    """A published posting whose role (or company) is still a draft, beside an ordinary published one."""
    JobPostingFactory(title="Ordinary posting")
    draft = {"status": PublicationStatus.DRAFT}
    posting = JobPostingFactory(
        title="Posting under a draft",
        role=RoleFactory(name=ROLE_NAME, **(draft if request.param == "role" else {})),
        company=CompanyFactory(name=COMPANY_NAME, **(draft if request.param == "company" else {})),
    )
    return posting, ROLE_NAME if request.param == "role" else COMPANY_NAME


def test_it_is_not_in_the_public_querysets(hidden):
    posting, _name = hidden
    assert posting.status == PublicationStatus.PUBLISHED
    assert not JobPosting.objects.live().filter(pk=posting.pk).exists()
    assert JobPosting.objects.live().filter(title="Ordinary posting").exists()


@pytest.mark.parametrize(
    "url",
    ["/postings/", "/postings/feed/", "/search/?q=posting", "/sitemap-postings.xml", "/downloads/postings.csv"],
)
def test_no_public_page_names_the_draft(hidden, client, url):
    _posting, name = hidden
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 200, url
    assert name.encode() not in body and b"Posting under a draft" not in body, url


def test_its_page_and_api_record_answer_404(hidden, client):
    posting, name = hidden
    assert client.get(f"/postings/{posting.slug}/").status_code == 404
    assert client.get(f"/api/v1/postings/{posting.slug}/").status_code == 404
    listed = client.get("/api/v1/postings/").content.decode()
    assert name not in listed and "Ordinary posting" in listed


def test_curators_still_see_it_in_the_api(hidden, as_curator):
    posting, _name = hidden
    assert as_curator.get(f"/api/v1/postings/{posting.slug}/").status_code == 200
