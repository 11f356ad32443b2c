"""The plan's per-skill progress controls: links that change one skill's state in the plan's address."""

from html import escape

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe

from paths.gap import Progress

register = template.Library()

LABELS = {Progress.DONE: "Done", Progress.LEARNING: "Learning", Progress.SKIPPED: "Skip"}


@register.simple_tag
def progress_controls(plan, item):
    """
    For `item` (a GapSkill of `plan`): a link per state (done, learning, skipped) to the same plan with
    that state set, or cleared when it is the current one. Known from the current role: no control.
    """
    if not item.tickable:
        return mark_safe('<span class="muted">from your current role</span>')
    url, slug, name = reverse("paths:plan"), item.skill.slug, escape(item.skill.name)
    links = []
    for state, label in LABELS.items():
        current = item.state == state
        query = plan.query_string(**{slug: None if current else state})
        pressed = ' aria-current="true" class="is-current"' if current else ""
        hint = f"{'Clear' if current else 'Mark'} {name} as {state}"
        links.append(f'<a href="{url}?{escape(query)}#plan"{pressed} title="{hint}">{label}</a>')
    return mark_safe('<span class="progress-controls">' + " · ".join(links) + "</span>")


@register.simple_tag
def step_done_link(plan, step):
    """A link to the same plan with every skill of `step` still to learn (and tickable) marked done."""
    left = {item.skill.slug: Progress.DONE for item in step.left if item.tickable}
    if not left:
        return ""
    url = f"{reverse('paths:plan')}?{escape(plan.query_string(**left))}#plan"
    return mark_safe(f'<p class="step-done-link"><a href="{url}">Mark this step done</a></p>')
