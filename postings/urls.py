from django.urls import path

from postings import views

app_name = "postings"
urlpatterns = [
    path("", views.JobPostingListView.as_view(), name="list"),
    path("<slug:slug>/", views.JobPostingDetailView.as_view(), name="detail"),
]
