"""The whole site plus the two benchmark baselines. Used only through devtools.settings."""

from django.urls import include, path

from devtools import views

plain_postings_list = views.PlainPostingViewSet.as_view({"get": "list"})

urlpatterns = [
    path("bench/hello/", views.hello, name="bench-hello"),
    path("bench/plain-postings/", plain_postings_list, name="bench-plain-postings"),
    path("", include("careerguide.urls")),
]
