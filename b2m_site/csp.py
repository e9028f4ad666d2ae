"""django-csp's middleware, building the site's policy headers once per process.

django-csp 4 builds both headers (the policy and its report-only twin) from the
settings on every response: sorting and joining every directive costs about a
tenth of a JSON API call. The settings never change while a process runs, so a
response with nothing of its own (no per-view policy from the csp decorators, no
nonce used) gets header text built once. Anything else goes to django-csp as it
is. tests/site/test_csp.py checks the two give the same headers, case by case.
"""

import http.client

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject
from csp.middleware import CSPMiddleware as _DjangoCSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

# header -> (the setting it comes from, report_only, the response's exemption flag)
_HEADERS = {
    HEADER: ("CONTENT_SECURITY_POLICY", False, "_csp_exempt"),
    HEADER_REPORT_ONLY: ("CONTENT_SECURITY_POLICY_REPORT_ONLY", True, "_csp_exempt_ro"),
}
# The response attributes django-csp's decorators set for a per-view policy.
_PER_VIEW = tuple(
    f"_csp_{kind}{suffix}" for kind in ("config", "update", "replace") for suffix in ("", "_ro")
)
# What django-csp leaves alone when DEBUG is on (Django's debug pages).
_DEBUG_EXEMPT = (http.client.INTERNAL_SERVER_ERROR, http.client.NOT_FOUND)

# header -> (its text from the settings alone, the path prefixes it skips)
_built = {}


@receiver(setting_changed)
def _forget_policies(*, setting, **kwargs):
    if setting in {name for name, _, _ in _HEADERS.values()}:
        _built.clear()


def _policy(header):
    try:
        return _built[header]
    except KeyError:
        name, report_only, _ = _HEADERS[header]
        prefixes = tuple((getattr(settings, name, None) or {}).get("EXCLUDE_URL_PREFIXES") or ())
        built = _built[header] = (build_policy(report_only=report_only), prefixes)
        return built


class CSPMiddleware(_DjangoCSPMiddleware):
    def process_response(self, request, response):
        if getattr(request, "_csp_nonce", None) is not None or any(
            getattr(response, name, None) is not None for name in _PER_VIEW
        ):
            return super().process_response(request, response)
        if response.status_code in _DEBUG_EXEMPT and settings.DEBUG:
            return response
        for header, (_, _, exempt) in _HEADERS.items():
            text, excluded = _policy(header)
            if (
                text
                and header not in response
                and getattr(response, exempt, False) is False
                and not request.path_info.startswith(excluded)
            ):
                response[header] = text
        # As django-csp does: a nonce asked for after this point is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response
