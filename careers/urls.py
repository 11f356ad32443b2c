from django.urls import path

from careers import views

app_name = "careers"
urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("match/", views.match, name="match"),
    path("compare/", views.compare, name="compare"),
    path("match/from-text/", views.from_text, name="from_text"),
]
