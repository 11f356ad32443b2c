"""
Recount a role's skill demand after a write to one of its postings or their skill links, once per
transaction and only for the roles the writes touched, when the transaction commits (the counts must
see the write; a rolled-back write changes nothing).

- A posting saved or deleted: its role, and the role it left when its role changed.
- A skill link saved or deleted: its posting's role (and the one it left), looked up at commit.
- A fixture load (raw saves: `loaddata`, `restore`): every role, once, at the end. A raw save of a
  link may belong to a posting that is not in the fixture, and one recount of every role is cheaper
  than a lookup per link.
- A bulk change (the admin's publish/unpublish, the posting review's steps): `core.signals.records_changed`.

Writes that send no signal at all (`QuerySet.update()`, `bulk_create()` outside the admin) are not seen:
run `manage.py refresh_skill_demand` after them.
"""

import threading
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from core.signals import records_changed
from demand import refresh
from postings.models import JobPosting, PostingSkill
from roles.models import Role

# A posting write that leaves all of these alone changes no count (update_fields names them).
COUNTED_FIELDS = {"role", "role_id", "status", "posted_on", "valid_through"}
LOOKUP_BATCH = 5_000


@dataclass
class Pending:
    role_ids: set = field(default_factory=set)
    posting_ids: set = field(default_factory=set)
    every_role: bool = False


_pending = threading.local()


def _note(*, role_ids=(), posting_ids=(), every_role=False):
    """Remember what to recount, and recount it when the transaction commits (at once outside one)."""
    pending = getattr(_pending, "value", None)
    if pending is None:
        pending = _pending.value = Pending()
    pending.role_ids.update(r for r in role_ids if r is not None)
    pending.posting_ids.update(p for p in posting_ids if p is not None)
    pending.every_role |= every_role
    # One callback per write; the first to run takes everything noted, the rest find nothing left. A
    # rollback leaves its notes behind for the next commit: one needless recount, never a missed one.
    transaction.on_commit(_recount, robust=True)


def _recount():
    pending = getattr(_pending, "value", None)
    _pending.value = None
    if pending is None:
        return
    if pending.every_role:
        refresh.refresh_all()
        return
    role_ids = set(pending.role_ids)
    posting_ids = sorted(pending.posting_ids)
    for start in range(0, len(posting_ids), LOOKUP_BATCH):
        batch = posting_ids[start : start + LOOKUP_BATCH]
        role_ids.update(JobPosting.objects.filter(pk__in=batch).values_list("role_id", flat=True).distinct())
    refresh.refresh_roles(role_ids)


def _changes_counts(update_fields):
    return update_fields is None or bool(COUNTED_FIELDS & set(update_fields))


@receiver(pre_save, sender=JobPosting, dispatch_uid="demand_posting_role_before")
def remember_role_before(sender, instance, raw, update_fields, **kwargs):
    """The role a posting had before this save: if it moves to another, both roles change."""
    if raw or instance._state.adding or not _changes_counts(update_fields):
        return
    instance._demand_role_before = sender._base_manager.filter(pk=instance.pk).values_list("role_id", flat=True).first()


@receiver(post_save, sender=JobPosting, dispatch_uid="demand_posting_saved")
def recount_after_posting_saved(sender, instance, raw, update_fields, **kwargs):
    if not _changes_counts(update_fields):
        return
    _note(role_ids=[instance.role_id, getattr(instance, "_demand_role_before", None)])


@receiver(post_delete, sender=JobPosting, dispatch_uid="demand_posting_deleted")
def recount_after_posting_deleted(sender, instance, **kwargs):
    _note(role_ids=[instance.role_id])


@receiver(pre_save, sender=PostingSkill, dispatch_uid="demand_link_posting_before")
def remember_posting_before(sender, instance, raw, **kwargs):
    if raw or instance._state.adding:
        return
    instance._demand_posting_before = (
        sender._base_manager.filter(pk=instance.pk).values_list("posting_id", flat=True).first()
    )


@receiver(post_save, sender=PostingSkill, dispatch_uid="demand_link_saved")
def recount_after_link_saved(sender, instance, raw, **kwargs):
    if raw:
        _note(every_role=True)
        return
    _note(posting_ids=[instance.posting_id, getattr(instance, "_demand_posting_before", None)])


@receiver(post_delete, sender=PostingSkill, dispatch_uid="demand_link_deleted")
def recount_after_link_deleted(sender, instance, **kwargs):
    # When its posting is deleted with it, the posting's own signal names the role.
    _note(posting_ids=[instance.posting_id])


@receiver(post_save, sender=Role, dispatch_uid="demand_role_created")
def count_a_new_role(sender, instance, raw, created, **kwargs):
    """A new role gets its counts (zero until postings come) — `load_guide` seeds roles with no posting."""
    if created and not raw:
        _note(role_ids=[instance.pk])


@receiver(records_changed, sender=JobPosting, dispatch_uid="demand_postings_changed_in_bulk")
def recount_after_bulk_change(sender, records, fields, **kwargs):
    if _changes_counts(fields):
        _note(role_ids={record.role_id for record in records})
