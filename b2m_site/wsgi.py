"""WSGI entry point, used by gunicorn (`make serve`).

Django, behind the front door (b2m_site/front.py): the JSON API runs under a
short middleware list, and PDF requests from an address already past PDF_RATE
are refused before Django.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "b2m_site.settings")

django_application = get_wsgi_application()

from b2m_site.front import FrontDoor  # noqa: E402  (after Django is set up)

application = FrontDoor(django_application)

# Load every view module (WeasyPrint among them) now, while the worker boots,
# not in its first request: a probe or visitor never waits for imports.
from django.urls import get_resolver  # noqa: E402

get_resolver().url_patterns  # noqa: B018
