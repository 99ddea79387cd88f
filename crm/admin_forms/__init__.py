"""Forms of the clinic screens in the Wagtail admin.

They only collect and type the input. The rules (who may act, which status may follow which,
what a voucher allows) live in crm.services, whose errors the views attach to these forms.
"""

from crm.admin_forms.customers import CustomerConsentForm, CustomerForm
from crm.admin_forms.orders import OrderForm, OrderLineFormSet, OrderStatusForm
from crm.admin_forms.queue import RoomStatusForm, SendToRoomForm, TakeNumberForm, TicketStatusForm
from crm.admin_forms.records import AddendumForm, TreatmentPhotoForm, TreatmentRecordEditForm, TreatmentRecordForm
from crm.admin_forms.vouchers import VoucherForm

__all__ = [
    "AddendumForm",
    "CustomerConsentForm",
    "CustomerForm",
    "OrderForm",
    "OrderLineFormSet",
    "OrderStatusForm",
    "RoomStatusForm",
    "SendToRoomForm",
    "TakeNumberForm",
    "TicketStatusForm",
    "TreatmentPhotoForm",
    "TreatmentRecordEditForm",
    "TreatmentRecordForm",
    "VoucherForm",
]
