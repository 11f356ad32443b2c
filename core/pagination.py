"""
Pagination that stays cheap at a million rows: the count stops at COUNT_CAP + 1 rows.

"1,000+ postings" tells a reader as much as the exact number and costs the database at most a
thousand index entries instead of a scan of every row. Pages past the cap are not offered: nobody
reads page 51, and deep OFFSETs are what make a list slow.
"""

from django.core.paginator import Paginator
from django.db import models
from django.utils.functional import cached_property

# Past a thousand, nobody pages on: "1,000+" is all a reader needs. The cap bounds what a count reads:
# a filtered count (postings asking for a common skill, most of them expired) may have to look at
# several rows for each live one it counts, so at 10,000 such a count cost seconds at a million postings.
COUNT_CAP = 1_000


class CappedPaginator(Paginator):
    @cached_property
    def count(self):
        if hasattr(self.object_list, "order_by"):
            return self.object_list.order_by()[: COUNT_CAP + 1].count()
        return min(len(self.object_list), COUNT_CAP + 1)

    @property
    def is_capped(self):
        return self.count > COUNT_CAP

    @property
    def display_count(self):
        return display_count(self.count)


class CappedCount(models.Subquery):
    """`(SELECT COUNT(*) FROM (<subquery> LIMIT cap + 1))`: a correlated count that reads at most cap + 1 rows."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) capped_count)"
    output_field = models.IntegerField()

    def __init__(self, queryset, cap=COUNT_CAP):
        super().__init__(queryset.order_by().values("pk")[: cap + 1])


def display_count(number):
    """A count made with COUNT_CAP as a reader sees it: "1,000+" past the cap."""
    return f"{COUNT_CAP:,}+" if number > COUNT_CAP else f"{number:,}"
