"""API pagination. Its own module: DRF imports it while loading generics, so it must import no views."""

from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
