"""
Two baselines the site's pages and API are compared with. Served only by devtools.urls, never by the site.

- `hello`: the cheapest response Django can give through the full middleware stack.
- `PlainPostingViewSet`: what a newcomer to DRF writes for postings: a ModelSerializer with every field,
  the project's default pagination, no select_related/prefetch. Deliberately naive; do not "fix" it.
"""

from django.http import HttpResponse
from rest_framework import serializers, viewsets

from postings.models import JobPosting


def hello(request):
    return HttpResponse("Hello, world")


class PlainPostingSerializer(serializers.ModelSerializer):
    class Meta:
        model = JobPosting
        fields = "__all__"


class PlainPostingViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = JobPosting.objects.all()
    serializer_class = PlainPostingSerializer
