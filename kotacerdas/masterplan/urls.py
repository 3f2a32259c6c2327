from django.urls import path

from kotacerdas.masterplan import views

app_name = "masterplan"
urlpatterns: list = []
