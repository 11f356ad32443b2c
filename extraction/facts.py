"""
The degree and the years of experience a text states, with the span each was read from.

For a posting: the lowest degree its requirements accept ("a Bachelor's or Master's" → bachelor), "not
stated" when none is named, and a degree that may be still in progress ("pursuing or holding a Master's")
is no requirement of a degree held. Years come only from the requirements ("our company has 20 years
of history" is not one; a "preferred" line neither; years of leadership or management are counted apart).
For a profile: the highest degree held ("PhD candidate" does not hold one yet) and the most years stated.
"""

import re
from dataclasses import dataclass

from extraction.reading import ABOUT, OPTIONAL_CUE, PREFERRED

# Degree levels as postings.models.Degree orders them; the API names them.
NONE, BACHELOR, MASTER, PHD = 0, 1, 2, 3
DEGREE_NAMES = {NONE: "none", BACHELOR: "bachelor", MASTER: "master", PHD: "phd"}

OFFICE = r"(?!\s*(?:Office|Excel|Word|Teams|Access|Project|SQL|Azure|Dynamics|PowerPoint|Outlook))"
DEGREE_PATTERNS = [
    (PHD, re.compile(r"(?i:\bph\.?\s?d\b\.?|\bdoctorates?\b|\bdoctoral degree\b|\bd\.?phil\b)")),
    (
        MASTER,
        re.compile(
            rf"(?i:\bmaster(?:'s|’s|s)?\b(?!\s+(?:card|class|chef|data|plan)))|\bM\.?S\.?c?\b{OFFICE}|\bMSc\b|"
            r"\bM\.?Eng\b|\bMBA\b|\bM\.A\.|\bMA\b(?=\s+in\b)"
        ),
    ),
    (
        BACHELOR,
        re.compile(
            r"(?i:\bbachelor(?:'s|’s|s)?\b|\bundergraduate degree\b|\b(?:4|four)[- ]year (?:college |university )?"
            r"degree\b|\buniversity degree\b|\bcollege degree\b)|\bB\.?S\.?c?\b|\bBSc\b|\bB\.A\.|\bBA\b(?=\s+in\b)|"
            r"\bB\.?Eng\b|\bB\.?Tech\b"
        ),
    ),
    (
        NONE,
        re.compile(
            r"(?i:\bno (?:college |university |formal )?degree\b|\bdegree (?:is )?not (?:required|necessary)\b|"
            r"\bhigh[- ]school (?:diploma|education)\b|\bGED\b|\bsecondary school\b)"
        ),
    ),
]
# A degree a posting accepts while it is being studied for, or a profile's degree not held yet.
IN_PROGRESS_POSTING = re.compile(
    r"(?i)\bpursuing\b|\bcurrently enrolled\b|\benrolled in\b|\bworking towards?\b|\bprogram(?:me)?s?\b|\bstudents?\b"
)
IN_PROGRESS_PROFILE = re.compile(
    r"(?i)\bpursuing\b|\bcurrently enrolled\b|\benrolled in\b|\bworking towards?\b|\bcandidate\b|\bstudent\b|"
    r"\bexpected\b|\banticipated\b|\bin progress\b|\bgraduating\b|\bwill graduate\b|\bongoing\b|\bapplying\b"
)
EQUIVALENT = re.compile(
    r"(?i)\bor equivalent\b[^.;]{0,40}\bexperience\b|\bequivalent (?:practical |work |professional )?experience\b"
)

NUMBER_WORDS = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen".split()
    )
} | {"twenty": 20}
NUMBER = r"(\d{1,2}|" + "|".join(NUMBER_WORDS) + r")"
YEARS = re.compile(
    rf"(?i)\b{NUMBER}(?:\s*\(\d{{1,2}}\))?\s*(\+)?\s*(?:(?:-|–|to)\s*{NUMBER}\s*\+?\s*)?(?:years?|yrs?)\b"
)
# Years that are not a requirement of experience: the company's, a contract's, a person's age.
NOT_EXPERIENCE = re.compile(
    r"(?i)\b(?:we|we've|our|company|founded|history|since|in business|serving|established|old|anniversary|"
    r"customers|clients|warranty|contract|ago|age|aged|tenure|vesting|guarantee)\b"
)
LEADERSHIP = re.compile(r"(?i)leadership|\bleading\b|management|managing|\bmanager\b|supervis|mentor")
CLAUSES = re.compile(r"[;,]|\s\bbut\b")


