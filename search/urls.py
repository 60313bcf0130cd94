from django.contrib.auth.decorators import login_not_required
from django.urls import path

from . import views

urlpatterns = [
    path("search/", views.search, name="search"),
    path("search/autocomplete/", views.autocomplete, name="search_autocomplete"),
    # The API answers anonymous callers itself (401 JSON), not with the login page's redirect.
    path("api/search/", login_not_required(views.api_search), name="search_api"),
]
