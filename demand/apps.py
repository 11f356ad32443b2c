from django.apps import AppConfig


class DemandConfig(AppConfig):
    """
    Skill demand: which skills a role's live postings ask for, and how that moved month by month, counted
    into tables of its own (`refresh_skill_demand`, and after every write to a posting or its skills) so
    that no page ever counts a million postings.
    """

    name = "demand"
    verbose_name = "Skill demand"
    # Recomputed from the postings: not curated and not backed up, but cached pages are built from it.
    holds_derived_data = True

    def ready(self):
        from demand import signals  # noqa: F401  (connects the receivers)
