"""The Celery application: workers run background jobs (`kotacerdas.jobs`).

    CELERY_BROKER_URL=redis://127.0.0.1:6379/0 celery -A kotacerdas worker   # `make worker`

Settings come from Django's settings with the `CELERY_` prefix (kotacerdas/settings.py).
Without a broker the web process runs the jobs itself (`settings.JOBS_RUNNER`).
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kotacerdas.settings")

app = Celery("kotacerdas")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["kotacerdas.jobs"])
