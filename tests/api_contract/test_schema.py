"""
The schema is the contract: every parameter typed and bounded, blank values declared, 304 and 429
declared on reads, anonymous reads allowed, and every object in a response typed all the way down.
"""

import re

import pytest

from core.api.filters import MAX_SEARCH_LENGTH
from core.api.pagination import Pagination
from tests.api_contract.conftest import operations

TYPE_KEYS = {"type", "$ref", "oneOf", "anyOf", "allOf", "enum"}


def query_parameters(schema):
    return [
        (method, path, parameter)
        for method, path, operation in operations(schema)
        for parameter in operation.get("parameters", [])
        if parameter["in"] == "query"
    ]


def test_every_query_parameter_has_a_schema_type(openapi):
    untyped = [f"{m} {p} ?{q['name']}" for m, p, q in query_parameters(openapi) if not q["schema"].get("type")]
    assert not untyped


def test_array_parameters_type_their_items(openapi):
    arrays = [q for _, _, q in query_parameters(openapi) if q["schema"]["type"] == "array"]
    assert arrays and all(q["schema"]["items"].get("type") for q in arrays)


def test_every_text_parameter_has_a_maximum_length(openapi):
    def unbounded(schema):
        schema = schema.get("items", schema) if schema["type"] == "array" else schema
        return schema["type"] == "string" and "enum" not in schema and "maxLength" not in schema

    assert not [f"{m} {p} ?{q['name']}" for m, p, q in query_parameters(openapi) if unbounded(q["schema"])]


def test_search_is_capped_at_the_documented_length(openapi):
    searches = [q for _, _, q in query_parameters(openapi) if q["name"] == "search"]
    assert searches and all(q["schema"]["maxLength"] == MAX_SEARCH_LENGTH for q in searches)


def test_page_and_page_size_state_their_bounds(openapi):
    pages = [q["schema"] for _, _, q in query_parameters(openapi) if q["name"] == "page"]
    sizes = [q["schema"] for _, _, q in query_parameters(openapi) if q["name"] == "page_size"]
    assert pages and all(s["type"] == "integer" and s["minimum"] == 1 for s in pages)
    assert sizes and all((s["minimum"], s["maximum"]) == (1, Pagination.max_page_size) for s in sizes)


def test_filters_declare_that_blank_means_no_filter(openapi):
    listing = next(op for m, p, op in operations(openapi) if (m, p) == ("GET", "/api/v1/postings/"))
    by_name = {q["name"]: q for q in listing["parameters"]}
    for name in ("company", "degree", "skill", "max_years", "search", "ordering"):
        assert by_name[name]["allowEmptyValue"] is True, name
        assert "Blank" in by_name[name]["description"], name
    for name in ("page", "page_size"):  # pagination is no filter: blank is not a number, so a 4xx
        assert "allowEmptyValue" not in by_name[name]


@pytest.mark.parametrize("path, name", [("/api/v1/match/", "skill"), ("/api/v1/compare/", "role")])
def test_required_slug_lists_refuse_blank_items(openapi, path, name):
    operation = openapi["paths"][path]["get"]
    parameter = next(q for q in operation["parameters"] if q["name"] == name)
    assert parameter["required"] is True and parameter["schema"]["minItems"] >= 1
    assert parameter["schema"]["items"]["minLength"] == 1 and "allowEmptyValue" not in parameter


def test_every_read_declares_304_and_429(openapi):
    missing = [
        f"{p} {code}"
        for m, p, op in operations(openapi)
        if m == "GET"
        for code in ("304", "429")
        if code not in op["responses"]
    ]
    assert not missing


# POSTs that change nothing: reading a pasted text (extraction/api.py) is open to anonymous clients.
OPEN_POSTS = {"/api/v1/extract/"}


def test_reads_are_declared_open_to_anonymous_clients_and_writes_are_not(openapi):
    for method, path, operation in operations(openapi):
        is_open = method == "GET" or (method == "POST" and path in OPEN_POSTS)
        assert ({} in operation["security"]) == is_open, f"{method} {path}"


def untyped_schemas(node, where):
    """Paths to schemas in `node` that say nothing of their type: an untyped property, item or object."""
    found = []
    if isinstance(node, dict):
        for key in ("items", "additionalProperties"):
            child = node.get(key)
            if isinstance(child, dict) and not (TYPE_KEYS & child.keys()):
                found.append(f"{where}/{key}")
        for name, prop in (node.get("properties") or {}).items():
            if not (TYPE_KEYS & prop.keys()):
                found.append(f"{where}/properties/{name}")
        if node.get("type") == "object" and not ({"properties", "additionalProperties"} & node.keys()):
            found.append(where)
        for key, child in node.items():
            found += untyped_schemas(child, f"{where}/{key}")
    elif isinstance(node, list):
        for index, child in enumerate(node):
            found += untyped_schemas(child, f"{where}/{index}")
    return found


def test_no_response_schema_holds_an_untyped_object(openapi):
    assert not untyped_schemas(openapi["components"]["schemas"], "#/components/schemas")
    assert not untyped_schemas(openapi["paths"], "#/paths")


def test_the_checker_finds_untyped_items_and_objects():
    assert untyped_schemas({"type": "array", "items": {}}, "#") == ["#/items"]
    assert untyped_schemas({"properties": {"a": {"type": "object"}}}, "#") == ["#/properties/a"]


def test_source_url_is_a_nullable_uri_not_a_one_of(openapi):
    url = openapi["components"]["schemas"]["Source"]["properties"]["url"]
    assert (url["type"], url["format"], url["nullable"]) == ("string", "uri", True) and "oneOf" not in url


def test_no_text_parameter_admits_a_nul_byte(openapi):
    def admits_nul(schema):
        schema = schema.get("items", schema) if schema["type"] == "array" else schema
        if schema["type"] != "string" or "enum" in schema:
            return False
        return "pattern" not in schema or re.search(schema["pattern"], "a\x00b") is not None

    assert not [f"{m} {p} ?{q['name']}" for m, p, q in query_parameters(openapi) if admits_nul(q["schema"])]
