"""The API's permission: anyone reads, curators with the model's permissions write."""

from rest_framework.permissions import SAFE_METHODS, DjangoModelPermissionsOrAnonReadOnly


class ModelPermissionsOrAnonReadOnly(DjangoModelPermissionsOrAnonReadOnly):
    """
    DRF's DjangoModelPermissionsOrAnonReadOnly, answering a read at once. DRF builds the view's whole
    queryset (filters, prefetches) just to learn its model, then asks for no permission at all for GET,
    HEAD and OPTIONS: for a response served from the cache, that was a third of the work.
    """

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS and self.perms_map.get(request.method) == []:
            return True
        return super().has_permission(request, view)
