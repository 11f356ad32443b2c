from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, serializers
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.utils.urls import replace_query_param
from rest_framework.views import APIView

from careerguide.api import ErrorSerializer, PublishableViewSet, error_response
from roles.filters import RoleFilter, SalaryFigureFilter
from roles.matching import LAST_PAGE, POSTINGS_PER_PAGE, UnknownSkills, match_skills
from roles.models import Role, SalaryFigure
from roles.serializers import PostingLinkSerializer, RoleSerializer, SalaryFigureSerializer


class RoleViewSet(PublishableViewSet):
    """ML career roles with their skills, pay, related roles and postings."""

    serializer_class = RoleSerializer
    filterset_class = RoleFilter
    search_fields = ["name", "summary", "responsibilities"]
    ordering_fields = ["name", "updated_at"]
    ordering = ["name"]

    def base_queryset(self):
        return Role.objects.with_everything().with_posting_count().select_related("source")


class SalaryFigureViewSet(PublishableViewSet):
    """Salary figures, each saying what kind of statement it is (average or median, region, approximate)."""

    serializer_class = SalaryFigureSerializer
    filterset_class = SalaryFigureFilter
    search_fields = ["role__name", "region"]
    ordering_fields = ["amount", "role__name", "updated_at"]
    ordering = ["role__name", "-amount"]
    lookup_field = "pk"
    lookup_value_regex = r"[0-9]+"

    def base_queryset(self):
        return SalaryFigure.objects.select_related("role", "source")

    def get_queryset(self):
        figures = super().get_queryset()
        if not figures.shows_drafts_to(self.request.user):  # the public sees figures of published roles only
            figures = figures.filter(role__status="published")
        return figures


class SkillRefSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class RoleMatchSerializer(serializers.Serializer):
    slug = serializers.CharField(source="role.slug")
    name = serializers.CharField(source="role.name")
    url = serializers.SerializerMethodField()
    coverage_percent = serializers.IntegerField(help_text="Share of the role's essential skills covered.")
    essential_total = serializers.IntegerField()
    essential_covered = serializers.IntegerField()
    optional_covered = serializers.IntegerField()
    missing = SkillRefSerializer(many=True, help_text="Essential skills not covered.")

    def get_url(self, match) -> str:
        return reverse("api:role-detail", kwargs={"slug": match.role.slug}, request=self.context.get("request"))


class PostingsMetSerializer(serializers.Serializer):
    """One page of the postings met, newest first. Uncounted: finding every match would be the slow part."""

    page = serializers.IntegerField(source="number")
    next = serializers.SerializerMethodField(help_text="The next page's address, or null on the last.")
    previous = serializers.SerializerMethodField(help_text="The previous page's address, or null on the first.")
    results = PostingLinkSerializer(source="postings", many=True)

    def _page_url(self, number) -> str:
        request = self.context["request"]
        return replace_query_param(request.build_absolute_uri(), "page", number)

    def get_next(self, page) -> str | None:
        return self._page_url(page.number + 1) if page.has_next else None

    def get_previous(self, page) -> str | None:
        return self._page_url(page.number - 1) if page.has_previous else None


class MatchSerializer(serializers.Serializer):
    skills = SkillRefSerializer(many=True)
    roles = RoleMatchSerializer(many=True)
    postings = PostingsMetSerializer(
        source="postings_page", help_text="Open postings whose essential skills are all covered, a page at a time."
    )


class MatchView(APIView):
    """
    The skill match: roles ranked by how much of their essential skills the given skills cover (with
    what is missing), and the postings whose requirements they meet. Same logic as the site's match page.
    """

    permission_classes = [permissions.AllowAny]  # read-only: only GET is routed

    @extend_schema(
        parameters=[
            OpenApiParameter("skill", str, many=True, required=True, description="Skill slugs (repeat)."),
            OpenApiParameter(
                "page",
                int,
                required=False,
                description=f"Page of postings met, 1 to {LAST_PAGE} ({POSTINGS_PER_PAGE} a page; default 1).",
            ),
        ],
        responses={200: MatchSerializer, 400: ErrorSerializer},
    )
    def get(self, request):
        slugs = request.query_params.getlist("skill")
        if not slugs or not all(s.strip() for s in slugs):
            return error_response(400, {"skill": ["Give at least one skill slug, e.g. ?skill=python&skill=sql."]})
        if len(slugs) > 100:
            return error_response(400, {"skill": ["At most 100 skills."]})
        page = request.query_params.get("page", "1")
        if not (page.isascii() and page.isdigit() and 1 <= int(page) <= LAST_PAGE):
            return error_response(400, {"page": [f"A whole number from 1 to {LAST_PAGE}."]})
        try:
            result = match_skills(slugs, strict=True, page=page)
        except UnknownSkills as error:
            return error_response(400, {"skill": [f"Unknown skill: {slug}" for slug in error.slugs]})
        return Response(MatchSerializer(result, context={"request": request}).data)


class CompareSerializer(serializers.Serializer):
    roles = RoleSerializer(many=True)
    shared_skills = SkillRefSerializer(many=True, help_text="Skills every compared role lists.")


class CompareView(APIView):
    """Two or more roles side by side, with the skills they share."""

    permission_classes = [permissions.AllowAny]  # read-only: only GET is routed

    @extend_schema(
        parameters=[OpenApiParameter("role", str, many=True, required=True, description="2 to 6 role slugs (repeat).")],
        responses={200: CompareSerializer, 400: ErrorSerializer},
    )
    def get(self, request):
        slugs = list(dict.fromkeys(request.query_params.getlist("role")))
        if not 2 <= len(slugs) <= 6:
            return error_response(400, {"role": ["Give 2 to 6 different role slugs, e.g. ?role=a&role=b."]})
        roles = Role.objects.with_everything().with_posting_count().visible_to(request.user).filter(slug__in=slugs)
        found = {role.slug: role for role in roles}
        unknown = [slug for slug in slugs if slug not in found]
        if unknown:
            return error_response(400, {"role": [f"Unknown role: {slug}" for slug in unknown]})
        roles = [found[slug] for slug in slugs]
        skill_sets = [{link.skill for link in role.role_skills.all()} for role in roles]
        shared = sorted(set.intersection(*skill_sets), key=lambda skill: skill.name)
        data = {"roles": roles, "shared_skills": shared}
        return Response(CompareSerializer(data, context={"request": request}).data)
