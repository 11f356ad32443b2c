from django.apps import AppConfig


class SkillsConfig(AppConfig):
    name = "skills"
    holds_content = True  # cached, invalidated and backed up as content (core/content.py)
