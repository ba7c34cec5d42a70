from django.contrib import admin
from django.utils.translation import gettext_lazy as _


class PortalAdminSite(admin.AdminSite):
    """The admin, titled with the portal's own name as it stands in the database."""

    site_title = _("Quản trị cổng thông tin")
    # The side menu took a fifth of a 1366 px screen from every form; the home page and
    # the breadcrumbs lead everywhere it did.
    enable_nav_sidebar = False
    index_title = _("Trang quản trị")

    def has_permission(self, request):
        """Staff work on their own commune's host only (province accounts everywhere)."""
        from communes.models import StaffAccount

        return super().has_permission(request) and StaffAccount.objects.works_in(
            request.user, getattr(request, "commune", None)
        )

    def each_context(self, request):
        context = super().each_context(request)
        # Loaded with the request's commune (communes.hosts); none on the province's host.
        identity = getattr(getattr(request, "commune", None), "identity", None)
        if identity:
            name = identity.committee_short_name or identity.committee_name
            context["site_header"] = f"Quản trị: {name} {identity.commune_name}"
        else:
            context["site_header"] = _("Quản trị cổng thông tin")
        return context
