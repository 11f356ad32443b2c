from django import forms

from core.widgets import QuickSelect, QuickSelectMultiple


def test_quick_widgets_render_the_same_html_as_djangos():
    choices = [("", "---------"), ("a", "Alpha & co"), ("b", "<Beta>")]
    for quick, django_widget, value in [
        (QuickSelect, forms.Select, "a"),
        (QuickSelectMultiple, forms.SelectMultiple, ["a", "b"]),
    ]:
        attrs = {"id": "id_x", "size": 3}
        expected = django_widget(attrs=attrs, choices=choices).render("x", value)
        got = quick(attrs=attrs, choices=choices).render("x", value)
        normalise = lambda html: "".join(html.split())  # noqa: E731 (whitespace between tags differs)
        assert normalise(got) == normalise(expected)
