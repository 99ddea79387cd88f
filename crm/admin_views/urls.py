"""URLs of the clinic screens, mounted under /admin/clinic/ by crm.wagtail_hooks."""

from django.urls import path

from crm.admin_views import access_log, customers, orders, products, queue, record_editing, records, rooms, vouchers

app_name = "crm_admin"


def listing(view_class, route: str, name: str) -> list:
    """Route a listing and its results-only variant, which Wagtail's search and filters fetch."""
    return [
        path(route, view_class.as_view(), name=name),
        path(f"{route}results/", view_class.as_view(results_only=True), name=f"{name}_results"),
    ]


urlpatterns = [
    # Queue desk and rooms board
    path("queue/", queue.QueueDeskView.as_view(), name="queue_desk"),
    path("queue/call-next/", queue.CallNextView.as_view(), name="queue_call_next"),
    path("queue/tickets/<int:pk>/recall/", queue.RecallTicketView.as_view(), name="ticket_recall"),
    path("queue/tickets/<int:pk>/status/", queue.TicketStatusView.as_view(), name="ticket_status"),
    path("queue/tickets/<int:pk>/start/", queue.StartTreatmentView.as_view(), name="ticket_start"),
    path("queue/tickets/<int:pk>/finish/", queue.FinishTreatmentView.as_view(), name="ticket_finish"),
    path("rooms/", rooms.RoomsBoardView.as_view(), name="rooms_board"),
    path("rooms/<int:pk>/status/", rooms.RoomStatusView.as_view(), name="room_status"),
    path("rooms/<int:pk>/start/", rooms.RoomStartTreatmentView.as_view(), name="room_start"),
    # Customers
    *listing(customers.CustomerListView, "customers/", "customer_list"),
    path("customers/new/", customers.CustomerCreateView.as_view(), name="customer_add"),
    path("customers/<int:pk>/", customers.CustomerDetailView.as_view(), name="customer_detail"),
    path("customers/<int:pk>/edit/", customers.CustomerEditView.as_view(), name="customer_edit"),
    # Treatment records
    *listing(records.RecordListView, "records/", "record_list"),
    path("records/new/", record_editing.RecordCreateView.as_view(), name="record_add"),
    path("records/<int:pk>/", records.RecordDetailView.as_view(), name="record_detail"),
    path("records/<int:pk>/edit/", record_editing.RecordEditView.as_view(), name="record_edit"),
    path("records/<int:pk>/sign/", record_editing.RecordSignView.as_view(), name="record_sign"),
    path("records/photos/<int:pk>/", records.TreatmentPhotoView.as_view(), name="record_photo"),
    *listing(access_log.RecordAccessLogView, "records/access-log/", "access_log"),
    # Products, orders and vouchers
    *listing(products.ProductListView, "products/", "product_list"),
    *listing(orders.OrderListView, "orders/", "order_list"),
    path("orders/new/", orders.OrderCreateView.as_view(), name="order_add"),
    path("orders/<int:pk>/", orders.OrderDetailView.as_view(), name="order_detail"),
    path("orders/<int:pk>/status/", orders.OrderStatusView.as_view(), name="order_status"),
    path("orders/<int:pk>/cancel/", orders.OrderCancelView.as_view(), name="order_cancel"),
    *listing(vouchers.VoucherListView, "vouchers/", "voucher_list"),
    path("vouchers/new/", vouchers.VoucherCreateView.as_view(), name="voucher_add"),
    path("vouchers/<int:pk>/", vouchers.VoucherDetailView.as_view(), name="voucher_detail"),
]
