"""Scale-out on real parts: HAProxy in front of two machines sharing PostgreSQL and Redis.

`make test-cluster` (run by `make test`) starts everything in tests/cluster/harness.py
and removes it afterwards; these checks run in order on that one cluster, each
starting with every part up and in rotation. Each records its figure for the
table printed at the end.
"""

import itertools
import re
import secrets
import time
from urllib.parse import urlencode

import pytest

from tests.cluster.conftest import record
from tests.cluster.harness import SHARE_LINK_RATE, Load

pytestmark = pytest.mark.cluster

RESULT = {"serum_b2m": {"value": 3.1, "unit": "mg/L", "upper_limit": 2.4}}
SHARE = {**RESULT, "share": True}


@pytest.fixture(scope="module")
def topic(cluster):
    """(slug, title) of a published topic, read on node A as an operator would."""
    out = cluster.nodes["a"].manage(
        "shell",
        "-c",
        "from education.models import Topic; "
        "t = Topic.objects.filter(status='published').order_by('pk').first(); "
        "print(t.slug); print(t.title)",
    )
    slug, title = out.strip().splitlines()[-2:]
    return slug, title


_visitors = itertools.count(1)


def new_visitor(endpoint):
    """`endpoint` as a visitor with an address of its own, and so a rate-limit budget of
    its own (through HAProxy every request here comes from 127.0.0.1)."""
    n = next(_visitors)
    return endpoint.with_client(f"198.18.{n // 250}.{n % 250 + 1}")


def make_link(endpoint):
    answer = endpoint.post("/api/v1/interpret", SHARE)
    assert answer.status == 200, answer
    return answer.json()


def delete_link(endpoint, delete_url):
    """What the delete page's button does: GET the form, POST it back with its CSRF token."""
    form = endpoint.get(delete_url)
    assert form.status == 200, form
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    cookie = form.cookies()["csrftoken"]
    key = re.search(r'name="key" value="([^"]+)"', form.text).group(1)
    return endpoint.post(
        delete_url,
        body=urlencode({"csrfmiddlewaretoken": token, "key": key}).encode(),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={cookie}",
            "Origin": endpoint.origin,
        },
    )


def test_an_edit_saved_on_node_a_is_served_at_once_by_node_b(up, topic):
    slug, _ = topic
    path = f"/learn/{slug}/"
    b, haproxy = up.endpoint("b"), up.endpoint("haproxy")
    warm = [b.get(path) for _ in range(3)]
    assert [w.status for w in warm] == [200, 200, 200]
    assert warm[-1].headers["x-page-cache"] == "hit", "node B never served the page from cache"

    new_title = f"Cluster check {secrets.token_hex(4)}"
    up.nodes["a"].manage(
        "shell",
        "-c",
        "from education.models import Topic; from education.publishing import publish; "
        f"t = Topic.objects.get(slug={slug!r}); t.title = {new_title!r}; t.save(); "
        "publish(t, user=None, comment='Edited and published')",
    )
    after_b = [b.get(path) for _ in range(5)]
    after_lb = [haproxy.get(path) for _ in range(6)]
    stale = [a for a in after_b + after_lb if a.status != 200 or new_title not in a.text]
    record(
        "Edit saved on A, read on B",
        f"B had the page cached; right after the save {11 - len(stale)}/11 reads "
        "(5 on B, 6 via HAProxy) show the new title",
        not stale,
    )
    assert not stale


