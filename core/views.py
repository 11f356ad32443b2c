"""View helpers every site app shares."""

from django.shortcuts import redirect
from django.templatetags.static import static


class VisibleToUserMixin:
    """
    The publication rule on the site, in one place: the public sees published records; a curator (signed
    in, with the model's view permission) sees drafts too, so a draft can be previewed before it is
    published. base.html puts a "Draft" banner on such a page. Views define `base_queryset()`, as the
    API's viewsets do; anonymous pages are cached, a curator's never are (`core.caching.is_cacheable`).
    """

    def base_queryset(self):
        raise NotImplementedError

    def get_queryset(self):
        return self.base_queryset().visible_to(self.request.user)


def favicon(request):
    """The site's icon by its static (hashed, in production) name; resolved per request, not at import."""
    return redirect(static("favicon.svg"))
