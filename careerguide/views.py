from django.shortcuts import render

from careerguide.search import search as run_search
from core.caching import cached_page
from roles.models import Role


@cached_page()
def home(request):
    roles = Role.objects.published().for_cards()
    return render(request, "home.html", {"roles": roles})


@cached_page()
def search(request):
    results = run_search(request.GET.get("q", ""))
    return render(request, "search.html", {"results": results, "query": results.query})
