"""The parts of `make test-cluster`, each started and removed for real.

    PostgreSQL 15  - a throwaway cluster (initdb), as scripts/with-postgres.sh makes
    Redis 7        - a throwaway redis-server with a password, nothing on disk
    Node A, B      - the site in production mode (DJANGO_DEBUG=0, gunicorn, 2
                     workers), each in its own folder as if on its own machine: its
                     own copy of the code, its own collectstatic, its own tmp
    HAProxy 2.6    - deploy/haproxy.cfg as it is, TLS on a self-signed certificate

Everything listens on free loopback ports and lives in one temporary folder.
Nothing here uses Django: the nodes are separate processes and every check goes
through HTTP (or `manage.py` on a node, as an operator would).
"""

import csv
import http.client
import io
import json
import os
import re
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HAPROXY_CFG = ROOT / "deploy" / "haproxy.cfg"
LOAD_LUA = Path(__file__).with_name("load.lua")
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
HOST = "127.0.0.1"
# What every node is deployed with, apart from its own port and folders.
SHARE_LINK_RATE = "4/30d"  # a window that cannot end mid-test (it ends at a clock time)

# Copying the code to a node: what a deployment would not carry.
NOT_DEPLOYED = shutil.ignore_patterns(
    ".git",
    ".venv",
    "node_modules",
    "staticfiles",
    "__pycache__",
    ".make",
    ".env",
    "db.sqlite3*",
    ".pytest_cache",
    ".ruff_cache",
    ".hypothesis",
    "test-results",
    "*.log",
)


class HarnessError(RuntimeError):
    pass


def free_port():
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def wait_until(condition, timeout, what, interval=0.1):
    deadline = time.monotonic() + timeout
    while True:
        if condition():
            return
        if time.monotonic() > deadline:
            raise HarnessError(f"{what}: not within {timeout} s")
        time.sleep(interval)


def tail(path, lines=40):
    try:
        return "\n".join(Path(path).read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def which(name, *extra_dirs):
    found = shutil.which(name)
    if found:
        return found
    for folder in extra_dirs:
        candidate = Path(folder) / name
        if candidate.exists():
            return str(candidate)
    raise HarnessError(f"{name} is not installed (make test-cluster installs it)")


# --- HTTP ---------------------------------------------------------------------


class Answer:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    def json(self):
        return json.loads(self.body)

    @property
    def is_json(self):
        return self.headers.get("content-type", "").startswith("application/json")

    def cookies(self):
        jar = {}
        for _, value in self.headers.get_all("set-cookie"):
            pair = value.split(";", 1)[0]
            key, _, val = pair.partition("=")
            jar[key.strip()] = val.strip()
        return jar

    def __repr__(self):
        return f"<Answer {self.status} {self.text[:120]!r}>"


class Headers:
    def __init__(self, pairs):
        self.pairs = [(k.lower(), v) for k, v in pairs]

    def get(self, name, default=None):
        for key, value in self.pairs:
            if key == name.lower():
                return value
        return default

    def get_all(self, name):
        return [(key, value) for key, value in self.pairs if key == name.lower()]

    __getitem__ = get


class Endpoint:
    """Somewhere to send requests: HAProxy (HTTPS) or one node directly (HTTP).

    A node reached directly is told what HAProxy would tell it: the request came
    over HTTPS, from `client` (X-Forwarded-For; the nodes trust one proxy).
    """

    def __init__(self, name, port, tls_context=None, client="192.0.2.10"):
        self.name = name
        self.port = port
        self.tls_context = tls_context
        self.client = client
        self.origin = f"https://{HOST}:{port}"

    def with_client(self, client):
        return Endpoint(self.name, self.port, self.tls_context, client)

    def request(self, method, path, body=None, headers=None, timeout=10):
        if self.tls_context is not None:
            conn = http.client.HTTPSConnection(
                HOST, self.port, timeout=timeout, context=self.tls_context
            )
            sent = {}
        else:
            conn = http.client.HTTPConnection(HOST, self.port, timeout=timeout)
            sent = {"X-Forwarded-Proto": "https", "X-Forwarded-For": self.client}
        sent.update(headers or {})
        if isinstance(body, dict | list):
            body = json.dumps(body).encode()
            sent.setdefault("Content-Type", "application/json")
        try:
            conn.request(method, path, body=body, headers=sent)
            response = conn.getresponse()
            return Answer(response.status, Headers(response.getheaders()), response.read())
        finally:
            conn.close()

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, body=None, **kwargs):
        return self.request("POST", path, body=body, **kwargs)

    def answers(self, path="/healthz"):
        try:
            return self.get(path, timeout=2).status == 200
        except OSError:
            return False


# --- The parts ------------------------------------------------------------------


