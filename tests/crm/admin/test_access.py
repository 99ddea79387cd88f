"""Which role may open which clinic screen: allowed roles get 200, the others are redirected with a message."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy

from crm import services
from crm.admin_views.menu import clinic_menu_item
from crm.models import RecordAccessLog, StaffRole
from tests.crm.admin.conftest import ROLES, error_text, is_rejection, messages_of
from tests.crm.factories import CustomerFactory, ProductFactory, TreatmentRecordFactory, UserFactory, VoucherFactory

FRONT_DESK, THERAPIST, DOCTOR, MARKETING, MANAGER = (
    StaffRole.FRONT_DESK,
    StaffRole.THERAPIST,
    StaffRole.DOCTOR,
    StaffRole.MARKETING,
    StaffRole.MANAGER,
)

# (screen, URL builder taking the objects fixture, roles allowed to open it)
SCREENS = [
    ("queue desk", lambda o: reverse("crm_admin:queue_desk") + f"?branch={o['branch'].code}", {FRONT_DESK, THERAPIST, DOCTOR, MANAGER}),
    ("rooms board", lambda o: reverse("crm_admin:rooms_board") + f"?branch={o['branch'].code}", {FRONT_DESK, THERAPIST, DOCTOR, MANAGER}),
    ("customer list", lambda o: reverse("crm_admin:customer_list"), set(ROLES)),
    ("customer profile", lambda o: reverse("crm_admin:customer_detail", args=(o["customer"].pk,)), set(ROLES)),
    ("register customer", lambda o: reverse("crm_admin:customer_add"), {FRONT_DESK, MANAGER}),
    ("edit customer", lambda o: reverse("crm_admin:customer_edit", args=(o["customer"].pk,)), {FRONT_DESK, DOCTOR, MANAGER}),
    ("record list", lambda o: reverse("crm_admin:record_list"), {THERAPIST, DOCTOR, MANAGER}),
    ("record", lambda o: reverse("crm_admin:record_detail", args=(o["record"].pk,)), {THERAPIST, DOCTOR, MANAGER}),
    ("new record", lambda o: reverse("crm_admin:record_add"), {THERAPIST, DOCTOR, MANAGER}),
    ("access log", lambda o: reverse("crm_admin:access_log"), {MANAGER}),
    ("product list", lambda o: reverse("crm_admin:product_list"), set(ROLES)),
    ("order list", lambda o: reverse("crm_admin:order_list") + f"?branch={o['branch'].code}", {FRONT_DESK, MANAGER}),
    ("order", lambda o: reverse("crm_admin:order_detail", args=(o["order"].pk,)), {FRONT_DESK, MANAGER}),
    ("new order", lambda o: reverse("crm_admin:order_add"), {FRONT_DESK, MANAGER}),
    ("voucher list", lambda o: reverse("crm_admin:voucher_list"), {FRONT_DESK, MARKETING, MANAGER}),
    ("voucher", lambda o: reverse("crm_admin:voucher_detail", args=(o["voucher"].pk,)), {FRONT_DESK, MARKETING, MANAGER}),
    ("new voucher", lambda o: reverse("crm_admin:voucher_add"), {MARKETING, MANAGER}),
]


@pytest.fixture
def objects(branch, staff):
    customer = CustomerFactory()
    product = ProductFactory()
    order = services.place_order(
        actor=staff[FRONT_DESK], customer=customer, branch=branch, items=[(product.pk, 1)]
    )
    record = TreatmentRecordFactory(customer=customer, branch=branch, practitioner=staff[THERAPIST])
    return {"branch": branch, "customer": customer, "order": order, "record": record, "voucher": VoucherFactory()}


@pytest.mark.parametrize("screen,url_for,allowed", SCREENS, ids=[screen[0] for screen in SCREENS])
@pytest.mark.parametrize("role", ROLES, ids=[role.value for role in ROLES])
def test_screen_access_by_role(login, objects, screen, url_for, allowed, role):
    response = login(role).get(url_for(objects))

    if role in allowed:
        assert response.status_code == 200, f"{role.value} should open the {screen}"
    else:
        assert is_rejection(response), f"{role.value} should be denied the {screen}"
        messages = messages_of(response)
        assert len(messages) == 1
        before_action, after_action = error_text("permission_denied", action="\x00").split("\x00")
        assert messages[0].startswith(before_action)
        assert messages[0].endswith(after_action)


def test_denial_names_the_action(login):
    response = login(MARKETING).get(reverse("crm_admin:queue_desk"))

    assert is_rejection(response)
    assert messages_of(response) == [error_text("permission_denied", action=gettext_lazy("use the queue desk"))]


def test_anonymous_user_goes_to_login(client):
    response = client.get(reverse("crm_admin:queue_desk"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_background_refresh_denied_with_403(login):
    response = login(MARKETING).get(
        reverse("crm_admin:queue_desk") + "?fragment=board", HTTP_X_REQUESTED_WITH="XMLHttpRequest"
    )

    assert response.status_code == 403


def test_denied_record_writes_no_access_log(login, objects):
    response = login(FRONT_DESK).get(reverse("crm_admin:record_detail", args=(objects["record"].pk,)))

    assert is_rejection(response)
    assert not RecordAccessLog.objects.filter(record=objects["record"]).exists()


def test_customer_chooser_needs_customer_permission(client, db):
    outsider = UserFactory(username="admin-test-editor", is_staff=True)
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(outsider)

    response = client.get(reverse("crm_customer_chooser:choose"), HTTP_X_REQUESTED_WITH="XMLHttpRequest")

    assert response.status_code == 403


@pytest.mark.parametrize(
    "role,expected",
    [
        (FRONT_DESK, ["Queue desk", "Rooms board", "Customers", "Orders", "Products", "Vouchers"]),
        (THERAPIST, ["Queue desk", "Rooms board", "Customers", "Treatment records", "Products"]),
        (DOCTOR, ["Queue desk", "Rooms board", "Customers", "Treatment records", "Products"]),
        (MARKETING, ["Customers", "Products", "Vouchers"]),
        (
            MANAGER,
            [
                "Queue desk",
                "Rooms board",
                "Customers",
                "Treatment records",
                "Orders",
                "Products",
                "Vouchers",
                "Record access log",
            ],
        ),
    ],
    ids=lambda value: value.value if isinstance(value, StaffRole) else "",
)
def test_clinic_menu_by_role(rf, staff, role, expected):
    request = rf.get("/admin/")
    request.user = staff[role]

    with translation.override("en"):
        labels = [str(item.label) for item in clinic_menu_item().menu.menu_items_for_request(request)]

    assert labels == expected
