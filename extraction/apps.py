from django.apps import AppConfig


class ExtractionConfig(AppConfig):
    """
    Reading text — a posting, a CV — into skills of the taxonomy, a degree and years of experience.
    Uses skills (the taxonomy); the API and the match page use it.
    """

    name = "extraction"
