"""Nothing a share link holds is reachable from admin, for any user, superusers included."""

import re

import pytest
from django.contrib.auth.models import Permission, User
from django.test import Client

from interpreter.models import ShareLink

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/interpreter/sharelink/"


def make_links(client):
    """Two links: blood B2M 3.1 (mildly raised) and 9.9 (well above), with their contents."""
    for value in ("3.1", "9.9"):
        response = client.post(
            "/interpret/share/",
            {"serum_value": value, "serum_unit": "mg/L", "serum_upper_limit": "2.4"},
        )
        assert response.status_code == 302
    assert ShareLink.objects.count() == 2


@pytest.fixture
def viewer(db):
    """A staff user who may view share links in admin, without being a superuser."""
    user = User.objects.create_user("viewer", password="pw-for-tests-only", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_sharelink"))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture(params=["superuser", "staff viewer"])
def staff(request, admin_client, viewer):
    return admin_client if request.param == "superuser" else viewer


def listed(response):
    return response.context["cl"].result_count


CONTENT_LOOKUPS = [
    "inputs__serum__value__startswith=3.1",
    "inputs__serum__value=3.1",
    "inputs__serum__value__gt=5",
    "inputs__icontains=3.1",
    "inputs__has_key=urine",
    "inputs__isnull=False",
    "inputs__context__contains=recent_exercise",
    "guidance__level=mildly_elevated",
    "guidance__headline__icontains=little",
    "shown__guidance__level=markedly_elevated",
    "shown__guidance__findings__0__value__lt=5",
    "token_hash__startswith=a",
    "delete_key_hash__startswith=a",
]


@pytest.mark.parametrize("lookup", CONTENT_LOOKUPS)
def test_no_lookup_in_the_address_reaches_a_links_contents(client, staff, lookup):
    make_links(client)
    response = staff.get(f"{CHANGELIST}?{lookup}")
    # Refused outright (Django's DisallowedModelAdminLookup), never a filtered list.
    assert response.status_code == 400
    assert "result_count" not in (response.context or {})


def test_the_dates_can_still_be_filtered(client, staff):
    make_links(client)
    assert listed(staff.get(f"{CHANGELIST}?deleted_at__isempty=1")) == 2
    assert listed(staff.get(f"{CHANGELIST}?created_at__gte=2000-01-01T00:00:00Z")) == 2
    assert listed(staff.get(f"{CHANGELIST}?expires_at__lt=2000-01-01T00:00:00Z")) == 0


def test_the_only_list_filter_is_whether_a_link_was_deleted(client, staff):
    make_links(client)
    specs = staff.get(CHANGELIST).context["cl"].filter_specs
    assert [spec.field_path for spec in specs] == ["deleted_at"]


def test_search_does_not_reach_a_links_contents(client, staff):
    make_links(client)
    response = staff.get(f"{CHANGELIST}?q=3.1")
    assert response.status_code == 200
    assert listed(response) == 2
    assert 'id="searchbar"' not in response.content.decode()


@pytest.mark.parametrize("order", ["inputs", "-inputs", "0.inputs", "guidance", "3", "9"])
def test_ordering_cannot_use_a_links_contents(client, staff, order):
    make_links(client)
    response = staff.get(f"{CHANGELIST}?o={order}")
    assert response.status_code == 200
    cl = response.context["cl"]
    ordered_by = [str(field) for field in cl.queryset.query.order_by]
    assert ordered_by and all(
        re.search(r"\b(created_at|expires_at|pk|id)\b", field) for field in ordered_by
    ), ordered_by
    assert set(cl.sortable_by) == {"created_at", "expires_at"}


def test_no_action_exports_a_link_and_deleting_shows_no_contents(client, admin_client):
    make_links(client)
    response = admin_client.get(CHANGELIST)
    actions = [choice[0] for choice in response.context["action_form"].fields["action"].choices]
    assert [a for a in actions if a] == ["delete_selected"]

    ids = list(ShareLink.objects.values_list("pk", flat=True))
    confirm = admin_client.post(CHANGELIST, {"action": "delete_selected", "_selected_action": ids})
    assert confirm.status_code == 200
    html = confirm.content.decode()
    assert "Are you sure" in html
    assert_no_contents(html)


def assert_no_contents(html):
    for secret in ("3.1", "9.9", "mildly_elevated", "markedly_elevated", "mg/L"):
        assert secret not in re.sub(r"<script.*?</script>", "", html, flags=re.S), secret
    for link in ShareLink.objects.all():
        assert link.token_hash not in html and link.delete_key_hash not in html


def test_list_detail_and_history_pages_show_no_contents(client, admin_client):
    make_links(client)
    link = ShareLink.objects.first()
    for path in ("", f"{link.pk}/change/", f"{link.pk}/history/"):
        response = admin_client.get(f"{CHANGELIST}{path}")
        assert response.status_code == 200, path
        assert_no_contents(response.content.decode())