def test_a_share_link_made_on_node_a_opens_and_deletes_on_node_b(up):
    client = "198.51.100.20"
    a, b = up.endpoint("a").with_client(client), up.endpoint("b").with_client(client)
    haproxy = up.endpoint("haproxy")
    made = make_link(a)
    share_url = made["share_url"]
    delete_url = made["share_delete_url"]
    opened_b = b.get(share_url)
    opened_lb = haproxy.get(share_url)
    deleted = delete_link(b, delete_url)
    gone = [e.get(share_url).status for e in (b, a, haproxy)]
    passed = (
        opened_b.status == 200
        and "3.1" in opened_b.text
        and opened_lb.status == 200
        and deleted.status == 200
        and "Your share link is deleted" in deleted.text
        and gone == [410, 410, 410]
    )
    record(
        "Share link made on A",
        f"opened on B {opened_b.status}, via HAProxy {opened_lb.status}; deleted on B "
        f"{deleted.status}; then B/A/HAProxy answer {'/'.join(map(str, gone))}",
        passed,
    )
    assert opened_b.status == 200 and "3.1" in opened_b.text
    assert opened_lb.status == 200
    # The delete page answers in place (it hands the maker's answers back to their own
    # browser, never stored again), so the delete is a 200 that says it is done.
    assert deleted.status == 200 and "Your share link is deleted" in deleted.text
    assert gone == [410, 410, 410]


