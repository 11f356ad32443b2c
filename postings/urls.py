from django.urls import path

from core.caching import cached_page
from postings import views
from postings.feeds import LatestPostingsFeed

app_name = "postings"
urlpatterns = [
    path("postings/", views.JobPostingListView.as_view(), name="list"),
    # Before the detail route: "feed" would otherwise be read as a posting's slug.
    path("postings/feed/", cached_page()(LatestPostingsFeed()), name="feed"),
    path("postings/<slug:slug>/", views.JobPostingDetailView.as_view(), name="detail"),
    path("companies/", views.CompanyListView.as_view(), name="companies"),
    path("companies/<slug:slug>/", views.CompanyDetailView.as_view(), name="company"),
]
