"""Per-object authorization: every type × owner, other customer, anonymous and each staff role.

A refused object must look exactly like a missing one: null data and no error.
"""

import datetime

import pytest
from django.utils import timezone

from crm import services
from crm.models import OrderChannel, TicketStatus, TreatmentRecord
from tests.crm.factories import (
    BranchFactory,
    ProductFactory,
    QueueTicketFactory,
    TreatmentRecordFactory,
    VoucherFactory,
)
from tests.crm.schema.conftest import errors_of, gid

# Who may open each type by id. The ticket and record are from yesterday, so a therapist sees
# the record neither as its practitioner nor through an open ticket of today.
ALLOWED = {
    "QueueTicket": {"owner", "front_desk", "therapist", "doctor", "manager"},
    "TreatmentRecord": {"owner", "doctor", "manager"},
    "Order": {"owner", "front_desk", "manager"},
    "Voucher": {"owner", "front_desk", "marketing", "manager"},
    "Customer": {"owner", "front_desk", "therapist", "doctor", "marketing", "manager"},
}
ROOT_FIELDS = {
    "QueueTicket": "queueTicket(id: $id) { id number }",
    "TreatmentRecord": "treatmentRecord(id: $id) { id serviceName }",
    "Order": "order(id: $id) { id number }",
    "Voucher": "voucher(id: $id) { id code }",
    "Customer": "customer(id: $id) { id fullName }",
}
CALLERS = ["owner", "other_customer", "front_desk", "therapist", "doctor", "marketing", "manager"]


@pytest.fixture
def owned_objects(owner):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    branch = BranchFactory()
    ticket = QueueTicketFactory(customer=owner, branch=branch, service_date=yesterday, status=TicketStatus.DONE)
    record = TreatmentRecordFactory(
        customer=owner, branch=branch, ticket=ticket, performed_at=timezone.now() - datetime.timedelta(days=1)
    )
    TreatmentRecord.objects.filter(pk=record.pk).update(signed_at=timezone.now(), signed_digest="0" * 64)
    order = services.place_order(
        actor=owner.user,
        customer=owner,
        branch=branch,
        items=[(ProductFactory().pk, 1)],
        channel=OrderChannel.ONLINE,
    )
    voucher = VoucherFactory(owner=owner)
    return {"QueueTicket": ticket, "TreatmentRecord": record, "Order": order, "Voucher": voucher, "Customer": owner}


def caller_user(name, owner, other_customer, staff):
    if name == "owner":
        return owner.user
    if name == "other_customer":
        return other_customer.user
    return staff[name]


def fetch(api, user, type_name, object_id):
    query = f"query ($id: ID!) {{ {ROOT_FIELDS[type_name]} }}"
    return api(user)(query, {"id": object_id})


@pytest.mark.parametrize("type_name", sorted(ALLOWED))
@pytest.mark.parametrize("caller", CALLERS)
def test_object_by_id(api, owner, other_customer, staff, owned_objects, type_name, caller):
    target = owned_objects[type_name]
    status, body = fetch(api, caller_user(caller, owner, other_customer, staff), type_name, gid(type_name, target))
    assert status == 200
    assert "errors" not in body, body
    value = next(iter(body["data"].values()))
    if caller in ALLOWED[type_name]:
        assert value is not None, f"{caller} should see the {type_name}"
        assert value["id"] == gid(type_name, target)
    else:
        assert value is None, f"{caller} must not see the {type_name}"


@pytest.mark.parametrize("type_name", sorted(ALLOWED))
def test_anonymous_by_id_unauthenticated(api, owned_objects, type_name):
    status, body = fetch(api, None, type_name, gid(type_name, owned_objects[type_name]))
    assert status == 200
    assert errors_of(body) == ["UNAUTHENTICATED"]
    assert next(iter(body["data"].values())) is None


@pytest.mark.parametrize("type_name", sorted(ALLOWED))
def test_refused_looks_like_missing(api, other_customer, owned_objects, type_name):
    post = api(other_customer.user)
    query = f"query ($id: ID!) {{ {ROOT_FIELDS[type_name]} }}"
    _, refused = post(query, {"id": gid(type_name, owned_objects[type_name])})
    _, missing = post(query, {"id": gid(type_name, type("Missing", (), {"pk": 987654321})())})
    _, malformed = post(query, {"id": "not-an-id"})
    assert refused == missing == malformed


def test_id_of_other_type_not_found(api, owner, owned_objects):
    order_id_as_ticket = gid("QueueTicket", owned_objects["Order"])
    status, body = fetch(api, owner.user, "Order", order_id_as_ticket)
    assert body["data"]["order"] is None


