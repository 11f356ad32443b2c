"""Keep each posting's skill-match anchor right whenever its skill links change."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from postings.models import JobPosting, PostingSkill


@receiver([post_save, post_delete], sender=PostingSkill, dispatch_uid="posting_skill_changes_anchor")
def refresh_anchor_of_changed_posting(sender, instance, **kwargs):
    # Also on fixture loads (raw saves): one small UPDATE per link, and the anchor is never stale.
    JobPosting.objects.filter(pk=instance.posting_id).refresh_match_anchors()
