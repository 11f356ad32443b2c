import factory

from jobs.models import BackgroundJob


class BackgroundJobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BackgroundJob

    kind = "tests.something"
    title = "Something long"
