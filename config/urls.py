from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.generic import RedirectView
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views

urlpatterns = [
    path("healthz", home_views.healthz, name="healthz"),
    # Wagtail's own login form would bypass allauth's rate limits: send it to the allauth login.
    path(
        "admin/login/",
        login_not_required(RedirectView.as_view(pattern_name="account_login", query_string=True)),
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/setlang/", set_language, name="set_language"),
]

# Each app contributes its own non-page views (APIs, forms, certificates) from <app>/urls.py.
urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("", include("home.urls")),
    path("", include("cases.urls")),
    path("", include("toolbox.urls")),
    path("", include("courses.urls")),
    path("", include("erfa.urls")),
    path("", include("initiatives.urls")),
    path("", include("privacy.urls")),
    path("", include("search.urls")),
    # Pages: Wagtail's own serve view; the home page routes in two queries (home/routing.py).
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
