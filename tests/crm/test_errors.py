import re

from django.utils import translation

from crm.errors import MESSAGES, CrmError, CrmPermissionDenied


def test_error_carries_code_field_params():
    error = CrmError("voucher_expired", field="voucher_code", code="HEMAT10", date="2026-01-31")

    assert error.code == "voucher_expired"
    assert error.field == "voucher_code"
    assert error.params == {"code": "HEMAT10", "date": "2026-01-31"}


def test_message_in_english_source():
    with translation.override("en"):
        message = CrmError("voucher_expired", code="HEMAT10", date="2026-01-31").message

    assert message == "Voucher HEMAT10 expired on 2026-01-31."


def test_message_translated_to_indonesian():
    error = CrmError("voucher_expired", code="HEMAT10", date="2026-01-31")

    with translation.override("id"):
        indonesian = error.message
    with translation.override("en"):
        english = error.message

    assert "HEMAT10" in indonesian
    assert indonesian != english


def test_unknown_code_is_a_programming_error():
    try:
        CrmError("no_such_code")
    except ValueError as error:
        assert "no_such_code" in str(error)
    else:
        raise AssertionError("an unknown code must raise ValueError")


def test_permission_denied_names_action():
    error = CrmPermissionDenied("sign treatment records")

    with translation.override("en"):
        assert error.message == "You do not have permission to sign treatment records."
    assert error.code == "permission_denied"


def test_every_message_formats_with_its_placeholders():
    for code, template in MESSAGES.items():
        names = re.findall(r"%\((\w+)\)s", str(template))
        error = CrmError(code, **{name: "x" for name in names})
        assert error.message, code
