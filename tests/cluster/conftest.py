"""`make test-cluster`: one cluster for the whole module, and its figures as a table."""

import signal
import sys
import time

import pytest

from tests.cluster.harness import Cluster

FIGURES = []


def record(check, figure, passed):
    """One row of the table printed at the end of the run (passed or not)."""
    FIGURES.append((check, figure, "yes" if passed else "NO"))


@pytest.fixture(scope="session")
def cluster():
    # Stopped from outside (CI's timeout, `kill`): still remove everything, as Ctrl-C does.
    previous = signal.signal(signal.SIGTERM, _interrupt)
    cluster = Cluster()
    started = time.monotonic()
    try:
        cluster.start()
    except BaseException:
        sys.stderr.write(cluster.logs() + "\n")
        cluster.remove()
        signal.signal(signal.SIGTERM, previous)
        raise
    record(
        "Cluster started",
        f"in {time.monotonic() - started:.0f} s (copy, migrate once, collectstatic on each "
        "node, gunicorn x2, HAProxy)",
        True,
    )
    try:
        yield cluster
    finally:
        cluster.remove()
        signal.signal(signal.SIGTERM, previous)


def _interrupt(signum, frame):
    raise KeyboardInterrupt


@pytest.fixture
def up(cluster):
    """Every part running and in rotation before the test."""
    cluster.wait_all_up()
    return cluster


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A failed check's report ends with the last lines of every part's log."""
    report = yield
    cluster = getattr(item, "funcargs", {}).get("cluster")
    if report.failed and cluster is not None:
        report.sections.append(("cluster logs", cluster.logs()))
    return report


def pytest_terminal_summary(terminalreporter):
    if not FIGURES:
        return
    widths = [max(len(row[i]) for row in [("Check", "Figure", "Pass"), *FIGURES]) for i in (0, 1)]
    write = terminalreporter.write_line
    terminalreporter.section("B2M Guide cluster: HAProxy + 2 nodes + PostgreSQL 15 + Redis 7")
    write(f"{'Check':<{widths[0]}}  {'Figure':<{widths[1]}}  Pass")
    write(f"{'-' * widths[0]}  {'-' * widths[1]}  ----")
    for check, figure, passed in FIGURES:
        write(f"{check:<{widths[0]}}  {figure:<{widths[1]}}  {passed}")
