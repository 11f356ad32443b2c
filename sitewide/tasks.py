"""Scheduled work of the site-wide pages: the download files (sitewide/prebuilt.py)."""

from celery import shared_task

from sitewide import prebuilt


@shared_task(name="sitewide.tasks.build_downloads")
def build_downloads():
    """Rebuild the download files that are out of date. Idempotent: a file still current is left alone."""
    return prebuilt.build_all(only_out_of_date=True)
