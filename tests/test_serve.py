"""`make serve` (deploy/serve.py) starts the task worker beside gunicorn (and nginx) when tasks
are queued in the database, as the Makefile sets; Ctrl-C and a supervisor's stop end it too.
The real run, through nginx, is tests/test_edge.py's."""

import subprocess

import pytest

from deploy import serve


class Started:
    """A process that was started and runs until asked to stop."""

    def __init__(self, command, **options):
        self.command, self.env, self.stopped = command, options["env"], False

    def poll(self):
        return 0 if self.stopped else None

    def terminate(self):
        self.stopped = True

    def wait(self, timeout=None):
        return 0

    def kill(self):
        self.stopped = True


@pytest.fixture
def started(monkeypatch):
    monkeypatch.setattr(subprocess, "Popen", Started)
    monkeypatch.setattr(serve.nginx_config, "write_local", lambda *a, **k: ["nginx", "-c", "x"])
    return lambda env: serve.start_site(
        "/tmp/prefix", listen="127.0.0.1:8000", app="127.0.0.1:8001", env=env, log=None
    )


@pytest.mark.parametrize("nginx", [True, False])
def test_make_serve_runs_the_task_worker_beside_gunicorn(started, monkeypatch, nginx):
    monkeypatch.setattr(serve, "nginx_available", lambda: nginx)
    processes = started({"TASKS_BACKEND": "database"})
    expected = (
        ["gunicorn", "nginx", "the task worker"] if nginx else ["gunicorn", "the task worker"]
    )
    assert list(processes) == expected
    worker = processes["the task worker"]
    assert worker.command[1:] == [str(serve.ROOT / "manage.py"), "db_worker", "--no-reload"]
    assert worker.env["TASKS_BACKEND"] == "database"  # it shares gunicorn's queue
    serve.stop(processes.values())
    assert all(process.stopped for process in processes.values())


def test_with_tasks_run_immediately_there_is_no_worker_to_start(started, monkeypatch):
    monkeypatch.setattr(serve, "nginx_available", lambda: True)
    assert list(started({"TASKS_BACKEND": "immediate"})) == ["gunicorn", "nginx"]


def test_the_makefile_serves_with_the_task_queue():
    makefile = (serve.ROOT / "Makefile").read_text()
    serve_env = makefile.split("SERVE_ENV =", 1)[1].split("\n\n", 1)[0]
    assert "TASKS_BACKEND=database" in serve_env
