"""Panels that apps add to another app's page through a Wagtail hook, so the page's app never
imports them (the home dashboard, a case page, a phase or tool page)."""

from wagtail import hooks


def hook_panels(hook_name, request, page):
    """What the functions registered with ``hook_name`` add to ``page``, in ``order`` (100 when not
    given). Each receives the request and the page and returns ``None`` (nothing to show for this
    user or page) or a dict with ``template`` and the context that template needs."""
    panels = []
    for panel_for in hooks.get_hooks(hook_name):
        panel = panel_for(request, page)
        if panel:
            panels.append(panel)
    return sorted(panels, key=lambda panel: panel.get("order", 100))
