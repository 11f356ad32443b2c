"""The base viewset of every curated model: slug lookups, JSON writes, the publication rule, cached reads."""

from django.db.models import ProtectedError
from rest_framework import exceptions, viewsets
from rest_framework.parsers import JSONParser

from core.caching import CachedReadsMixin


class PublishableViewSet(CachedReadsMixin, viewsets.ModelViewSet):
    """
    Lookups by slug, JSON-only writes, and the publication rule: the public sees published records;
    signed-in staff with the view permission (curators) see drafts too. Anonymous reads are cached.
    """

    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"
    parser_classes = [JSONParser]

    def get_queryset(self):
        return self.base_queryset().visible_to(self.request.user)

    def base_queryset(self):
        raise NotImplementedError

    # Writes answer with the record as a read would show it (prefetched relations included).
    def perform_create(self, serializer):
        serializer.save()
        serializer.instance = self.base_queryset().get(pk=serializer.instance.pk)

    def perform_update(self, serializer):
        serializer.save()
        serializer.instance = self.base_queryset().get(pk=serializer.instance.pk)

    def perform_destroy(self, instance):
        try:
            instance.delete()
        except ProtectedError as error:
            names = sorted({str(obj) for obj in error.protected_objects})[:5]
            raise exceptions.ValidationError(
                {"non_field_errors": [f"Still used by: {', '.join(names)}. Remove or reassign those first."]}
            ) from error
