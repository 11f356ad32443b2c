from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.errors import ErrorSerializer, error_response
from core.api.viewsets import PublishableViewSet
from core.caching import CachedReadsMixin
from paths.gap import Progress
from paths.models import PATH_MODELS, Path
from paths.planning import MAX_HAVE, MAX_YEARS, PlanError, plan_arguments, plan_move
from paths.serializers import PathSerializer, PlanSerializer
from postings.models import DEGREE_BY_NAME

# What a path's response is built from: a change to any of them makes cached reads unreachable.


class PathViewSet(PublishableViewSet):
    """Career paths: the steps into a role, each with its skills, education and resources."""

    serializer_class = PathSerializer
    search_fields = ["name", "summary"]
    ordering_fields = ["name", "updated_at"]
    ordering = ["name"]
    cache_depends_on = PATH_MODELS

    def base_queryset(self):
        # Curators see draft steps of the paths they may see; the public, published steps only.
        drafts = Path.objects.shows_drafts_to(self.request.user)
        return Path.objects.with_steps(drafts=drafts)


# A slug as the schema states it: what no role's or skill's slug can be (over-long) is refused.
SLUG = {"type": "string", "minLength": 1, "maxLength": 120}
# The same where a blank value means "none" (from, to): the schema must let "" through.
OPTIONAL_SLUG = {"type": "string", "maxLength": 120}
PLAN_PARAMETERS = [
    OpenApiParameter(
        "from",
        OPTIONAL_SLUG,
        required=False,
        allow_blank=True,
        description="The slug of the role you are in now. Blank: none.",
    ),
    OpenApiParameter(
        "to",
        OPTIONAL_SLUG,
        required=False,
        allow_blank=True,
        description="The slug of the role you want. Blank or absent: the first published path's role.",
    ),
    OpenApiParameter(
        "have",
        {"type": "array", "items": SLUG, "maxItems": MAX_HAVE},
        required=False,
        description=f"Slugs of the skills you have (repeat the parameter; at most {MAX_HAVE}).",
    ),
    OpenApiParameter(
        "degree",
        {"type": "string", "enum": list(DEGREE_BY_NAME)},
        required=False,
        allow_blank=True,
        description="The degree you hold. Blank or absent: not given, and postings asking for a degree are not met.",
    ),
    OpenApiParameter(
        "years",
        {"type": "integer", "minimum": 0, "maximum": MAX_YEARS},
        required=False,
        description="Your years of experience. Absent: not checked (the postings' years are stated, not counted "
        "against you); given, postings asking for more are not met (those stating none are).",
    ),
    OpenApiParameter(
        "done",
        {"type": "array", "items": SLUG, "maxItems": MAX_HAVE},
        required=False,
        description=f"Slugs of the skills learned since (counted as known; repeat the parameter; at most {MAX_HAVE}).",
    ),
    OpenApiParameter(
        "learning",
        {"type": "array", "items": SLUG, "maxItems": MAX_HAVE},
        required=False,
        description=f"Slugs of the skills you are learning (repeat the parameter; at most {MAX_HAVE}).",
    ),
    OpenApiParameter(
        "skipped",
        {"type": "array", "items": SLUG, "maxItems": MAX_HAVE},
        required=False,
        description=f"Slugs of the skills you skip (never recommended; repeat the parameter; at most {MAX_HAVE}).",
    ),
]


def _refused(params):
    """Field errors for what the schema refuses before any lookup: too many, blank or over-long values."""
    errors = {}
    for name, limit in (("have", MAX_HAVE), *((state, MAX_HAVE) for state in Progress.STATES)):
        values = params.getlist(name)
        if len(values) > limit:
            errors[name] = [f"At most {limit} values."]
        elif any(not value.strip() for value in values):
            errors[name] = ["A value may not be blank."]
    if any(not value.strip() for value in params.getlist("years")):
        errors["years"] = ["A value may not be blank."]
    for name in ("from", "to", "have", *Progress.STATES):
        if any(len(value) > SLUG["maxLength"] for value in params.getlist(name)):
            errors[name] = [f"At most {SLUG['maxLength']} characters."]
    return errors


class PlanView(CachedReadsMixin, APIView):
    """
    The personal plan: the skill gap into the role you want (paths.gap) — learn next, the path's steps and
    the role's own skills with what you know and your progress, the education read against your degree,
    and the live postings for the target role you would meet after each step. Same logic as the page.
    """

    permission_classes = [permissions.AllowAny]  # read-only: only GET is routed
    queryset = Path.objects.none()  # tells the schema generator the model; the plan reads its own data

    @extend_schema(parameters=PLAN_PARAMETERS, responses={200: PlanSerializer, 400: ErrorSerializer})
    def get(self, request):
        # Anonymous answers come from the cache like the other endpoints' (a 400 is never cached).
        return self._cached("plan", request, lambda: self.answer(request))

    def answer(self, request):
        params = request.query_params
        if errors := _refused(params):
            return error_response(400, errors)
        try:
            plan = plan_move(**plan_arguments(params), strict=True)
        except PlanError as error:
            return error_response(400, error.errors)
        return Response(PlanSerializer(plan, context={"request": request}).data)
