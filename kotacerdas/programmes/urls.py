from django.urls import path

from kotacerdas.programmes import views

app_name = "programmes"
urlpatterns = [
    path("", views.programme_list, name="list"),
    path("export/", views.programme_export, name="export"),
    path("import/", views.programme_import, name="import"),
    path("import/template/", views.programme_import_template, name="import_template"),
    path("new/", views.programme_create, name="create"),
    path("roadmap/", views.roadmap, name="roadmap"),
    path("roadmap/export/", views.roadmap_export, name="roadmap_export"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("quick-wins/", views.quick_wins, name="quick_wins"),
    path("quick-wins/export/", views.quick_wins_export, name="quick_wins_export"),
    path("<int:pk>/", views.programme_detail, name="detail"),
    path("<int:pk>/edit/", views.programme_edit, name="edit"),
    path("<int:pk>/delete/", views.programme_delete, name="delete"),
    path("<int:pk>/evidence/", views.evidence_upload, name="evidence_upload"),
    path("<int:pk>/evidence/<int:evidence_pk>/", views.evidence_download, name="evidence_download"),
    path("<int:pk>/evidence/<int:evidence_pk>/delete/", views.evidence_delete, name="evidence_delete"),
    path("<int:pk>/quick-win/", views.quick_win_edit, name="quick_win_edit"),
    path("<int:pk>/quick-win/stage/", views.quick_win_stage, name="quick_win_stage"),
    path("<int:pk>/quick-win/remove/", views.quick_win_remove, name="quick_win_remove"),
]
