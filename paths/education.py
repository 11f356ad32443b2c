"""An education step of a path read against the degree someone says they hold (or does not say)."""

from dataclasses import dataclass

from postings.models import Degree


class EducationStatus:
    MEETS = "meets"  # the degree held is at least the one the step is about
    ALTERNATIVE = "alternative"  # below it, but the step names a way in without it
    SHORT = "short"  # below it, and the step names no alternative
    UNKNOWN = "unknown"  # no degree given


@dataclass
class EducationCheck:
    """An education step read against the degree someone says they hold."""

    min_degree: Degree
    fields_of_study: list
    accepts_equivalent_experience: bool
    accepts_courses_or_certification: bool
    your_degree: Degree | None
    status: str

    @property
    def alternatives(self):
        """The ways in the step accepts instead of the degree, as a reader sees them."""
        ways = []
        if self.accepts_equivalent_experience:
            ways.append("equivalent practical experience")
        if self.accepts_courses_or_certification:
            ways.append("online courses or a certification program")
        return ways

    @property
    def verdict(self):
        degree = Degree(self.min_degree).label
        if self.status == EducationStatus.MEETS:
            return f"Your degree meets this step (it asks for a {degree} degree)."
        if self.status == EducationStatus.ALTERNATIVE:
            return f"Without a {degree} degree, this step accepts " + " or ".join(self.alternatives) + "."
        if self.status == EducationStatus.SHORT:
            return f"This step asks for a {degree} degree."
        return f"This step is about a {degree} degree; say which degree you hold to see where you stand."


def education_check(step, held):
    if held is None:
        status = EducationStatus.UNKNOWN
    elif held >= step.min_degree:
        status = EducationStatus.MEETS
    elif step.accepts_equivalent_experience or step.accepts_courses_or_certification:
        status = EducationStatus.ALTERNATIVE
    else:
        status = EducationStatus.SHORT
    return EducationCheck(
        min_degree=Degree(step.min_degree),
        fields_of_study=list(step.fields_of_study.all()),
        accepts_equivalent_experience=step.accepts_equivalent_experience,
        accepts_courses_or_certification=step.accepts_courses_or_certification,
        your_degree=held,
        status=status,
    )
