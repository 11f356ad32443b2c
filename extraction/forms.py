import re

from django import forms

from extraction.engine import MAX_CHARS

SLUG = re.compile(r"[-a-zA-Z0-9_]+")


class PasteForm(forms.Form):
    text = forms.CharField(
        label="Paste your CV or describe your experience",
        max_length=MAX_CHARS,
        strip=False,  # the highlighted spans are offsets into the text as pasted
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": MAX_CHARS}),
        help_text=f"At most {MAX_CHARS:,} characters. Read once to tick your skills; never stored, logged or cached.",
    )
    # The role the page it was pasted on had in view (the plan's target), carried to the result's role
    # choice. Only a preselection: a value that is no slug is dropped, never an error over the CV.
    to = forms.CharField(required=False, max_length=100, widget=forms.HiddenInput)

    def clean_to(self):
        slug = self.cleaned_data["to"]
        return slug if SLUG.fullmatch(slug) else ""
