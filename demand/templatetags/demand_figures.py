from django import template

register = template.Library()


@register.filter
def thousands(number):
    """12345 → "12,345". humanize's intcomma, minus the localization it does per call: the ranking
    table shows three figures for each of up to a few hundred skills."""
    return f"{number:,}"
