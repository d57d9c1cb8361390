from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from portal.audit import audit_connect
        from portal.caching import caching_connect

        audit_connect()
        caching_connect()
