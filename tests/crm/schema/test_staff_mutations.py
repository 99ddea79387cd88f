"""Staff operations over GraphQL, through the same services as the admin."""

from django.utils import timezone

from crm.models import RoomStatus, TreatmentRoom
from tests.crm.factories import BranchFactory, QueueTicketFactory, TreatmentRoomFactory
from tests.crm.schema.conftest import errors_of, gid


def test_treatment_flow(api, owner, staff):
    branch = BranchFactory()
    room = TreatmentRoomFactory(branch=branch)
    ticket = QueueTicketFactory(customer=owner, branch=branch)
    front_desk = api(staff["front_desk"])
    therapist = api(staff["therapist"])

    _, called = front_desk(f"mutation {{ callNextTicket(branch: \"{branch.code}\") {{ ticket {{ id status visitorName }} errors {{ code }} }} }}")
    assert called["data"]["callNextTicket"]["ticket"] == {"id": gid("QueueTicket", ticket), "status": "called", "visitorName": owner.full_name}

    variables = {"ticket": gid("QueueTicket", ticket), "room": gid("Room", room)}
    _, started = therapist(
        "mutation ($ticket: ID!, $room: ID!) { startTreatment(ticketId: $ticket, roomId: $room) { ticket { status roomName } errors { code } } }",
        variables,
    )
    assert started["data"]["startTreatment"] == {"ticket": {"status": "in_treatment", "roomName": room.name}, "errors": []}

    _, finished = therapist("mutation ($ticket: ID!) { finishTreatment(ticketId: $ticket) { ticket { status } errors { code } } }", variables)
    assert finished["data"]["finishTreatment"]["ticket"]["status"] == "done"
    room.refresh_from_db()
    assert room.status == RoomStatus.CLEANING

    _, cleaned = therapist("mutation ($room: ID!) { setRoomStatus(roomId: $room, status: \"available\") { room { status } errors { code } } }", variables)
    assert cleaned["data"]["setRoomStatus"] == {"room": {"status": "available"}, "errors": []}

    _, created = therapist(
        "mutation ($customer: ID!, $ticket: ID!) { createTreatmentRecord(customerId: $customer, ticketId: $ticket, "
        "treatmentPerformed: \"Facial\") { record { id isSigned } errors { code } } }",
        {"customer": gid("Customer", owner), "ticket": gid("QueueTicket", ticket)},
    )
    record = created["data"]["createTreatmentRecord"]["record"]
    assert record["isSigned"] is False
    _, signed = therapist("mutation ($id: ID!) { signTreatmentRecord(id: $id) { record { isSigned } errors { code } } }", {"id": record["id"]})
    assert signed["data"]["signTreatmentRecord"] == {"record": {"isSigned": True}, "errors": []}
    _, addendum = therapist(
        "mutation ($id: ID!) { addRecordAddendum(recordId: $id, text: \"Kontrol 2 minggu\") { record { addenda { text } } errors { code } } }",
        {"id": record["id"]},
    )
    assert addendum["data"]["addRecordAddendum"]["record"]["addenda"] == [{"text": "Kontrol 2 minggu"}]

    _, mine = api(owner.user)("{ me { treatmentRecords { id } } }")
    assert mine["data"]["me"]["treatmentRecords"] == [{"id": record["id"]}]


def test_marketing_cannot_call_queue(api, staff):
    _, body = api(staff["marketing"])("mutation { callNextTicket(branch: \"kemang\") { ticket { id } errors { code } } }")
    assert errors_of(body) == ["FORBIDDEN"]


def test_marketing_cannot_start_treatment(api, staff, owner):
    room = TreatmentRoom.objects.filter(branch__code="kemang").first()
    ticket = QueueTicketFactory(customer=owner, branch=room.branch, status="called")
    _, body = api(staff["marketing"])(
        "mutation ($t: ID!, $r: ID!) { startTreatment(ticketId: $t, roomId: $r) { ticket { id } errors { code } } }",
        {"t": gid("QueueTicket", ticket), "r": gid("Room", room)},
    )
    # Marketing cannot see queue tickets at all, so the ticket is reported as not found.
    assert body["data"]["startTreatment"]["errors"] == [{"code": "not_found"}]


ISSUE = (
    "mutation ($owner: ID) { issueVoucher(input: {kind: \"percent\", percent: \"15\", validUntil: \"%s\", ownerId: $owner}) "
    "{ voucher { code isPersonal percent } errors { field code } } }"
)


def test_issue_voucher_by_marketing(api, staff, owner):
    until = (timezone.localdate() + timezone.timedelta(days=30)).isoformat()
    _, body = api(staff["marketing"])(ISSUE % until, {"owner": gid("Customer", owner)})
    payload = body["data"]["issueVoucher"]
    assert payload["errors"] == []
    assert payload["voucher"]["isPersonal"] is True
    _, mine = api(owner.user)("{ me { vouchers { usable { code } } } }")
    assert payload["voucher"]["code"] in [voucher["code"] for voucher in mine["data"]["me"]["vouchers"]["usable"]]


def test_issue_voucher_refused_for_front_desk(api, staff):
    until = (timezone.localdate() + timezone.timedelta(days=30)).isoformat()
    _, body = api(staff["front_desk"])(ISSUE % until)
    assert errors_of(body) == ["FORBIDDEN"]


def test_issue_voucher_invalid_percent(api, staff):
    until = (timezone.localdate() + timezone.timedelta(days=30)).isoformat()
    _, body = api(staff["manager"])((ISSUE % until).replace('"15"', '"150"'))
    assert body["data"]["issueVoucher"]["errors"] == [{"field": "percent", "code": "voucher_value_invalid"}]


def test_todays_queue_for_staff_only(api, staff, owner):
    _, refused = api(owner.user)("{ todaysQueue(branch: \"kemang\") { number } }")
    assert errors_of(refused) == ["FORBIDDEN"]
    _, allowed = api(staff["front_desk"])("{ todaysQueue(branch: \"kemang\") { number visitorName } }")
    assert "errors" not in allowed
    assert all(ticket["visitorName"] for ticket in allowed["data"]["todaysQueue"])


def test_public_queue_status_has_no_names(api):
    _, body = api()("{ queueStatus(branch: \"kemang\") { waitingCount nowServing { place ticketNumber } rooms { name nowServing } } }")
    text = str(body)
    from crm.models import Customer

    for name in Customer.objects.values_list("full_name", flat=True)[:40]:
        assert name not in text
    assert body["data"]["queueStatus"]["waitingCount"] >= 0


def test_room_availability_counts(api):
    _, body = api()("{ roomAvailability(branch: \"kemang\") { total byStatus { status count } byKind { kind total available } } }")
    availability = body["data"]["roomAvailability"]
    rooms = TreatmentRoom.objects.filter(branch__code="kemang")
    assert availability["total"] == rooms.count()
    assert sum(entry["count"] for entry in availability["byStatus"]) == rooms.count()
    available = {entry["status"]: entry["count"] for entry in availability["byStatus"]}["available"]
    assert available == rooms.filter(status=RoomStatus.AVAILABLE).count()
