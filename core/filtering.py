"""
Filter sets that cost little to make. A FilterSet is made for every request (the page, its feed, the
API), and django-filter deep-copies each of its filters, then Django deep-copies each form field: both
copy every choice of every choice list. For the postings filters (250 countries, 170 currencies) that
was about 4,000 deepcopy calls, a few milliseconds of every request, to copy lists nobody changes.
"""

import copy

import django_filters
from django import forms
from django_filters import fields


class FiltersCopiedShallowly(dict):
    """A FilterSet's base_filters whose per-request copy is one shallow copy of each filter."""

    def __deepcopy__(self, memo):
        # Each filter gets its own object (FilterSet sets `parent` and `model` on it); what the filter
        # was declared with (its `extra`: choices, querysets, widgets) is shared, and only read.
        return type(self)((name, shallow_copy(filter_)) for name, filter_ in self.items())


def shallow_copy(filter_):
    clone = copy.copy(filter_)
    if getattr(filter_, "method", None) is not None:
        clone.method = filter_.method  # binds a FilterMethod to the clone (and so to the clone's parent)
    return clone


class LightFilterSet(django_filters.FilterSet):
    """A FilterSet copied shallowly per request (see the module's docstring)."""

    @classmethod
    def get_filters(cls):
        return FiltersCopiedShallowly(super().get_filters())


class ConstantChoiceField(fields.ChoiceField):
    """A choice field whose choices are a constant list: form copies share it instead of copying it."""

    def __deepcopy__(self, memo):
        # Field's own copy (the widget, error messages, validators), skipping ChoiceField's copy of the choices.
        result = forms.Field.__deepcopy__(self, memo)
        result._choices = self._choices
        return result


class ConstantChoiceFilter(django_filters.ChoiceFilter):
    """A ChoiceFilter over a long constant list (countries, currencies)."""

    field_class = ConstantChoiceField