@dataclass(frozen=True)
class Found:
    value: int
    start: int
    end: int


def _number(text):
    return int(text) if text.isdigit() else NUMBER_WORDS[text.lower()]


def _clauses(sentence):
    start = 0
    for mark in CLAUSES.finditer(sentence.text):
        yield sentence.start + start, sentence.text[start : mark.start()]
        start = mark.end()
    yield sentence.start + start, sentence.text[start:]


def _counts(sentence, clause, kind):
    """Whether a posting's clause states a requirement (not the company, not a "nice to have")."""
    if kind == "profile":
        return True
    return sentence.section not in (ABOUT, PREFERRED) and not OPTIONAL_CUE.search(clause)


def degree_mentions(sentence, kind):
    """(level, start, end) of each degree a sentence states as required (posting) or held (profile)."""
    in_progress = IN_PROGRESS_PROFILE if kind == "profile" else IN_PROGRESS_POSTING
    # "Pursuing a Master's; Bachelor's in Economics": only the part being studied for is not held. The
    # parts are split at semicolons only: "pursuing a Bachelor's, Master's or PhD" is one part.
    studying = []
    part_start = sentence.start
    for part in sentence.text.split(";"):
        if in_progress.search(part):
            studying.append((part_start, part_start + len(part)))
        part_start += len(part) + 1
    found = []
    for offset, clause in _clauses(sentence):
        if not _counts(sentence, clause, kind) or any(low <= offset < high for low, high in studying):
            continue
        for level, pattern in DEGREE_PATTERNS:
            found += [Found(level, offset + m.start(), offset + m.end()) for m in pattern.finditer(clause)]
    return found


def years_mentions(sentence, kind):
    """Each number of years of experience a sentence requires (or a profile states), without leadership years."""
    found = []
    for offset, clause in _clauses(sentence):
        if not _counts(sentence, clause, kind) or NOT_EXPERIENCE.search(clause):
            continue
        for m in YEARS.finditer(clause):
            if LEADERSHIP.search(clause[m.end() : m.end() + 60]):
                continue
            found.append(Found(_number(m.group(1)), offset + m.start(), offset + m.end()))
    return found


LADDER_RUNG = re.compile(
    rf"(?i)^['’s]*\W{{0,3}}(?:degree\s+)?(?:\+|with|and|plus)\s*(?:at least\s+|a minimum of\s+)?{NUMBER}\s*\+?"
)


def ladder_rungs(sentence, mentions):
    """(degree level, years Found) for each degree followed by its years: "BS + 5 years or MS + 3"."""
    rungs = []
    for mention in mentions:
        rest = sentence.text[mention.end - sentence.start :]
        m = LADDER_RUNG.match(rest)
        if m:
            start = mention.end + m.start(1)
            rungs.append((mention.value, Found(_number(m.group(1)), start, start + len(m.group(1)))))
    return rungs


def read_degree_and_years(sentences, kind):
    """
    (degree Found or None, years Found or None, {degree level: years} of a ladder, equivalent experience
    accepted). A ladder is "BS + 5 years or MS + 3": each years figure paired with the degree just before it.
    """
    degrees, years, ladder, equivalent = [], [], {}, False
    for sentence in sentences:
        mentions = degree_mentions(sentence, kind)
        if mentions and EQUIVALENT.search(sentence.text):
            equivalent = True
        figures = years_mentions(sentence, kind)
        degrees += mentions
        years += figures
        rungs = ladder_rungs(sentence, mentions)
        if len(rungs) > 1:
            for level, figure in rungs:
                ladder[level] = min(ladder.get(level, figure.value), figure.value)
                if figure not in years:
                    years.append(figure)
    if kind == "profile":
        degree = max(degrees, key=lambda d: d.value, default=None)
        held = max(years, key=lambda y: y.value, default=None)
        return degree, held, {}, False
    degree = min(degrees, key=lambda d: d.value, default=None)
    if ladder:
        least = min(ladder.values())
        required = next(y for y in years if y.value == least)
    else:
        required = max(years, key=lambda y: y.value, default=None)
    return degree, required, ladder, equivalent
