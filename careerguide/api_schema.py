"""The OpenAPI schema class. Kept apart from careerguide.api, which DRF imports while it loads itself."""

from drf_spectacular.openapi import AutoSchema

from careerguide.api import ErrorSerializer


class CareerguideAutoSchema(AutoSchema):
    """Declares the error responses each operation can give, in the shared error format."""

    def get_auth(self):
        # Reads are public: say so, or clients (and schemathesis) take auth for required.
        auths = super().get_auth()
        if self.method in ("GET", "HEAD", "OPTIONS") and {} not in auths:
            auths.append({})
        return auths

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
        return responses
