import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kotacerdas.settings")
application = get_wsgi_application()


def _fail_lost_jobs() -> None:
    """Jobs a stopped web process was running in a thread are failed now rather than shown running forever."""
    import logging

    from django.db import DatabaseError, connection

    from kotacerdas.jobs.runner import fail_lost_jobs

    try:
        fail_lost_jobs()
    except DatabaseError:  # not migrated yet, or the database is down: the next look at a job does it
        logging.getLogger("kotacerdas.jobs").warning("lost jobs not checked at start", exc_info=True)
    finally:
        if not connection.in_atomic_block:  # gunicorn --preload must not hand one connection to every worker
            connection.close()


_fail_lost_jobs()
