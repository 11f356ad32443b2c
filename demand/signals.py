"""
Recount a role's skill demand after a write to one of its postings or their skill links, in the
background: the write marks the roles it touches dirty (demand.DirtyRole) in its own transaction, and
when the transaction commits one task recounts them all (demand.tasks.recount_roles) — on a worker, or
in-process without a broker (settings, "Background work"). A rolled-back write leaves no mark and no task;
a task that fails or is lost leaves the marks for the stale sweep. The cached pages built from the postings
are invalidated by the write itself (core.caching), at once; the demand figures follow the recount.

- A posting saved or deleted: its role, and the role it left when its role changed.
- A skill link saved or deleted: its posting's role (and the one it left).
- A fixture load (raw saves: `loaddata`, `restore`): every role, once, at the end. A raw save of a
  link may belong to a posting that is not in the fixture, and one recount of every role is cheaper
  than a lookup per link.
- A bulk change (the admin's publish/unpublish, the posting review's steps): `core.signals.records_changed`.

Writes that send no signal at all (`QuerySet.update()`, `bulk_create()` outside the admin) are not seen:
run `manage.py refresh_skill_demand` after them.
"""

import logging
import threading
import uuid
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from django.utils import timezone

from core.signals import records_changed
from demand.models import DirtyRole
from postings.models import JobPosting, PostingSkill
from roles.models import Role

logger = logging.getLogger(__name__)

# A posting write that leaves all of these alone changes no count (update_fields names them).
COUNTED_FIELDS = {"role", "role_id", "status", "posted_on", "valid_through"}
LOOKUP_BATCH = 5_000


@dataclass
class Pending:
    """What the current transaction has marked, and the callback that enqueues its recount at commit."""

    role_ids: set = field(default_factory=set)
    role_of_posting: dict = field(default_factory=dict)  # postings this transaction saved: their role
    every_role: bool = False
    done: bool = False
    registered_at: int = -1  # its last place in the connection's on-commit list

    def enqueue(self):
        """Registered once per write; the first to run at commit enqueues everything, the rest find it done."""
        if not self.done:
            self.done = True
            _enqueue(self)


_pending = threading.local()


def _current():
    """
    This transaction's Pending: a fresh one when there is none, when its recount was enqueued already, or
    when its callback is gone from the connection's list (rolled back with its transaction, and the marks
    with it). A savepoint rolled back inside the transaction may take marks with it that Pending still
    counts as made: those roles are still recounted at commit, only without a mark should that task be lost.
    """
    pending = getattr(_pending, "value", None)
    if pending is not None and (pending.done or not _still_registered(pending)):
        pending = None
    if pending is None:
        pending = _pending.value = Pending()
    return pending


def _still_registered(pending):
    # Where it was registered last, first (a bulk import registers thousands); a full scan only after a
    # rollback shifted the list.
    callbacks = transaction.get_connection().run_on_commit
    at = pending.registered_at
    if at < len(callbacks) and callbacks[at][1] == pending.enqueue:
        return True
    return any(entry[1] == pending.enqueue for entry in callbacks)


def _note(*, role_ids=(), posting_ids=(), every_role=False):
    """Mark these roles (or those of these postings) dirty in this transaction, and recount them after it."""
    outside_a_transaction = not transaction.get_connection().in_atomic_block
    pending = Pending() if outside_a_transaction else _current()
    if every_role and not pending.every_role:
        pending.every_role = True
        _mark(Role.objects.order_by().values_list("pk", flat=True), pending)
    wanted = {r for r in role_ids if r is not None}
    unknown = [p for p in posting_ids if p is not None and p not in pending.role_of_posting]
    for start in range(0, len(unknown), LOOKUP_BATCH):
        batch = unknown[start : start + LOOKUP_BATCH]
        wanted.update(JobPosting.objects.filter(pk__in=batch).values_list("role_id", flat=True).distinct())
    wanted.update(pending.role_of_posting[p] for p in posting_ids if p in pending.role_of_posting)
    _mark(wanted, pending)
    # Outside a transaction this runs it at once, after the mark (each write is its own transaction).
    transaction.on_commit(pending.enqueue, robust=True)
    pending.registered_at = len(transaction.get_connection().run_on_commit) - 1


def _mark(role_ids, pending):
    """One upsert for the roles not yet marked in this transaction; each gets a new token."""
    new = sorted(set(role_ids) - pending.role_ids)
    if not new:
        return
    now = timezone.now()
    DirtyRole.objects.bulk_create(
        [DirtyRole(role_id=role_id, token=uuid.uuid4(), since=now) for role_id in new],
        update_conflicts=True,
        unique_fields=["role"],
        update_fields=["token"],  # `since` keeps the first mark's time
        batch_size=LOOKUP_BATCH,
    )
    pending.role_ids.update(new)


def forget_mark(role_id):
    """A recount removed this role's mark inside the current transaction (demand.refresh): mark it anew."""
    pending = getattr(_pending, "value", None)
    if pending is not None:
        pending.role_ids.discard(role_id)


def _enqueue(pending):
    from demand import tasks

    role_ids = sorted(pending.role_ids)
    if pending.every_role:  # roles the fixture added after the first raw link were not marked
        role_ids = sorted(set(role_ids) | set(Role.objects.values_list("pk", flat=True)))
    if not role_ids:
        return
    try:
        tasks.recount_roles.delay(role_ids)
    except Exception:  # the broker is down: the marks stay, and the stale sweep recounts them
        logger.exception("Could not enqueue the recount of %d roles; they stay marked dirty.", len(role_ids))


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
    if transaction.get_connection().in_atomic_block:  # its links, saved next, need no lookup of the role
        _current().role_of_posting[instance.pk] = instance.role_id


@receiver(pre_delete, sender=JobPosting, dispatch_uid="demand_posting_deleted")
def recount_after_posting_deleted(sender, instance, **kwargs):
    # Before the delete (in its transaction), so that its links' deletes, which follow, need no lookup.
    _note(role_ids=[instance.role_id])
    if transaction.get_connection().in_atomic_block:
        _current().role_of_posting[instance.pk] = instance.role_id


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
