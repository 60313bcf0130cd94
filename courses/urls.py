from django.urls import path

from . import views

app_name = "courses"

urlpatterns = [
    path("learning/", views.my_learning, name="my_learning"),
    path("learning/assign/", views.assign_course, name="assign_course"),
    # The learning actions themselves (lesson done, reflections, starting a quiz) are sub-routes of
    # their pages (courses.models.pages), served as the page is, under its view restrictions.
    path(
        "learning/reflections/<int:reflection_id>/delete/", views.delete_reflection, name="delete_reflection"
    ),
    path("learning/attempts/<int:attempt_id>/", views.attempt_view, name="attempt"),
    path("learning/attempts/<int:attempt_id>/submit/", views.attempt_submit, name="attempt_submit"),
    path("learning/attempts/<int:attempt_id>/result/", views.attempt_result, name="attempt_result"),
    path("learning/certificates/<int:certificate_id>/", views.certificate_view, name="certificate"),
    path("learning/verify/", views.verify_certificate, name="verify_certificate"),
]
