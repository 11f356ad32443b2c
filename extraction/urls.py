from django.urls import path

from extraction import views

app_name = "extraction"
urlpatterns = [path("read/", views.read_pasted, name="read")]
