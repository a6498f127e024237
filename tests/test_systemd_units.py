"""deploy/systemd/: the units an operator copies to /etc/systemd/system/ are ones systemd accepts,
every manage.py command they run exists and takes the arguments given, every job has its timer,
and the worker and gunicorn get the one SIGTERM and the time they need to finish their work."""

import configparser
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import get_commands, load_command_class

ROOT = Path(__file__).resolve().parent.parent
UNITS = ROOT / "deploy" / "systemd"
CHECKOUT = "/srv/freedomstory"
SERVICES = sorted(UNITS.glob("*.service"))
TIMERS = sorted(UNITS.glob("*.timer"))


def read_unit(path):
    unit = configparser.ConfigParser(interpolation=None, strict=False)
    unit.optionxform = str  # systemd's keys are case-sensitive
    unit.read(path)
    return unit


def exec_start(path):
    return shlex.split(read_unit(path)["Service"]["ExecStart"])


def test_there_are_units_for_gunicorn_the_worker_and_each_job():
    names = {path.name for path in SERVICES}
    assert {"freedomstory-gunicorn.service", "freedomstory-worker.service"} <= names
    assert len(TIMERS) >= 5


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="needs systemd-analyze")
def test_systemd_accepts_every_unit_as_written(tmp_path):
    """`systemd-analyze verify`, on copies pointing at this checkout (it checks that the
    programs exist); systemd only warns about a setting it cannot parse, so any output fails."""
    for path in [*SERVICES, *TIMERS]:
        (tmp_path / path.name).write_text(path.read_text().replace(CHECKOUT, str(ROOT)))
    result = subprocess.run(
        ["systemd-analyze", "verify", *sorted(str(path) for path in tmp_path.iterdir())],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert result.returncode == 0 and not (result.stdout + result.stderr).strip(), (
        result.stdout + result.stderr
    )


@pytest.mark.parametrize("path", SERVICES, ids=lambda path: path.stem)
def test_each_service_runs_as_the_site_user_from_the_checkout_with_its_environment(path):
    service = read_unit(path)["Service"]
    assert (service["User"], service["Group"]) == ("freedomstory", "freedomstory")  # not root
    assert service["WorkingDirectory"] == CHECKOUT
    assert service["EnvironmentFile"] == "/etc/freedomstory/env"
    assert exec_start(path)[0].startswith(f"{CHECKOUT}/.venv/bin/")


def manage_py_arguments(path):
    command = exec_start(path)
    return command[command.index("manage.py") + 1 :]


def manage_py_command(path):
    return manage_py_arguments(path)[0]


MANAGE_PY_SERVICES = [path for path in SERVICES if "manage.py" in exec_start(path)]


@pytest.mark.parametrize("path", MANAGE_PY_SERVICES, ids=lambda path: path.stem)
def test_each_manage_py_command_exists_and_takes_its_arguments(path, settings):
    # As /etc/freedomstory/env sets it on every host: db_worker and prune_db_task_results
    # refuse any other backend.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    command, *arguments = manage_py_arguments(path)
    commands = get_commands()
    assert command in commands, f"{path.name}: no manage.py {command}"
    parser = load_command_class(commands[command], command).create_parser("manage.py", command)
    parser.parse_args(arguments)  # exits (a test error) on an argument it does not take


def test_gunicorn_runs_with_the_projects_config_and_gets_time_for_a_graceful_stop():
    path = UNITS / "freedomstory-gunicorn.service"
    command = exec_start(path)
    assert command[command.index("-c") + 1] == "deploy/gunicorn.conf.py"
    assert (ROOT / "deploy" / "gunicorn.conf.py").exists()
    service = read_unit(path)["Service"]
    config = {}
    exec((ROOT / "deploy" / "gunicorn.conf.py").read_text(), config)
    assert int(service["TimeoutStopSec"]) > config["graceful_timeout"]
    assert (service["KillMode"], service["KillSignal"]) == ("mixed", "SIGTERM")
    assert service["Restart"] in {"on-failure", "always"}


def test_the_worker_gets_one_sigterm_and_time_to_finish_its_task():
    """db_worker finishes the running task on the first SIGTERM; a second signal aborts it."""
    service = read_unit(UNITS / "freedomstory-worker.service")["Service"]
    assert exec_start(UNITS / "freedomstory-worker.service")[-2:] == ["manage.py", "db_worker"]
    assert (service["KillMode"], service["KillSignal"]) == ("mixed", "SIGTERM")
    assert int(service["TimeoutStopSec"]) >= 60
    assert service["Restart"] == "always"


@pytest.mark.parametrize("timer", TIMERS, ids=lambda path: path.stem)
def test_each_timer_starts_a_one_shot_job_and_catches_up_after_downtime(timer):
    service = timer.with_suffix(".service")
    assert service.exists(), f"{timer.name} has no {service.name}"
    assert read_unit(service)["Service"]["Type"] == "oneshot"
    settings = read_unit(timer)["Timer"]
    assert settings["OnCalendar"] and settings["Persistent"] == "true"
    assert read_unit(timer)["Install"]["WantedBy"] == "timers.target"


def test_every_job_service_has_a_timer():
    jobs = {path.stem for path in SERVICES} - {"freedomstory-gunicorn", "freedomstory-worker"}
    assert jobs == {path.stem for path in TIMERS}
    commands = {manage_py_command(UNITS / f"{job}.service") for job in jobs}
    assert {"expire_unpaid_orders", "clear_stale_carts", "clearsessions"} <= commands
