from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.fields import StrictCharField
from core.api.serializers import StrictModelSerializer
from sources.models import Source


class SourceSerializer(serializers.ModelSerializer):
    # A URI or null, never "": a blank URLField would be a oneOf (uri, or a string of length 0) in the
    # schema, which validators that skip `format` cannot tell apart, and an empty string is no URI.
    url = serializers.SerializerMethodField(help_text="Where the source can be read, or null if it is not online.")

    class Meta:
        model = Source
        fields = ["slug", "title", "author", "publisher", "url"]

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_url(self, source) -> str | None:
        return source.url or None


# The fields every curated, published record ends its field list with (`fields = [..., *these]`).
PUBLISHABLE_SOURCED_FIELDS = ["status", "source", "source_detail", "source_passage", "created_at", "updated_at"]


class SourcedSerializer(StrictModelSerializer):
    """Writes name the source by slug; reads also carry the source's citation."""

    source = serializers.SlugRelatedField(slug_field="slug", queryset=Source.objects.all())
    source_detail = SourceSerializer(source="source", read_only=True)
    source_passage = StrictCharField(
        trim_whitespace=True, min_length=1, help_text="The words of the source this record rests on."
    )
