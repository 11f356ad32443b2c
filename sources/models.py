"""
Provenance: where every fact comes from.

A `Source` is a publication (the career guide, a company's careers page…). Every curated record
inherits `Sourced`, which ties it to a source and the short passage of that source it rests on, so the
site can show "according to …" next to any fact and a test can check the passage against the guide.
"""

from django.db import models
from simple_history import register

from core.publishing import nonblank_constraint


class SourceQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Source(models.Model):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    publisher = models.CharField(max_length=200, blank=True)
    author = models.CharField(max_length=200, blank=True)
    url = models.URLField(blank=True, help_text="Where the source can be read, if it is online.")
    description = models.TextField(blank=True)

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        constraints = [
            nonblank_constraint("source", "title"),
            nonblank_constraint("source", "slug"),
        ]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.slug,)

    @property
    def citation(self):
        """'Title, by Author (Publisher)', leaving out what is unknown."""
        text = self.title
        if self.author:
            text += f", by {self.author}"
        if self.publisher:
            text += f" ({self.publisher})"
        return text


class Sourced(models.Model):
    """Abstract base for every record that states a fact."""

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="+")
    source_passage = models.TextField(
        help_text="The short passage of the source this record rests on, quoted word for word."
    )

    class Meta:
        abstract = True


# Who changed what, and when: django-simple-history keeps a row per change (the admin's History, with revert).
register(Source)
