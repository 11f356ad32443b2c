import pytest
from drf_spectacular.generators import SchemaGenerator


@pytest.fixture(scope="session")
def openapi():
    """The OpenAPI document /api/schema/ serves, as a dict."""
    return SchemaGenerator().get_schema(request=None, public=True)


def operations(schema):
    """(method, path, operation) for every operation in the document."""
    return [
        (method.upper(), path, operation)
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        if method in ("get", "post", "put", "patch", "delete")
    ]
