"""Background jobs (Celery, or in-process without a broker) with progress and downloadable results."""
