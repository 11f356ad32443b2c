"""
The API's pagination. DRF imports it from settings while it loads its generic views, so nothing here
may import a view.
"""

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
    # Pages are numbers only, as the schema says: DRF would also take `?page=last`.
    last_page_strings = ()
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
        # Refused rather than capped: the schema promises 1 to max_page_size, and a client asking for
        # more would otherwise get fewer rows than it asked for without being told.
        if not (size.isascii() and size.isdigit() and 0 < int(size) <= self.max_page_size):
            raise ValidationError({self.page_size_query_param: [f"A whole number from 1 to {self.max_page_size}."]})
        return int(size)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        bounds = {
            self.page_query_param: {"minimum": 1},
            self.page_size_query_param: {"minimum": 1, "maximum": self.max_page_size},
        }
        for parameter in parameters:
            parameter["schema"] |= bounds.get(parameter["name"], {})
        return parameters
