from django.urls import path

from kotacerdas.alignment import views

app_name = "alignment"
urlpatterns: list = []
