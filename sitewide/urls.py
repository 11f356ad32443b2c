from django.urls import path

from sitewide import downloads, sitemaps

app_name = "sitewide"
urlpatterns = [
    path("downloads/", downloads.index, name="downloads"),
    path("downloads/<slug:dataset>.<slug:fmt>", downloads.download, name="download"),
    path("sitemap.xml", sitemaps.index, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemaps.section, name="sitemap-section"),
    path("robots.txt", sitemaps.robots_txt, name="robots"),
]
