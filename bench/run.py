"""`make bench`: the production server under load, one table, bench/results.json.

Starts the site as `make serve` does (scripts/serve.sh: migrate, which makes the
cache tables too, collectstatic, gunicorn with b2m_site/gunicorn.conf.py, 2 workers,
DJANGO_DEBUG=0)
on a throwaway SQLite database and a free loopback port, then drives it with
wrk (bench/wrk.lua). Every wrk run lasts 15 s at most.

Each page's requests/s is also given as a ratio to a static CSS file measured in
the same run, so the budgets hold on any machine: the median over the rounds of
the page's rate over the CSS file's rate in the same round (paired_ratio).
Budgets: topic and home pages >= 0.5, API >= 0.5; the topic page keeps at least
half its requests/s while eight clients ask for PDFs; the 50-connection load has no
errors and no 5xx. The exit status is 1 when any budget fails.

This is a benchmark, not a test: the figures vary with the machine and with
whatever else runs on it. The rounds are interleaved so a slow spell hits every
endpoint alike.
"""

import argparse
import datetime
import gzip
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
LUA = BENCH / "wrk.lua"
RESULTS = BENCH / "results.json"
LOG = BENCH / "server.log"

BUDGETS = {"topic": 0.5, "home": 0.5, "api": 0.5}
# The topic page's requests/s while eight clients ask for PDFs, over its rate alone.
PDF_FLOOD_BUDGET = 0.5
PDF_FLOOD_CLIENTS = 8

# The result every POST asks for: a single mild rise in blood B2M.
FORM_FIELDS = {"serum_value": "3.1", "serum_unit": "mg/L", "serum_upper_limit": "2.4"}
API_BODY = json.dumps({"serum_b2m": {"value": 3.1, "unit": "mg/L", "upper_limit": 2.4}})
ACCEPT_ENCODING = "br, gzip"


def out(text=""):
    """The report, on standard output (a command-line tool's print)."""
    sys.stdout.write(text + "\n")


def log(message):
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- The server ---------------------------------------------------------------


class Server:
    """gunicorn in production mode, started the way `make serve` starts it."""

    def __init__(self, workdir, workers):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        python = Path(sys.executable)
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))},
            "PY": str(python),
            "PORT": str(self.port),
            "WEB_CONCURRENCY": str(workers),
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
            # Recycling a worker every ~2000 requests (gunicorn.conf.py) guards
            # against slow leaks in production; under a benchmark's thousands of
            # requests a second it would time worker start-ups instead.
            "GUNICORN_CMD_ARGS": "--max-requests 0",
        }
        self.env.pop("REDIS_URL", None)
        self.process = None

    def command(self):
        serve = ROOT / "scripts" / "serve.sh"
        if serve.exists():
            return ["bash", str(serve)]
        # Before `make serve` existed: the same steps by hand.
        manage = [sys.executable, "manage.py"]
        steps = " && ".join(
            " ".join(step)
            for step in (
                [*manage, "migrate", "--noinput"],
                [*manage, "collectstatic", "--noinput", "--verbosity", "0"],
            )
        )
        gunicorn = Path(sys.executable).with_name("gunicorn")
        bind = f"127.0.0.1:{self.port}"
        return ["bash", "-c", f"{steps} && exec {gunicorn} -w 2 -b {bind} b2m_site.wsgi"]

    def __enter__(self):
        self.log_file = LOG.open("w")
        self.process = subprocess.Popen(
            self.command(),
            cwd=ROOT,
            env=self.env,
            stdout=self.log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 120
        while True:
            try:
                if get(self.base + "/healthz").status == 200:
                    return self
            except OSError:
                pass
            if self.process.poll() is not None:
                raise SystemExit(f"The server stopped during start-up: see {LOG}")
            if time.monotonic() > deadline:
                raise SystemExit(f"The server did not answer within 120 s: see {LOG}")
            time.sleep(0.3)

    def __exit__(self, *exc):
        # serve.sh execs gunicorn, which stops its workers on SIGTERM.
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log_file.close()


# --- One request at a time ------------------------------------------------------


class Fetched:
    def __init__(self, status, headers, body, elapsed):
        self.status = status
        self.headers = headers
        self.body = body
        self.elapsed = elapsed

    @property
    def wire_bytes(self):
        """Bytes on the wire: status line, headers and the body as sent (compressed)."""
        head = len("HTTP/1.1 200 OK\r\n\r\n") + sum(len(k) + len(v) + 4 for k, v in self.headers)
        return head + len(self.body)

    def text(self):
        """The body as text, decompressed if it came compressed."""
        encoding = self.header("Content-Encoding")
        if encoding == "br":
            import brotli

            return brotli.decompress(self.body).decode()
        if encoding == "gzip":
            return gzip.decompress(self.body).decode()
        return self.body.decode()

    def header(self, name):
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)

    def cookies(self):
        return dict(
            v.split(";", 1)[0].split("=", 1) for k, v in self.headers if k.lower() == "set-cookie"
        )


