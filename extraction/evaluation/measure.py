"""
How well the extractor reads the labelled sets: precision, recall and F1 for skills and for (skill,
importance) pairs, exact-match rates for degree and years, and how fast it reads a 3 KB posting.

Two sets: the guide's 7 postings (text = requirements + responsibilities from fixtures/guide/04_postings.json,
labels = the fixture's skills, degree and years) and the synthetic texts of synthetic.json.
"""

import json
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from extraction.engine import PROFILE, extract

HERE = Path(__file__).parent
GUIDE_POSTINGS = Path(settings.BASE_DIR) / "fixtures" / "guide" / "04_postings.json"
DEGREE_NAMES = {None: None, 0: "none", 1: "bachelor", 2: "master", 3: "phd"}
# Skills a text about nursing, coffee or React must never yield.
ML_SKILLS = {
    "machine-learning-algorithms",
    "ml-frameworks",
    "scikit-learn",
    "tensorflow",
    "pytorch",
    "deep-learning",
    "mlops",
    "ml-infrastructure",
    "nlp",
    "computational-linguistics",
    "speech-recognition",
    "computer-vision",
    "generative-ai",
}


@dataclass
class Labelled:
    id: str
    kind: str
    text: str
    skills: dict  # slug → importance (None in a profile)
    degree: str | None
    years: int | None
    fields_of_study: frozenset | None = None  # slugs; None: not labelled (the synthetic texts)


def guide_set():
    rows = json.loads(GUIDE_POSTINGS.read_text())
    postings = {row["fields"]["slug"]: row["fields"] for row in rows if row["model"] == "postings.jobposting"}
    skills = {slug: {} for slug in postings}
    for row in rows:
        if row["model"] == "postings.postingskill":
            skills[row["fields"]["posting"][0]][row["fields"]["skill"][0]] = row["fields"]["importance"]
    return [
        Labelled(
            slug,
            "posting",
            f"{fields['requirements']}\n{fields['responsibilities']}",
            skills[slug],
            DEGREE_NAMES[fields["min_degree"]],
            fields["min_years_experience"],
            frozenset(natural_key[0] for natural_key in fields["fields_of_study"]),
        )
        for slug, fields in postings.items()
    ]


def synthetic_set():
    data = json.loads((HERE / "synthetic.json").read_text())
    fields = Labelled.__dataclass_fields__
    return [Labelled(**{key: text[key] for key in fields if key in text}) for text in data["texts"]]


def _prf(true_positives, found, expected):
    precision = true_positives / found if found else 1.0
    recall = true_positives / expected if expected else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def evaluate(labelled):
    """Figures for one set, and the per-text differences (for reading where it goes wrong)."""
    tp = found = expected = tp_imp = found_imp = expected_imp = 0
    degree_right = years_right = fields_right = fields_labelled = 0
    leaks, differences = [], []
    for item in labelled:
        result = extract(item.text, kind=item.kind)
        got = {skill.slug: skill.importance for skill in result.all_skills}
        tp += len(got.keys() & item.skills.keys())
        found, expected = found + len(got), expected + len(item.skills)
        if item.kind != PROFILE:
            pairs, wanted = set(got.items()), set(item.skills.items())
            tp_imp, found_imp, expected_imp = (
                tp_imp + len(pairs & wanted),
                found_imp + len(pairs),
                expected_imp + len(wanted),
            )
        degree_right += result.degree == item.degree
        years_right += result.years == item.years
        if item.fields_of_study is not None:
            fields_labelled += 1
            fields_right += {found.slug for found in result.fields_of_study} == item.fields_of_study
        if not (item.skills.keys() & ML_SKILLS) and got.keys() & ML_SKILLS:
            leaks.append(item.id)
        extra, missed = sorted(got.keys() - item.skills.keys()), sorted(item.skills.keys() - got.keys())
        if extra or missed or result.degree != item.degree or result.years != item.years:
            differences.append(
                f"{item.id}: extra {extra} missed {missed} degree {result.degree}/{item.degree} "
                f"years {result.years}/{item.years}"
            )
    n = len(labelled)
    return {
        "texts": n,
        "skills": _prf(tp, found, expected),
        "importance": _prf(tp_imp, found_imp, expected_imp),
        "degree_exact": degree_right / n,
        "years_exact": years_right / n,
        # Exact: every field of study the labels name, and no other (only where the set labels them).
        "fields_exact": fields_right / fields_labelled if fields_labelled else None,
        "ml_leaks": leaks,
        "differences": differences,
    }


def three_kb_posting(labelled):
    """About 3,000 characters of posting text, made of the synthetic postings."""
    text = ""
    for item in labelled:
        if item.kind != PROFILE:
            text += item.text + "\n\n"
        if len(text) >= 3000:
            break
    return text[:3000]


def timings_ms(text, runs=50):
    """(median, fastest) milliseconds to read `text`: the fastest shows the cost on an otherwise idle machine."""
    extract(text)  # the matcher is built once; this measures reading, as a server does after its first request
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        extract(text)
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings), min(timings)
