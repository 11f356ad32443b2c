"""
The API's pagination and filter backend. A module of their own: DRF imports them from settings while it
loads its generic views, so nothing here may import a view.
"""

from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def get_page_number(self, request, paginator):
        # Strict: `?page=` or `?page=abc` is a client error, not a silent page 1.
        number = request.query_params.get(self.page_query_param)
        if number is None:
            return 1
        if number not in self.last_page_strings and not (number.isascii() and number.isdigit() and int(number) > 0):
            raise NotFound("Invalid page: pages are numbered from 1.")
        return number

    def get_page_size(self, request):
        size = request.query_params.get(self.page_size_query_param)
        if size is None:
            return self.page_size
        if not (size.isascii() and size.isdigit() and int(size) > 0):
            raise ValidationError({self.page_size_query_param: ["A whole number of at least 1."]})
        return min(int(size), self.max_page_size)


class StrictFilterBackend(DjangoFilterBackend):
    """
    The API's filters are the site's FilterSets, but stricter: a blank value (`?degree=`) is an error
    rather than "any", because a program that sends one has almost certainly made a mistake.
    """

    def get_filterset_kwargs(self, request, queryset, view):
        kwargs = super().get_filterset_kwargs(request, queryset, view)
        filterset_class = self.get_filterset_class(view, queryset)
        names = set(filterset_class.base_filters) if filterset_class else set()
        blank = sorted(name for name in names if name in request.query_params
                       and any(not value.strip() for value in request.query_params.getlist(name)))
        if blank:
            raise ValidationError({name: ["May not be blank: leave the parameter out instead."] for name in blank})
        return kwargs
