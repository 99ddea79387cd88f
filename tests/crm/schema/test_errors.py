"""Typed mutation errors in the request's language, and masked unexpected failures."""

import logging
from unittest import mock

from tests.crm.factories import ProductFactory
from tests.crm.schema.conftest import gid

PLACE_ORDER = (
    "mutation ($items: [OrderLineInput!]!, $code: String) { placeOrder(items: $items, voucherCode: $code) "
    "{ order { id } errors { field code message } } }"
)


def test_typed_error_in_english(api, owner):
    product = ProductFactory(stock=10)
    _, body = api(owner.user)(
        PLACE_ORDER, {"items": [{"productId": gid("Product", product), "quantity": 1}], "code": "NO-SUCH-CODE"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    payload = body["data"]["placeOrder"]
    assert payload["order"] is None
    assert payload["errors"] == [
        {"field": "voucherCode", "code": "voucher_not_found", "message": "There is no voucher with the code NO-SUCH-CODE."}
    ]


def test_typed_error_in_indonesian(api, owner):
    product = ProductFactory(stock=10)
    _, english = api(owner.user)(
        PLACE_ORDER, {"items": [{"productId": gid("Product", product), "quantity": 1}], "code": "NO-SUCH-CODE"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    _, indonesian = api(owner.user)(
        PLACE_ORDER, {"items": [{"productId": gid("Product", product), "quantity": 1}], "code": "NO-SUCH-CODE"},
        HTTP_ACCEPT_LANGUAGE="id",
    )
    error = indonesian["data"]["placeOrder"]["errors"][0]
    assert error["code"] == "voucher_not_found"
    assert "NO-SUCH-CODE" in error["message"]
    assert error["message"] != english["data"]["placeOrder"]["errors"][0]["message"]
    assert "voucher" in error["message"].lower()


def test_failed_mutation_changes_nothing(api, owner):
    product = ProductFactory(stock=1)
    _, body = api(owner.user)(PLACE_ORDER, {"items": [{"productId": gid("Product", product), "quantity": 2}]})
    assert body["data"]["placeOrder"]["errors"][0]["code"] == "product_out_of_stock"
    product.refresh_from_db()
    assert product.stock == 1
    assert owner.orders.count() == 0


def test_unexpected_exception_masked(api, caplog):
    with mock.patch("crm.schema.queries.public.ProductModel.objects.filter", side_effect=RuntimeError("SELECT secret FROM table")):
        with caplog.at_level(logging.ERROR, logger="common.graphql.view"):
            status, body = api()("{ products { id } }", HTTP_X_REQUEST_ID="test-request-0001")
    assert status == 200
    error = body["errors"][0]
    assert error["extensions"] == {"code": "INTERNAL_ERROR", "requestId": "test-request-0001"}
    assert "test-request-0001" in error["message"]
    assert "SELECT" not in str(body)
    assert "Traceback" not in str(body)
    assert any("test-request-0001" in record.getMessage() for record in caplog.records)
    assert any(record.exc_info for record in caplog.records)


def test_unauthenticated_mutation(api):
    _, body = api()("mutation { takeQueueNumber(branch: \"kemang\") { ticket { id } errors { code } } }")
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert body["data"]["takeQueueNumber"] is None


def test_missing_role_forbidden(api, owner):
    _, body = api(owner.user)("mutation { callNextTicket(branch: \"kemang\") { ticket { id } errors { code } } }")
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
