from django.views.generic import ListView

from sources.models import Source


class SourceListView(ListView):
    template_name = "sources/source_list.html"
    queryset = Source.objects.all()
