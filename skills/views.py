from django.views.generic import DetailView, ListView

from skills.models import Skill


class SkillListView(ListView):
    def get_queryset(self):
        return Skill.objects.published().in_category_order()


class SkillDetailView(DetailView):
    def get_queryset(self):
        return Skill.objects.published()
