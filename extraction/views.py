from django.shortcuts import render
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from extraction.engine import PROFILE, extract
from extraction.forms import PasteForm
from postings.models import HELD_DEGREE_CHOICES, MAX_YEARS_EXPERIENCE
from roles.models import Role


def highlighted(text, skills):
    """The text, escaped, with each span read as a skill marked (<mark title="Skill name">)."""
    spans = sorted((span.start, span.end, skill.name) for skill in skills for span in skill.spans)
    parts, at = [], 0
    for start, end, name in spans:
        parts += [escape(text[at:start]), f'<mark title="{escape(name)}">', escape(text[start:end]), "</mark>"]
        at = end
    parts.append(escape(text[at:]))
    return mark_safe("".join(parts))


# POST, not GET: a CV in a URL would land in server logs, browser history and Referer headers. Never cached,
# and hidden from error reports (sensitive_post_parameters): the text is read and forgotten.
# No CSRF token: the form sits on the cached match page (one copy for every visitor, so no per-visitor token),
# and this POST changes nothing — it stores nothing and acts for no account, so a forged one gains nothing.
@csrf_exempt
@sensitive_post_parameters("text")
@never_cache
@require_POST
def read_pasted(request):
    """Read a pasted CV into skills, shown highlighted and pre-ticked for the match."""
    form = PasteForm(request.POST)
    if not form.is_valid():
        return render(request, "extraction/read.html", {"form": form}, status=400)
    text = form.cleaned_data["text"]
    result = extract(text, kind=PROFILE)
    # What was read goes on as the next page's parameters (skills, degree held, the role in view): it was
    # read from the text and is shown here to be corrected; the text itself goes no further.
    return render(
        request,
        "extraction/read.html",
        {
            "form": PasteForm(),
            "result": result,
            "marked": highlighted(text, result.all_skills),
            "roles": Role.objects.published().only("slug", "name"),
            "to": form.cleaned_data["to"],
            "degrees": HELD_DEGREE_CHOICES,
            "max_years": MAX_YEARS_EXPERIENCE,
        },
    )
