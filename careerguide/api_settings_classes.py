"""
The API's pagination and filter backend. A module of their own: DRF imports them from settings while it
loads its generic views, so nothing here may import a view.
"""

from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination

from core import pagination
from core.pagination import CappedPaginator


class Pagination(PageNumberPagination):
    """
    Page numbers, with the count capped at COUNT_CAP (`count_is_capped` says when it stopped): counting
    a million rows for every page would cost more than the page itself.
    """

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
    django_paginator_class = CappedPaginator

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        paginator = self.page.paginator
        response.data["count"] = min(paginator.count, pagination.COUNT_CAP)
        response.data["count_is_capped"] = paginator.is_capped
        return response

    def get_paginated_response_schema(self, schema):
        schema = super().get_paginated_response_schema(schema)
        schema["properties"]["count"]["description"] = f"Matching records, counted up to {pagination.COUNT_CAP:,}."
        schema["properties"]["count_is_capped"] = {
            "type": "boolean",
            "description": f"True when there are more than {pagination.COUNT_CAP:,}: narrow the filters.",
        }
        schema["required"] = [*schema.get("required", []), "count_is_capped"]
        return schema

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
        blank = sorted(
            name
            for name in names
            if name in request.query_params and any(not value.strip() for value in request.query_params.getlist(name))
        )
        if blank:
            raise ValidationError({name: ["May not be blank: leave the parameter out instead."] for name in blank})
        return kwargs
