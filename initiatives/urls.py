from django.urls import path

from . import views

app_name = "initiatives"

urlpatterns = [
    path("initiativer/", views.initiative_list, name="list"),
    path("initiativer/nyt/", views.initiative_create, name="create"),
    path("initiativer/<int:pk>/", views.initiative_detail, name="detail"),
    path("initiativer/<int:pk>/ret/", views.initiative_edit, name="edit"),
    path("initiativer/<int:pk>/fase/<int:number>/", views.phase_detail, name="phase"),
    path("initiativer/<int:pk>/faseskift/", views.phase_move, name="phase_move"),
    path("initiativer/<int:pk>/arbejdsgruppen/", views.member_invite, name="member_invite"),
    path(
        "initiativer/<int:pk>/arbejdsgruppen/<int:user_id>/fjern/", views.member_remove, name="member_remove"
    ),
    path("initiativer/<int:pk>/aktoerer/", views.actor_add, name="actor_add"),
    path("initiativer/<int:pk>/aktoerer/<int:actor_id>/fjern/", views.actor_remove, name="actor_remove"),
    path("initiativer/<int:pk>/platforme/", views.platform_add, name="platform_add"),
    path("initiativer/<int:pk>/maal/", views.goals, name="goals"),
    path("initiativer/<int:pk>/maal/<int:goal_id>/", views.goal_detail, name="goal"),
    path("initiativer/<int:pk>/ringe-i-vandet/", views.ripples, name="ripples"),
    path("initiativer/<int:pk>/tidslinje/", views.timeline_view, name="timeline"),
    path("initiativer/<int:pk>/statusrapport/", views.status_report, name="report"),
    path("initiativer/<int:pk>/statusrapport.pdf", views.status_report_pdf, name="report_pdf"),
    path("initiativer/<int:pk>/til-case/", views.to_case, name="to_case"),
]
