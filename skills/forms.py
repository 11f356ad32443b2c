"""
A skill box: skill names typed as text, turned into the slug parameters a page (and the API, and every
link) already understands: `skill=<slug>` on the postings page, `have=<slug>` on the plan. A page with
one never has to list every skill.
"""

from django import forms
from django.utils.text import get_text_list

from skills.models import Skill

MAX_NAMES = 20  # a visitor types a handful; a longer list is a mistake or a script


def split_names(text):
    """'Python,  sql , ' -> ['Python', 'sql']: comma separated, spaces tidied, blanks dropped."""
    return [" ".join(part.split()) for part in text.split(",") if part.strip()]


class SkillNamesForm(forms.Form):
    """
    `param`: the query parameter the names become; `help_text`: what the box says on that page;
    `suggest_url`: where static/js/skill-suggest.js asks for suggestions (a page whose own script offers
    them, as the postings page's, leaves it out).
    """

    skill_names = forms.CharField(
        required=False,
        max_length=500,
        label="Skills",
        help_text="Type skill names separated by commas, e.g. Python, SQL. Each posting shown asks for all "
        "of them, or for a kind of each (machine-learning frameworks finds postings asking for PyTorch too).",
        widget=forms.TextInput(attrs={"placeholder": "e.g. Python, SQL", "autocomplete": "off"}),
    )

    def __init__(self, data, *, param="skill", help_text=None, suggest_url=None):
        super().__init__(data)
        self.param = param
        if help_text:
            self.fields["skill_names"].help_text = help_text
        if suggest_url:
            self.fields["skill_names"].widget.attrs["data-suggest-url"] = suggest_url

    def clean_skill_names(self):
        names = split_names(self.cleaned_data["skill_names"])
        if len(names) > MAX_NAMES:
            raise forms.ValidationError(f"Name at most {MAX_NAMES} skills at a time.")
        self.found = Skill.objects.published().by_names(names)
        self.unknown = [name for name in names if name not in self.found]
        return names

    def resolved_query(self, query):
        """
        `query` (a QueryDict) with each skill named in the box added as `<param>=<slug>` and only the names
        that matched nothing left in the box, so the address is the one a link would carry. Applying it
        twice changes nothing (the page redirects to it once).
        """
        if not self.is_valid() or "skill_names" not in query:
            return query
        query = query.copy()
        chosen = query.getlist(self.param)
        for skill in self.found.values():
            if skill.slug not in chosen:
                chosen.append(skill.slug)
        query.setlist(self.param, chosen)
        if self.unknown:
            query["skill_names"] = ", ".join(self.unknown)
        else:
            del query["skill_names"]
        return query

    def unknown_message(self):
        if not getattr(self, "unknown", None):
            return ""
        quoted = get_text_list([f"“{name}”" for name in self.unknown], "or")
        return f"No skill is called {quoted}: check the spelling or try another name for it."
