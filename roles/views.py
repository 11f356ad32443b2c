from django.views.generic import DetailView, ListView

from roles.models import Role


class RoleListView(ListView):
    def get_queryset(self):
        return Role.objects.published()


class RoleDetailView(DetailView):
    def get_queryset(self):
        return Role.objects.published()
