"""Form widgets for long choice lists."""

from html import escape

from django import forms
from django.forms.utils import flatatt
from django.utils.safestring import mark_safe


def selected_values(widget, value):
    """The option values to mark selected, as strings (what Django's own widgets compare)."""
    return {str(v) for v in widget.format_value(value)}


def plain_choices(widget):
    """(value, label) strings for each choice, flattening option groups."""
    for option_value, label in widget.choices:
        if isinstance(label, (list, tuple)):
            yield from ((("" if v is None else str(v)), str(text)) for v, text in label)
        else:
            yield ("" if option_value is None else str(option_value)), str(label)


class QuickRenderMixin:
    """
    Renders a select's options straight from its choices. Django builds a context dict per option and
    renders it through a template (tens of microseconds each); a filter form with a few hundred countries,
    currencies and skills spent most of the postings page's time there. The HTML is the same as Django's,
    except that option groups are flattened (none of ours uses them).
    """

    def render(self, name, value, attrs=None, renderer=None):
        selected = selected_values(self, value)
        final_attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            final_attrs["multiple"] = True
        options = "".join(
            f'<option value="{escape(v)}"{" selected" if v in selected else ""}>{escape(label)}</option>'
            for v, label in plain_choices(self)
        )
        return mark_safe(f'<select name="{escape(name)}"{flatatt(final_attrs)}>{options}</select>')


class QuickSelect(QuickRenderMixin, forms.Select):
    pass


class QuickSelectMultiple(QuickRenderMixin, forms.SelectMultiple):
    pass
