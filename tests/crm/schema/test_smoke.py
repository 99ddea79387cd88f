from tests.crm.schema.conftest import gid


def test_public_fields_run(api):
    status, body = api()(
        "{ branches { code name } queueStatus(branch: \"kemang\") { waitingCount estimatedWaitMinutes nowServing { place ticketNumber } rooms { id name status nowServing } }"
        " roomAvailability(branch: \"kemang\") { total byStatus { status count } byKind { kind total available } }"
        " products(first: 3) { id name price { amount display } inStock } }"
    )
    assert status == 200, body
    assert "errors" not in body, body
    assert body["data"]["branches"][0]["code"] == "kemang"


def test_me_runs(api, owner):
    status, body = api(owner.user)("{ me { username profile { fullName notes } orders { number items { product { name } } } vouchers { usable { code } } queueTickets { number } treatmentRecords { serviceName photos { url } } } }")
    assert status == 200, body
    assert "errors" not in body, body
