from django.urls import path

from demand import views

app_name = "demand"
urlpatterns = [
    path("roles/<slug:slug>/skill-demand/", views.RoleSkillDemandView.as_view(), name="role"),
]
