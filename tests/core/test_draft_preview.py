"""
One rule for who sees drafts, on the site as in the API: the public never sees a draft; a curator
previews it, with a banner saying it is a draft; curators' pages are never served from the shared cache.
"""

import pytest

from tests.factories import JobPostingFactory, RoleFactory, SkillFactory

pytestmark = pytest.mark.django_db

BANNER = "Only curators see this page"


@pytest.fixture
def drafts():
    role = RoleFactory(name="Draft role", status="draft")
    skill = SkillFactory(name="Draft skill", status="draft")
    posting = JobPostingFactory(title="Draft posting", role=role, status="draft")
    return {"role": role, "skill": skill, "posting": posting}


def detail_urls(drafts):
    return [record.get_absolute_url() for record in drafts.values()]


def test_the_public_gets_a_404_for_every_draft_page(client, drafts):
    for url in detail_urls(drafts):
        assert client.get(url).status_code == 404, url


def test_a_curator_previews_every_draft_page_with_a_banner(client, curator, drafts):
    client.force_login(curator)
    for url in detail_urls(drafts):
        response = client.get(url)
        assert response.status_code == 200, url
        assert BANNER in response.content.decode(), url


def test_a_published_page_has_no_banner_even_for_a_curator(client, curator):
    role = RoleFactory(status="published")
    client.force_login(curator)
    assert BANNER not in client.get(role.get_absolute_url()).content.decode()


def test_a_curator_sees_drafts_in_lists_and_the_public_does_not(client, curator, drafts):
    assert "Draft role" not in client.get("/roles/").content.decode()
    client.force_login(curator)
    assert "Draft role" in client.get("/roles/").content.decode()
    assert "Draft role" in client.get(f"/compare/?role={drafts['role'].slug}").content.decode()


def test_a_curators_preview_never_reaches_the_publics_cache(client, curator, drafts):
    client.force_login(curator)
    assert "Draft role" in client.get("/roles/").content.decode()
    client.logout()
    assert "Draft role" not in client.get("/roles/").content.decode()


def test_signed_in_without_the_view_permission_sees_no_draft(client, plain_user, drafts):
    client.force_login(plain_user)
    for url in detail_urls(drafts):
        assert client.get(url).status_code == 404, url


def test_drafts_never_show_to_the_public(client):
    from django.urls import reverse

    draft = RoleFactory(name="Secret role", status="draft")
    JobPostingFactory(title="Secret posting", role=draft, status="draft")
    assert client.get(reverse("roles:detail", args=[draft.slug])).status_code == 404
    for url in ["/", "/roles/", "/postings/", "/search/?q=secret", "/compare/?role=" + draft.slug]:
        assert "Secret" not in client.get(url).content.decode(), url
