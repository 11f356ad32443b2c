from drf_spectacular.utils import extend_schema
from rest_framework import permissions
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.errors import ErrorSerializer
from extraction.engine import MAX_CHARS, extract
from extraction.serializers import ExtractionSerializer, ExtractSerializer


class ExtractView(APIView):
    """
    Read a posting or a CV: its skills (with the words read and their offsets), how much a posting wants
    each, the degree and the years of experience. Nothing sent is stored, logged or cached.
    """

    # Anyone may read a text, within the anonymous rate limit: it reads and writes nothing.
    permission_classes = [permissions.AllowAny]

    @extend_schema(
        request=ExtractSerializer,
        responses={200: ExtractionSerializer, 400: ErrorSerializer, 429: ErrorSerializer},
        description=f"Text of at most {MAX_CHARS:,} characters, without NUL bytes; a longer one is a 400.",
    )
    def post(self, request):
        given = ExtractSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        extraction = extract(given.validated_data["text"], kind=given.validated_data["kind"])
        return Response(ExtractionSerializer(extraction).data)
