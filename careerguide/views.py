from django.shortcuts import render

from roles.models import Role


def home(request):
    roles = Role.objects.published()
    return render(request, "home.html", {"roles": roles})
