"""WSGI entry point, used by gunicorn (`make serve`)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "b2m_site.settings")

application = get_wsgi_application()

# Load every view module (WeasyPrint among them) now, while the worker boots,
# not in its first request: a probe or visitor never waits for imports.
from django.urls import get_resolver  # noqa: E402

get_resolver().url_patterns  # noqa: B018
