from django.urls import path

from kotacerdas.alignment import views

app_name = "alignment"
urlpatterns = [
    path("", views.matrix, name="matrix"),
    path("export/", views.matrix_export, name="matrix_export"),
    path("gaps/", views.gaps, name="gaps"),
    path("plans/", views.plans, name="plans"),
    path("plans/new/", views.plan_create, name="plan_create"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("plans/<int:pk>/delete/", views.plan_delete, name="plan_delete"),
    path("plans/<int:pk>/items/export/", views.plan_items_export, name="plan_items_export"),
    path("plans/<int:pk>/items/new/", views.item_create, name="item_create"),
    path("plans/<int:pk>/items/import/", views.item_import, name="item_import"),
    path("plans/<int:pk>/items/<int:item_pk>/edit/", views.item_edit, name="item_edit"),
    path("plans/<int:pk>/items/<int:item_pk>/delete/", views.item_delete, name="item_delete"),
    path("programmes/<int:pid>/links/", views.programme_links, name="programme_links"),
    path("links/<int:link_pk>/delete/", views.link_delete, name="link_delete"),
]
