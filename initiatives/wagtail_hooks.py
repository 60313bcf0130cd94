from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail import hooks

from .models import Initiative

PANEL_INITIATIVES = 3


def _my_initiatives(request):
    # The user's own working groups: what they come back to every week.
    return list(
        Initiative.objects.filter(memberships__user=request.user)
        .select_related("district")
        .order_by("-updated_at")[:PANEL_INITIATIVES]
    )


def _panel(order):
    def panel(request, page):
        return {
            "template": "initiatives/panels/initiatives.html",
            "order": order,
            "initiatives": _my_initiatives(request),
        }

    return panel


hooks.register("register_home_panel", _panel(15))
hooks.register("register_my_learning_panel", _panel(10))


@hooks.register("register_user_menu_item")
def my_initiatives_menu_item(request):
    return {"label": _("Mine initiativer"), "url": reverse("initiatives:list")}


@hooks.register("register_catalogue_loader")
def initiatives_loader():
    from .demo import load_demo_initiatives

    # After the cases (20) and search (50): the examples are built from the catalogue's cases.
    return {"order": 60, "name": "initiatives", "load": load_demo_initiatives}