def test_the_share_link_rate_limit_counts_across_both_nodes(up):
    allowed = int(SHARE_LINK_RATE.split("/")[0])
    client = "203.0.113.40"
    a, b = up.endpoint("a").with_client(client), up.endpoint("b").with_client(client)
    order = [a, b] * (allowed // 2 + 1) + [a, b]
    statuses = [e.post("/api/v1/interpret", SHARE).status for e in order[: allowed + 2]]
    other = b.with_client("203.0.113.41").post("/api/v1/interpret", SHARE).status
    expected = [200] * allowed + [429, 429]
    # Through HAProxy, a visitor who forges X-Forwarded-For still spends one budget:
    # HAProxy appends the address it saw, and the nodes trust only that last entry.
    haproxy = up.endpoint("haproxy")
    forged = [
        haproxy.post(
            "/api/v1/interpret", SHARE, headers={"X-Forwarded-For": f"203.0.113.{100 + n}"}
        ).status
        for n in range(allowed + 1)
    ]
    record(
        "Share-link rate limit across nodes",
        f"rate {SHARE_LINK_RATE}, one address alternating A,B: "
        f"{' '.join(map(str, statuses))}; another address on B: {other}; via HAProxy "
        f"with a new forged X-Forwarded-For each time: {' '.join(map(str, forged))}",
        statuses == expected and other == 200 and forged == [200] * allowed + [429],
    )
    assert statuses == expected
    assert other == 200
    assert forged == [200] * allowed + [429]


def load_requests(slug):
    body = '{"serum_b2m": {"value": 3.1, "unit": "mg/L", "upper_limit": 2.4}}'
    return [
        ("GET", f"/learn/{slug}/", None),
        ("GET", "/", None),
        ("GET", "/glossary/", None),
        ("POST", "/api/v1/interpret", body),
    ]


def served(before, after, name):
    """Requests and 5xx answers HAProxy counted for machine `name` between two snapshots."""
    total = int(after[name]["stot"] or 0) - int(before[name]["stot"] or 0)
    errors = int(after[name]["hrsp_5xx"] or 0) - int(before[name]["hrsp_5xx"] or 0)
    return total, errors


def test_killing_node_a_under_load_costs_at_most_a_handful_of_requests(up, topic):
    haproxy = up.haproxy
    before = haproxy.stats()
    load = Load(haproxy, seconds=20, connections=50, requests=load_requests(topic[0]))
    time.sleep(7)
    up.nodes["a"].kill()
    killed_at = time.monotonic()
    while haproxy.server_up("a") and time.monotonic() - killed_at < 15:
        time.sleep(0.05)
    marked_down = time.monotonic() - killed_at
    figures = load.result()
    after = haproxy.stats()
    a_total, _ = served(before, after, "a")
    b_total, _ = served(before, after, "b")
    rate = figures["requests"] / (figures["duration_us"] / 1e6)
    passed = figures["failed"] <= 5 and figures["4xx"] == 0
    record(
        "Node A SIGKILLed, 20 s x 50 connections",
        f"{figures['requests']} requests ({rate:.0f}/s; A {a_total}, B {b_total}); "
        f"failed {figures['failed']} (5xx {figures['5xx']}, socket errors: "
        f"{figures['socket_detail']}); "
        f"A out of rotation {marked_down:.1f} s after the kill",
        passed,
    )
    assert figures["failed"] <= 5, figures
    assert figures["4xx"] == 0, figures
    assert a_total > 0 and b_total > 0

    restarted = time.monotonic()
    up.wait_all_up()
    record(
        "Node A restarted",
        f"back in rotation {time.monotonic() - restarted:.1f} s after its start",
        True,
    )


def wait_for(condition, timeout):
    """Seconds until `condition()` held, polling; None if it never did within `timeout`."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        try:
            if condition():
                return time.monotonic() - start
        except OSError:
            pass
        time.sleep(0.2)
    return None


def test_killing_redis_under_load_gives_no_5xx_on_either_node(up, topic):
    slug, _ = topic
    haproxy = up.haproxy
    before = haproxy.stats()
    load = Load(haproxy, seconds=15, connections=50, requests=load_requests(slug))
    time.sleep(3)
    up.redis.kill()
    figures = load.result()
    after = haproxy.stats()
    a_total, a_5xx = served(before, after, "a")
    b_total, b_5xx = served(before, after, "b")
    # Readiness stays true (the cache only speeds things up) and says the cache is degraded.
    ready = {name: up.endpoint(name).get("/readyz") for name in ("a", "b")}
    # A share link needs the rate limiter, which cannot count: refused clearly, never a 500.
    share = new_visitor(up.endpoint("a")).post("/api/v1/interpret", SHARE)
    passed = (
        figures["5xx"] == 0
        and figures["socket_errors"] == 0
        and figures["4xx"] == 0
        and a_total > 0
        and b_total > 0
    )
    record(
        "Redis SIGKILLed 3 s into 15 s x 50 connections",
        f"{figures['requests']} requests; 5xx: A {a_5xx} of {a_total}, B {b_5xx} of {b_total}; "
        f"socket errors {figures['socket_errors']}, 4xx {figures['4xx']}",
        passed,
    )
    ready_states = {
        name: (r.status, r.json().get("cache") if r.is_json else r.text[:40])
        for name, r in ready.items()
    }
    record(
        "Redis down: readiness, share links",
        f"/readyz A {ready_states['a']}, B {ready_states['b']}; "
        f"new share link {share.status} {'JSON' if share.is_json else 'not JSON'}",
        all(state == (200, "degraded") for state in ready_states.values())
        and share.status == 503
        and share.is_json,
    )
    assert figures["5xx"] == 0 and a_5xx == 0 and b_5xx == 0, figures
    assert figures["socket_errors"] == 0 and figures["4xx"] == 0, figures
    assert a_total > 0 and b_total > 0
    assert ready_states == {"a": (200, "degraded"), "b": (200, "degraded")}
    assert share.status == 503 and share.is_json and share.json()["errors"], share

    # Redis comes back empty: pages are cached again, on both nodes, with no restart.
    up.redis.start()
    path = f"/learn/{slug}/"
    endpoints = [up.endpoint("a"), up.endpoint("b")]
    back = wait_for(
        lambda: all(e.get(path).headers["x-page-cache"] == "hit" for e in endpoints), 60
    )
    share_back = wait_for(
        lambda: new_visitor(up.endpoint("b")).post("/api/v1/interpret", SHARE).status == 200, 60
    )
    record(
        "Redis restarted",
        f"pages cached again on A and B after {back:.1f} s, share links made again after "
        f"{share_back:.1f} s"
        if back is not None and share_back is not None
        else f"not recovered within 60 s (pages {back}, share links {share_back})",
        back is not None and share_back is not None,
    )
    assert back is not None, "pages were not cached again within 60 s"
    assert share_back is not None, "share links were not made again within 60 s"


def test_stopping_postgresql_for_10_s_gives_cached_pages_and_clear_503s_then_recovers(up, topic):
    slug, _ = topic
    page = f"/learn/{slug}/"
    api = "/api/v1/interpret"
    haproxy, a, b = up.endpoint("haproxy"), up.endpoint("a"), up.endpoint("b")
    warm = [haproxy.get(page) for _ in range(3)]
    assert warm[-1].headers["x-page-cache"] == "hit", warm
    # Every worker of each node must be reading the cache again before the database
    # stops. After the Redis restart of the test before, a worker that saw Redis fail
    # skips the cache until its breaker retries (CACHE_RETRY_SECONDS, 5 s): its page is
    # a miss, and a miss needs the database (seen as one 503 on B when this test
    # started within those seconds). So: wait out the breaker, then ten hits in a row
    # on each node, which the kernel spreads over both of its workers.
    time.sleep(6)
    for node in (a, b):
        steady = wait_for(
            lambda node=node: all(
                node.get(page).headers.get("x-page-cache") == "hit" for _ in range(10)
            ),
            30,
        )
        assert steady is not None, "a node's workers did not serve the cached page"
    share_url = make_link(a.with_client("198.51.100.61"))["share_url"]
    pids = {name: node.process.pid for name, node in up.nodes.items()}

    # (what, how to ask, the answer expected while the database is down)
    probes = [
        ("cached page via HAProxy", lambda: haproxy.get(page), (200, False)),
        ("cached page on A", lambda: a.get(page), (200, False)),
        ("cached page on B", lambda: b.get(page), (200, False)),
        ("new share link (API) on A", lambda: new_visitor(a).post(api, SHARE), (503, True)),
        ("new share link (API) on B", lambda: new_visitor(b).post(api, SHARE), (503, True)),
        ("share link page", lambda: haproxy.get(share_url), (503, False)),
        ("/readyz on A", lambda: a.get("/readyz"), (503, True)),
        ("/readyz on B", lambda: b.get("/readyz"), (503, True)),
    ]
    seen = {what: {} for what, _, _ in probes}
    slowest = (0.0, "")
    up.postgres.stop()
    stopped = time.monotonic()
    while time.monotonic() - stopped < 10:
        for what, ask, _ in probes:
            asked = time.monotonic()
            answer = ask()
            slowest = max(slowest, (time.monotonic() - asked, what))
            outcome = (answer.status, answer.is_json)
            seen[what][outcome] = seen[what].get(outcome, 0) + 1
        time.sleep(0.2)
    in_rotation = all(up.haproxy.server_up(name) for name in up.nodes)
    up.postgres.start()

    everything_back = [
        lambda: haproxy.get(page).status == 200,
        lambda: new_visitor(a).post(api, SHARE).status == 200,
        lambda: new_visitor(b).post(api, SHARE).status == 200,
        lambda: haproxy.get(share_url).status == 200,
        lambda: a.get("/readyz").status == 200 and b.get("/readyz").status == 200,
    ]
    recovered = wait_for(lambda: all(check() for check in everything_back), 30)
    restarted = [name for name, node in up.nodes.items() if node.process.pid != pids[name]]

    def shown(counts):
        return ", ".join(
            f"{n}x {status}{' JSON' if is_json else ''}" for (status, is_json), n in counts.items()
        )

    for what, _, expected in probes:
        record(f"PostgreSQL stopped 10 s: {what}", shown(seen[what]), set(seen[what]) == {expected})
    record(
        "PostgreSQL started again",
        (
            f"all answers back after {recovered:.1f} s"
            if recovered is not None
            else "NOT back in 30 s"
        )
        + f"; slowest answer while down {slowest[0]:.2f} s ({slowest[1]}); "
        + "both nodes kept in rotation: "
        + f"{'yes' if in_rotation else 'no'}; restarted: {', '.join(restarted) or 'none'}",
        recovered is not None and in_rotation and not restarted,
    )
    for what, _, expected in probes:
        assert set(seen[what]) == {expected}, (what, seen[what])
    assert in_rotation, "HAProxy took a node out while only the database was down"
    assert recovered is not None, "the site did not recover within 30 s of the database's return"
    assert not restarted and all(node.alive() for node in up.nodes.values())
