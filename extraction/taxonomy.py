"""
The taxonomy as a matcher: every published skill's name and curated aliases, with their plain variants,
in two spaCy PhraseMatchers on a blank English pipeline (no model, nothing downloaded): one on
lower-cased tokens, one on exact tokens for the names and aliases whose case carries the meaning
("R", "C", "Go", "ETL").

Building it reads two tables and tokenises a few hundred phrases (tens of milliseconds), so it is built
once per taxonomy version and kept in the process: `current()` asks the database for a cheap version
(one aggregate query) and rebuilds only when a skill or an alias changed — on every server, since each
process asks.
"""

import re
import threading
from dataclasses import dataclass

import spacy
from django.db.models import Count, Max, Q
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from core.publishing import PUBLISHED
from skills.models import Skill, SkillAlias

# A trailing qualifier a text may add or leave out: "Go (programming language)", "R (language)".
TRAILING_QUALIFIER = re.compile(r"\s*\((?:programming\s+)?language\)\s*$", re.IGNORECASE)

# Words that are skills only in some texts. Each counts only when its case is exact (see `is_case_sensitive`)
# and a word of its context is in the same sentence: "C" in "Vitamin C", "R" in "R&D", "Go" in "go the extra
# mile", "Shell" the company, "transformers" in a substation, "react to changes", "design" a menu.
PROGRAMMING_CONTEXT = frozenset(
    "programming program programs language languages code coding coder developer developers software scripting "
    "scripts script proficiency proficient compiled embedded firmware kernel systems engineer engineering "
    "microcontroller microcontrollers compiler compilers".split()
)
CONTEXT_WORDS = {
    "r": PROGRAMMING_CONTEXT | {"statistical", "statistics", "tidyverse", "ggplot", "cran", "rstudio", "shiny"},
    "c": PROGRAMMING_CONTEXT,
    "go": PROGRAMMING_CONTEXT | {"golang", "microservices", "backend", "back-end"},
    "shell": PROGRAMMING_CONTEXT | {"bash", "linux", "unix", "command", "terminal", "zsh", "cli"},
    "transformers": {"model", "models", "neural", "attention", "bert", "gpt", "nlp", "llm", "llms", "hugging"},
    "react": {"javascript", "typescript", "frontend", "front-end", "component", "components", "hooks", "redux", "jsx"},
    "design": {"system", "systems", "architecture", "software", "api", "distributed"},
    "data": {"pipeline", "pipelines", "engineering", "warehouse", "modeling", "modelling"},
}
# A programming language named next to another one corroborates it: "Python, C, C++".
LANGUAGE_CATEGORY = "programming_language"
# Tokens right after a word that make it something else: "C#", "C-suite", "R&D", "Go-to-market".
BREAKING_NEXT = ("#", "&", "-", "'s", "’s")
# Words right before a generic alias that make it another thing: "market research", "basic math".
REJECT_PRECEDING = {
    "research": {"market", "user", "ux", "customer", "consumer", "desk"},
    "math": {"basic", "simple", "cash"},
    "maths": {"basic", "simple"},
    "mathematics": {"basic"},
    "communication": {"radio"},
}
# Words right after a generic alias that make it a verb: "Research the latest techniques".
REJECT_FOLLOWING = {"research": {"the", "new", "latest", "and", "ways", "how", "into", "emerging"}}
# Skills that are also fields of study: "a degree in Computer Science, Engineering or Mathematics" names a
# field, not a skill the posting asks for.
FIELD_WORDS = {"mathematics", "math", "maths", "statistics", "physics", "engineering", "econometrics"}


@dataclass(frozen=True)
class Term:
    """What one matcher key stands for: a skill and the name or alias the text used."""

    skill_id: int
    alias: str


@dataclass(frozen=True)
class SkillInfo:
    pk: int
    slug: str
    name: str
    kind: str
    category: str
    broader_id: int | None


def is_case_sensitive(text, flagged):
    """Short names ("R", "C", "Go", "ML") and flagged aliases match only with their exact case."""
    return flagged or len(text.replace(" ", "")) <= 2


def variants(phrase, exact=False):
    """
    The plain variants of a name a text may write without a curator typing them: with or without a
    trailing "(programming language)", hyphen or space or nothing between parts ("scikit-learn",
    "scikit learn", "scikitlearn"), singular or plural of the last word. Lower-cased unless `exact`.
    """
    base = TRAILING_QUALIFIER.sub("", phrase).strip()
    base = " ".join(base.split())
    forms = {base}
    if "-" in base:  # the matcher reads "scikit-learn" as "scikit learn" (collapse); "scikitlearn" is one more
        forms.add(base.replace("-", ""))
    for form in list(forms):
        last = form.split()[-1] if " " in form else form
        if not last.isalpha() or len(last) < 3:
            continue
        if last.endswith("s") and not last.endswith("ss") and len(last) > 4:
            forms.add(form[:-1])
        elif last.endswith("y") and len(last) > 3 and last[-2].lower() not in "aeiou":
            forms.add(form[:-1] + "ies")
        elif not last.endswith("s"):
            forms.add(form + "s")
    return forms if exact else {form.lower() for form in forms}


