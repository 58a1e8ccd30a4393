"""Articles added from the browser: any server worker can report an upload's progress."""
from __future__ import annotations

import time

from analysis.ingest_jobs import IngestJobs

ARTICLE = b"Troops enter Bartella\n20 Oct 2016\n\nIraqi troops entered Bartella on Thursday, officers said.\n"


def test_another_worker_sees_the_upload_finish(tmp_path):
    db = tmp_path / "frontline.sqlite"
    started = IngestJobs(db).start([("bartella.txt", ARTICLE)])
    other_worker = IngestJobs(db)  # a second gunicorn worker has its own IngestJobs
    deadline = time.time() + 120
    job = other_worker.status(started.id)
    while job is not None and job.state == "running" and time.time() < deadline:
        time.sleep(0.2)
        job = other_worker.status(started.id)
    assert job is not None and job.state == "done", job
    assert job.done == job.total == 1 and "added 1 articles" in job.message


def test_an_unknown_job_is_none(tmp_path):
    assert IngestJobs(tmp_path / "frontline.sqlite").status("nope") is None
