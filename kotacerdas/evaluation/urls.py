"""A city's evaluation pages, under cities/<code>/evaluation/ (the national ones are in urls_national)."""

from django.urls import path

from kotacerdas.evaluation import views

app_name = "evaluation"
urlpatterns = [
    path("", views.index, name="index"),
    path("start/", views.start, name="start"),
    path("import/", views.import_result, name="import"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/self-assessment/<slug:dimension>/", views.self_assess, name="self_assess"),
    path("<int:pk>/evidence/<slug:dimension>/", views.evidence_add, name="evidence_add"),
    path("<int:pk>/submit/", views.submit, name="submit"),
    path("<int:pk>/scores/", views.score, name="score"),
    path("<int:pk>/findings/", views.findings, name="findings"),
    path("<int:pk>/publish/", views.publish, name="publish"),
    path("<int:pk>/letter/", views.letter, name="letter"),
    path("evidence/<int:evidence_pk>/", views.evidence_file, name="evidence_file"),
    path("follow-ups/", views.follow_ups, name="follow_ups"),
    path("follow-ups/<int:pk>/", views.follow_up_edit, name="follow_up_edit"),
    path("follow-ups/<int:pk>/file/", views.follow_up_file, name="follow_up_file"),
]
