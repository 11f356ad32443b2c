"""The site's URLs plus the paste-your-CV page, until careerguide/urls.py routes it (docs/extraction.md)."""

from django.urls import include, path

from careerguide.urls import urlpatterns as site

urlpatterns = [path("extract/", include("extraction.urls")), *site]
