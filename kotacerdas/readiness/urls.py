from django.urls import path

from kotacerdas.readiness import views

app_name = "readiness"
urlpatterns: list = []
