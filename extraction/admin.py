"""
"New posting from text" in the postings admin: a curator pastes a posting, reviews what was read (skills with
their importance, minimum degree, equivalent experience, years, fields of study — each with the words it was
read from), corrects it, and gets a *draft* JobPosting that goes through the normal review. Plugged into
postings.admin.JobPostingAdmin.extra_pages (postings never imports this app).
"""

from django import forms
from django.contrib import messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import slugify

from extraction.engine import MAX_CHARS, POSTING, extract
from extraction.reading import sentences
from extraction.views import highlighted
from postings.admin import JobPostingAdmin
from postings.models import DEGREE_BY_NAME, Company, Degree, FieldOfStudy, JobPosting, PostingSkill
from roles.models import Role
from skills.models import Importance, Skill
from sources.models import Source

SKILL_PREFIX = "skill__"
LEAVE_OUT = ""


def sentence_around(text, offset):
    """The sentence of `text` holding `offset`: a posting skill's source passage, word for word."""
    for sentence in sentences(text):
        if sentence.start <= offset < sentence.end:
            return sentence.text.strip()
    return text.strip()


class PostingFromTextForm(forms.Form):
    text = forms.CharField(
        label="The posting, as published",
        max_length=MAX_CHARS,
        strip=False,  # the spans read are offsets into the text exactly as pasted
        widget=forms.Textarea(attrs={"rows": 14, "cols": 100}),
        help_text=f"At most {MAX_CHARS:,} characters. Kept as the draft's requirements and its source passage.",
    )
    title = forms.CharField(max_length=200)
    company = forms.ModelChoiceField(Company.objects.all())
    role = forms.ModelChoiceField(Role.objects.all())
    source = forms.ModelChoiceField(Source.objects.all(), help_text="Where the posting was published.")
    min_degree = forms.TypedChoiceField(
        label="Minimum degree",
        choices=[("", "Not stated"), *Degree.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    accepts_equivalent_experience = forms.BooleanField(required=False)
    min_years_experience = forms.IntegerField(
        label="Minimum years of experience", min_value=0, max_value=60, required=False
    )
    fields_of_study = forms.ModelMultipleChoiceField(
        FieldOfStudy.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, admin_site, skills=(), **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("company", "role", "source"):
            field = self.fields[name]
            field.widget = AutocompleteSelect(JobPosting._meta.get_field(name), admin_site)
            field.widget.choices = field.choices  # what a field's own widget gets when the field is made
        # One field per skill read: its importance, or left out.
        self.skills = {skill.slug: skill for skill in skills}
        for skill in skills:
            self.fields[SKILL_PREFIX + skill.slug] = forms.ChoiceField(
                label=skill.name,
                choices=[
                    (Importance.ESSENTIAL, "Essential"),
                    (Importance.OPTIONAL, "Optional"),
                    (LEAVE_OUT, "Leave out"),
                ],
                required=False,
            )

    def skill_fields(self):
        return [self[SKILL_PREFIX + slug] for slug in self.skills]

    def chosen_skills(self):
        """(Skill, importance) for each skill kept."""
        return [
            (skill, self.cleaned_data[SKILL_PREFIX + slug])
            for slug, skill in self.skills.items()
            if self.cleaned_data.get(SKILL_PREFIX + slug)
        ]

    def clean(self):
        data = super().clean()
        if data.get("accepts_equivalent_experience") and data.get("min_degree") is None:
            raise ValidationError(
                {"accepts_equivalent_experience": "Equivalent experience stands in for a degree: choose the degree."}
            )
        return data


def _skills_named(request, extraction=None):
    """The skills the form shows: those read (reading) or those the posted form names (creating)."""
    if extraction is not None:
        slugs = [skill.slug for skill in extraction.skills]
    else:
        slugs = [key.removeprefix(SKILL_PREFIX) for key in request.POST if key.startswith(SKILL_PREFIX)][:200]
    found = {skill.slug: skill for skill in Skill.objects.filter(slug__in=slugs)}
    return [found[slug] for slug in slugs if slug in found]


def _unique_slug(company, title):
    base = slugify(f"{company.slug} {title}")[:180] or "posting"
    slug, n = base, 1
    while JobPosting.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def create_draft(form, user):
    """The draft posting and its skills, all or nothing. Each skill's source passage is the sentence it was read in."""
    data = form.cleaned_data
    text = data["text"]
    posting = JobPosting(
        title=data["title"],
        slug=_unique_slug(data["company"], data["title"]),
        company=data["company"],
        role=data["role"],
        requirements=text,
        min_degree=data["min_degree"],
        accepts_equivalent_experience=data["accepts_equivalent_experience"],
        min_years_experience=data["min_years_experience"],
        source=data["source"],
        source_passage=text,
    )  # status: draft, review: not submitted (the model's defaults)
    posting.full_clean()
    posting.save()
    posting.fields_of_study.set(data["fields_of_study"])
    spans = {skill.slug: skill.spans for skill in extract(text, kind=POSTING).skills}
    PostingSkill.objects.bulk_create(
        PostingSkill(
            posting=posting,
            skill=skill,
            importance=importance,
            source=data["source"],
            source_passage=sentence_around(text, spans[skill.slug][0].start) if spans.get(skill.slug) else text,
        )
        for skill, importance in form.chosen_skills()
    )
    return posting


def posting_from_text(request, model_admin):
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    site = model_admin.admin_site
    extraction = form = None
    if request.method == "POST" and "create" in request.POST:
        form = PostingFromTextForm(request.POST, admin_site=site, skills=_skills_named(request))
        if form.is_valid():
            try:
                posting = create_draft(form, request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    "Draft created from the text. Check what was read below, then save and submit it for review.",
                )
                return redirect(reverse("admin:postings_jobposting_change", args=[posting.pk]))
        extraction = extract(form.data.get("text", "")[:MAX_CHARS], kind=POSTING)
    elif request.method == "POST":
        # Reading: the basics must be valid; the facts read become the form's starting values.
        form = PostingFromTextForm(request.POST, admin_site=site)
        basics = ("text", "title", "company", "role", "source")
        form.is_valid()
        if not any(name in form.errors for name in basics):
            extraction = extract(form.cleaned_data["text"], kind=POSTING)
            initial = {name: request.POST.get(name) for name in basics}
            initial |= {
                "min_degree": "" if extraction.degree is None else DEGREE_BY_NAME[extraction.degree].value,
                "accepts_equivalent_experience": extraction.accepts_equivalent_experience
                and extraction.degree is not None,
                "min_years_experience": extraction.years,
                "fields_of_study": FieldOfStudy.objects.filter(
                    slug__in=[found.slug for found in extraction.fields_of_study]
                ),
                **{SKILL_PREFIX + skill.slug: skill.importance for skill in extraction.skills},
            }
            form = PostingFromTextForm(initial=initial, admin_site=site, skills=_skills_named(request, extraction))
    else:
        form = PostingFromTextForm(admin_site=site)
    spans = {skill.slug: skill.spans for skill in extraction.skills} if extraction else {}
    context = {
        **site.each_context(request),
        "title": "New posting from text",
        "opts": JobPosting._meta,
        "form": form,
        "media": model_admin.media + form.media,
        "extraction": extraction,
        "marked": highlighted(form["text"].value() or "", extraction.skills) if extraction else "",
        "skill_rows": [
            (field, spans.get(slug, [])) for slug, field in zip(form.skills, form.skill_fields(), strict=True)
        ],
    }
    return TemplateResponse(request, "admin/extraction/posting_from_text.html", context)


# Offered above the postings list, at admin/postings/jobposting/from-text/.
JobPostingAdmin.extra_pages.append(("from-text/", posting_from_text, "from_text", "New posting from text"))
