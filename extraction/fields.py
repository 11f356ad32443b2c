"""
The fields of study a text names for a degree: "a Master's or PhD in Computer Science, Electrical
Engineering or a related field", "a quantitative field like CS, Math, Physics". Read against the curated
fields of study (postings.FieldOfStudy), only in sentences that speak of a degree or a field, longest name
first (so "Electrical Engineering" is one field, not also "Engineering").
"""

import re
from dataclasses import dataclass

from postings.models import FieldOfStudy

# What makes a sentence about fields of study: "a degree in", "a quantitative field such as", "BSc in".
FIELD_OF_STUDY = re.compile(
    r"(?i)\b(?:degree|degrees|field|fields|discipline|major|majors)\b|"
    r"\b(?:B\.?S\.?c?|M\.?S\.?c?|Ph\.?D|B\.?A|M\.?A|B\.?Eng|M\.?Eng|bachelor'?s?|master'?s?)\.? (?:of \w+ )?in\b"
)
# Short forms a text uses for a field, by the field's slug. Case-sensitive where the short form is also
# a word ("CS" but not "cs").
SHORT_FORMS = {
    "computer-science": [("CS", True), ("Comp Sci", False), ("Computer Sciences", False)],
    "mathematics": [("Math", False), ("Maths", False), ("Applied Mathematics", False)],
    "electrical-engineering": [("EE", True)],
    "statistics": [("Stats", False)],
}


@dataclass(frozen=True)
class FoundField:
    slug: str
    name: str
    start: int
    end: int
    text: str


def _patterns():
    """(slug, name, compiled pattern) for every field and short form, longest phrase first."""
    phrases = []
    for slug, name in FieldOfStudy.objects.values_list("slug", "name"):
        phrases.append((slug, name, name, False))
        phrases += [(slug, name, form, exact) for form, exact in SHORT_FORMS.get(slug, [])]
    phrases.sort(key=lambda phrase: -len(phrase[2]))
    return [
        (slug, name, re.compile(rf"(?<![\w-]){re.escape(form)}(?![\w-])", 0 if exact else re.IGNORECASE))
        for slug, name, form, exact in phrases
    ]


def read_fields_of_study(read):
    """The fields named in the degree sentences of `read` (reading.sentences), once each, in text order."""
    patterns = None
    found, taken = {}, []
    for sentence in read:
        if not FIELD_OF_STUDY.search(sentence.text):
            continue
        patterns = patterns if patterns is not None else _patterns()  # one query, only when a sentence asks
        for slug, name, pattern in patterns:
            for match in pattern.finditer(sentence.text):
                start, end = sentence.start + match.start(), sentence.start + match.end()
                if any(start < other_end and other_start < end for other_start, other_end in taken):
                    continue  # inside a longer field already read
                taken.append((start, end))
                found.setdefault(slug, FoundField(slug, name, start, end, match.group()))
    return sorted(found.values(), key=lambda field: field.start)
