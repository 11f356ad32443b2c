"""The postings filter form's checkbox list, rendered in Python as core.widgets renders long selects."""

from html import escape

from django import forms
from django.utils.safestring import mark_safe

from core.widgets import plain_choices, selected_values


class QuickCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """
    A list of checkboxes, one per choice, each inside its label. Django renders every option through a
    template of its own; hundreds of skills took most of the page's time that way. The page wraps the
    list in a <fieldset> with the field's legend (`use_fieldset`). Ids are Django's: `<id>_<index>`.
    """

    def render(self, name, value, attrs=None, renderer=None):
        selected = selected_values(self, value)
        list_id = self.build_attrs(self.attrs, attrs).get("id", "")
        name = escape(name)
        items = []
        for index, (v, label) in enumerate(plain_choices(self)):
            option_id = escape(f"{list_id}_{index}") if list_id else ""
            checked = " checked" if v in selected else ""
            items.append(
                f'<li><label for="{option_id}"><input type="checkbox" name="{name}" value="{escape(v)}" '
                f'id="{option_id}"{checked}> {escape(label)}</label></li>'
            )
        return mark_safe(f'<ul class="check-list" id="{escape(list_id)}">{"".join(items)}</ul>')
