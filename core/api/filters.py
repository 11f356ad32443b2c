"""
The API's filter backend: the site's FilterSets, with django-filter's rule for blank values, and a cap on
the free-text parameters every list takes.
"""

from django import forms
from django.forms.utils import ErrorDict
from django_filters import ModelChoiceFilter, ModelMultipleChoiceFilter, utils
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError
from rest_framework.settings import api_settings

# The longest `?search=` (the same cap as the site's search box) and `?ordering=` the API reads. Longer
# values are refused with a 400, never cut: a cut query would answer a question nobody asked.
MAX_SEARCH_LENGTH = 100
MAX_ORDERING_LENGTH = 100
TEXT_CAPS = {api_settings.SEARCH_PARAM: MAX_SEARCH_LENGTH, api_settings.ORDERING_PARAM: MAX_ORDERING_LENGTH}
ONE_VALUE = "Give this parameter once: it takes one value."
# What a slug filter's form field says when the slug names no record it may show.
UNKNOWN_RECORD_CODES = {"invalid_choice"}


def is_record_filter(filter_):
    """A filter whose values name records (by slug)."""
    return isinstance(filter_, (ModelChoiceFilter, ModelMultipleChoiceFilter))


def takes_several(filter_):
    """A filter whose parameter may repeat (?skill=a&skill=b): the schema declares it an array."""
    return isinstance(filter_.field, (forms.MultipleChoiceField, forms.ModelMultipleChoiceField))


def names_no_record(filter_, errors):
    """True when a filter's only errors say its slug (or one of its slugs) names no visible record."""
    return is_record_filter(filter_) and all(error.code in UNKNOWN_RECORD_CODES for error in errors)


def too_long_a_slug(filterset, name):
    """A slug longer than the field it names can hold: the schema's maxLength refuses it, so must we."""
    filter_ = filterset.filters[name]
    field = filter_.queryset.model._meta.get_field(filter_.extra.get("to_field_name") or "pk")
    cap = getattr(field, "max_length", None)
    return bool(cap) and any(len(value) > cap for value in filterset.data.getlist(name))


class StrictFilterBackend(DjangoFilterBackend):
    """
    The API's filters are the site's FilterSets. A blank value (`?degree=`) means "no filter", as
    django-filter and HTML forms have it, and the schema says so (`allowEmptyValue`); a blank among
    repeated values (`?skill=&skill=python`) is dropped the same way. Anything else that is not a
    valid value is a 400 naming the parameter, except a slug that names no record the client may see
    (`?company=no-such-company`, or a draft's): that filter matches nothing, so the answer is an empty
    list, as for a company with no postings. The schema cannot list every slug, and a 400 there would
    also tell an anonymous client which draft slugs exist. (The site's forms explain such a value.)
    """

    def filter_queryset(self, request, queryset, view):
        too_long = {
            name: [f"At most {cap} characters."]
            for name, cap in TEXT_CAPS.items()
            if any(len(value) > cap for value in request.query_params.getlist(name))
        }
        if too_long:
            raise ValidationError(too_long)
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        # A parameter the schema declares as one value, sent several times (?role=a&role=b): which one was
        # meant? A form would read the last; the API refuses to guess.
        sent = {name: filterset.data.getlist(name) for name, f in filterset.filters.items() if not takes_several(f)}
        sent |= {name: request.query_params.getlist(name) for name in TEXT_CAPS}
        repeated = {name: [ONE_VALUE] for name, values in sent.items() if len(values) > 1}
        if repeated:
            raise ValidationError(repeated)
        if filterset.is_valid():
            return filterset.qs
        errors = filterset.form.errors.as_data()
        refused = [
            name
            for name, found in errors.items()
            if not names_no_record(filterset.filters.get(name), found) or too_long_a_slug(filterset, name)
        ]
        if not refused:
            return queryset.none()
        # The 400 names what is wrong with the request, not the slugs that merely match nothing.
        raise utils.translate_validation(ErrorDict((name, filterset.errors[name]) for name in refused))

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
