from core.api.viewsets import PublishableViewSet
from roles.filters import RoleFilter, SalaryFigureFilter
from roles.models import Role, SalaryFigure
from roles.serializers import RoleSerializer, SalaryFigureSerializer


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
