import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission, Page

from crm import permissions
from crm.models import StaffRole
from crm.roles import ROLE_GROUP_NAMES, ensure_roles, role_group
from tests.crm.factories import UserFactory

pytestmark = pytest.mark.django_db

RECORD_PREDICATES = [
    permissions.can_view_treatment_records,
    permissions.can_write_treatment_records,
    permissions.can_sign_treatment_records,
    permissions.can_add_addenda,
    permissions.can_add_treatment_photos,
]


def test_every_role_has_a_group():
    for role in StaffRole:
        group = role_group(role)
        assert group.name == ROLE_GROUP_NAMES[role]
        assert group.permissions.filter(codename="access_admin").exists(), role


def test_ensure_roles_is_idempotent():
    before = {group.name: set(group.permissions.values_list("pk", flat=True)) for group in Group.objects.all()}
    page_permissions = GroupPagePermission.objects.count()

    ensure_roles()
    ensure_roles()

    after = {group.name: set(group.permissions.values_list("pk", flat=True)) for group in Group.objects.all()}
    assert after == before
    assert GroupPagePermission.objects.count() == page_permissions


def test_ensure_roles_keeps_manual_grants():
    group = role_group(StaffRole.FRONT_DESK)
    extra = role_group(StaffRole.MANAGER).permissions.get(codename="delete_product")
    group.permissions.add(extra)

    ensure_roles()

    assert group.permissions.filter(pk=extra.pk).exists()


def test_marketing_edits_cms_not_records():
    user = UserFactory(role=StaffRole.MARKETING)
    root = Page.get_first_root_node()
    home = root.get_children().first().specific

    for predicate in RECORD_PREDICATES:
        assert not predicate(user), predicate.__name__
    assert not user.has_perm("crm.view_recordaccesslog")
    assert not any(name.startswith("crm.") and "treatment" in name for name in user.get_all_permissions())
    assert home.permissions_for_user(user).can_edit()
    assert home.permissions_for_user(user).can_publish()
    assert user.has_perm("cms.publish_testimonial")
    assert permissions.can_issue_vouchers(user)


def test_front_desk_operates_queue_not_records():
    user = UserFactory(role=StaffRole.FRONT_DESK)

    assert permissions.can_take_queue_numbers(user)
    assert permissions.can_operate_queue(user)
    assert permissions.can_operate_rooms(user)
    assert permissions.can_place_orders(user)
    assert permissions.can_redeem_vouchers(user)
    for predicate in RECORD_PREDICATES:
        assert not predicate(user), predicate.__name__
    assert not permissions.can_issue_vouchers(user)


def test_therapist_writes_records_not_orders():
    user = UserFactory(role=StaffRole.THERAPIST)

    assert permissions.can_write_treatment_records(user)
    assert permissions.can_sign_treatment_records(user)
    assert not permissions.can_view_all_treatment_records(user)
    assert not permissions.can_place_orders(user)
    assert not permissions.can_take_queue_numbers(user)
    assert not permissions.can_view_record_access_log(user)


def test_doctor_sees_all_records():
    user = UserFactory(role=StaffRole.DOCTOR)

    assert permissions.can_view_all_treatment_records(user)
    assert permissions.can_edit_customers(user)
    assert not permissions.can_view_record_access_log(user)


def test_manager_reads_access_log():
    user = UserFactory(role=StaffRole.MANAGER)

    assert permissions.can_view_record_access_log(user)
    assert permissions.can_view_all_treatment_records(user)
    assert permissions.can_issue_vouchers(user)
    assert user.has_perm("cms.change_openinghourssettings")


def test_inactive_or_anonymous_user_has_no_rights():
    from django.contrib.auth.models import AnonymousUser

    user = UserFactory(role=StaffRole.MANAGER, is_active=False)

    assert not permissions.can_operate_queue(user)
    assert not permissions.can_operate_queue(AnonymousUser())
    assert not permissions.can_operate_queue(None)


def test_assigned_staff_can_enter_admin():
    user = UserFactory(role=StaffRole.THERAPIST)

    assert user.is_staff
    assert user.has_perm("wagtailadmin.access_admin")
