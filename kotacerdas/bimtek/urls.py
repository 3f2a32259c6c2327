from django.urls import path

from kotacerdas.bimtek import views

app_name = "bimtek"
urlpatterns = [
    path("", views.workshop_list, name="list"),
    path("new/", views.workshop_create, name="create"),
    path("vision-keywords/", views.vision_keywords, name="vision_keywords"),
    path("<int:pk>/", views.workshop_detail, name="detail"),
    path("<int:pk>/edit/", views.workshop_edit, name="edit"),
    path("<int:pk>/delete/", views.workshop_delete, name="delete"),
    path("<int:pk>/held/", views.workshop_mark_held, name="mark_held"),
    path("<int:pk>/participants/add/", views.participant_add, name="participant_add"),
    path("<int:pk>/participants/attendance/", views.attendance, name="attendance"),
    path("<int:pk>/participants/<int:pid>/attendance/", views.participant_attendance, name="participant_attendance"),
    path("<int:pk>/participants/<int:pid>/remove/", views.participant_remove, name="participant_remove"),
    path("<int:pk>/outputs/add/", views.output_add, name="output_add"),
    path("<int:pk>/outputs/<int:oid>/edit/", views.output_edit, name="output_edit"),
    path("<int:pk>/outputs/<int:oid>/delete/", views.output_delete, name="output_delete"),
]
