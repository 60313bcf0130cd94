import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from . import registry


def my_data(request):
    """Everything the site holds about the signed-in person, readable. Always their own: the view
    takes no id, so nobody can ask for someone else's."""
    sections = registry.export(request.user)
    context = {"sections": sections, "generated_at": timezone.now()}
    response = render(request, "privacy/my_data.html", context)
    if request.GET.get("download"):
        response["Content-Disposition"] = _attachment(request, "html")
    return response


def my_data_json(request):
    data = {
        "generated_at": timezone.now(),
        "user_id": request.user.pk,
        "sections": {
            section.key: {
                "title": str(section.title),
                "datasets": {
                    dataset.key: {"title": str(dataset.title), "rows": dataset.as_json()}
                    for dataset in datasets
                },
            }
            for section, datasets in registry.export(request.user)
        },
    }
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = _attachment(request, "json")
    return response


def _attachment(request, extension):
    return f'attachment; filename="mine-data-{timezone.localdate():%Y-%m-%d}.{extension}"'
