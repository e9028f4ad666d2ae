#!/usr/bin/env bash
# Production mode under gunicorn on 127.0.0.1:$PORT (see README, "Production").
#
# With DJANGO_SECRET_KEY set, everything comes from the environment, as in
# production. Without it, this is a local try-out: a throwaway secret (sign-ins
# end when the server stops), plain HTTP on localhost, and a notice saying so.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}

# gunicorn reads WEB_CONCURRENCY itself, before its config file could check it.
if [[ -n "${WEB_CONCURRENCY:-}" && ! "$WEB_CONCURRENCY" =~ ^[1-9][0-9]*$ ]]; then
    echo "Configuration error: WEB_CONCURRENCY must be a whole number of 1 or more, not '$WEB_CONCURRENCY'." >&2
    exit 2
fi

export DJANGO_DEBUG=0
if [[ -z "${DJANGO_SECRET_KEY:-}" ]]; then
    DJANGO_SECRET_KEY=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')
    export DJANGO_SECRET_KEY
    # Local names only, whatever else is set: a real deployment that forgot its
    # key answers 400 to its real host name instead of running on a throwaway one.
    export DJANGO_SECURE_SSL_REDIRECT=0
    export DJANGO_ALLOWED_HOSTS="localhost,127.0.0.1,[::1]"
    cat >&2 <<NOTICE
NOTICE: DJANGO_SECRET_KEY is not set, so this is a local try-out: a throwaway
secret key (sign-ins end when the server stops), plain HTTP
(DJANGO_SECURE_SSL_REDIRECT=0) and DJANGO_ALLOWED_HOSTS=$DJANGO_ALLOWED_HOSTS.
For a real deployment set DJANGO_SECRET_KEY and the rest of .env.example.
NOTICE
fi

"$PY" manage.py migrate --noinput
"$PY" manage.py collectstatic --noinput --verbosity 0
echo "Serving on http://127.0.0.1:${PORT:-8000}/ with ${WEB_CONCURRENCY:-2} gunicorn workers (Ctrl-C stops)." >&2
exec "$(dirname "$PY")/gunicorn" --config b2m_site/gunicorn.conf.py
