from django.apps import AppConfig


class CareersConfig(AppConfig):
    """
    What a job seeker does across the sitewide: the front page, search, the skill match and role
    comparison. The most specific app: it may use every other, and none uses it.
    """

    name = "careers"
