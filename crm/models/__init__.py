from crm.models.branches import Branch
from crm.models.choices import (
    OrderChannel,
    OrderStatus,
    PaymentMethod,
    PhotoKind,
    RecordAccessAction,
    RoomKind,
    RoomStatus,
    Sex,
    SkinType,
    StaffRole,
    TicketSource,
    TicketStatus,
    VoucherKind,
    VoucherScope,
)
from crm.models.customers import Customer
from crm.models.orders import Order, OrderCounter, OrderItem, OrderStatusChange
from crm.models.products import Product, StockAdjustment
from crm.models.queue import QueueCounter, QueueTicket, QueueTicketStatusChange
from crm.models.records import (
    RecordAccessLog,
    RecordAddendum,
    SignedRecordChangeError,
    TreatmentPhoto,
    TreatmentRecord,
)
from crm.models.rooms import TreatmentRoom
from crm.models.vouchers import Voucher, VoucherRedemption

__all__ = [
    "Branch",
    "Customer",
    "Order",
    "OrderChannel",
    "OrderCounter",
    "OrderItem",
    "OrderStatus",
    "OrderStatusChange",
    "PaymentMethod",
    "PhotoKind",
    "Product",
    "QueueCounter",
    "QueueTicket",
    "QueueTicketStatusChange",
    "RecordAccessAction",
    "RecordAccessLog",
    "RecordAddendum",
    "RoomKind",
    "RoomStatus",
    "Sex",
    "SignedRecordChangeError",
    "SkinType",
    "StaffRole",
    "StockAdjustment",
    "TicketSource",
    "TicketStatus",
    "TreatmentPhoto",
    "TreatmentRecord",
    "TreatmentRoom",
    "Voucher",
    "VoucherKind",
    "VoucherRedemption",
    "VoucherScope",
]
