from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import ListingButton

from . import admin_views
from .erasure import can_erase


@hooks.register("register_user_menu_item")
def my_data_menu_item(request):
    return {"label": _("Mine data"), "url": reverse("privacy:my_data")}


@hooks.register("register_my_learning_panel")
def my_data_learning_panel(request, page):
    return {"template": "privacy/panels/my_data.html", "order": 90}


@hooks.register("register_admin_urls")
def erasure_urls():
    return [path("privacy/erase/<int:user_id>/", admin_views.erase_user, name="privacy_erase_user")]


@hooks.register("register_user_listing_buttons")
def erase_button(user, request_user):
    # Shown for every other user (an erased one's page says so): one query per row would be
    # needed to leave them out.
    if can_erase(request_user) and user.pk != request_user.pk:
        yield ListingButton(
            _("Slet persondata"), reverse("privacy_erase_user", args=[user.pk]), priority=90, icon_name="bin"
        )
