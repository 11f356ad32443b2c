"""The postings filter form's checkbox list, rendered in Python as core.widgets renders long selects."""

from django import forms
from django.utils.html import format_html, format_html_join


class QuickCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """
    A list of checkboxes, one per choice, each inside its label. Django renders every option through a
    template of its own; hundreds of skills took most of the page's time that way. The page wraps the
    list in a <fieldset> with the field's legend (`use_fieldset`).
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        items = format_html_join(
            "",
            '<li><label for="{}"><input type="checkbox" name="{}" value="{}" id="{}"{}> {}</label></li>',
            (
                (
                    option["attrs"].get("id", ""),
                    widget["name"],
                    option["value"],
                    option["attrs"].get("id", ""),
                    " checked" if option["selected"] else "",
                    option["label"],
                )
                for _group, options, _index in widget["optgroups"]
                for option in options
            ),
        )
        return format_html('<ul class="check-list" id="{}">{}</ul>', widget["attrs"].get("id", ""), items)
