"""The portal's roles, as Django groups with model permissions (see DOMAIN.md).

`ROLE_PERMISSIONS` maps each role to "app_label.codename" patterns, where a codename of "*"
means every permission of that app. `roles_sync` is run by migrations: whenever a later
change adds models, a new migration calls it again so the roles cover them.
"""

from django.utils.translation import gettext_lazy as _

DINAS_ADMIN = "Admin Dinas"
DINAS_STAFF = "Staf Dinas"
BANK_MENTOR = "Mentor bank"
BANK_SUPERVISOR = "Supervisor bank"
GROUP_LEADER = "Ketua kelompok"

ROLE_LABELS = {
    DINAS_ADMIN: _("Admin Dinas"),
    DINAS_STAFF: _("Staf Dinas"),
    BANK_MENTOR: _("Mentor bank"),
    BANK_SUPERVISOR: _("Supervisor bank"),
    GROUP_LEADER: _("Ketua kelompok"),
}

# Roles whose users work in the Django admin (is_staff).
ADMIN_SITE_ROLES = {DINAS_ADMIN, DINAS_STAFF}

ROLE_PERMISSIONS: dict[str, list[str]] = {
    DINAS_ADMIN: [
        "kelurahan.*",
        "ikm.*",
        "financing.*",
        "auth.add_user",
        "auth.change_user",
        "auth.view_user",
        "auth.view_group",
        "admin.view_logentry",
        "portal.view_auditevent",
        # Which kecamatan a Dinas staff member works in (the user's "wilayah kerja").
        "portal.add_staffdistrict",
        "portal.change_staffdistrict",
        "portal.delete_staffdistrict",
        "portal.view_staffdistrict",
        "axes.view_accessattempt",
        "axes.view_accesslog",
        "axes.view_accessfailurelog",
        "axes.delete_accessattempt",
    ],
    DINAS_STAFF: [
        "kelurahan.add_province",
        "kelurahan.view_province",
        "kelurahan.add_regency",
        "kelurahan.view_regency",
        "kelurahan.add_kecamatan",
        "kelurahan.view_kecamatan",
        "kelurahan.add_kelurahan",
        "kelurahan.change_kelurahan",
        "kelurahan.view_kelurahan",
        # Includes ikm.view_member_nik and ikm.view_member_contact (exports with personal data).
        "ikm.*",
        "financing.view_lender",
        "financing.view_lenderstaff",
        "financing.view_creditscheme",
        "financing.add_mentorassignment",
        "financing.change_mentorassignment",
        "financing.view_mentorassignment",
        "financing.view_bookkeepingvisit",
        "financing.view_creditapplication",
    ],
    BANK_MENTOR: [
        "ikm.view_businessgroup",
        "ikm.view_product",
        "ikm.view_theme",
        "kelurahan.view_kelurahan",
        "financing.view_mentorassignment",
        "financing.add_bookkeepingvisit",
        "financing.view_bookkeepingvisit",
        "financing.add_creditapplication",
        "financing.view_creditapplication",
        "financing.view_creditscheme",
    ],
    BANK_SUPERVISOR: [
        "ikm.view_businessgroup",
        "ikm.view_product",
        "ikm.view_theme",
        "kelurahan.view_kelurahan",
        "financing.view_lender",
        "financing.view_lenderstaff",
        "financing.view_mentorassignment",
        "financing.view_bookkeepingvisit",
        "financing.view_creditapplication",
        "financing.change_creditapplication",
        "financing.view_creditscheme",
    ],
    GROUP_LEADER: [
        "ikm.view_businessgroup",
        "ikm.change_businessgroup",
        "ikm.view_product",
        "ikm.add_product",
        "ikm.change_product",
        "ikm.delete_product",
        "ikm.view_certification",
        "ikm.add_certification",
        "ikm.change_certification",
        "ikm.delete_certification",
    ],
}


def user_roles(user) -> set[str]:
    """The user's role names, read once per request and kept on the user object."""
    if not user.is_authenticated:
        return set()
    if not hasattr(user, "_portal_roles"):
        user._portal_roles = set(user.groups.values_list("name", flat=True))
    return user._portal_roles


def is_dinas(user) -> bool:
    return user.is_superuser or bool(user_roles(user) & {DINAS_ADMIN, DINAS_STAFF})


def is_dinas_admin(user) -> bool:
    """Admin Dinas (or a superuser): for what even Dinas staff may not do."""
    return user.is_superuser or DINAS_ADMIN in user_roles(user)


def is_dinas_with(user, permission: str) -> bool:
    """Dinas staff or admin holding `permission`: who may open a Dinas page."""
    return is_dinas(user) and user.has_perm(permission)


def require_dinas(user, permission: str) -> None:
    """Dinas pages: Dinas staff or admin holding `permission`; anyone else gets 403."""
    from django.core.exceptions import PermissionDenied

    if not is_dinas_with(user, permission):
        raise PermissionDenied


def roles_sync(apps, schema_editor=None) -> None:
    """Create the role groups and give each exactly the permissions listed above."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        # Permissions are normally made after migrate; make them now so roles can hold them.
        # create_permissions skips app configs without models_module, which historical
        # (migration) app configs lack.
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = models_module

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, patterns in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role)
        permissions = []
        for pattern in patterns:
            app_label, codename = pattern.split(".")
            found = Permission.objects.filter(content_type__app_label=app_label)
            if codename != "*":
                found = found.filter(codename=codename)
            permissions.extend(found)
        group.permissions.set(permissions)
