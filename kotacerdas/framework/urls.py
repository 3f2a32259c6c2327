from django.urls import path

from kotacerdas.framework import views

app_name = "framework"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("weights/new/", views.weights_edit, name="weights_new"),
    path("weights/<int:year>/", views.weights_edit, name="weights_edit"),
]
