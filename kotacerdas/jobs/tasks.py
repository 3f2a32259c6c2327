"""The Celery task that runs a job on a worker (`make worker`)."""

from kotacerdas.celery import app
from kotacerdas.jobs import runner


@app.task(name="kotacerdas.jobs.run", ignore_result=True)
def run_job(job_id: int) -> None:
    runner.run(job_id)
