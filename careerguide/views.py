from django.shortcuts import render

from careerguide.search import search as run_search
from roles.models import Role


def home(request):
    roles = Role.objects.published().for_cards()
    return render(request, "home.html", {"roles": roles})


def search(request):
    results = run_search(request.GET.get("q", ""))
    return render(request, "search.html", {"results": results, "query": results.query})
