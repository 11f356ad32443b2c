from django.urls import path

from catalogue import downloads, sitemaps

app_name = "catalogue"
urlpatterns = [
    path("downloads/", downloads.index, name="downloads"),
    path("downloads/<slug:dataset>.<slug:fmt>", downloads.download, name="download"),
    path("sitemap.xml", sitemaps.index, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemaps.section, name="sitemap-section"),
    path("robots.txt", sitemaps.robots_txt, name="robots"),
]
