"""
Two gunicorn instances of the app (two workers each) sharing one PostgreSQL database and one Redis:
what one process does must hold for all of them — the API's rate limit, and a curator's write
reaching every anonymous visitor at once, whichever instance cached the page.
"""

import json
import time

from tests.scale.processes import app_env, create_token, gunicorns, sql

SLUG = "google-ml-engineer"
TITLE = "ML Engineer"
LINK = f'href="/postings/{SLUG}/"'


def test_the_anonymous_api_limit_holds_across_instances_and_workers(guide_database, redis_url):
    env = app_env(DATABASE_URL=guide_database, REDIS_URL=redis_url, API_ANON_THROTTLE_RATE="5/minute")
    with gunicorns(env, 2) as (one, two):
        started = time.monotonic()
        answers = [app.get("/api/v1/skills/") for app in [one, two] * 7]
        elapsed = time.monotonic() - started
        workers = one.worker_pids("/api/v1/skills/") | two.worker_pids("/api/v1/skills/")

    statuses = [status for status, _body, _headers in answers]
    assert statuses[:5] == [200] * 5 and statuses[5:] == [429] * 9, statuses
    refused = answers[-1]
    assert json.loads(refused[1])["code"] == "throttled"
    assert int(refused[2]["Retry-After"]) > 0
    assert elapsed < 60, "the window is a minute: a slow run would let old requests expire"
    assert len(workers) >= 2, workers  # at least one worker of each instance counted against the one limit


def visibility_on(app):
    """What an anonymous visitor of `app` sees of the posting: on the page, in the API list, its detail."""
    page_status, page, _ = app.get("/postings/")
    list_status, listing, _ = app.get("/api/v1/postings/?page_size=100")
    detail_status, detail, _ = app.get(f"/api/v1/postings/{SLUG}/")
    assert (page_status, list_status) == (200, 200)
    return {
        "page": LINK in page and f">{TITLE}<" in page,
        "list": SLUG in {posting["slug"] for posting in json.loads(listing)["results"]},
        "detail": detail_status,
        "title": json.loads(detail).get("title") if detail_status == 200 else None,
    }


VISIBLE = {"page": True, "list": True, "detail": 200, "title": TITLE}
HIDDEN = {"page": False, "list": False, "detail": 404, "title": None}


def test_anonymous_pages_and_lists_are_served_from_the_shared_cache(guide_database, redis_url):
    """
    What the invalidation test rests on: instance 2's answers really are cached, and in the cache both
    instances share. A change made behind the app's back (SQL: no signal, so nothing is invalidated) stays
    unseen on instance 1, which never rendered these pages itself.
    """
    env = app_env(
        DATABASE_URL=guide_database, REDIS_URL=redis_url, CACHE_SECONDS=300, API_ANON_THROTTLE_RATE="10000/minute"
    )
    with gunicorns(env, 2) as (one, two):
        try:
            first_page, first_list = two.get("/postings/")[1], two.get("/api/v1/postings/?page_size=100")[1]
            assert f">{TITLE}<" in first_page
            set_title_by_sql(guide_database, f"{TITLE} renamed behind the apps back")
            assert one.get("/postings/")[1] == first_page, (
                "instance 1 rendered /postings/ afresh: not cached, or not shared"
            )
            assert one.get("/api/v1/postings/?page_size=100")[1] == first_list, (
                "instance 1 built the API list afresh: not cached, or not shared"
            )
        finally:
            set_title_by_sql(guide_database, TITLE)


def test_a_curator_write_through_one_instance_is_seen_at_once_on_the_other(guide_database, redis_url, unique):
    env = app_env(
        DATABASE_URL=guide_database, REDIS_URL=redis_url, API_ANON_THROTTLE_RATE="10000/minute", CACHE_SECONDS=300
    )
    token = create_token(f"curator_{unique}", env, reviewer=True)  # publishes the posting again
    auth = {"Authorization": f"Token {token}"}
    with gunicorns(env, 2) as (one, two):
        try:
            # Twice on instance 2: the first fills the shared cache, the second is served from it.
            assert visibility_on(two) == VISIBLE
            assert visibility_on(two) == VISIBLE

            status, body, _ = one.request("PATCH", f"/api/v1/postings/{SLUG}/", json={"status": "draft"}, headers=auth)
            assert (status, json.loads(body).get("status")) == (200, "draft"), body
            assert visibility_on(two) == HIDDEN, "instance 2 still serves the posting after it was unpublished"

            status, body, _ = one.request(
                "PATCH", f"/api/v1/postings/{SLUG}/", json={"status": "published"}, headers=auth
            )
            assert (status, json.loads(body).get("status")) == (200, "published"), body
            assert visibility_on(two) == VISIBLE, "instance 2 still hides the posting after it was published again"
        finally:
            restore_published(guide_database)


def set_title_by_sql(database_url, title):
    sql(database_url, f"UPDATE postings_jobposting SET title = '{title}' WHERE slug = '{SLUG}'")


def restore_published(database_url):
    sql(database_url, f"UPDATE postings_jobposting SET status = 'published' WHERE slug = '{SLUG}'")
