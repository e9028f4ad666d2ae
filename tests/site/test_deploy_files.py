"""The README shows the load balancer configuration that `make test-cluster` runs."""

import re

from tests.site.production import ROOT


def test_the_readme_shows_the_haproxy_configuration_the_cluster_test_runs():
    readme = (ROOT / "README.md").read_text()
    shown = re.search(r"```haproxy\n(.*?)```", readme, re.DOTALL)
    assert shown, "README has no haproxy block"
    assert shown.group(1) == (ROOT / "deploy" / "haproxy.cfg").read_text()
