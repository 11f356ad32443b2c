from django import forms

from extraction.engine import MAX_CHARS


class PasteForm(forms.Form):
    text = forms.CharField(
        label="Paste your CV or describe your experience",
        max_length=MAX_CHARS,
        strip=False,  # the highlighted spans are offsets into the text as pasted
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": MAX_CHARS}),
        help_text=f"At most {MAX_CHARS:,} characters. Read once to tick your skills; never stored, logged or cached.",
    )
