from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from home.resilient_cache import cache_answers


@login_not_required
@never_cache
def healthz(request):
    """For load balancers and monitoring: 200 when the database and the cache answer, 503 naming
    what does not. The site keeps serving pages without the cache (slower), so the cache being
    down is reported, not hidden (docs/OPERATIONS.md)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        database = "up"
    except DatabaseError:
        database = "down"
    status = {"database": database, "cache": "up" if cache_answers(cache) else "down"}
    healthy = all(state == "up" for state in status.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **status}, status=200 if healthy else 503
    )
