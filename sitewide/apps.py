from django.apps import AppConfig


class SitewideConfig(AppConfig):
    """
    The site-wide views over every content app: the sitemap, robots.txt and the bulk downloads. Last in
    the order (tests/test_architecture.py), so it may name the pages and records of every app before it.
    """

    name = "sitewide"
