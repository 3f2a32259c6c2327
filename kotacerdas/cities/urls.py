from django.urls import path

from kotacerdas.cities import views

app_name = "cities"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
]
