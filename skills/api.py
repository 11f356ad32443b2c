from core.api.viewsets import PublishableViewSet
from skills.models import Skill
from skills.serializers import SkillSerializer


class SkillViewSet(PublishableViewSet):
    """Skills the guide names, each with the roles that need it."""

    serializer_class = SkillSerializer
    filterset_fields = ["kind", "category"]
    search_fields = ["name", "description"]
    ordering_fields = ["name", "category", "updated_at"]
    ordering = ["name"]

    def base_queryset(self):
        return Skill.objects.with_roles().with_hierarchy().select_related("source")
