from django.contrib import admin
from django.urls import include, path

from core import health
from core.views import favicon

admin.site.site_header = "careerguide curation"
admin.site.site_title = "careerguide admin"
admin.site.index_title = "Roles, skills, postings and salaries"

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    # Browsers ask for /favicon.ico on pages that name no icon (the admin's): the site's icon, by its static name.
    path("favicon.ico", favicon, name="favicon"),
    path("", include("careers.urls")),
    path("", include("roles.urls")),
    path("", include("postings.urls")),
    path("", include("demand.urls")),
    path("", include("paths.urls")),
    path("skills/", include("skills.urls")),
    path("extract/", include("extraction.urls")),
    path("sources/", include("sources.urls")),
    # The sitemap, robots.txt and the downloads: they span every app above.
    path("", include("sitewide.urls")),
    path("api/", include("careerguide.api_urls")),
    path("admin/", admin.site.urls),
]

# Under /api/ these answer in the API's JSON error shape; elsewhere with the site's 400 and 500 pages.
handler400 = "core.api.errors.bad_request"
handler500 = "core.api.errors.server_error"
