"""
What every API endpoint shares, one module per concern: the error shape (errors), strict fields and
serializers, the base viewset, pagination and the filter backend, and the OpenAPI schema class.
DRF imports pagination and schema from settings while it loads itself, so those never import a view.
"""
