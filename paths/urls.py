from django.urls import path

from paths import views

app_name = "paths"
urlpatterns = [
    path("paths/", views.PathListView.as_view(), name="list"),
    path("paths/<slug:slug>/", views.PathDetailView.as_view(), name="detail"),
    path("plan/", views.plan, name="plan"),
]
