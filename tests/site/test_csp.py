"""The site's CSP middleware gives exactly the headers django-csp's would, built once.

b2m_site.csp keeps the header text the settings give, instead of building it on
every response; every case below runs the same request and response through
both middlewares and compares what each one sends.
"""

import pytest
from csp.constants import NONCE, SELF
from csp.decorators import csp_exempt, csp_update
from csp.middleware import CSPMiddleware as DjangoCSPMiddleware
from django.http import HttpResponse, HttpResponseNotFound
from django.test import RequestFactory

import b2m_site.csp
from b2m_site.csp import CSPMiddleware

HEADERS = ("Content-Security-Policy", "Content-Security-Policy-Report-Only")
REPORT_ONLY = {"DIRECTIVES": {"default-src": [SELF], "report-uri": "/csp-report/"}}


def run(middleware_class, view, path="/learn/", nonce=False):
    request = RequestFactory().get(path)
    middleware = middleware_class(lambda request: view(request))
    middleware.process_request(request)
    if nonce:
        # What a template does with {{ request.csp_nonce }}; the same value for both.
        request._csp_nonce = "bm9uY2U="
    response = middleware.process_response(request, view(request))
    return {header: response.get(header) for header in HEADERS}


def plain(request):
    return HttpResponse("page")


def assert_same(view=plain, **kwargs):
    ours = run(CSPMiddleware, view, **kwargs)
    assert ours == run(DjangoCSPMiddleware, view, **kwargs)
    return ours


def test_a_plain_response_gets_the_settings_policy_and_no_report_only_header():
    headers = assert_same()
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["Content-Security-Policy-Report-Only"] is None


def test_a_report_only_policy_in_the_settings_is_sent_as_well(settings):
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = REPORT_ONLY
    headers = assert_same()
    assert headers["Content-Security-Policy-Report-Only"] == (
        "default-src 'self'; report-uri /csp-report/"
    )


def test_a_changed_setting_is_used_at_once(settings):
    before = assert_same()["Content-Security-Policy"]
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'none'"]}}
    after = assert_same()["Content-Security-Policy"]
    assert before != after == "default-src 'none'"


def test_excluded_prefixes_get_no_header(settings):
    settings.CONTENT_SECURITY_POLICY = {
        **settings.CONTENT_SECURITY_POLICY,
        "EXCLUDE_URL_PREFIXES": ["/excluded/"],
    }
    assert assert_same(path="/excluded/page")["Content-Security-Policy"] is None
    assert assert_same(path="/learn/")["Content-Security-Policy"] is not None


def test_an_exempt_view_gets_no_header():
    assert assert_same(csp_exempt()(plain))["Content-Security-Policy"] is None


def test_a_header_the_view_set_itself_is_kept():
    def own(request):
        response = HttpResponse()
        response["Content-Security-Policy"] = "default-src 'none'"
        return response

    assert assert_same(own)["Content-Security-Policy"] == "default-src 'none'"


def test_a_per_view_update_is_applied():
    view = csp_update({"img-src": ["https://images.example"]})(plain)
    policy = assert_same(view)["Content-Security-Policy"]
    assert "img-src 'self' data: https://images.example" in policy


def test_a_nonce_used_by_the_page_is_in_the_header(settings):
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"script-src": [SELF, NONCE]}}
    policy = assert_same(nonce=True)["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-bm9uY2U='" in policy.split("; ")


@pytest.mark.parametrize("status", [404, 500])
def test_debug_error_pages_are_left_alone_as_django_csp_does(settings, status):
    settings.DEBUG = True

    def error(request):
        return HttpResponse(status=status)

    assert assert_same(error) == dict.fromkeys(HEADERS)
    settings.DEBUG = False
    assert assert_same(error)["Content-Security-Policy"] is not None
    assert assert_same(lambda request: HttpResponseNotFound())["Content-Security-Policy"]


def test_a_nonce_asked_for_after_the_response_is_an_error_as_in_django_csp():
    from csp.exceptions import CSPNonceError

    request = RequestFactory().get("/")
    middleware = CSPMiddleware(plain)
    middleware.process_request(request)
    middleware.process_response(request, plain(request))
    with pytest.raises(CSPNonceError):
        str(request.csp_nonce)


def test_the_policy_is_built_once_for_many_responses(monkeypatch, settings):
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = REPORT_ONLY  # also clears what was built
    builds = []
    real = b2m_site.csp.build_policy

    def counting(**kwargs):
        builds.append(kwargs)
        return real(**kwargs)

    monkeypatch.setattr(b2m_site.csp, "build_policy", counting)
    for _ in range(5):
        headers = run(CSPMiddleware, plain)
    assert all(headers.values())
    assert sorted(call["report_only"] for call in builds) == [False, True]
