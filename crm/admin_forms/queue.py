from django import forms
from django.utils.translation import gettext_lazy as _

from cms.models import ServicePage
from crm.admin_views.customer_chooser import CustomerChooserWidget
from crm.models import Customer, RoomStatus, TicketStatus, TreatmentRoom


def live_services():
    return ServicePage.objects.live().order_by("title")


class TakeNumberForm(forms.Form):
    """A queue number for a registered customer or a walk-in visitor known only by name."""

    customer = forms.ModelChoiceField(
        queryset=Customer.objects.all(),
        required=False,
        label=_("Customer"),
        widget=CustomerChooserWidget(),
        help_text=_("Leave empty for a walk-in visitor who is not registered."),
    )
    walk_in_name = forms.CharField(
        max_length=150,
        required=False,
        label=_("Walk-in name"),
        help_text=_("The name to call out when no customer is chosen."),
    )
    service = forms.ModelChoiceField(
        queryset=ServicePage.objects.none(),
        required=False,
        label=_("Requested service"),
        empty_label=_("General (no service yet)"),
        help_text=_("The service decides the letter of the number, e.g. A for facials."),
    )
    notes = forms.CharField(max_length=255, required=False, label=_("Notes"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = live_services()


class TicketStatusForm(forms.Form):
    """A status change typed by a desk button; the service decides whether it is allowed."""

    status = forms.ChoiceField(choices=TicketStatus.choices)
    note = forms.CharField(max_length=255, required=False)


class SendToRoomForm(forms.Form):
    room = forms.ModelChoiceField(
        queryset=TreatmentRoom.objects.all(),
        label=_("Room"),
        error_messages={"required": _("Choose a room."), "invalid_choice": _("Choose a room from the list.")},
    )


class RoomStatusForm(forms.Form):
    status = forms.ChoiceField(choices=RoomStatus.choices)
