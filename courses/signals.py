from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import CoursePage, LessonPage, ModulePage
from .progress import invalidate_course_structure

for model in (CoursePage, ModulePage, LessonPage):
    post_save.connect(
        invalidate_course_structure, sender=model, dispatch_uid=f"courses-structure-save-{model.__name__}"
    )
    post_delete.connect(
        invalidate_course_structure, sender=model, dispatch_uid=f"courses-structure-delete-{model.__name__}"
    )
post_page_move.connect(invalidate_course_structure, dispatch_uid="courses-structure-move")
# Unpublishing saves a plain Page instance, which the post_save hooks above do not see.
page_published.connect(invalidate_course_structure, dispatch_uid="courses-structure-publish")
page_unpublished.connect(invalidate_course_structure, dispatch_uid="courses-structure-unpublish")
