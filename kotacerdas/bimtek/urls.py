from django.urls import path

from kotacerdas.bimtek import views

app_name = "bimtek"
urlpatterns: list = []
