from django.urls import path

from kotacerdas.masterplan import views

app_name = "masterplan"
urlpatterns = [
    path("", views.detail, name="detail"),
    path("new/", views.create, name="create"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/legalise/", views.legalise, name="legalise"),
    path("<int:pk>/revisions/new/", views.revision_open, name="revision_open"),
    path("vision/", views.vision, name="vision"),
    path("vision/missions/new/", views.mission_add, name="mission_add"),
    path("vision/missions/<int:pk>/edit/", views.mission_edit, name="mission_edit"),
    path("vision/missions/<int:pk>/delete/", views.mission_delete, name="mission_delete"),
    path("vision/missions/<int:pk>/move/<str:direction>/", views.mission_move, name="mission_move"),
    path("vision/missions/<int:mission_pk>/objectives/new/", views.objective_add, name="objective_add"),
    path("vision/objectives/<int:pk>/edit/", views.objective_edit, name="objective_edit"),
    path("vision/objectives/<int:pk>/delete/", views.objective_delete, name="objective_delete"),
    path("vision/objectives/<int:pk>/move/<str:direction>/", views.objective_move, name="objective_move"),
    path("vision/objectives/<int:objective_pk>/targets/new/", views.target_add, name="target_add"),
    path("vision/targets/<int:pk>/edit/", views.target_edit, name="target_edit"),
    path("vision/targets/<int:pk>/delete/", views.target_delete, name="target_delete"),
]
