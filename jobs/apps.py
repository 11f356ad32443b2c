from django.apps import AppConfig


class JobsConfig(AppConfig):
    """
    Background jobs an operator watches: a long piece of admin work (a recount of everything, an import, a
    big bulk action) records its progress, its errors by row and its summary on a BackgroundJob, and the
    admin shows it with a progress bar that survives a reload. Knows nothing of the content apps: they use it.
    """

    name = "jobs"
    verbose_name = "Background jobs"
