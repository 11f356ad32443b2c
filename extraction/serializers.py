"""What POST /api/v1/extract/ reads and answers."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from extraction.engine import KINDS, MAX_CHARS, POSTING
from skills.models import Importance

DEGREES = ["none", "bachelor", "master", "phd"]


@extend_schema_field({"type": "string", "enum": list(KINDS)})
class KindField(serializers.ChoiceField):
    """posting or profile, stated inline: a "KindEnum" component would collide with the skills' kind."""

    def __init__(self, **kwargs):
        super().__init__(choices=KINDS, **kwargs)


class TextField(serializers.CharField):
    """A JSON string only: a number or a list is no text to read (DRF's CharField would turn 5 into "5")."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class ExtractSerializer(serializers.Serializer):
    # Not trimmed: the spans' offsets are into the text exactly as sent. DRF's CharField refuses a NUL byte.
    text = TextField(
        max_length=MAX_CHARS,
        trim_whitespace=False,
        error_messages={"max_length": f"At most {MAX_CHARS:,} characters: send a shorter text."},
        help_text=f"The posting or CV, plain text, at most {MAX_CHARS:,} characters.",
    )
    kind = KindField(
        default=POSTING,
        help_text="posting: what a job asks for (importance, minimum degree and years); profile: what a person has.",
    )


class SpanSerializer(serializers.Serializer):
    start = serializers.IntegerField(help_text="Offset of the first character, in the text sent (0-based).")
    end = serializers.IntegerField(help_text="Offset after the last character.")
    text = serializers.CharField(help_text="The words read.")
    alias = serializers.CharField(help_text="The skill's name or the curated alias that matched them.")


class FoundSpanSerializer(serializers.Serializer):
    start = serializers.IntegerField()
    end = serializers.IntegerField()
    text = serializers.CharField()


class FieldOfStudySerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    start = serializers.IntegerField()
    end = serializers.IntegerField()
    text = serializers.CharField(help_text="The words read.")


class ExtractedSkillSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    importance = serializers.ChoiceField(
        choices=Importance.choices, allow_null=True, help_text="In a posting; null for a profile."
    )
    spans = SpanSerializer(many=True)


class ExtractionSerializer(serializers.Serializer):
    kind = KindField()
    skills = ExtractedSkillSerializer(many=True, help_text="Technical skills, in the order the text names them.")
    soft_skills = ExtractedSkillSerializer(many=True, help_text="Soft skills, kept apart.")
    implied = serializers.ListField(
        child=serializers.CharField(),
        help_text="Slugs of the broader skills the skills read meet (PyTorch meets machine-learning frameworks).",
    )
    degree = serializers.ChoiceField(
        choices=DEGREES,
        allow_null=True,
        help_text="A posting's minimum degree, a profile's highest degree held; null when the text states none.",
    )
    degree_span = FoundSpanSerializer(allow_null=True)
    accepts_equivalent_experience = serializers.BooleanField()
    years = serializers.IntegerField(
        allow_null=True, help_text="A posting's minimum years of experience, a profile's most; null: not stated."
    )
    years_span = FoundSpanSerializer(allow_null=True)
    years_by_degree = serializers.DictField(
        child=serializers.IntegerField(), help_text='A posting\'s ladder, e.g. {"bachelor": 5, "master": 3}.'
    )
    fields_of_study = FieldOfStudySerializer(
        many=True, help_text="The fields of study a degree is named in (a posting's accepted fields, a CV's)."
    )
