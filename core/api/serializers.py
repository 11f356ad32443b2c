"""Serializers that refuse what the model and the database would refuse, with a message per field."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from rest_framework import exceptions, serializers

from core.api.fields import (
    StrictBooleanField,
    StrictCharField,
    StrictDecimalField,
    StrictIntegerField,
    StrictSlugField,
)


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
