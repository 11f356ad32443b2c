from django.contrib import admin
from django.urls import include, path

from careerguide import views
from core import health

admin.site.site_header = "careerguide curation"
admin.site.site_title = "careerguide admin"
admin.site.index_title = "Roles, skills, postings and salaries"

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("", include("roles.urls")),
    path("", include("postings.urls")),
    path("skills/", include("skills.urls")),
    path("sources/", include("sources.urls")),
    path("api/", include("careerguide.api_urls")),
    path("admin/", admin.site.urls),
]
