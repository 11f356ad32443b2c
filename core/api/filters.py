"""
The API's filter backend: the site's FilterSets, with django-filter's rule for blank values, and a cap on
the free-text parameters every list takes.
"""

from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError
from rest_framework.settings import api_settings

# The longest `?search=` (the same cap as the site's search box) and `?ordering=` the API reads. Longer
# values are refused with a 400, never cut: a cut query would answer a question nobody asked.
MAX_SEARCH_LENGTH = 100
MAX_ORDERING_LENGTH = 100
TEXT_CAPS = {api_settings.SEARCH_PARAM: MAX_SEARCH_LENGTH, api_settings.ORDERING_PARAM: MAX_ORDERING_LENGTH}


class StrictFilterBackend(DjangoFilterBackend):
    """
    The API's filters are the site's FilterSets. A blank value (`?degree=`) means "no filter", as
    django-filter and HTML forms have it, and the schema says so (`allowEmptyValue`); a blank among
    repeated values (`?skill=&skill=python`) is dropped the same way. Anything else that is not a
    valid value is a 400 naming the parameter.
    """

    def filter_queryset(self, request, queryset, view):
        too_long = {
            name: [f"At most {cap} characters."]
            for name, cap in TEXT_CAPS.items()
            if any(len(value) > cap for value in request.query_params.getlist(name))
        }
        if too_long:
            raise ValidationError(too_long)
        return super().filter_queryset(request, queryset, view)

    def get_filterset_kwargs(self, request, queryset, view):
        kwargs = super().get_filterset_kwargs(request, queryset, view)
        filterset_class = self.get_filterset_class(view, queryset)
        names = set(filterset_class.base_filters) if filterset_class else set()
        data = kwargs["data"].copy()
        for name in names & set(data):
            values = [value for value in data.getlist(name) if value != ""]
            if values:
                data.setlist(name, values)
            else:
                del data[name]
        kwargs["data"] = data
        return kwargs
