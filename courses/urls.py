from django.urls import path

from . import views

app_name = "courses"

urlpatterns = [
    path("learning/", views.my_learning, name="my_learning"),
    path("learning/assign/", views.assign_course, name="assign_course"),
    # The learning actions are sub-routes of their pages (courses.models.pages.QuizPageMixin);
    # these id-based URLs lead there.
    path(
        "learning/lessons/<int:page_id>/done/",
        views.page_action,
        {"route": "lesson_done"},
        name="lesson_done",
    ),
    path(
        "learning/lessons/<int:page_id>/reflections/<str:block_id>/",
        views.page_action,
        {"route": "save_reflection"},
        name="save_reflection",
    ),
    path(
        "learning/reflections/<int:reflection_id>/delete/", views.delete_reflection, name="delete_reflection"
    ),
    path("learning/quiz/<int:page_id>/start/", views.page_action, {"route": "quiz_start"}, name="quiz_start"),
    path("learning/attempts/<int:attempt_id>/", views.attempt_view, name="attempt"),
    path("learning/attempts/<int:attempt_id>/submit/", views.attempt_submit, name="attempt_submit"),
    path("learning/attempts/<int:attempt_id>/result/", views.attempt_result, name="attempt_result"),
    path("learning/certificates/<int:certificate_id>/", views.certificate_view, name="certificate"),
    path("learning/verify/", views.verify_certificate, name="verify_certificate"),
]
