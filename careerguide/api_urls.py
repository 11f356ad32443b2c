"""The versioned REST API: /api/v1/… plus its OpenAPI schema and interactive docs."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from careers.api import CompareView, MatchView
from core.api.errors import api_not_found
from demand.api import RoleSkillDemandView
from extraction.api import ExtractView
from paths.api import PathViewSet, PlanView
from postings.api import CompanyViewSet, JobPostingViewSet
from roles.api import RoleViewSet, SalaryFigureViewSet
from skills.api import SkillViewSet


class Router(DefaultRouter):
    """A router whose API root also lists the match, compare and plan endpoints."""

    def get_api_root_view(self, api_urls=None):
        list_name = self.routes[0].name
        root = {prefix: list_name.format(basename=basename) for prefix, _, basename in self.registry}
        return self.APIRootView.as_view(api_root_dict=root | {"match": "match", "compare": "compare", "plan": "plan"})


router = Router()
router.register("roles", RoleViewSet, basename="role")
router.register("skills", SkillViewSet, basename="skill")
router.register("postings", JobPostingViewSet, basename="posting")
router.register("companies", CompanyViewSet, basename="company")
router.register("salaries", SalaryFigureViewSet, basename="salaryfigure")
router.register("paths", PathViewSet, basename="path")

v1 = [
    path("match/", MatchView.as_view(), name="match"),
    path("compare/", CompareView.as_view(), name="compare"),
    path("plan/", PlanView.as_view(), name="plan"),
    path("extract/", ExtractView.as_view(), name="extract"),
    path("roles/<slug:slug>/skill-demand/", RoleSkillDemandView.as_view(), name="role-skill-demand"),
    path("", include(router.urls)),
]

urlpatterns = [
    path("v1/", include((v1, "api"))),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
    re_path(r"", api_not_found),
]
