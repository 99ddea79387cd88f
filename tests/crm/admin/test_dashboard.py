"""The clinic panel on the admin home."""

from django.urls import reverse

from crm import services
from crm.models import PaymentMethod, RoomStatus, StaffRole
from tests.crm.factories import CustomerFactory, ProductFactory


def clinic_panel(response):
    panels = [panel for panel in response.context["panels"] if getattr(panel, "name", "") == "crm_clinic_today"]
    assert len(panels) == 1
    return panels[0]


def test_panel_counts_today(login, staff, branch, rooms):
    front_desk = staff[StaffRole.FRONT_DESK]
    for name in ("Ibu Satu", "Ibu Dua", "Ibu Tiga"):
        services.take_queue_number(actor=front_desk, branch=branch, walk_in_name=name)
    services.call_next_ticket(actor=front_desk, branch=branch)
    services.set_room_status(actor=front_desk, room=rooms[1], status=RoomStatus.OUT_OF_SERVICE)
    product = ProductFactory()
    order = services.place_order(
        actor=front_desk, customer=CustomerFactory(), branch=branch, items=[(product.pk, 1)], payment_method=PaymentMethod.CASH
    )
    services.set_order_status(actor=front_desk, order=order, status="paid")

    response = login(StaffRole.FRONT_DESK).get(reverse("wagtailadmin_home"))

    context = clinic_panel(response).get_context_data({})
    counts = {row_branch.pk: row_counts for row_branch, row_counts in context["rows"]}[branch.pk]
    assert counts.queue_length == 3
    assert counts.rooms_free == 1
    assert counts.orders_to_prepare == 1
    assert 'id="crm-clinic-today-section"' in response.content.decode()


def test_panel_hidden_from_marketing(login):
    response = login(StaffRole.MARKETING).get(reverse("wagtailadmin_home"))

    assert response.status_code == 200
    assert clinic_panel(response).render_html({"request": response.wsgi_request}) == ""
    assert "crm-clinic-today" not in response.content.decode()


def test_panel_shows_orders_only_to_roles_with_orders(login):
    response = login(StaffRole.THERAPIST).get(reverse("wagtailadmin_home"))

    panel = clinic_panel(response)
    assert panel.show_queue
    assert panel.show_rooms
    assert not panel.show_orders
