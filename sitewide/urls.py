from django.urls import path

from sitewide import sitemaps, views

app_name = "sitewide"
urlpatterns = [
    path("downloads/", views.downloads, name="downloads"),
    path("downloads/<slug:dataset>.<slug:fmt>", views.download, name="download"),
    path("sitemap.xml", sitemaps.index, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemaps.section, name="sitemap-section"),
    path("robots.txt", sitemaps.robots_txt, name="robots"),
]
