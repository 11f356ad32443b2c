from rest_framework import serializers

from careerguide.api import StrictCharField, StrictModelSerializer
from sources.models import Source


class SourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Source
        fields = ["slug", "title", "author", "publisher", "url"]


class SourcedSerializer(StrictModelSerializer):
    """Writes name the source by slug; reads also carry the source's citation."""

    source = serializers.SlugRelatedField(slug_field="slug", queryset=Source.objects.all())
    source_detail = SourceSerializer(source="source", read_only=True)
    source_passage = StrictCharField(
        trim_whitespace=True, min_length=1, help_text="The words of the source this record rests on."
    )