def request(url, method="GET", body=None, headers=None):
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    started = time.perf_counter()
    connection.request(
        method,
        path,
        body=body,
        headers={"Accept-Encoding": ACCEPT_ENCODING, **(headers or {})},
    )
    response = connection.getresponse()
    data = response.read()
    elapsed = time.perf_counter() - started
    connection.close()
    return Fetched(response.status, response.getheaders(), data, elapsed)


def get(url):
    return request(url)


# The checker's first screen at a journey's own address (a bare /interpret/ is a 303 to one).
FIRST_SCREEN = "/interpret/?j=benchmark"


class FormPost:
    """A form POST as a browser sends it: the CSRF cookie and the form's token."""

    def __init__(self, base):
        form = request(base + FIRST_SCREEN, headers={"Accept-Encoding": "identity"})
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', form.body)
        cookie = form.cookies().get("csrftoken")
        if not (token and cookie):
            raise SystemExit("The form page gave no CSRF token or cookie.")
        self.cookie = f"csrftoken={cookie}"
        self.body = urlencode({**FORM_FIELDS, "csrfmiddlewaretoken": token[1].decode()})
        self.headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": self.cookie,
        }

    def send(self, url):
        return request(url, "POST", self.body, self.headers)

    def result(self, base):
        """The result page as a browser reaches it: the POST, which keeps the answers in
        a cookie and answers 303, then the GET of the result's address (one time for both)."""
        posted = self.send(base + "/interpret/")
        answers = posted.cookies().get("b2m_answers")
        location = next((v for k, v in posted.headers if k.lower() == "location"), None)
        if posted.status != 303 or not answers or not location:
            raise SystemExit(f"The form POST answered {posted.status}, not 303 with its cookie.")
        cookie = {"Cookie": f"{self.cookie}; b2m_answers={answers}"}
        page = request(urljoin(base + "/", location), headers=cookie)
        return Fetched(page.status, page.headers, page.body, posted.elapsed + page.elapsed)


# --- wrk ----------------------------------------------------------------------------


def wrk(url, seconds, connections=8, threads=1, **env):
    """One wrk run; requests/s, latency percentiles (ms) and error counts."""
    return wrk_finish(wrk_start(url, seconds, connections, threads, **env), seconds)


def wrk_start(url, seconds, connections=8, threads=1, **env):
    """Start a wrk run in the background (wrk_finish waits for it and reads it)."""
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(LUA),
        url,
    ]
    run_env = {**os.environ, **{f"B2M_{k.upper()}": v for k, v in env.items()}}
    return subprocess.Popen(
        command, env=run_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def wrk_finish(process, seconds):
    stdout, stderr = process.communicate(timeout=seconds + 30)
    if process.returncode:
        raise SystemExit(f"wrk failed:\n{stdout}\n{stderr}")
    done = subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)
    line = next(
        (x for x in done.stdout.splitlines() if x.startswith("B2M-RESULT ")),
        None,
    )
    if line is None:
        raise SystemExit(f"wrk printed no result:\n{done.stdout}\n{done.stderr}")
    raw = json.loads(line.removeprefix("B2M-RESULT "))
    errors = raw["errors"]
    return {
        "requests": raw["requests"],
        "seconds": raw["duration_us"] / 1e6,
        "rps": raw["requests"] / (raw["duration_us"] / 1e6),
        "p50_ms": raw["p50_us"] / 1000,
        "p95_ms": raw["p95_us"] / 1000,
        "p99_ms": raw["p99_us"] / 1000,
        "errors": sum(errors.values()),
        "error_detail": errors,
        "server_errors": raw["server_errors"],
    }


