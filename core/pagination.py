"""
Pagination that stays cheap at a million rows: the count stops at COUNT_CAP + 1 rows.

"1,000+ postings" tells a reader as much as the exact number and costs the database at most a
thousand index entries instead of a scan of every row. Pages past the cap are not offered: nobody
reads page 51, and deep OFFSETs are what make a list slow.
"""

from django.core.exceptions import EmptyResultSet
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


class InList(list):
    """
    A group of ids that a `SubqueryShape` reads only as an IN list (`skill__in=ids`), where repeating an id
    changes nothing: it is padded to a power of two by repeating its last id, so lists of 9 to 16 ids share
    one compiled shape.
    """


def _padded(ids):
    size = 1 << (len(ids) - 1).bit_length() if ids else 0
    return [*ids, *ids[-1:] * (size - len(ids))]


class SubqueryShape:
    """
    Many subqueries of one shape that differ only in the ids they read, compiled to SQL once per number of
    ids and then bound to each set of ids. Building and compiling a count's nested querysets costs the ORM
    about a millisecond of Python each; the match and the plan ask for dozens in one statement (one per
    missing skill, one per gate and step), and that, not the database, was most of their time.

    `make(*groups)` returns the queryset for groups of ids (a role, a skill, the skills met), each given
    as a list, and must use each id only as a plain parameter (`filter(role=role[0])`, `skill__in=skills`):
    the shape is compiled with stand-in ids, whose places in the parameters then take the real ones, so
    the SQL is the statement the queryset itself would make (up to the order of an IN list, and repeats
    in an `InList`'s). Subclasses
    say how the queryset is read (`shaped`) and wrapped (`template`).
    """

    template = "(%s)"
    # Stand-ins no primary key can equal, one per place.
    _STAND_IN = -(10**15)

    def __init__(self, make, output_field=None):
        self.make = make
        self.output_field = output_field or models.IntegerField()
        self._compiled = {}

    def shaped(self, queryset):
        return queryset

    def expression(self, queryset):
        """The same subquery through the ORM."""
        return models.Subquery(self.shaped(queryset), output_field=self.output_field)

    def _compile(self, sizes):
        stand_ins, groups = {}, []
        for size in sizes:
            group = [self._STAND_IN - len(stand_ins) - index for index in range(size)]
            stand_ins |= {stand_in: len(stand_ins) + index for index, stand_in in enumerate(group)}
            groups.append(group)
        queryset = self.shaped(self.make(*groups))
        try:
            sql, params = queryset.query.get_compiler(using=queryset.db).as_sql()
        except EmptyResultSet:
            return None  # a shape that can match nothing (an empty IN at its top): left to the ORM
        places = {
            position: stand_ins[param]
            for position, param in enumerate(params)
            if type(param) is int and param in stand_ins
        }
        if set(places.values()) != set(stand_ins.values()):
            raise ValueError("make() must use every id as a parameter of its own")
        return self.template % sql, list(params), places

    def __call__(self, *groups):
        groups = [_padded(group) if isinstance(group, InList) else list(group) for group in groups]
        sizes = tuple(len(group) for group in groups)
        if sizes not in self._compiled:
            self._compiled[sizes] = self._compile(sizes)
        if self._compiled[sizes] is None:
            return self.expression(self.make(*groups))
        sql, params, places = self._compiled[sizes]
        ids = [pk for group in groups for pk in group]
        bound = list(params)
        for position, index in places.items():
            bound[position] = ids[index]
        return models.expressions.RawSQL(sql, bound, output_field=self.output_field)


class CappedCountShape(SubqueryShape):
    """`CappedCount`s of one shape (see SubqueryShape): each reads at most cap + 1 rows."""

    template = "(SELECT COUNT(*) FROM (%s) capped_count)"

    def __init__(self, make, cap=COUNT_CAP):
        super().__init__(make)
        self.cap = cap

    def shaped(self, queryset):
        return queryset.order_by().values("pk")[: self.cap + 1]

    def expression(self, queryset):
        return CappedCount(queryset, cap=self.cap)


class LowestShape(SubqueryShape):
    """The lowest value of `column` among the rows (NULL if none), for subqueries of one shape."""

    def __init__(self, make, column):
        super().__init__(make)
        self.column = column

    def shaped(self, queryset):
        return queryset.order_by(self.column).values(self.column)[:1]


def display_count(number):
    """A count made with COUNT_CAP as a reader sees it: "1,000+" past the cap."""
    return f"{COUNT_CAP:,}+" if number > COUNT_CAP else f"{number:,}"
