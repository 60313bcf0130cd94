"""The home page is a dashboard that other apps add panels to, so home never imports them.

An app registers a function with the ``register_home_panel`` hook. It receives the request and the
home page and returns ``None`` (nothing to show) or a dict with ``template``, ``order`` and any
context the template needs."""

from wagtail import hooks


def dashboard_panels(request, home_page):
    panels = []
    for panel_for in hooks.get_hooks("register_home_panel"):
        panel = panel_for(request, home_page)
        if panel:
            panels.append(panel)
    return sorted(panels, key=lambda panel: panel.get("order", 100))