@dataclass(frozen=True)
class Token:
    text: str
    start: int  # characters, in the text read
    end: int

    @property
    def lower(self):
        return self.text.lower()


INITIAL = re.compile(r"[A-Z]\.")


def collapse(doc):
    """
    The tokens the matchers read: `doc`'s, less the hyphens inside words ("machine-learning" reads as
    "machine learning", so one pattern matches both), and with a capital's full stop split off ("or R."
    ends a sentence; English keeps "R." whole, as an initial). Returns (Doc to match, [Token]).
    """
    tokens = []
    for token in doc:
        if token.text == "-" and token.i > 0 and not doc[token.i - 1].whitespace_ and not token.whitespace_:
            continue
        if INITIAL.fullmatch(token.text):
            tokens += [Token(token.text[0], token.idx, token.idx + 1), Token(".", token.idx + 1, token.idx + 2)]
        else:
            tokens.append(Token(token.text, token.idx, token.idx + len(token.text)))
    spaces = [here.end < after.start for here, after in zip(tokens, tokens[1:], strict=False)] + [False]
    return Doc(doc.vocab, words=[token.text for token in tokens] or [""], spaces=spaces), tokens


class Taxonomy:
    """The matchers and the skills they point to, for one taxonomy version."""

    def __init__(self, skills, aliases):
        self.nlp = spacy.blank("en")
        self.skills = {skill.pk: skill for skill in skills}
        self.terms = {}
        self.lower = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        phrases = [(skill.pk, skill.name, False) for skill in skills] + list(aliases)
        by_key = {}
        for skill_id, text, flagged in phrases:
            if skill_id not in self.skills or not text.strip():
                continue
            exact = is_case_sensitive(text, flagged)
            key = f"{'exact' if exact else 'lower'}:{skill_id}:{text}"
            self.terms[self.nlp.vocab.strings.add(key)] = Term(skill_id, text)
            by_key.setdefault((exact, key), set()).update(variants(text, exact=exact))
        for (exact, key), forms in by_key.items():
            matcher = self.exact if exact else self.lower
            matcher.add(key, [collapse(self.nlp.make_doc(form))[0] for form in sorted(forms)])

    def read(self, text):
        """([Token], [(start, end, Term)]): each phrase of the taxonomy in `text` (token indices), overlaps too."""
        collapsed, tokens = collapse(self.nlp.make_doc(text))
        found = []
        for matcher in (self.exact, self.lower):
            found += [(start, end, self.terms[match_id]) for match_id, start, end in matcher(collapsed)]
        return tokens, found

    def broader_of(self, skill_id):
        return self.skills[skill_id].broader_id

    def above(self, skill_ids):
        """Every published skill above these ones in the hierarchy (the ones they imply), not themselves."""
        found, level = set(), set(skill_ids)
        while level:
            level = {self.broader_of(pk) for pk in level if self.broader_of(pk) in self.skills} - found
            found |= level
        return found - set(skill_ids)


def load():
    """A Taxonomy of the published skills and their aliases: two queries."""
    skills = [
        SkillInfo(*row)
        for row in Skill.objects.published().values_list("pk", "slug", "name", "kind", "category", "broader_id")
    ]
    aliases = SkillAlias.objects.of_published_skills().values_list("skill_id", "text", "case_sensitive")
    return Taxonomy(skills, aliases)


def version():
    """A value that changes whenever a skill or an alias is added, changed, published or removed: one query."""
    return tuple(
        Skill.objects.aggregate(
            skill_count=Count("pk", distinct=True),
            published=Count("pk", filter=Q(status=PUBLISHED), distinct=True),
            skill_changed=Max("updated_at"),
            alias_count=Count("aliases", distinct=True),
            alias_changed=Max("aliases__updated_at"),
        ).values()
    )


_built = {"version": None, "taxonomy": None}
_lock = threading.Lock()


def current():
    """The matcher for the taxonomy as it is now, rebuilt only when its version changed."""
    now = version()
    if _built["version"] != now:
        with _lock:
            if _built["version"] != now:
                _built["taxonomy"], _built["version"] = load(), now
    return _built["taxonomy"]


def forget():
    """Drop the built matcher (tests that change the taxonomy inside one transaction use it)."""
    _built["version"] = _built["taxonomy"] = None
