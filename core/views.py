"""View helpers every site app shares."""


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
