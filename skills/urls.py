from django.urls import path

from skills import views

app_name = "skills"
urlpatterns = [
    path("", views.SkillListView.as_view(), name="list"),
    # Before the detail route, which would read "suggest" as a skill's slug.
    path("suggest/", views.suggest, name="suggest"),
    path("<slug:slug>/", views.SkillDetailView.as_view(), name="detail"),
]
