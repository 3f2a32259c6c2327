from django.urls import path

from kotacerdas.cities import views

app_name = "cities"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("edit/", views.city_edit, name="edit"),
    path("stages/", views.stage_record, name="stage_record"),
    path("stages/<int:pk>/delete/", views.stage_delete, name="stage_delete"),
    path("opd/", views.opd_list, name="opd_list"),
    path("opd/export/", views.opd_export, name="opd_export"),
    path("opd/new/", views.opd_create, name="opd_create"),
    path("opd/<int:pk>/", views.opd_detail, name="opd_detail"),
    path("opd/<int:pk>/edit/", views.opd_edit, name="opd_edit"),
    path("opd/<int:pk>/delete/", views.opd_delete, name="opd_delete"),
    path("bodies/", views.body_list, name="body_list"),
    path("bodies/new/", views.body_create, name="body_create"),
    path("bodies/<int:pk>/", views.body_detail, name="body_detail"),
    path("bodies/<int:pk>/export/", views.member_export, name="member_export"),
    path("bodies/<int:pk>/edit/", views.body_edit, name="body_edit"),
    path("bodies/<int:pk>/delete/", views.body_delete, name="body_delete"),
    path("bodies/<int:pk>/members/add/", views.member_add, name="member_add"),
    path("bodies/<int:pk>/members/<int:member_pk>/remove/", views.member_remove, name="member_remove"),
    path("stakeholders/", views.stakeholder_list, name="stakeholder_list"),
    path("stakeholders/export/", views.stakeholder_export, name="stakeholder_export"),
    path("stakeholders/new/", views.stakeholder_create, name="stakeholder_create"),
    path("stakeholders/<int:pk>/", views.stakeholder_detail, name="stakeholder_detail"),
    path("stakeholders/<int:pk>/edit/", views.stakeholder_edit, name="stakeholder_edit"),
    path("stakeholders/<int:pk>/delete/", views.stakeholder_delete, name="stakeholder_delete"),
    path("commitment/", views.commitment_list, name="commitment_list"),
    path("commitment/new/", views.commitment_create, name="commitment_create"),
    path("commitment/<int:pk>/", views.commitment_detail, name="commitment_detail"),
    path("commitment/<int:pk>/export/", views.signatory_export, name="signatory_export"),
    path("commitment/<int:pk>/edit/", views.commitment_edit, name="commitment_edit"),
    path("commitment/<int:pk>/delete/", views.commitment_delete, name="commitment_delete"),
    path("commitment/<int:pk>/signatories/add/", views.signatory_add, name="signatory_add"),
    path("commitment/<int:pk>/signatories/<int:signatory_pk>/remove/", views.signatory_remove, name="signatory_remove"),
]
