"""Staff roles as Django groups with permissions, created or brought up to date idempotently.

`ensure_roles()` runs after every `migrate` (see CrmConfig.ready) and from the demo seed. It
adds the permissions each role needs and never removes permissions a manager granted by hand.
"""

import logging

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db import DEFAULT_DB_ALIAS, transaction

from crm.models import StaffRole

logger = logging.getLogger(__name__)

# Group names as staff see them in the admin (Indonesian, the clinic's language). Code looks
# roles up through StaffRole, never through these names.
ROLE_GROUP_NAMES = {
    StaffRole.FRONT_DESK: "Resepsionis",
    StaffRole.THERAPIST: "Terapis",
    StaffRole.DOCTOR: "Dokter",
    StaffRole.MARKETING: "Marketing",
    StaffRole.MANAGER: "Manajer",
}

ADMIN_ACCESS = ["wagtailadmin.access_admin"]

FRONT_DESK_PERMISSIONS = ADMIN_ACCESS + [
    "crm.view_branch",
    "crm.add_customer",
    "crm.change_customer",
    "crm.view_customer",
    "crm.add_queueticket",
    "crm.change_queueticket",
    "crm.view_queueticket",
    "crm.view_queueticketstatuschange",
    "crm.change_treatmentroom",
    "crm.view_treatmentroom",
    "crm.view_product",
    "crm.add_order",
    "crm.change_order",
    "crm.view_order",
    "crm.view_orderitem",
    "crm.view_orderstatuschange",
    "crm.view_voucher",
    "crm.add_voucherredemption",
    "crm.view_voucherredemption",
]

THERAPIST_PERMISSIONS = ADMIN_ACCESS + [
    "crm.view_branch",
    "crm.view_customer",
    "crm.view_queueticket",
    "crm.change_queueticket",
    "crm.view_queueticketstatuschange",
    "crm.change_treatmentroom",
    "crm.view_treatmentroom",
    "crm.add_treatmentrecord",
    "crm.change_treatmentrecord",
    "crm.view_treatmentrecord",
    "crm.sign_treatmentrecord",
    "crm.add_recordaddendum",
    "crm.view_recordaddendum",
    "crm.add_treatmentphoto",
    "crm.view_treatmentphoto",
    "crm.view_product",
]

# Doctors also update a customer's allergies and notes and read every record for diagnosis.
DOCTOR_PERMISSIONS = THERAPIST_PERMISSIONS + [
    "crm.change_customer",
    "crm.view_all_treatmentrecords",
]

# Website content: pages (granted on the root page below), images, documents and testimonials.
CMS_EDITOR_PERMISSIONS = ADMIN_ACCESS + [
    "cms.add_testimonial",
    "cms.change_testimonial",
    "cms.delete_testimonial",
    "cms.publish_testimonial",
    "cms.view_testimonial",
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
]
PAGE_PERMISSION_TYPES = ["add", "change", "publish", "lock", "unlock"]
COLLECTION_PERMISSIONS = [
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
]

# Marketing runs the website and vouchers; it gets no treatment-record permission at all.
MARKETING_PERMISSIONS = CMS_EDITOR_PERMISSIONS + [
    "crm.view_customer",
    "crm.view_product",
    "crm.change_product",
    "crm.add_voucher",
    "crm.change_voucher",
    "crm.view_voucher",
    "crm.view_voucherredemption",
]

MANAGER_EXTRA_PERMISSIONS = CMS_EDITOR_PERMISSIONS + ["cms.change_openinghourssettings"]

ROLE_PERMISSIONS = {
    StaffRole.FRONT_DESK: FRONT_DESK_PERMISSIONS,
    StaffRole.THERAPIST: THERAPIST_PERMISSIONS,
    StaffRole.DOCTOR: DOCTOR_PERMISSIONS,
    StaffRole.MARKETING: MARKETING_PERMISSIONS,
    StaffRole.MANAGER: MANAGER_EXTRA_PERMISSIONS,  # plus every permission of the crm app
}

CMS_ROLES = {StaffRole.MARKETING, StaffRole.MANAGER}


def role_group(role: StaffRole) -> Group:
    return Group.objects.get(name=ROLE_GROUP_NAMES[StaffRole(role)])


def _permissions(names: list[str], using: str) -> list[Permission]:
    wanted = {tuple(name.split(".", 1)) for name in names}
    found = {
        (permission.content_type.app_label, permission.codename): permission
        for permission in Permission.objects.using(using).select_related("content_type").filter(
            codename__in={codename for _, codename in wanted}
        )
    }
    missing = wanted - set(found)
    if missing:
        raise LookupError(f"Permissions not found: {sorted('.'.join(name) for name in missing)}")
    return [found[name] for name in wanted]


def _grant_cms_permissions(group: Group, using: str) -> None:
    # Imported here because Wagtail's models must be loaded before roles are built.
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    root_page = Page.objects.using(using).filter(depth=1).first()
    if root_page is not None:
        for permission_type in PAGE_PERMISSION_TYPES:
            permission = Permission.objects.using(using).get(
                content_type__app_label="wagtailcore", codename=f"{permission_type}_page"
            )
            GroupPagePermission.objects.using(using).get_or_create(
                group=group, page=root_page, permission=permission
            )
    root_collection = Collection.objects.using(using).filter(depth=1).first()
    if root_collection is not None:
        for permission in _permissions(COLLECTION_PERMISSIONS, using):
            GroupCollectionPermission.objects.using(using).get_or_create(
                group=group, collection=root_collection, permission=permission
            )


def ensure_roles(using: str = DEFAULT_DB_ALIAS) -> dict[StaffRole, Group]:
    """Create the staff role groups and add their permissions; safe to run any number of times."""
    # Django and Wagtail create permissions in their own post_migrate handlers, which may run
    # after ours; both creators skip what already exists. Wagtail's adds publish_<snippet>.
    from wagtail.snippets.models import create_extra_permissions

    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    create_extra_permissions(apps.get_app_config("wagtailsnippets"), using=using)

    groups = {}
    with transaction.atomic(using=using):
        crm_permissions = list(Permission.objects.using(using).filter(content_type__app_label="crm"))
        for role, group_name in ROLE_GROUP_NAMES.items():
            group, created = Group.objects.using(using).get_or_create(name=group_name)
            permissions = _permissions(ROLE_PERMISSIONS[role], using)
            if role == StaffRole.MANAGER:
                permissions += crm_permissions
            group.permissions.add(*permissions)
            if role in CMS_ROLES:
                _grant_cms_permissions(group, using)
            if created:
                logger.info("Created staff role group %s", role.value)
            groups[role] = group
    return groups


def assign_role(user, role: StaffRole) -> None:
    """Add `user` to the group of `role` and mark them staff so they can sign in to the admin."""
    user.groups.add(role_group(role))
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
