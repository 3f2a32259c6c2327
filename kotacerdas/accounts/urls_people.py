"""The ministry's people pages, under people/: the mentor register and mentors' and assessors' regions."""

from django.urls import path

from kotacerdas.accounts import views

app_name = "people"
urlpatterns = [
    path("", views.people, name="index"),
    path("mentors/new/", views.mentor_create, name="mentor_create"),
    path("mentors/<int:pk>/", views.mentor_edit, name="mentor_edit"),
    path("mentors/<int:pk>/delete/", views.mentor_delete, name="mentor_delete"),
    path("assignments/", views.mentor_assign, name="assign"),
    path("assignments/<int:pk>/delete/", views.mentor_unassign, name="unassign"),
]
