"""
The skill hierarchy read as requirements: knowing a narrower skill (PyTorch) meets a requirement for a
broader one (Machine learning frameworks).

Two directions, one rule:
- `meets(skill_ids)`: what a person with these skills meets — the skills and every broader skill above
  them. The skill match and the personal plan expand the chosen skills with it before comparing them
  with what roles and postings ask for.
- `with_narrower(skill_ids)` (and `with_narrower_each`, skill by skill): what satisfies a requirement
  for these skills — the skills and every narrower skill below them. The postings filter expands the
  asked-for skill with it ("machine-learning frameworks" finds postings asking for PyTorch).

Only published skills take part (a draft link is not yet a fact the public sees). There are at most a
few hundred skills, so each call reads every published (id, broader_id) pair in one small query and
walks at most MAX_HIERARCHY_DEPTH levels, which `Skill.clean()` guarantees is the whole chain.
"""

from collections.abc import Iterable

from skills.models import MAX_HIERARCHY_DEPTH, Skill


def published_links():
    """{skill id: broader skill id or None} for every published skill, in one query."""
    return dict(Skill.objects.published().values_list("pk", "broader_id"))


def meets(skill_ids: Iterable[int], links: dict | None = None) -> set[int]:
    """
    The published skills in `skill_ids` plus every published skill above them, up to MAX_HIERARCHY_DEPTH.
    One query, or none when `links` (from published_links()) is given: a caller asking several times
    loads them once.
    """
    broader_of = published_links() if links is None else links
    met = {pk for pk in skill_ids if pk in broader_of}
    level = set(met)
    for _ in range(MAX_HIERARCHY_DEPTH):
        level = {broader_of[pk] for pk in level if broader_of[pk] in broader_of} - met
        if not level:
            break
        met |= level
    return met


def with_narrower_each(skill_ids: Iterable[int]) -> dict[int, set[int]]:
    """
    For each published skill in `skill_ids`: itself plus every published skill below it, down to
    MAX_HIERARCHY_DEPTH. One query whatever the number of skills (the postings filter's several skills).
    """
    broader_of = published_links()
    narrower_of = {}
    for pk, broader_id in broader_of.items():
        if broader_id in broader_of:
            narrower_of.setdefault(broader_id, set()).add(pk)
    expanded = {}
    for start in skill_ids:
        if start not in broader_of:
            continue
        found = level = {start}
        for _ in range(MAX_HIERARCHY_DEPTH):
            level = {child for pk in level for child in narrower_of.get(pk, ())} - found
            if not level:
                break
            found = found | level
        expanded[start] = found
    return expanded


def with_narrower(skill_ids: Iterable[int]) -> set[int]:
    """The published skills in `skill_ids` plus every published skill below them, down to MAX_HIERARCHY_DEPTH."""
    return set().union(*with_narrower_each(skill_ids).values())


def as_tree(skills):
    """
    `skills` (already fetched, in display order) as [(skill, [(narrower skill, [...]), ...]), ...]:
    each skill under its broader one when that one is in the list too, top-level skills first in the
    given order. For the skills page; no query of its own.
    """
    by_pk = {skill.pk: skill for skill in skills}
    children = {}
    roots = []
    for skill in skills:
        if skill.broader_id in by_pk and skill.broader_id != skill.pk:
            children.setdefault(skill.broader_id, []).append(skill)
        else:
            roots.append(skill)

    def branch(skill, depth):
        below = children.get(skill.pk, []) if depth < MAX_HIERARCHY_DEPTH else []
        return skill, [branch(child, depth + 1) for child in below]

    return [branch(skill, 0) for skill in roots]


__all__ = ["as_tree", "meets", "with_narrower", "with_narrower_each"]
