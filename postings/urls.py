from django.urls import path

from postings import views

app_name = "postings"
urlpatterns = [
    path("postings/", views.JobPostingListView.as_view(), name="list"),
    path("postings/<slug:slug>/", views.JobPostingDetailView.as_view(), name="detail"),
    path("companies/", views.CompanyListView.as_view(), name="companies"),
    path("companies/<slug:slug>/", views.CompanyDetailView.as_view(), name="company"),
]
