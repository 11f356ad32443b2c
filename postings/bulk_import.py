"""
The import's fast path for new postings (postings/resources.py): a chunk of checked rows written in a
fixed number of queries, whatever the number of rows: the postings, each list's links (one insert per
table), their history rows, the skill-match anchors, one cache invalidation and one demand recount.

Bulk inserts send no save() signal, so this does what the signals would have done: history rows naming
the curator (django-simple-history's bulk helper), the anchors (postings/signals.py does it per link),
the cached pages (core/caching.py) and the demand recount (`records_changed`, which demand listens to).
"""

from simple_history.utils import bulk_create_with_history

from core.caching import invalidate
from core.signals import records_changed
from postings.models import FieldOfStudy, JobPosting, LocationKind, PostingLocation, PostingSkill
from skills.models import Importance

# Rows per INSERT: large enough that a chunk takes a few statements, small enough for SQLite's and the
# drivers' limits on parameters per statement.
BATCH = 500
FieldOfStudyLink = JobPosting.fields_of_study.through


def create_postings(postings, *, user, skills, fields_of_study):
    """
    Insert new `postings` (unsaved, checked) with the lists the import parsed onto each
    (`posting._imported`, see ListField), naming `user` in the history. `skills` and `fields_of_study`
    map slugs to the records the rows named.
    """
    if not postings:
        return
    bulk_create_with_history(postings, JobPosting, batch_size=BATCH, default_user=user)
    links, places, studies = [], [], []
    for posting in postings:
        imported = posting.__dict__.get("_imported", {})
        links += [
            # As the API writes links: they rest on the posting's own source and passage.
            PostingSkill(
                posting=posting,
                skill=skills[slug],
                importance=importance,
                source=posting.source,
                source_passage=posting.source_passage,
            )
            for name, importance in (
                ("essential_skills", Importance.ESSENTIAL),
                ("optional_skills", Importance.OPTIONAL),
            )
            for slug in imported.get(name, ())
        ]
        places += [
            PostingLocation(posting=posting, kind=LocationKind.OFFICE, city=city, region=region, country=country)
            for city, region, country in imported.get("locations", ())
        ] + [
            PostingLocation(posting=posting, kind=LocationKind.REMOTE, country=country)
            for country in imported.get("remote_countries", ())
        ]
        studies += [
            FieldOfStudyLink(jobposting_id=posting.pk, fieldofstudy_id=fields_of_study[slug].pk)
            for slug in imported.get("fields_of_study", ())
        ]
    if links:
        bulk_create_with_history(links, PostingSkill, batch_size=BATCH, default_user=user)
    if places:
        bulk_create_with_history(places, PostingLocation, batch_size=BATCH, default_user=user)
    if studies:
        FieldOfStudyLink.objects.bulk_create(studies, batch_size=BATCH)
    JobPosting.objects.filter(pk__in=[posting.pk for posting in postings]).refresh_match_anchors()
    # What the per-row path's signals invalidate (a save, and fields_of_study.set()'s m2m_changed).
    invalidate(JobPosting, PostingSkill, PostingLocation, FieldOfStudyLink, FieldOfStudy)
    # Whoever derives figures from the postings (skill demand) recounts each role once, at the commit.
    records_changed.send(sender=JobPosting, records=postings, fields=None)
