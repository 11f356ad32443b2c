"""
Read a posting or a CV against the curator-owned taxonomy: which skills it names (and with which words,
where), how much a posting wants each, the degree and the years of experience. One typed result that the
API, the match page and the evaluation read.

    extract("Requirements: 3+ years of Python; PyTorch is a plus.", kind="posting")

Every skill comes with the spans it was read from, so a person can see and correct what was read.
"""

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from extraction import taxonomy as taxonomies
from extraction.facts import DEGREE_NAMES, read_degree_and_years
from extraction.fields import FIELD_OF_STUDY, FoundField, read_fields_of_study
from extraction.reading import ABOUT, PREFERRED, sentences

POSTING, PROFILE = "posting", "profile"
KINDS = (POSTING, PROFILE)
ESSENTIAL, OPTIONAL = "essential", "optional"
# The longest text read (characters); the API refuses longer ones with a 400 naming the limit.
MAX_CHARS = 20_000
# Words between two skills that make them alternatives ("SQL, Python or R"): any one will do.
ALTERNATIVE_GAPS = {",", "or", "/", ", or", "and/or", ",or"}
LIST_GAPS = ALTERNATIVE_GAPS | {"and", ", and", "&"}
OR_NEXT = re.compile(r"^\s*,?\s*(?:or|and/or)\s+\w")
ALTERNATIVE_LEAD = ("e.g.", "e.g", "eg", "such as", "like", "for example", "including", "one or more of", "any of")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str
    alias: str  # the skill's name or the alias that matched


@dataclass
class ExtractedSkill:
    slug: str
    name: str
    kind: str  # technical or soft
    importance: str | None  # essential or optional in a posting; None in a profile
    spans: list[Span] = field(default_factory=list)


@dataclass
class Extraction:
    kind: str
    skills: list[ExtractedSkill]  # technical skills, in the order the text first names them
    soft_skills: list[ExtractedSkill]  # read, but kept apart
    implied: list[str]  # slugs of the broader skills the skills read meet (PyTorch → ml-frameworks)
    degree: str | None  # none, bachelor, master, phd; None: not stated
    degree_span: Span | None
    accepts_equivalent_experience: bool
    years: int | None  # a posting's minimum, a profile's most; None: not stated
    years_span: Span | None
    years_by_degree: dict[str, int]  # a posting's ladder: {"bachelor": 5, "master": 3}
    fields_of_study: list[FoundField] = field(default_factory=list)  # the fields a degree may be in

    @property
    def all_skills(self):
        return self.skills + self.soft_skills

    def slugs(self):
        return {skill.slug for skill in self.all_skills}


@dataclass
class _Mention:
    skill_id: int
    start: int  # characters
    end: int
    alias: str
    sentence: object
    importance: str = ESSENTIAL
    preceding: str = ""  # the tokens either side, lower-cased
    following: str = ""
    context: set = field(default_factory=set)  # the sentence's tokens, lower-cased


