"""
sitemap.xml and robots.txt: every published page, listed for search engines. Here, after every app whose
pages it lists (roles, skills, postings, demand, paths, careers), so it names them all without an app
naming one after it.

/sitemap.xml is an index naming one file per section and page (/sitemap-postings.xml?p=3). Model
sections are paged by ranges of ids, not by OFFSET: page p holds the ids from MIN(id) + (p - 1) * limit,
so the index costs one MIN/MAX per table (both read from the ends of the primary key index) and each
page one range scan of the primary key, whatever the size of the table. Nothing counts rows.
"""

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db.models import Max, Min
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import cached_property

from core.caching import cached_page
from core.publishing import PUBLISHED
from paths.models import Path
from postings.models import Company, JobPosting
from roles.models import Role
from skills.models import Skill

# Pages of 10,000 URLs: a fifth of the protocol's 50,000, so a page renders in well under a second.
PAGE_SPAN = 10_000


class IdRangePage:
    def __init__(self, object_list, number):
        self.object_list, self.number = object_list, number


class IdRangePaginator:
    """What Sitemap asks of a paginator (num_pages, page(n)), over ranges of `span` consecutive ids."""

    def __init__(self, queryset, span):
        self.queryset, self.span = queryset, span

    @cached_property
    def bounds(self):
        ids = self.queryset.model._base_manager.aggregate(low=Min("pk"), high=Max("pk"))
        return ids["low"], ids["high"]

    @property
    def num_pages(self):
        low, high = self.bounds
        # An empty table still has its one page: the index names it, so it must answer (with the list page).
        return 1 if low is None else (high - low) // self.span + 1

    def page(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger("That page number is not an integer") from None
        if not 1 <= number <= self.num_pages:
            raise EmptyPage("That page contains no results")
        start = (self.bounds[0] or 0) + (number - 1) * self.span
        return IdRangePage(self.queryset.filter(pk__gte=start, pk__lt=start + self.span).order_by("pk"), number)


class IdRangeSitemap(Sitemap):
    """A model section: rows as (slug, updated_at), their URL made from one reversed pattern."""

    limit = PAGE_SPAN
    url_name = None  # the detail page's URL name, taking a slug
    fallback_url_name = None  # the section's list page

    def queryset(self):
        raise NotImplementedError

    @cached_property
    def paginator(self):
        return IdRangePaginator(self.queryset().values_list("slug", "updated_at"), self.limit)

    @cached_property
    def url_pattern(self):
        # Reversed once: reverse() for each of 10,000 rows would cost more than the query.
        return reverse(self.url_name, kwargs={"slug": "SLUG"}).replace("SLUG", "{}")

    def location(self, item):
        return self.url_pattern.format(item[0])

    def lastmod(self, item):
        return item[1]

    def get_latest_lastmod(self):
        return None  # The index would otherwise read every row for the latest one.

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        if urls:
            return urls
        # A range with nothing published (deleted or expired rows): the protocol wants at least one <url>
        # per file, and every page the index names must answer, so it lists the section's list page.
        location = f"{self.get_protocol(protocol)}://{self.get_domain(site)}{reverse(self.fallback_url_name)}"
        return [
            {"item": None, "location": location, "lastmod": None, "changefreq": None, "priority": "", "alternates": []}
        ]


class PostingSitemap(IdRangeSitemap):
    url_name, fallback_url_name = "postings:detail", "postings:list"

    def queryset(self):
        return JobPosting.objects.live()


class CompanySitemap(IdRangeSitemap):
    url_name, fallback_url_name = "postings:company", "postings:companies"

    def queryset(self):
        return Company.objects.published()


class RoleSitemap(IdRangeSitemap):
    url_name, fallback_url_name = "roles:detail", "roles:list"

    def queryset(self):
        return Role.objects.published()


class SkillSitemap(IdRangeSitemap):
    url_name, fallback_url_name = "skills:detail", "skills:list"

    def queryset(self):
        return Skill.objects.published()


class SkillDemandSitemap(IdRangeSitemap):
    """Each published role's skill-demand page (/roles/<slug>/skill-demand/)."""

    url_name, fallback_url_name = "demand:role", "roles:list"

    def queryset(self):
        return Role.objects.published()

    def lastmod(self, item):
        return None  # The counts change with the postings, not with the role's own updated_at.


class PathSitemap(IdRangeSitemap):
    # A path into a draft role would name that role: listed once the role is published too.
    url_name, fallback_url_name = "paths:detail", "paths:list"

    def queryset(self):
        return Path.objects.published().filter(target_role__status=PUBLISHED)


class PageSitemap(Sitemap):
    """The pages that are not records: the front page, the lists, salaries, match, compare, plan, sources."""

    def items(self):
        return [
            "careers:home",
            "roles:list",
            "skills:list",
            "postings:list",
            "postings:companies",
            "roles:salaries",
            "careers:match",
            "careers:compare",
            "paths:list",
            "paths:plan",
            "sources:list",
            "sitewide:downloads",
        ]

    def location(self, name):
        return reverse(name)


SECTIONS = {
    "pages": PageSitemap,
    "roles": RoleSitemap,
    "skills": SkillSitemap,
    "companies": CompanySitemap,
    "postings": PostingSitemap,
    "skill-demand": SkillDemandSitemap,
    "paths": PathSitemap,
}


@cached_page()
def index(request):
    return sitemap_views.index(request, SECTIONS, sitemap_url_name="sitewide:sitemap-section")


@cached_page()
def section(request, section):
    return sitemap_views.sitemap(request, SECTIONS, section=section)


def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("sitewide:sitemap"))
    return render(request, "sitewide/robots.txt", {"sitemap_url": sitemap_url}, content_type="text/plain")
