"""An Atom feed of the newest live postings, filtered as the postings page is (same query string)."""

import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from postings.filters import JobPostingFilter, shareable_query
from postings.models import JobPosting

FEED_SIZE = 50


class LatestPostingsFeed(Feed):
    feed_type = Atom1Feed
    title = "careerguide: new machine-learning job postings"
    subtitle = "The newest open postings, with the filters of the postings page applied."
    author_name = "careerguide"

    def get_object(self, request, *args, **kwargs):
        # Invalid filter values are left out of the filtering, as on the page.
        return JobPostingFilter(
            request.GET or None, queryset=JobPosting.objects.live().select_related("company", "role")
        )

    def link(self, filterset):
        return reverse("postings:list") + self.query(filterset)

    def feed_url(self, filterset):
        return reverse("postings:feed") + self.query(filterset)

    def query(self, filterset):
        query = shareable_query(filterset.data).urlencode() if filterset.is_bound else ""
        return f"?{query}" if query else ""

    def items(self, filterset):
        return filterset.qs[:FEED_SIZE]

    def item_title(self, posting):
        return f"{posting.title} at {posting.company.name}"

    def item_description(self, posting):
        facts = [posting.role.name, posting.describe_pay(), posting.get_workplace_display()]
        return " · ".join(fact for fact in facts if fact) + (f"\n\n{posting.summary}" if posting.summary else "")

    def item_author_name(self, posting):
        return posting.company.name

    def item_pubdate(self, posting):
        # A date without a time: midnight UTC of the day it was posted. Postings with no date have none.
        if posting.posted_on:
            return datetime.datetime.combine(posting.posted_on, datetime.time.min, tzinfo=datetime.UTC)
        return None

    def item_updateddate(self, posting):
        return posting.updated_at

    def item_categories(self, posting):
        return [posting.role.name]
