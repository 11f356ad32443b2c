"""
Lists of every published skill, rendered in Python: the skills page's tree, and the skill checkboxes of
the skill match and the plan. A real catalogue has a few hundred skills; through nested {% include %}s
each list took tens of milliseconds of its page. The HTML is what the
templates they replaced made.
"""

from html import escape
from itertools import groupby

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def skill_tree(nodes):
    """
    `nodes`: [(skill, narrower nodes), ...] (skills.hierarchy.as_tree) as nested lists of names, each a
    link: nothing else per skill, so that a catalogue of hundreds stays a light page.
    """
    parts = []
    # Addresses relative to the skills page, which every skill's page sits under ("python/" for
    # /skills/python/): at hundreds of skills the repeated "/skills/" alone was a few kilobytes.
    base = reverse("skills:list")

    def href(skill):
        url = skill.get_absolute_url()
        return url.removeprefix(base) if url.startswith(base) and url != base else url

    def level(nodes, nested):
        parts.append(f'<ul class="{"skill-list skill-tree-narrower" if nested else "skill-index"}">')
        for skill, narrower in nodes:
            parts.append(f'<li><a href="{escape(href(skill))}">{escape(skill.name)}</a>')
            if narrower:
                level(narrower, nested=True)
            parts.append("</li>")
        parts.append("</ul>")

    level(nodes, nested=False)
    return mark_safe("".join(parts))


@register.simple_tag
def skill_checkboxes(skills, name, chosen=()):
    """
    `skills` (in category order) as checkboxes named `name`, a fieldset per category, those whose slug
    is in `chosen` ticked.
    """
    chosen, name = set(chosen or ()), escape(name)
    parts = []
    for category, members in groupby(skills, key=lambda skill: skill.get_category_display()):
        parts.append(f'<fieldset><legend>{escape(str(category))}</legend><div class="checks">')
        for skill in members:
            checked = " checked" if skill.slug in chosen else ""
            parts.append(
                f'<label><input type="checkbox" name="{name}" value="{escape(skill.slug)}"{checked}> '
                f"{escape(skill.name)}</label>"
            )
        parts.append("</div></fieldset>")
    return mark_safe("".join(parts))
