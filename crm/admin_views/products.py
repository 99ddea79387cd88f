"""Products: the catalogue with price and stock, for selling at the desk."""

# TODO: add and edit products here once crm.services offers product services; the screen is
# read-only until then, so that price and stock rules stay in the services.

import django_filters
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views.generic.base import BaseListingView

from crm.admin_views.base import StaffScreenMixin
from crm.admin_views.columns import RupiahColumn
from crm.models import Product

# Stock at or below this count is flagged on the listing so front desk can reorder in time.
LOW_STOCK = 5


def can_view_products(user) -> bool:
    # NOTE: crm.permissions has no predicate for products yet.
    return user.has_perm("crm.view_product")


class ProductFilterSet(WagtailFilterSet):
    is_active = django_filters.BooleanFilter(label=gettext_lazy("Active"))

    class Meta:
        model = Product
        fields = ["is_active"]


class StockColumn(Column):
    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        if instance.stock <= LOW_STOCK:
            context["value"] = gettext_lazy("%(stock)s (low)") % {"stock": instance.stock}
        return context


class ProductListView(StaffScreenMixin, BaseListingView):
    permission_test = can_view_products
    denied_action = gettext_lazy("view products")
    page_title = gettext_lazy("Products")
    header_icon = "pick"
    is_searchable = True
    search_fields = ["name", "sku"]
    filterset_class = ProductFilterSet
    index_url_name = "crm_admin:product_list"
    index_results_url_name = "crm_admin:product_list_results"
    paginate_by = 50
    default_ordering = "name"
    verbose_name_plural = gettext_lazy("products")
    columns = [
        Column("name", label=gettext_lazy("Name"), sort_key="name"),
        Column("sku", label=gettext_lazy("SKU"), sort_key="sku"),
        RupiahColumn("price", label=gettext_lazy("Price"), sort_key="price"),
        StockColumn("stock", label=gettext_lazy("Stock"), sort_key="stock"),
        BooleanColumn("is_active", label=gettext_lazy("Active")),
    ]

    def get_base_queryset(self):
        # Inactive products too, so staff see why one is no longer offered.
        return Product.objects.all()
