"""
What every API endpoint shares: the error format, pagination, the schema's error responses, and the
base viewset that applies the publication rule and slug lookups.

Every error has one shape, whatever raised it:
    {"status": 400, "code": "invalid", "detail": "Invalid input.", "errors": {"amount": ["…"]}}
`errors` maps field names (or "non_field_errors") to messages; it is empty for errors that are not
about fields (401, 403, 404, 405, 429).
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, models
from django.http import Http404, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, serializers, viewsets
from rest_framework.parsers import JSONParser
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from core.caching import CachedReadsMixin


class ErrorSerializer(serializers.Serializer):
    status = serializers.IntegerField()
    code = serializers.CharField()
    detail = serializers.CharField()
    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))


def _as_field_errors(detail):
    if isinstance(detail, dict):
        return {
            field: [str(m) for m in (messages if isinstance(messages, list) else [messages])]
            if not isinstance(messages, dict)
            else [f"{key}: {value}" for key, value in _as_field_errors(messages).items()]
            for field, messages in detail.items()
        }
    if isinstance(detail, list):
        return {"non_field_errors": [str(message) for message in detail]}
    return {}


def exception_handler(exc, context):
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(str(exc) or None)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages)
    elif isinstance(exc, IntegrityError):
        # Validation runs the model's own checks first; this only catches a race between two writers.
        exc = exceptions.ValidationError({"non_field_errors": ["This change conflicts with existing data."]})
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        code, detail, errors = "invalid", "Invalid input.", _as_field_errors(exc.detail)
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
        code = getattr(detail, "code", None) or getattr(exc, "default_code", "error")
        errors = {}
    response.data = {"status": response.status_code, "code": str(code), "detail": str(detail), "errors": errors}
    return response


class StrictCharField(serializers.CharField):
    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictSlugField(serializers.SlugField):
    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictIntegerField(serializers.IntegerField):
    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictBooleanField(serializers.BooleanField):
    def to_internal_value(self, data):
        if not isinstance(data, bool):
            self.fail("invalid")
        return data


class StrictDecimalField(serializers.DecimalField):
    """Decimals travel as strings ("138365.00"), both ways, so no float ever rounds a salary."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictManyRelatedField(serializers.ManyRelatedField):
    """A list of related records that is a JSON list: DRF would take `{}` (iterable) as an empty list."""

    def to_internal_value(self, data):
        if not isinstance(data, list):
            self.fail("not_a_list", input_type=type(data).__name__)
        return super().to_internal_value(data)


class StrictModelSerializer(serializers.ModelSerializer):
    """
    Accepts only the JSON type the schema promises: DRF would otherwise turn 0 into "0" or "5" into 5,
    and a client's type mistake would be stored instead of reported.
    """

    serializer_field_mapping = serializers.ModelSerializer.serializer_field_mapping | {
        models.CharField: StrictCharField,
        models.TextField: StrictCharField,
        models.SlugField: StrictSlugField,
        models.URLField: StrictCharField,
        models.PositiveSmallIntegerField: StrictIntegerField,
        models.IntegerField: StrictIntegerField,
        models.BooleanField: StrictBooleanField,
        models.DecimalField: StrictDecimalField,
    }


class ModelValidationMixin:
    """
    Runs the model's own validation (field validators, clean(), unique and check constraints) on the
    instance a write would produce, so the API refuses exactly what the model and the database refuse,
    with a message per field, before anything is saved.
    """

    def validate(self, attrs):
        attrs = super().validate(attrs)
        model = self.Meta.model
        concrete = {f.name for f in model._meta.concrete_fields}
        instance = model(**{k: v for k, v in attrs.items() if k in concrete})
        if self.instance is not None:
            for field in model._meta.concrete_fields:
                if field.name not in attrs:
                    setattr(instance, field.attname, getattr(self.instance, field.attname))
            instance.pk = self.instance.pk
            instance._state.adding = False
        try:
            instance.full_clean()
        except DjangoValidationError as error:
            raise exceptions.ValidationError(error.message_dict) from error
        return attrs


class PublishableViewSet(CachedReadsMixin, viewsets.ModelViewSet):
    """
    Lookups by slug, JSON-only writes, and the publication rule: the public sees published records;
    signed-in staff with the view permission (curators) see drafts too. Anonymous reads are cached.
    """

    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"
    parser_classes = [JSONParser]

    def get_queryset(self):
        return self.base_queryset().visible_to(self.request.user)

    def base_queryset(self):
        raise NotImplementedError

    # Writes answer with the record as a read would show it (prefetched relations included).
    def perform_create(self, serializer):
        serializer.save()
        serializer.instance = self.base_queryset().get(pk=serializer.instance.pk)

    def perform_update(self, serializer):
        serializer.save()
        serializer.instance = self.base_queryset().get(pk=serializer.instance.pk)

    def perform_destroy(self, instance):
        from django.db.models import ProtectedError

        try:
            instance.delete()
        except ProtectedError as error:
            names = sorted({str(obj) for obj in error.protected_objects})[:5]
            raise exceptions.ValidationError(
                {"non_field_errors": [f"Still used by: {', '.join(names)}. Remove or reassign those first."]}
            ) from error


@csrf_exempt
def api_not_found(request, *args, **kwargs):
    """Unrouted paths under /api/ answer in the API's error format, not with an HTML page."""
    return JsonResponse(
        {"status": 404, "code": "not_found", "detail": f"No API endpoint at {request.path}.", "errors": {}}, status=404
    )


def error_response(status_code, errors, detail="Invalid input."):
    return Response({"status": status_code, "code": "invalid", "detail": detail, "errors": errors}, status=status_code)


__all__ = [
    "ErrorSerializer",
    "ModelValidationMixin",
    "StrictCharField",
    "StrictManyRelatedField",
    "StrictModelSerializer",
    "PublishableViewSet",
    "api_not_found",
    "error_response",
]
