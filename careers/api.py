from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions
from rest_framework.response import Response
from rest_framework.views import APIView

from careers.comparing import MAX_ROLES, MIN_ROLES, compare_roles
from careers.matching import LAST_PAGE, POSTINGS_PER_PAGE, UnknownSkills, match_skills
from careers.serializers import CompareSerializer, MatchSerializer
from core.api.errors import ErrorSerializer, error_response
from core.caching import CachedReadsMixin
from roles.models import Role

# A slug as the schema states it: what no record's slug can be (blank, over-long) is refused by the schema.
SLUG = {"type": "string", "minLength": 1, "maxLength": 120}


class MatchView(CachedReadsMixin, APIView):
    """
    The skill match: roles ranked by how much of their essential skills the given skills (and the current
    role's) cover, weighed by the evidence, each with its skill gap and plan; the best fit's learn next;
    and the postings whose requirements they meet. Same logic as the site's match page.
    """

    permission_classes = [permissions.AllowAny]  # read-only: only GET is routed

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "skill",
                {"type": "array", "items": SLUG, "minItems": 1, "maxItems": 100},
                required=True,
                description="Skill slugs (repeat), 1 to 100. Blank is not allowed.",
            ),
            OpenApiParameter(
                "from",
                {"type": "string", "maxLength": 120},
                required=False,
                allow_blank=True,
                description="The slug of the role you are in now: its essential skills count as known, and it is "
                "listed last. Blank: none.",
            ),
            OpenApiParameter(
                "page",
                {"type": "integer", "minimum": 1, "maximum": LAST_PAGE},
                required=False,
                description=f"Page of postings met, 1 to {LAST_PAGE} ({POSTINGS_PER_PAGE} a page; default 1).",
            ),
        ],
        responses={200: MatchSerializer, 400: ErrorSerializer},
    )
    def get(self, request):
        # Anonymous answers come from the cache like the other endpoints' (a 400 is never cached).
        return self._cached("match", request, lambda: self.answer(request))

    def answer(self, request):
        slugs = request.query_params.getlist("skill")
        if not slugs or not all(s.strip() for s in slugs):
            return error_response(400, {"skill": ["Give at least one skill slug, e.g. ?skill=python&skill=sql."]})
        if len(slugs) > 100:
            return error_response(400, {"skill": ["At most 100 skills."]})
        page = request.query_params.get("page", "1")
        if not (page.isascii() and page.isdigit() and 1 <= int(page) <= LAST_PAGE):
            return error_response(400, {"page": [f"A whole number from 1 to {LAST_PAGE}."]})
        current = None
        if current_slug := request.query_params.get("from", "").strip():
            current = Role.objects.published().filter(slug=current_slug[:120]).first()
            if current is None:
                return error_response(400, {"from": [f"Unknown role: {current_slug}"]})
        try:
            result = match_skills(slugs, current_role=current, strict=True, page=page)
        except UnknownSkills as error:
            return error_response(400, {"skill": [f"Unknown skill: {slug}" for slug in error.slugs]})
        return Response(MatchSerializer(result, context={"request": request}).data)


class CompareView(CachedReadsMixin, APIView):
    """Two or more roles side by side, with the skills they share."""

    permission_classes = [permissions.AllowAny]  # read-only: only GET is routed

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "role",
                {"type": "array", "items": SLUG, "minItems": MIN_ROLES, "maxItems": MAX_ROLES},
                required=True,
                description=f"{MIN_ROLES} to {MAX_ROLES} different role slugs (repeat; a repeated slug counts once). "
                "Blank is not allowed.",
            )
        ],
        responses={200: CompareSerializer, 400: ErrorSerializer},
    )
    def get(self, request):
        return self._cached("compare", request, lambda: self.answer(request))

    def answer(self, request):
        slugs = list(dict.fromkeys(request.query_params.getlist("role")))
        if not MIN_ROLES <= len(slugs) <= MAX_ROLES or not all(slug.strip() for slug in slugs):
            return error_response(
                400, {"role": [f"Give {MIN_ROLES} to {MAX_ROLES} different role slugs, e.g. ?role=a&role=b."]}
            )
        comparison = compare_roles(slugs, roles=Role.objects.visible_to(request.user))
        if comparison.unknown_slugs:
            return error_response(400, {"role": [f"Unknown role: {slug}" for slug in comparison.unknown_slugs]})
        return Response(CompareSerializer(comparison, context={"request": request}).data)
