from django.urls import path

from erfa import views

app_name = "erfa"

urlpatterns = [
    path("erfa-posts/", views.my_posts, name="my_posts"),
    path("erfa-posts/ny/", views.post_create, name="post_create"),
    path("erfa-posts/<int:pk>/", views.post_detail, name="post_detail"),
    path("erfa-posts/<int:pk>/ret/", views.post_edit, name="post_edit"),
    path("erfa-posts/<int:pk>/til-case/", views.post_to_case_draft, name="post_to_case_draft"),
]
