from core.api.viewsets import PublishableViewSet
from roles.filters import RoleFilter, SalaryFigureFilter
from roles.models import Role, SalaryFigure
from roles.serializers import RoleSerializer, SalaryFigureSerializer
from roles.transitions import gaps_by_move


class RoleViewSet(PublishableViewSet):
    """ML career roles with their skills, pay, related roles and postings."""

    serializer_class = RoleSerializer
    filterset_class = RoleFilter
    search_fields = ["name", "summary", "responsibilities"]
    ordering_fields = ["name", "updated_at"]
    ordering = ["name"]

    def base_queryset(self):
        return Role.objects.with_everything().with_posting_count().select_related("source")

    def get_serializer(self, *args, **kwargs):
        # Every transition's gap on the page (or of the one role) in one engine call, not one per role.
        if args and self.action in ("list", "retrieve"):
            roles = list(args[0]) if kwargs.get("many") else [args[0]]
            kwargs["context"] = {**self.get_serializer_context(), "transition_gaps": gaps_by_move(roles)}
        return super().get_serializer(*args, **kwargs)


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
