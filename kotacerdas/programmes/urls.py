from django.urls import path

from kotacerdas.programmes import views

app_name = "programmes"
urlpatterns: list = []