class Postgres:
    """A throwaway PostgreSQL 15 cluster (as the `postgres` OS user when run as root)."""

    def __init__(self):
        self.root = os.geteuid() == 0
        self.dir = Path(tempfile.mkdtemp(prefix="b2m-cluster-pg."))
        if self.root:
            # PostgreSQL refuses to run as root. Debian's package makes this user.
            if subprocess.run(["id", "-u", "postgres"], capture_output=True).returncode != 0:
                subprocess.run(
                    ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin",
                     "postgres"],
                    check=True,
                )  # fmt: skip
            shutil.chown(self.dir, "postgres", "postgres")
        self.dir.chmod(0o700)
        self.data = self.dir / "data"
        self.log = self.dir / "server.log"
        self.port = None
        self.password = secrets.token_hex(16)
        self.running = False

    def _as_pg(self, *args, **kwargs):
        command = [str(a) for a in args]
        if self.root:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, check=True, capture_output=True, text=True, **kwargs)

    def initialise(self):
        self._as_pg(
            PG_BIN / "initdb", "-D", self.data, "-U", "postgres", "--auth-local=trust",
            "--auth-host=scram-sha-256", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync",
        )  # fmt: skip
        for _ in range(3):
            self.port = free_port()
            try:
                self.start()
                break
            except subprocess.CalledProcessError:
                continue
        else:
            raise HarnessError("PostgreSQL did not start:\n" + tail(self.log))
        self._as_pg(
            PG_BIN / "psql", "-h", self.dir, "-p", self.port, "-U", "postgres", "-d", "postgres",
            "-v", "ON_ERROR_STOP=1", "-q",
            "-c", f"CREATE ROLE b2m LOGIN PASSWORD '{self.password}'",
            "-c", "CREATE DATABASE b2m OWNER b2m",
        )  # fmt: skip

    @property
    def url(self):
        return f"postgres://b2m:{self.password}@{HOST}:{self.port}/b2m"

    def start(self):
        options = (
            f"-p {self.port} -k {self.dir} -c listen_addresses={HOST} -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off"
        )
        self._as_pg(
            PG_BIN / "pg_ctl", "-D", self.data, "-l", self.log, "-w", "-t", "30", "-o", options,
            "start",
        )  # fmt: skip
        self.running = True

    def stop(self, mode="fast"):
        self._as_pg(PG_BIN / "pg_ctl", "-D", self.data, "-m", mode, "-w", "stop")
        self.running = False

    def remove(self):
        if self.running:
            try:
                self.stop("immediate")
            except subprocess.CalledProcessError:
                pass
        shutil.rmtree(self.dir, ignore_errors=True)


class Redis:
    """A throwaway redis-server with a password; killed and restarted on the same port."""

    def __init__(self, folder):
        self.dir = folder
        self.password = secrets.token_hex(16)
        self.conf = folder / "redis.conf"
        # The password in a file, not on a command line where `ps` shows it.
        self.conf.write_text(f"requirepass {self.password}\n")
        self.conf.chmod(0o600)
        self.log = folder / "redis.log"
        self.port = free_port()
        self.process = None

    @property
    def url(self):
        return f"redis://:{self.password}@{HOST}:{self.port}/0"

    def start(self):
        command = [
            which("redis-server"), str(self.conf), "--port", str(self.port), "--bind", HOST,
            "--protected-mode", "yes", "--save", "", "--appendonly", "no",
            "--dir", str(self.dir), "--logfile", str(self.log),
        ]  # fmt: skip
        self.process = subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until(self.answers, 10, "redis-server start-up")

    def answers(self):
        if self.process is None or self.process.poll() is not None:
            return False
        try:
            with socket.create_connection((HOST, self.port), timeout=1) as s:
                s.sendall(f"AUTH {self.password}\r\nPING\r\n".encode())
                reply = b""
                while b"PONG" not in reply and len(reply) < 100:
                    chunk = s.recv(100)
                    if not chunk:
                        break
                    reply += chunk
                return b"PONG" in reply
        except OSError:
            return False

    def kill(self):
        self.process.kill()
        self.process.wait()

    def remove(self):
        if self.process is not None and self.process.poll() is None:
            self.kill()


