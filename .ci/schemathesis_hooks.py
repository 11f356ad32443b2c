"""
Schemathesis hooks for .ci/fuzz-api (loaded through SCHEMATHESIS_HOOKS).

One hook: drop an ST201 ("schema-violating request accepted") whose request, as it was sent, is valid.

Schemathesis generates a negative value, serializes it into the URL, then judges the server by the
value it generated, not by the text it sent. For a query parameter declared as a string it compares the
sent text (upstream PR #4601), but not for an array of strings: `?skill=` generated as the number
5.52e16 is sent as `?skill=5.521475375088961e%2B16`, a string every schema-valid client could send, and
the 200 it gets was counted as a finding (CI, 2026-12-04). This hook reads the URL the server received,
types each value as the schema declares it (a text stays a text, an integer is parsed), and validates
that against the operation's own query schema. Only when the whole query is valid as sent, and nothing
outside the query was negative, is the failure dropped: a request the server could not tell from a valid
one is not one it should have refused. Every other ST201 is kept.
"""

import re
from urllib.parse import parse_qs, urlsplit

import schemathesis
from schemathesis.core.failures import AcceptedNegativeData
from schemathesis.core.parameters import ParameterLocation

INTEGER = re.compile(r"-?[0-9]+")
NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?")
OTHER_LOCATIONS = (ParameterLocation.PATH, ParameterLocation.HEADER, ParameterLocation.COOKIE, ParameterLocation.BODY)


def types_of(schema):
    """The JSON types a parameter's schema declares, through one level of anyOf/oneOf."""
    declared = schema.get("type")
    found = set(declared if isinstance(declared, list) else [declared] if declared else [])
    for option in schema.get("anyOf", []) + schema.get("oneOf", []):
        found |= types_of(option)
    return found


def as_read(text, types):
    """A query text as a server reads it for a parameter of these types; the text itself if it reads as none."""
    if "integer" in types and INTEGER.fullmatch(text):
        return int(text)
    if "number" in types and NUMBER.fullmatch(text):
        return float(text)
    if "boolean" in types and text in ("true", "false"):
        return text == "true"
    return text


def query_as_received(response, properties):
    """The query string the server received, each value typed as its parameter's schema declares."""
    sent = parse_qs(urlsplit(response.request.url).query, keep_blank_values=True)
    query = {}
    for name, texts in sent.items():
        schema = properties.get(name, {})
        types = types_of(schema)
        if "array" in types:
            item_types = types_of(schema.get("items", {}))
            for option in schema.get("anyOf", []) + schema.get("oneOf", []):
                item_types |= types_of(option.get("items", {}))
            query[name] = [as_read(text, item_types) for text in texts]
        elif len(texts) == 1:
            query[name] = as_read(texts[0], types)
        else:
            query[name] = texts  # a one-value parameter sent twice: invalid as sent, so the failure stays
    return query


@schemathesis.hook
def filter_failure(ctx, failure, case, response):
    if not isinstance(failure, AcceptedNegativeData) or case.meta is None or response is None:
        return True
    if any(case.meta.is_negative_at(location) for location in OTHER_LOCATIONS):
        return True
    container = case.operation.get_parameter_set(ParameterLocation.QUERY)
    if not container:
        return True
    query = query_as_received(response, container.schema.get("properties", {}))
    try:
        valid_as_sent = container.get_strict_validator().is_valid(query)
    except Exception:  # a schema the validator cannot compile: keep the failure
        return True
    return not valid_as_sent
