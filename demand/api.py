from rest_framework import generics

from core.caching import CachedReadsMixin
from demand.models import DEMAND_MODELS
from demand.reports import skill_demand_of
from demand.serializers import SkillDemandReportSerializer
from roles.models import Role
from skills.models import Skill


class RoleSkillDemandView(CachedReadsMixin, generics.RetrieveAPIView):
    """
    The skills a role's live postings ask for, ranked by the share of those postings that ask for each
    (essential and optional apart, with the in-demand flag), and their month-by-month trend. Counted
    ahead from the postings (refreshed after every change to them), not at each request.
    """

    serializer_class = SkillDemandReportSerializer
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"
    filter_backends = []
    cache_depends_on = (Role, Skill, *DEMAND_MODELS)

    def get_queryset(self):
        return Role.objects.visible_to(self.request.user)

    def get_object(self):
        return skill_demand_of(super().get_object())
