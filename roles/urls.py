from django.urls import path

from roles import views

app_name = "roles"
urlpatterns = [
    path("roles/", views.RoleListView.as_view(), name="list"),
    path("roles/<slug:slug>/", views.RoleDetailView.as_view(), name="detail"),
    path("salaries/", views.salaries, name="salaries"),
]
