from django.views.generic import DetailView, ListView

from skills.models import Skill


class SkillListView(ListView):
    template_name = "skills/skill_list.html"

    def get_queryset(self):
        return Skill.objects.published().in_category_order().with_roles()


class SkillDetailView(DetailView):
    template_name = "skills/skill_detail.html"

    def get_queryset(self):
        return Skill.objects.published().with_roles().with_postings()
