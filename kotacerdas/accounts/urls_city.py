"""A region's mentors and assessors, under cities/<code>/people/."""

from django.urls import path

from kotacerdas.accounts import views

app_name = "city_people"
urlpatterns = [
    path("", views.city_people, name="index"),
]
