"""
Signals core sends for writes that Django's own signals do not report.

`records_changed`: sent after a bulk write that bypasses save(): of existing records (the admin's
publish/unpublish actions, the posting review's steps: `bulk_update`) or of new ones (the import's
`bulk_create`), with `records` (the changed or created instances, as written) and `fields` (the names
written). An app that keeps figures derived from those
records (`demand`) listens to it, so the apps that write never have to import the apps that derive.
"""

from django.dispatch import Signal

records_changed = Signal()
