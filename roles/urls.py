from django.urls import path

from roles import views

app_name = "roles"
urlpatterns = [
    path("", views.RoleListView.as_view(), name="list"),
    path("<slug:slug>/", views.RoleDetailView.as_view(), name="detail"),
]