def combine(runs):
    """Rounds of one endpoint: total requests over total time; median latencies."""
    requests = sum(r["requests"] for r in runs)
    seconds = sum(r["seconds"] for r in runs)
    return {
        "rps": requests / seconds,
        "requests": requests,
        "p50_ms": statistics.median(r["p50_ms"] for r in runs),
        "p95_ms": statistics.median(r["p95_ms"] for r in runs),
        "errors": sum(r["errors"] for r in runs),
        "rounds": len(runs),
        "round_rps": [r["rps"] for r in runs],
    }


# --- The measurements --------------------------------------------------------------


def find_urls(base):
    """The topic page and static CSS file to measure, found as a visitor finds them."""
    topics = get(base + "/learn/")
    if topics.status != 200:
        raise SystemExit(f"/learn/ answered {topics.status}")
    html = topics.text()
    topic = re.search(r'href="(/learn/[\w-]+/)"', html)[1]
    css = re.search(r'<link rel="stylesheet" href="(/static/css/site\.[0-9a-f]+\.css)"', html)[1]
    return topic, css


def paired_ratio(rounds, static_rounds):
    """The median over rounds of a rate over the static file's rate in the same round.

    Each round measures every endpoint within seconds of the static file, so a
    slow spell on the machine slows both sides of a pair; the median then keeps
    one round that caught a spell on one side only from moving the figure.
    """
    pairs = zip(rounds, static_rounds, strict=True)
    return statistics.median(rps / static for rps, static in pairs)


def measure_rates(base, targets, rounds, seconds):
    log(f"Rates: {rounds} rounds of {seconds} s per endpoint, after a 1 s warm-up each.")
    for url, env in targets.values():
        wrk(url, 1, **env)
    runs = {name: [] for name in targets}
    for _ in range(rounds):
        for name, (url, env) in targets.items():
            runs[name].append(wrk(url, seconds, **env))
    return {name: combine(r) for name, r in runs.items()}


def measure_pdf_flood(base, topic, form, seconds):
    """The topic page alone, then while PDF_FLOOD_CLIENTS clients ask for PDFs non-stop.

    The server runs with its production defaults: PDF_CONCURRENCY=1 (one PDF at a
    time across the two workers) and PDF_RATE per client address; every wrk
    client comes from 127.0.0.1, so most PDF requests are answered 429 or 503.
    """
    log(
        f"PDF flood: the topic page for {seconds} s alone, then beside {PDF_FLOOD_CLIENTS} "
        "clients asking for PDFs."
    )
    alone = wrk(base + topic, seconds)
    flood = wrk_start(
        base + "/interpret/checklist.pdf",
        seconds + 2,
        PDF_FLOOD_CLIENTS,
        method="POST",
        body=form.body,
        content_type="application/x-www-form-urlencoded",
        cookie=form.cookie,
    )
    time.sleep(1)
    during = wrk(base + topic, seconds)
    pdfs = wrk_finish(flood, seconds + 2)
    return {
        "topic_alone_rps": alone["rps"],
        "topic_during_rps": during["rps"],
        "topic_during_p50_ms": during["p50_ms"],
        "topic_during_p95_ms": during["p95_ms"],
        "topic_during_errors": during["errors"],
        "ratio": during["rps"] / alone["rps"],
        "pdf_requests": pdfs["requests"],
        "pdf_rps": pdfs["rps"],
        "pdf_refused": pdfs["error_detail"]["status"],
        "pdf_p50_ms": pdfs["p50_ms"],
        "seconds": seconds,
    }


def measure_pdf(base, form, times):
    """Median time to build the PDF checklist and to render the same result page."""
    pdf_url = base + "/interpret/checklist.pdf"
    first = form.send(pdf_url)
    if first.status == 404:
        return {"available": False}
    if first.status != 200 or not first.body.startswith(b"%PDF"):
        raise SystemExit(f"The PDF download answered {first.status}")
    form.result(base)
    pdf, page = [], []
    for _ in range(times):
        pdf.append(form.send(pdf_url).elapsed)
        page.append(form.result(base).elapsed)
    return {
        "available": True,
        "pdf_ms": statistics.median(pdf) * 1000,
        "page_ms": statistics.median(page) * 1000,
        "ratio": statistics.median(pdf) / statistics.median(page),
        "pdf_bytes": len(first.body),
        "times": times,
    }


