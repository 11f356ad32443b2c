"""Request checks that every view relies on."""

from django.http import JsonResponse
from django.shortcuts import render

NUL = "\x00"


class RejectNulBytesMiddleware:
    """
    A NUL byte in the address or the query string gets a 400 naming the parameter. No text we store
    or look up can contain one (PostgreSQL refuses it in any string), so rather than every view and
    filter guarding against it, the request stops here, on both databases alike. Under /api/ the
    answer uses the API's error shape.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        offending = sorted(
            {key for key, values in request.GET.lists() if NUL in key or any(NUL in value for value in values)}
        )
        if offending or NUL in request.path:
            return self.refuse(request, offending or ["path"])
        return self.get_response(request)

    def refuse(self, request, fields):
        message = "Contains a NUL character (%00), which no value can hold."
        if request.path.startswith("/api/"):
            return JsonResponse(
                {
                    "status": 400,
                    "code": "invalid",
                    "detail": "Invalid input.",
                    "errors": {field.replace(NUL, "\\x00"): [message] for field in fields},
                },
                status=400,
            )
        return render(request, "400.html", {"message": message, "fields": fields}, status=400)