def extract(text: str, kind: str = POSTING) -> Extraction:
    """The skills, degree and years `text` states. `kind` is "posting" (requirements) or "profile" (a CV)."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}")
    taxonomy = taxonomies.current()
    read = sentences(text)
    mentions = _mentions(taxonomy, text, read, kind)
    if kind == POSTING:
        _weigh(mentions, text)
    by_skill = _by_skill(taxonomy, mentions, kind, text)
    found_ids = set(by_skill)
    degree, years, ladder, equivalent = read_degree_and_years(read, kind)
    technical = [s for pk, s in by_skill.items() if taxonomy.skills[pk].kind != "soft"]
    soft = [s for pk, s in by_skill.items() if taxonomy.skills[pk].kind == "soft"]
    return Extraction(
        kind=kind,
        skills=technical,
        soft_skills=soft,
        implied=sorted(taxonomy.skills[pk].slug for pk in taxonomy.above(found_ids)),
        degree=None if degree is None else DEGREE_NAMES[degree.value],
        degree_span=None if degree is None else _span(text, degree.start, degree.end, ""),
        accepts_equivalent_experience=equivalent,
        years=None if years is None else years.value,
        years_span=None if years is None else _span(text, years.start, years.end, ""),
        years_by_degree={DEGREE_NAMES[level]: value for level, value in sorted(ladder.items())},
        fields_of_study=read_fields_of_study(read),
    )


def _span(text, start, end, alias):
    return Span(start, end, text[start:end], alias)


def _mentions(taxonomy, text, read, kind):
    """Every skill the matchers find, longest first where they overlap, less the ambiguous and the negated."""
    tokens, raw = taxonomy.read(text)
    raw.sort(key=lambda m: (-(m[1] - m[0]), m[0]))
    taken, kept = set(), []
    for start, end, term in raw:
        if taken & set(range(start, end)):
            continue
        taken |= set(range(start, end))
        kept.append((start, end, term))
    kept.sort()
    starts = [s.start for s in read]

    def sentence_at(char):
        return read[max(0, bisect_right(starts, char) - 1)]

    mentions = []
    for start, end, term in kept:
        first, last = tokens[start], tokens[end - 1]
        sentence = sentence_at(first.start)
        if sentence.is_negated(first.start) or (kind == POSTING and sentence.section == ABOUT):
            continue
        mention = _Mention(term.skill_id, first.start, last.end, term.alias, sentence)
        mention.preceding = tokens[start - 1].lower if start > 0 else ""
        mention.following = tokens[end].lower if end < len(tokens) else ""
        mentions.append(mention)
    words = [token.lower for token in tokens]
    starts_of_words = [token.start for token in tokens]
    contexts = {}  # one set of words per sentence, shared by its mentions
    for mention in mentions:
        sentence = mention.sentence
        if id(sentence) not in contexts:
            low = bisect_right(starts_of_words, sentence.start - 1)
            high = bisect_right(starts_of_words, sentence.end - 1)
            contexts[id(sentence)] = set(words[low:high])
        mention.context = contexts[id(sentence)]
    # Sentences naming a programming language that is not itself ambiguous: "Python, C, C++".
    with_language = {
        id(m.sentence)
        for m in mentions
        if taxonomy.skills[m.skill_id].category == taxonomies.LANGUAGE_CATEGORY
        and m.alias.lower() not in taxonomies.CONTEXT_WORDS
    }
    return [m for m in mentions if _plausible(taxonomy, text, m, with_language)]


def _plausible(taxonomy, text, mention, with_language):
    """An ambiguous word ("R", "C", "Go", "Shell", "transformers") counts only with its context."""
    skill = taxonomy.skills[mention.skill_id]
    word = mention.alias.lower()
    preceding, following = mention.preceding, mention.following
    if preceding in taxonomies.REJECT_PRECEDING.get(word, ()):
        return False
    if following in taxonomies.REJECT_FOLLOWING.get(word, ()):
        return False
    if word in taxonomies.FIELD_WORDS and FIELD_OF_STUDY.search(_before(text, mention, 200)):
        return False
    context = taxonomies.CONTEXT_WORDS.get(word)
    if context is None:
        return True
    if text[mention.end : mention.end + 2].startswith(taxonomies.BREAKING_NEXT):
        return False
    if mention.context & context:
        return True
    # Another programming language in the same sentence: "Python, C, C++, Java".
    return skill.category == taxonomies.LANGUAGE_CATEGORY and id(mention.sentence) in with_language


def _before(text, mention, at_most):
    """Up to `at_most` characters of the mention's sentence before it (bounded: a 20,000-character line)."""
    return text[max(mention.sentence.start, mention.start - at_most) : mention.start]


def _weigh(mentions, text):
    """Each mention's importance: its sentence's cue, else its section; alternatives are optional."""
    for mention in mentions:
        sentence = mention.sentence
        if sentence.optional_cue and not sentence.essential_cue:
            mention.importance = OPTIONAL
        elif sentence.essential_cue:
            mention.importance = ESSENTIAL
        else:
            mention.importance = OPTIONAL if sentence.section == PREFERRED else ESSENTIAL
    for group in _lists(mentions, text):
        gaps = [text[a.end : b.start].strip().lower() for a, b in zip(group, group[1:], strict=False)]
        lead = _before(text, group[0], 40).lower().rstrip(" (:")
        trail = text[group[-1].end : min(group[-1].sentence.end, group[-1].end + 40)].lower()
        alternatives = any(gap in ALTERNATIVE_GAPS - {","} for gap in gaps) or OR_NEXT.match(trail)
        if alternatives or lead.endswith(ALTERNATIVE_LEAD):
            for mention in group:
                mention.importance = OPTIONAL


def _lists(mentions, text):
    """Runs of mentions in one sentence separated only by commas, "and", "or", "/": one list each."""
    group = []
    for mention in mentions:
        if group and (
            mention.sentence is group[-1].sentence and text[group[-1].end : mention.start].strip().lower() in LIST_GAPS
        ):
            group.append(mention)
            continue
        if group:
            yield group
        group = [mention]
    if group:
        yield group


def _by_skill(taxonomy, mentions, kind, text):
    """One result per skill; a broader skill named in the same sentence as a narrower one gives way to it."""
    narrower_in = {}
    for mention in mentions:
        for above in taxonomy.above({mention.skill_id}):
            narrower_in.setdefault(above, set()).add(id(mention.sentence))
    results = {}
    for mention in mentions:
        if id(mention.sentence) in narrower_in.get(mention.skill_id, ()):
            continue
        skill = taxonomy.skills[mention.skill_id]
        result = results.get(skill.pk)
        if result is None:
            importance = mention.importance if kind == POSTING else None
            result = results[skill.pk] = ExtractedSkill(skill.slug, skill.name, skill.kind, importance)
        elif kind == POSTING and mention.importance == ESSENTIAL:
            result.importance = ESSENTIAL
        result.spans.append(_span(text, mention.start, mention.end, mention.alias))
    return results
