"""
Serializer fields that accept only the JSON type the schema promises: DRF's own would turn 0 into "0" or
"5" into 5, and a client's type mistake would be stored instead of reported.
"""

from rest_framework import serializers


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


class StrictSlugRelatedField(serializers.SlugRelatedField):
    """A related record's slug, or null: "" is refused (the schema says minLength 1), not read as null."""

    default_error_messages = {"blank": "May not be blank: send null to clear it."}

    def run_validation(self, data=serializers.empty):
        if data == "":
            self.fail("blank")
        return super().run_validation(data)