SUBRESOURCE = re.compile(
    r'<(?:link[^>]*\brel="(?:stylesheet|icon)"[^>]*\bhref|script[^>]*\bsrc)="([^"]+)"'
)


def page_weight(base, fetched_page):
    """Bytes and requests for a page and what it loads, compressed as served."""
    total, count = fetched_page.wire_bytes, 1
    for link in SUBRESOURCE.findall(fetched_page.text()):
        if link.startswith("data:"):
            continue  # inside the page already: no request
        url = urljoin(base + "/", link)
        if urlsplit(url).netloc != urlsplit(base).netloc:
            raise SystemExit(f"A page loads {url} from another host.")
        total += get(url).wire_bytes
        count += 1
    return {"bytes": total, "requests": count}


def measure_weights(base, topic, form):
    pages = {
        "home": get(base + "/"),
        "topic list": get(base + "/learn/"),
        "topic": get(base + topic),
        "glossary": get(base + "/glossary/"),
        "form": get(base + FIRST_SCREEN),
        "result (form POST)": form.result(base),
        "404 page": get(base + "/no-such-page/"),
    }
    return {name: page_weight(base, fetched) for name, fetched in pages.items()}


def measure_load(base, topic, seconds, connections):
    log(f"Load: {connections} connections for {seconds} s on the topic page, then the API.")
    return {
        "topic": wrk(base + topic, seconds, connections, threads=2, count_5xx="1"),
        "api": wrk(
            base + "/api/v1/interpret",
            seconds,
            connections,
            threads=2,
            count_5xx="1",
            method="POST",
            body=API_BODY,
            content_type="application/json",
        ),
    }


# --- Report ------------------------------------------------------------------------


