"""The OpenAPI schema class. DRF imports it from settings while it loads itself."""

from django_filters.rest_framework import DjangoFilterBackend
from django_filters.utils import get_model_field
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import get_view_model

from core.api.errors import ErrorSerializer
from core.api.filters import TEXT_CAPS, is_record_filter

BLANK_MEANS_NO_FILTER = "Blank (`?name=`) means no filter."
UNKNOWN_MATCHES_NOTHING = "A slug that names no record matches nothing (an empty list, not an error)."
NO_NUL = "^[^\\u0000]*$"  # JSON Schema (ECMA 262) and Python's re read \u0000 alike


def longest_value(filter_, model):
    """
    The longest value a text filter can match: its own max_length, that of the field a slug names
    (to_field_name), or that of the model field it filters (`target_role__slug`).
    """
    if filter_.extra.get("max_length"):
        return filter_.extra["max_length"]
    queryset, to_field = filter_.extra.get("queryset"), filter_.extra.get("to_field_name")
    if queryset is not None and to_field:
        return queryset.model._meta.get_field(to_field).max_length
    field = get_model_field(model, filter_.field_name) if model is not None else None
    return getattr(field, "max_length", None)


class CareerguideAutoSchema(AutoSchema):
    """
    Makes the schema the whole contract: the error responses each operation can give (in the shared
    error format), 304 for conditional reads, anonymous reads, and for each query parameter whether
    blank is allowed and how long a text may be.
    """

    def get_auth(self):
        # Reads are public: say so, or clients (and schemathesis) take auth for required.
        auths = super().get_auth()
        if self.method in ("GET", "HEAD", "OPTIONS") and {} not in auths:
            auths.append({})
        return auths

    def _get_filter_parameters(self):
        """Filters, search and ordering: blank means "no filter" (core/api/filters.py); texts are capped."""
        parameters = super()._get_filter_parameters()
        filterset_class = self._filterset_class()
        filters = filterset_class.base_filters if filterset_class else {}
        model = filterset_class._meta.model if filterset_class else None
        for parameter in parameters:
            if parameter["in"] != "query":
                continue
            name, schema = parameter["name"], parameter["schema"]
            parameter["allowEmptyValue"] = True
            notes = [parameter.get("description", ""), BLANK_MEANS_NO_FILTER]
            if name in filters and is_record_filter(filters[name]):
                notes.append(UNKNOWN_MATCHES_NOTHING)
            parameter["description"] = " ".join(notes).strip()
            max_length = TEXT_CAPS.get(name) or (longest_value(filters[name], model) if name in filters else None)
            target = schema.get("items", {}) if schema.get("type") == "array" else schema
            if max_length and target.get("type") == "string" and "enum" not in target:
                target.setdefault("maxLength", max_length)
        return parameters

    def _get_parameters(self):
        """Every text in the query string: no NUL byte, which no value we store can hold (core/middleware.py)."""
        parameters = super()._get_parameters()
        for parameter in parameters:
            schema = parameter.get("schema", {})
            target = schema.get("items", {}) if schema.get("type") == "array" else schema
            is_text = target.get("type") == "string" and not ({"enum", "pattern"} & set(target))
            if parameter["in"] == "query" and is_text:
                target["pattern"] = NO_NUL
        return parameters

    def _filterset_class(self):
        """The FilterSet the list uses, also when the view names only `filterset_fields`."""
        for backend in self.get_filter_backends():  # none on a view that is not a list: no model to look up
            model = get_view_model(self.view) if issubclass(backend, DjangoFilterBackend) else None
            if model is not None:
                return backend().get_filterset_class(self.view, model._default_manager.none())
        return None

    def _get_format_parameters(self):
        # `?format=` (blank) is the default negotiation, as DRF reads it.
        parameters = super()._get_format_parameters()
        for parameter in parameters:
            parameter["allowEmptyValue"] = True
        return parameters

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        codes = {
            "400": "Invalid input or query parameters: messages in `errors`.",
            "404": "No such record, or no such page.",
            "429": "Too many requests from this anonymous client.",
        }
        if self.method in ("POST", "PUT", "PATCH", "DELETE"):
            codes |= {"401": "Not authenticated.", "403": "Authenticated, but without the permission."}
        for code, description in codes.items():
            if code not in responses:
                responses[code] = self._get_response_for_code(ErrorSerializer, code)
                responses[code]["description"] = description
        if self.method == "GET" and "304" not in responses:
            # Every GET answers with an ETag (ConditionalGetMiddleware); sending it back unchanged in
            # If-None-Match gets an empty 304.
            responses["304"] = {"description": "Not modified: the copy named by If-None-Match is current."}
        return responses