class Node:
    """One machine: its own copy of the code, static files, tmp and gunicorn."""

    def __init__(self, name, folder, env):
        self.name = name
        self.dir = folder
        self.app = folder / "app"
        self.tmp = folder / "tmp"
        self.log = folder / "gunicorn.log"
        self.port = free_port()
        self.process = None
        self.env = {**env, "PORT": str(self.port), "TMPDIR": str(self.tmp)}

    def deploy(self):
        """What a machine's deployment does: the code, then its own static files."""
        shutil.copytree(ROOT, self.app, ignore=NOT_DEPLOYED, symlinks=False)
        # `npm ci`'s result (Bootstrap's CSS), which collectstatic gathers.
        (self.app / "node_modules").symlink_to((ROOT / "node_modules").resolve())
        self.tmp.mkdir()

    def manage(self, *args):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=self.app,
            env=self.env,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise HarnessError(
                f"node {self.name}: manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}"
            )
        return result.stdout

    def collectstatic(self):
        return subprocess.Popen(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
            cwd=self.app,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )

    def start(self):
        with self.log.open("a") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "--config", "b2m_site/gunicorn.conf.py"],
                cwd=self.app,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def wait_ready(self, timeout=60):
        endpoint = Endpoint(self.name, self.port)

        def up():
            if self.process.poll() is not None:
                raise HarnessError(f"node {self.name} exited:\n{tail(self.log)}")
            return endpoint.answers("/healthz")

        wait_until(up, timeout, f"node {self.name} start-up", interval=0.2)

    def kill(self):
        """The machine dies: gunicorn's master and workers, SIGKILL, no goodbye."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def alive(self):
        return self.process is not None and self.process.poll() is None

    def stop(self):
        if not self.alive():
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


class HAProxy:
    """deploy/haproxy.cfg unchanged, its addresses given through the environment."""

    def __init__(self, folder, nodes):
        self.dir = folder
        self.port = free_port()
        self.http_port = free_port()
        self.log = folder / "haproxy.log"
        self.cert = folder / "tls.crt"
        self.pem = folder / "haproxy.pem"
        self.socket = folder / "haproxy.sock"
        self.nodes = nodes
        self.process = None
        self._make_certificate()
        self.tls_context = ssl.create_default_context(cafile=str(self.cert))
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "B2M_HTTPS_BIND": f"{HOST}:{self.port}",
            "B2M_HTTP_BIND": f"{HOST}:{self.http_port}",
            "B2M_TLS_CERT": str(self.pem),
            "B2M_HOST": HOST,
            "B2M_STATS_SOCKET": str(self.socket),
            "B2M_NODE_A": f"{HOST}:{nodes['a'].port}",
            "B2M_NODE_B": f"{HOST}:{nodes['b'].port}",
        }
        if os.geteuid() == 0:
            # As in production: root binds, then HAProxy drops to Debian's `haproxy` user.
            self.env["B2M_USER"] = "haproxy"

    def _make_certificate(self):
        key = self.dir / "tls.key"
        command = [
            which("openssl"), "req", "-x509", "-newkey", "ec",
            "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
            "-keyout", str(key), "-out", str(self.cert), "-subj", "/CN=localhost",
            "-addext", f"subjectAltName=DNS:localhost,IP:{HOST}",
        ]  # fmt: skip
        subprocess.run(command, check=True, capture_output=True)
        self.pem.write_bytes(self.cert.read_bytes() + key.read_bytes())
        self.pem.chmod(0o600)

    def start(self):
        binary = which("haproxy", "/usr/sbin")
        check = subprocess.run(
            [binary, "-c", "-q", "-f", str(HAPROXY_CFG)], env=self.env, capture_output=True
        )
        if check.returncode != 0:
            raise HarnessError(f"deploy/haproxy.cfg is not valid:\n{check.stderr.decode()}")
        with self.log.open("a") as log:
            self.process = subprocess.Popen(
                [binary, "-db", "-f", str(HAPROXY_CFG)],
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        wait_until(lambda: self.socket.exists(), 10, "HAProxy start-up")

    def endpoint(self):
        return Endpoint("haproxy", self.port, self.tls_context)

    def command(self, line):
        with socket.socket(socket.AF_UNIX) as s:
            s.settimeout(5)
            s.connect(str(self.socket))
            s.sendall(line.encode() + b"\n")
            chunks = []
            while chunk := s.recv(65536):
                chunks.append(chunk)
        return b"".join(chunks).decode()

    def stats(self):
        """{server name: row} for the backend's servers, from `show stat`."""
        text = self.command("show stat").lstrip("# ")
        rows = csv.DictReader(io.StringIO(text))
        return {row["svname"]: row for row in rows if row["pxname"] == "machines"}

    def server_up(self, name):
        return self.stats()[name]["status"].startswith("UP")

    def remove(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


# --- Load -----------------------------------------------------------------------


class Load:
    """wrk through HAProxy, in the background; `result()` waits for its figures."""

    def __init__(self, haproxy, seconds, connections, requests):
        """`requests`: (method, path, body or None), sent in turn on every connection."""
        self.out = tempfile.TemporaryFile(mode="w+")
        lines = ["\t".join(part for part in request if part) for request in requests]
        env = {**os.environ, "B2M_LOAD_REQUESTS": "\n".join(lines)}
        # A slow answer still counts: only one not back within 10 s is a failure.
        command = [
            which("wrk"), "-t", "2", "-c", str(connections), "-d", f"{seconds}s",
            "--timeout", "10s", "-s", str(LOAD_LUA), f"https://{HOST}:{haproxy.port}",
        ]  # fmt: skip
        self.process = subprocess.Popen(
            command,
            stdout=self.out,
            stderr=subprocess.STDOUT,
            env=env,
        )

    def result(self):
        self.process.wait(timeout=120)
        self.out.seek(0)
        text = self.out.read()
        match = re.search(r"^B2M-LOAD (\{.*\})$", text, re.MULTILINE)
        if not match:
            raise HarnessError(f"wrk printed no figures:\n{text}")
        figures = json.loads(match.group(1))
        errors = figures["errors"]
        figures["socket_errors"] = errors["connect"] + errors["read"] + errors["write"]
        figures["socket_errors"] += errors["timeout"]
        figures["failed"] = figures["socket_errors"] + figures["5xx"]
        figures["socket_detail"] = ", ".join(f"{k} {n}" for k, n in errors.items() if n) or "none"
        return figures


# --- The whole ------------------------------------------------------------------


class Cluster:
    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="b2m-cluster."))
        self.postgres = None
        self.redis = None
        self.nodes = {}
        self.haproxy = None
        self.secret_key = secrets.token_urlsafe(50)
        self.pending = []  # set-up commands running in the background

    def node_env(self):
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
        env.pop("REDIS_URL", None)
        env.update(
            {
                "DJANGO_DEBUG": "0",
                # One key for every machine: sessions and signed messages cross them.
                "DJANGO_SECRET_KEY": self.secret_key,
                "DJANGO_ALLOWED_HOSTS": f"{HOST},localhost",
                "DJANGO_PROXY_COUNT": "1",
                "DATABASE_URL": self.postgres.url,
                "REDIS_URL": self.redis.url,
                "SHARE_LINK_RATE": SHARE_LINK_RATE,
                "WEB_CONCURRENCY": "2",
                "DJANGO_LOG_FORMAT": "json",
            }
        )
        return env

    def start(self):
        self.postgres = Postgres()
        self.postgres.initialise()
        (self.dir / "redis").mkdir()
        self.redis = Redis(self.dir / "redis")
        self.redis.start()
        env = self.node_env()
        for name in ("a", "b"):
            (self.dir / f"node-{name}").mkdir()
            node = Node(name, self.dir / f"node-{name}", env)
            node.deploy()
            self.nodes[name] = node
        collecting = [node.collectstatic() for node in self.nodes.values()]
        self.pending.extend(collecting)
        # Once, from one machine, for all of them.
        self.nodes["a"].manage("migrate", "--noinput")
        for node, process in zip(self.nodes.values(), collecting, strict=True):
            if process.wait() != 0:
                raise HarnessError(
                    f"node {node.name}: collectstatic failed:\n{process.stderr.read()}"
                )
        for node in self.nodes.values():
            node.start()
        for node in self.nodes.values():
            node.wait_ready()
        (self.dir / "haproxy").mkdir()
        self.haproxy = HAProxy(self.dir / "haproxy", self.nodes)
        self.haproxy.start()
        self.wait_all_up()

    def wait_all_up(self, timeout=30):
        """Every part running and HAProxy sending to both machines."""
        if not self.postgres.running:
            self.postgres.start()
        if not self.redis.answers():
            self.redis.start()
        for node in self.nodes.values():
            if not node.alive():
                node.start()
            node.wait_ready()
        wait_until(
            lambda: all(self.haproxy.server_up(name) for name in self.nodes),
            timeout,
            "HAProxy sees both machines up",
            interval=0.2,
        )

    def endpoint(self, name):
        if name == "haproxy":
            return self.haproxy.endpoint()
        return Endpoint(name, self.nodes[name].port)

    def logs(self):
        parts = [(f"node {n.name}", n.log) for n in self.nodes.values()]
        if self.haproxy:
            parts.append(("haproxy", self.haproxy.log))
        return "\n".join(f"--- {title} ---\n{tail(path)}" for title, path in parts)

    def remove(self):
        for process in self.pending:
            if process.poll() is None:
                process.kill()
                process.wait()
        for part in (self.haproxy, *self.nodes.values(), self.redis):
            if part is None:
                continue
            try:
                part.stop() if isinstance(part, Node) else part.remove()
            except Exception as error:  # keep removing the rest
                sys.stderr.write(f"cluster clean-up: {error}\n")
        if self.postgres is not None:
            self.postgres.remove()
        shutil.rmtree(self.dir, ignore_errors=True)