def table(rows, header):
    widths = [max(len(str(x)) for x in column) for column in zip(header, *rows, strict=True)]
    lines = [
        "  ".join(
            str(x).ljust(w) if i == 0 else str(x).rjust(w)
            for i, (x, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in [header, *rows]
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def report(results):
    rates = results["rates"]
    labels = {
        "topic": "topic page",
        "home": "home page",
        "form POST": "form POST (result)",
        "api": "API POST",
        "static CSS": "static CSS file",
    }
    weights = results["weights"]
    weight_for = {"topic": "topic", "home": "home", "form POST": "result (form POST)"}
    rows = []
    for name, rate in rates.items():
        weight = weights.get(weight_for.get(name, ""), {})
        rows.append(
            [
                labels[name],
                f"{rate['rps']:.0f}",
                f"{rate['ratio_to_static']:.2f}",
                f"{rate['p50_ms']:.1f}",
                f"{rate['p95_ms']:.1f}",
                rate["errors"],
                f"{weight['bytes'] / 1024:.1f}" if weight else "",
                weight.get("requests", ""),
            ]
        )
    out(
        table(
            rows,
            ["endpoint", "req/s", "x static", "p50 ms", "p95 ms", "errors", "KB", "requests"],
        )
    )
    out()
    pdf = results["pdf"]
    if pdf["available"]:
        out(
            f"PDF checklist: {pdf['pdf_ms']:.0f} ms to build, {pdf['page_ms']:.1f} ms for the "
            f"same result page: {pdf['ratio']:.1f}x (median of {pdf['times']})"
        )
    else:
        out("PDF checklist: no /interpret/checklist.pdf in this tree yet")
    out()
    flood = results["pdf_flood"]
    out(
        f"PDF flood ({PDF_FLOOD_CLIENTS} clients asking for PDFs): topic page "
        f"{flood['topic_during_rps']:.0f} req/s (p50 {flood['topic_during_p50_ms']:.1f} ms, "
        f"p95 {flood['topic_during_p95_ms']:.1f} ms) against {flood['topic_alone_rps']:.0f} "
        f"req/s alone: {flood['ratio']:.2f}x. PDF requests: {flood['pdf_requests']} "
        f"({flood['pdf_refused']} answered 429/503 at once, p50 {flood['pdf_p50_ms']:.1f} ms)."
    )
    out()
    out("Page weight (compressed as served, the page and everything it loads):")
    out(
        table(
            [[n, f"{w['bytes'] / 1024:.1f}", w["requests"]] for n, w in weights.items()],
            ["page", "KB", "requests"],
        )
    )
    out()
    load = results["load"]
    out(
        table(
            [
                [
                    labels[name],
                    f"{run['rps']:.0f}",
                    f"{run['p50_ms']:.1f}",
                    f"{run['p95_ms']:.1f}",
                    f"{run['p99_ms']:.1f}",
                    run["errors"],
                    run["server_errors"],
                ]
                for name, run in load.items()
            ],
            [
                f"load: {results['load_connections']} conns, {results['load_seconds']} s",
                "req/s",
                "p50 ms",
                "p95 ms",
                "p99 ms",
                "errors",
                "5xx",
            ],
        )
    )
    out()
    for line in results["budget_lines"]:
        out(line)


def judge(results):
    rates = results["rates"]
    lines, ok = [], True
    for name, minimum in BUDGETS.items():
        ratio = rates[name]["ratio_to_static"]
        passed = ratio >= minimum
        ok &= passed
        lines.append(f"{'PASS' if passed else 'FAIL'}  {name}: {ratio:.2f} x static (>= {minimum})")
    for name, run in results["load"].items():
        passed = run["errors"] == 0 and run["server_errors"] == 0
        ok &= passed
        lines.append(
            f"{'PASS' if passed else 'FAIL'}  load on {name}: {run['errors']} errors, "
            f"{run['server_errors']} 5xx (both must be 0)"
        )
    flood = results["pdf_flood"]
    passed = flood["ratio"] >= PDF_FLOOD_BUDGET and flood["topic_during_errors"] == 0
    ok &= passed
    lines.append(
        f"{'PASS' if passed else 'FAIL'}  topic page during a PDF flood: {flood['ratio']:.2f} x "
        f"alone (>= {PDF_FLOOD_BUDGET}), {flood['topic_during_errors']} errors"
    )
    for name, rate in rates.items():
        if rate["errors"]:
            ok = False
            lines.append(f"FAIL  {name}: {rate['errors']} errors during the rate runs")
    return ok, lines


def git_commit():
    done = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    )
    return done.stdout.strip() or None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds per endpoint")
    parser.add_argument("--seconds", type=int, default=2, help="seconds per rate run")
    parser.add_argument("--load-seconds", type=int, default=15)
    parser.add_argument("--load-connections", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if args.seconds > 15 or args.load_seconds > 15:
        parser.error("each run lasts 15 s at most")
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: `make bench` installs Debian's wrk.")

    with tempfile.TemporaryDirectory(prefix="b2m-bench-") as workdir:
        log("Starting gunicorn in production mode on a throwaway database ...")
        with Server(Path(workdir), args.workers) as server:
            base = server.base
            topic, css = find_urls(base)
            form = FormPost(base)
            form_env = {
                "method": "POST",
                "body": form.body,
                "content_type": "application/x-www-form-urlencoded",
                "cookie": form.cookie,
            }
            api_env = {"method": "POST", "body": API_BODY, "content_type": "application/json"}
            targets = {
                "static CSS": (base + css, {}),
                "topic": (base + topic, {}),
                "home": (base + "/", {}),
                "api": (base + "/api/v1/interpret", api_env),
                "form POST": (base + "/interpret/", form_env),
            }
            results = {
                "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
                "commit": git_commit(),
                "cpus": os.cpu_count(),
                "workers": args.workers,
                "urls": {"topic": topic, "static CSS": css},
                "rates": measure_rates(base, targets, args.rounds, args.seconds),
                "pdf": measure_pdf(base, form, times=5),
                "pdf_flood": measure_pdf_flood(base, topic, form, seconds=5),
                "weights": measure_weights(base, topic, form),
                "load_seconds": args.load_seconds,
                "load_connections": args.load_connections,
                "load": measure_load(base, topic, args.load_seconds, args.load_connections),
            }
    static_rounds = results["rates"]["static CSS"]["round_rps"]
    for rate in results["rates"].values():
        rate["ratio_to_static"] = paired_ratio(rate["round_rps"], static_rounds)
    ok, results["budget_lines"] = judge(results)
    results["budgets_met"] = ok
    report(results)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    log(f"\nWrote {RESULTS.relative_to(ROOT)}; server log in {LOG.relative_to(ROOT)}.")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
