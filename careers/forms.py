from django import forms
from django.urls import reverse

from postings.models import HELD_DEGREE_CHOICES, MAX_YEARS_EXPERIENCE

MAX_SKILLS = 100


class FromTextForm(forms.Form):
    """What a pasted CV was read as (corrected by the person), and where it goes next: the match or the plan."""

    MATCH, PLAN = "match", "plan"
    next = forms.ChoiceField(choices=[(MATCH, "Match"), (PLAN, "Plan")])
    # Slugs, passed on as they are: the match and the plan each name an unknown one in their own words.
    skill = forms.MultipleChoiceField(required=False)
    degree = forms.ChoiceField(required=False, choices=[("", "Not given"), *HELD_DEGREE_CHOICES])
    to = forms.SlugField(required=False, max_length=100)
    # The years a CV states, as read (or corrected): the plan's hard gate on "N+ years" postings.
    years = forms.IntegerField(required=False, min_value=0, max_value=MAX_YEARS_EXPERIENCE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skill"].valid_value = lambda value: 0 < len(value) <= 100

    def clean_skill(self):
        skills = list(dict.fromkeys(self.cleaned_data["skill"]))
        if len(skills) > MAX_SKILLS:
            raise forms.ValidationError(f"At most {MAX_SKILLS} skills.")
        return skills

    def destination(self):
        """The next page's address, in its own parameter names (the match's ?skill=, the plan's ?have=)."""
        data = self.cleaned_data
        if data["next"] == self.MATCH:
            return reverse("careers:match"), [("skill", slug) for slug in data["skill"]]
        params = [("to", data["to"])] if data["to"] else []
        params += [("have", slug) for slug in data["skill"]]
        params += [("degree", data["degree"])] if data["degree"] else []
        params += [("years", str(data["years"]))] if data["years"] is not None else []
        return reverse("paths:plan"), params
