"""
How a posting or a CV is laid out, read with plain rules: its sections (requirements, nice to have,
duties, about the company), its sentences, and the degree and years of experience they state.
"""

import re
from dataclasses import dataclass, field
from functools import cached_property

# Sections, from their headings. Checked in this order: "Preferred qualifications" is a preferred heading.
REQUIRED, PREFERRED, DUTIES, ABOUT, UNMARKED = "required", "preferred", "duties", "about", "unmarked"
HEADINGS = [
    (
        PREFERRED,
        r"preferred|nice[- ]to[- ]haves?|bonus|pluses|plus|desired|desirable|good[- ]to[- ]have|ideally|"
        r"extra credit|would be great|even better",
    ),
    (
        ABOUT,
        r"about (?:us|the company|the team|our company|[A-Z]\w+)|who we are|benefits|perks|what we offer|"
        r"our (?:company|mission|story|values)|compensation|salary|pay|why join|equal opportunity",
    ),
    (
        DUTIES,
        r"responsibilit\w*|what you(?:'ll| will) do|duties|the role|your role|day[- ]to[- ]day|in this role|"
        r"the job|job description|what you(?:'ll| will) work on|your impact|tasks",
    ),
    (
        REQUIRED,
        r"requirements?|required|minimum|basic qualifications|must[- ]haves?|qualifications|"
        r"what you (?:need|bring|have)|you have|you(?:'ll| will) need|who you are|about you|skills|experience",
    ),
]
# A line is a heading when it is the heading words plus at most a few of these ("Preferred Qualifications",
# "Key Responsibilities"), or when it ends with a colon; "Experience with PyTorch" is not a heading.
HEADING_EXTRA = set(
    "key our your main core basic the a job technical qualifications qualification requirements skills experience "
    "and & to have we offer you us role company team responsibilities duties what need bring points points: "
    "profile education".split()
)
HEADING = [(section, re.compile(rf"^(?:{words})\b", re.IGNORECASE)) for section, words in HEADINGS]
BULLET = re.compile(r"^\s*(?:[-*\u2022\u2023\u25e6\u2043]|\d+[.)])\s+")

# Cues inside a sentence, stronger than its section's.
OPTIONAL_CUE = re.compile(
    r"\b(?:preferred|preferably|a plus|is a plus|are a plus|big plus|bonus|nice[- ]to[- ]have|ideally|desirable|"
    r"desired|advantageous|an advantage|good to have|would be great|optional|not required but)\b",
    re.IGNORECASE,
)
ESSENTIAL_CUE = re.compile(r"\b(?:required|must|minimum|mandatory|essential|at least)\b", re.IGNORECASE)
# "No degree required", "Python is not required", "no prior experience needed".
NEGATION = re.compile(
    r"\bno\b[^.;:!?]{0,60}?\b(?:required|necessary|needed|expected)\b|"
    r"\b(?:not|isn't|aren't|never)\s+(?:\w+\s+)?(?:required|necessary|needed|expected)\b|"
    r"\bdon't need\b|\bdo not need\b",
    re.IGNORECASE,
)
CLAUSE_BREAK = re.compile(r";|,?\s+\bbut\b|,?\s+\bhowever\b", re.IGNORECASE)

# Abbreviations a sentence does not end at: "e.g. Python", "Ph.D. in", "M.S. or".
NO_BREAK_BEFORE = re.compile(
    r"(?:\b(?:e\.g|i\.e|etc|vs|incl|approx|ph\.d|m\.s|b\.s|m\.sc|b\.sc|b\.a|m\.a|dr|mr|ms|mrs|st)\.)$", re.I
)
SENTENCE_END = re.compile(r"[.!?]+(?=\s+[\"'(\[]?[A-Z0-9])")


@dataclass
class Sentence:
    start: int
    end: int
    text: str
    section: str
    # Character ranges (absolute offsets) whose skills are negated ("no Python required").
    negated: list = field(default_factory=list)

    @cached_property
    def optional_cue(self):
        return bool(OPTIONAL_CUE.search(self.text))

    @cached_property
    def essential_cue(self):
        return bool(ESSENTIAL_CUE.search(self.text))

    def is_negated(self, start):
        return any(low <= start < high for low, high in self.negated)


def heading_of(line):
    """The section a line opens and where its own content starts ("Requirements: Python" → after the colon)."""
    if BULLET.match(line):
        return None
    stripped = line.strip().strip("#*_ ").strip()
    head, colon, rest = stripped.partition(":")
    words = head.split()
    if not words or len(words) > 6:
        return None
    lowered = head.lower()
    for prefix_length in range(min(3, len(words))):
        candidate = " ".join(lowered.split()[prefix_length:])
        if prefix_length and lowered.split()[prefix_length - 1] not in HEADING_EXTRA:
            break
        for section, pattern in HEADING:
            found = pattern.match(candidate)
            if not found:
                continue
            extra = candidate[found.end() :].split()
            if colon or all(word.strip("()") in HEADING_EXTRA for word in extra):
                content = line.index(":") + 1 if colon and rest.strip() else len(line)
                return section, content
    return None


def sentences(text):
    """The text's sentences, each with its section and negated ranges, in order."""
    found, section, offset = [], UNMARKED, 0
    for line in text.splitlines(keepends=True):
        heading = heading_of(line)
        content_start = 0
        if heading is not None:
            section, content_start = heading
        start = offset + content_start
        for piece_start, piece_end in _split(line[content_start:]):
            piece = line[content_start + piece_start : content_start + piece_end]
            if piece.strip():
                found.append(_sentence(start + piece_start, piece, section))
        offset += len(line)
    return found


def _split(line):
    """(start, end) of each sentence in one line, not breaking after "e.g." or "Ph.D."."""
    start = 0
    for end_mark in SENTENCE_END.finditer(line):
        if NO_BREAK_BEFORE.search(line[start : end_mark.end()]):
            continue
        yield start, end_mark.end()
        start = end_mark.end()
    yield start, len(line)


def _sentence(start, piece, section):
    sentence = Sentence(start, start + len(piece), piece, section)
    clause_start = 0
    bounds = [m.start() for m in CLAUSE_BREAK.finditer(piece)] + [len(piece)]
    for bound in bounds:
        clause = piece[clause_start:bound]
        if NEGATION.search(clause):
            sentence.negated.append((start + clause_start, start + bound))
        clause_start = bound
    return sentence
