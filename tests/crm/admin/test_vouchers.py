"""Vouchers: issuing, rejected input and the list of redemptions."""

import datetime
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from crm import services
from crm.models import StaffRole, Voucher, VoucherKind, VoucherScope
from tests.crm.admin.conftest import error_text, is_rejection, messages_of
from tests.crm.factories import CustomerFactory, ProductFactory, VoucherFactory


def voucher_form(**fields) -> dict:
    until = timezone.localdate() + datetime.timedelta(days=30)
    return {"kind": VoucherKind.PERCENT, "scope": VoucherScope.ALL, "valid_until": until.isoformat(), **fields}


def test_marketing_creates_personal_voucher(login, staff):
    owner = CustomerFactory(full_name="Ibu Ulang Tahun")

    response = login(StaffRole.MARKETING).post(
        reverse("crm_admin:voucher_add"),
        voucher_form(code="ultah-uji-admin", percent="20", max_discount="100000", owner=owner.pk, usage_limit="1"),
    )

    voucher = Voucher.objects.get(code="ULTAH-UJI-ADMIN")
    assert response["Location"] == reverse("crm_admin:voucher_detail", args=(voucher.pk,))
    assert voucher.percent == Decimal("20")
    assert voucher.max_discount == Decimal("100000")
    assert voucher.owner == owner
    assert voucher.usage_limit == 1
    assert voucher.created_by == staff[StaffRole.MARKETING]


def test_voucher_without_code_gets_one(login):
    login(StaffRole.MANAGER).post(
        reverse("crm_admin:voucher_add"), voucher_form(kind=VoucherKind.AMOUNT, amount="25000", description="Tanpa kode")
    )

    voucher = Voucher.objects.get(description="Tanpa kode")
    assert voucher.code.startswith("AMZ-")
    assert voucher.amount == Decimal("25000")


def test_percent_over_100_writes_nothing(login):
    response = login(StaffRole.MARKETING).post(reverse("crm_admin:voucher_add"), voucher_form(code="TERLALU", percent="150"))

    assert response.status_code == 200
    assert not Voucher.objects.filter(code="TERLALU").exists()
    assert error_text("voucher_value_invalid") in response.context["form"].errors["percent"]
    assert error_text("voucher_value_invalid") in messages_of(response)


def test_taken_code_writes_nothing(login):
    VoucherFactory(code="SUDAHADA")

    response = login(StaffRole.MARKETING).post(reverse("crm_admin:voucher_add"), voucher_form(code="sudahada", percent="5"))

    assert response.status_code == 200
    assert Voucher.objects.filter(code__iexact="sudahada").count() == 1
    assert error_text("voucher_code_taken", value="SUDAHADA") in response.context["form"].errors["code"]


def test_front_desk_cannot_issue_vouchers(login):
    response = login(StaffRole.FRONT_DESK).post(reverse("crm_admin:voucher_add"), voucher_form(code="DILARANG", percent="5"))

    assert is_rejection(response)
    assert not Voucher.objects.filter(code="DILARANG").exists()


def test_voucher_detail_lists_redemptions(login, staff, branch):
    voucher = VoucherFactory(code="DIPAKAI", percent=Decimal("10"))
    customer = CustomerFactory(full_name="Ibu Pemakai")
    product = ProductFactory(price=Decimal("200000"))
    order = services.place_order(
        actor=staff[StaffRole.FRONT_DESK], customer=customer, branch=branch, items=[(product.pk, 1)], voucher_code="DIPAKAI"
    )

    response = login(StaffRole.MARKETING).get(reverse("crm_admin:voucher_detail", args=(voucher.pk,)))

    redemptions = response.context["redemptions_table"].data
    assert [redemption.order for redemption in redemptions] == [order]
    content = response.content.decode()
    assert "Ibu Pemakai" in content
    assert order.number in content
    assert "Rp 20.000" in content


def test_voucher_list_search(login):
    VoucherFactory(code="CARIAKU")
    VoucherFactory(code="LAINNYA")

    response = login(StaffRole.FRONT_DESK).get(reverse("crm_admin:voucher_list"), {"q": "cariaku"})

    assert [voucher.code for voucher in response.context["object_list"]] == ["CARIAKU"]
