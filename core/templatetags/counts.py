from django import template

from core.pagination import display_count

register = template.Library()


@register.filter
def capped(number):
    """{{ role.posting_count|capped }} → "567" or "1,000+"."""
    return display_count(number or 0)
