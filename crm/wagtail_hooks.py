# Registers the CRM's GraphQL root fields; keep this import when adding admin hooks below.
import crm.schema.registration  # noqa: F401
from django.urls import include, path
from wagtail import hooks
from wagtail.admin.admin_url_finder import register_admin_url_finder

from crm.admin_views.customer_chooser import CustomerAdminURLFinder, customer_chooser_viewset
from crm.admin_views.dashboard import ClinicTodayPanel
from crm.admin_views.menu import clinic_menu_item
from crm.models import Customer


@hooks.register("register_admin_urls")
def register_clinic_urls():
    return [path("clinic/", include("crm.admin_views.urls", namespace="crm_admin"))]


@hooks.register("register_admin_menu_item")
def register_clinic_menu():
    return clinic_menu_item()


@hooks.register("register_admin_viewset")
def register_customer_chooser():
    return customer_chooser_viewset


@hooks.register("construct_homepage_panels")
def add_clinic_panel(request, panels):
    panels.append(ClinicTodayPanel(request))


register_admin_url_finder(Customer, CustomerAdminURLFinder)