def test_cancel_other_customers_ticket_not_found(api, owner, other_customer):
    ticket = QueueTicketFactory(customer=owner)
    mutation = "mutation ($id: ID!) { cancelQueueTicket(id: $id) { ticket { status } errors { field code message } } }"
    _, refused = api(other_customer.user)(mutation, {"id": gid("QueueTicket", ticket)})
    _, missing = api(other_customer.user)(mutation, {"id": gid("QueueTicket", type("M", (), {"pk": 99999999})())})
    assert refused == missing
    assert refused["data"]["cancelQueueTicket"]["errors"][0]["code"] == "not_found"
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.WAITING


def test_cancel_own_ticket(api, owner):
    ticket = QueueTicketFactory(customer=owner)
    mutation = "mutation ($id: ID!) { cancelQueueTicket(id: $id) { ticket { status } errors { code } } }"
    _, body = api(owner.user)(mutation, {"id": gid("QueueTicket", ticket)})
    assert body["data"]["cancelQueueTicket"] == {"ticket": {"status": "cancelled"}, "errors": []}


def test_set_order_status_by_therapist_not_found(api, staff, owned_objects):
    mutation = (
        "mutation ($id: ID!) { setOrderStatus(id: $id, status: \"paid\", paymentMethod: \"cash\") "
        "{ order { status } errors { code } } }"
    )
    _, body = api(staff["therapist"])(mutation, {"id": gid("Order", owned_objects["Order"])})
    assert body["data"]["setOrderStatus"]["errors"] == [{"code": "not_found"}]


def test_set_order_status_by_front_desk(api, staff, owned_objects):
    mutation = (
        "mutation ($id: ID!) { setOrderStatus(id: $id, status: \"paid\", paymentMethod: \"cash\") "
        "{ order { status statusHistory { toStatus } } errors { code } } }"
    )
    _, body = api(staff["front_desk"])(mutation, {"id": gid("Order", owned_objects["Order"])})
    payload = body["data"]["setOrderStatus"]
    assert payload["errors"] == []
    assert payload["order"]["status"] == "paid"
    assert [step["toStatus"] for step in payload["order"]["statusHistory"]] == ["pending", "paid"]


def test_me_lists_only_own_objects(api, owner, other_customer, owned_objects):
    _, body = api(other_customer.user)("{ me { orders { id } queueTickets { id } treatmentRecords { id } vouchers { usable { id } expired { id } } } }")
    me = body["data"]["me"]
    assert me["orders"] == []
    assert me["queueTickets"] == []
    assert me["treatmentRecords"] == []
    assert gid("Voucher", owned_objects["Voucher"]) not in [voucher["id"] for voucher in me["vouchers"]["usable"]]


def test_customer_sees_no_staff_notes(api, owner):
    owner.notes = "Prefers afternoon visits"
    owner.save()
    _, body = api(owner.user)("{ me { profile { notes } } }")
    assert body["data"]["me"]["profile"]["notes"] is None


def test_staff_nested_records_follow_role(api, staff, owned_objects, owner):
    query = "query ($id: ID!) { customer(id: $id) { orders { id } treatmentRecords { id } } }"
    _, marketing = api(staff["marketing"])(query, {"id": gid("Customer", owner)})
    _, doctor = api(staff["doctor"])(query, {"id": gid("Customer", owner)})
    assert marketing["data"]["customer"] == {"orders": [], "treatmentRecords": []}
    assert doctor["data"]["customer"]["treatmentRecords"] == [{"id": gid("TreatmentRecord", owned_objects["TreatmentRecord"])}]
    assert doctor["data"]["customer"]["orders"] == []


@pytest.mark.parametrize(
    "role,allowed", [("front_desk", True), ("therapist", True), ("doctor", True), ("marketing", True), ("manager", True)]
)
def test_customer_search_by_role(api, staff, owner, role, allowed):
    _, body = api(staff[role])("query ($q: String!) { customers(search: $q) { id } }", {"q": owner.full_name})
    assert [customer["id"] for customer in body["data"]["customers"]] == [gid("Customer", owner)]


def test_customer_search_refused_for_customers(api, owner):
    _, body = api(owner.user)("{ customers(search: \"Siti\") { id } }")
    assert errors_of(body) == ["FORBIDDEN"]


def test_customer_search_anonymous(api):
    _, body = api()("{ customers(search: \"Siti\") { id } }")
    assert errors_of(body) == ["UNAUTHENTICATED"]


def test_record_access_logged_for_staff(api, staff, owned_objects):
    record = owned_objects["TreatmentRecord"]
    before = record.access_logs.count()
    api(staff["doctor"])("query ($id: ID!) { treatmentRecord(id: $id) { id } }", {"id": gid("TreatmentRecord", record)})
    assert record.access_logs.filter(user=staff["doctor"]).count() == before + 1


def test_unsigned_record_hidden_from_owner(api, owner):
    draft = TreatmentRecordFactory(customer=owner)
    _, body = api(owner.user)("query ($id: ID!) { treatmentRecord(id: $id) { id } }", {"id": gid("TreatmentRecord", draft)})
    assert body["data"]["treatmentRecord"] is None
