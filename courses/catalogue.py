"""Loads the courses from ``courses/content/*.yaml`` (``manage.py load_catalogue``, order 30).

Idempotent: pages are matched by slug under their parent, quizzes by title. A quiz that already
exists is left as it is unless ``--force``: editors and learners' attempts may depend on it.
Lesson blocks get ids derived from the lesson's slug and position, so reloading keeps the
learners' reflection answers attached to their questions. Links to cases, tools and phases are
made when those pages exist (their loaders run first) and skipped, with a note, when not."""

import uuid

from wagtail.models import Locale

from cases.models import CasePage
from home.catalogue import read_content, translate, upsert_page
from toolbox.models import PhasePage, ToolPage

from .models import Choice, CourseIndexPage, CoursePage, LessonPage, ModulePage, Question, Quiz

BLOCK_NAMESPACE = uuid.UUID("6f1c0d1e-7c55-4b0e-9a53-2d0c6c4f7a10")


def page_by_slug(model, slug):
    """The live page of another app's type with this slug, or None (not loaded yet)."""
    return model.objects.live().filter(slug=slug).order_by("locale_id").first()


def phase_page(number):
    return PhasePage.objects.live().filter(number=number).order_by("locale_id").first()


def lesson_body(ctx, lesson_slug, items):
    body = []
    for position, item in enumerate(items):
        ((kind, value),) = item.items()
        block_id = str(uuid.uuid5(BLOCK_NAMESPACE, f"{lesson_slug}:{position}"))
        if kind in ("heading", "text"):
            block = {"type": kind, "value": value}
        elif kind == "callout":
            block = {"type": "callout", "value": {"kind": "info", "heading": "", **value}}
        elif kind == "term":
            block = {"type": "glossary_term", "value": value}
        elif kind == "reflection":
            block = {"type": "reflection", "value": {"hint": "", **value}}
        elif kind == "tool":
            tool = page_by_slug(ToolPage, value["tool"])
            if tool is None:
                ctx.log(f"  no tool page '{value['tool']}' yet: link left out of {lesson_slug}")
                continue
            block = {"type": "tool_reference", "value": {"tool": tool.pk, "note": value.get("note", "")}}
        elif kind == "case":
            case = page_by_slug(CasePage, value["case"])
            if case is None:
                ctx.log(f"  no case page '{value['case']}' yet: link left out of {lesson_slug}")
                continue
            block = {
                "type": "case_reference",
                "value": {
                    "case": case.pk,
                    "section": value.get("section", ""),
                    "note": value.get("note", ""),
                },
            }
        else:
            raise ValueError(f"{lesson_slug}: unknown block '{kind}'")
        body.append({**block, "id": block_id})
    return body


def load_quiz(ctx, content):
    # The Danish quiz; its English translation is made by ``translate``.
    danish = Locale.get_default()
    quiz = Quiz.objects.filter(title=content["title"], locale=danish).first()
    if quiz is not None and not ctx.force:
        return quiz
    fields = {
        "intro": content.get("intro", ""),
        "pass_mark": content.get("pass_mark", 80),
        "max_attempts": content.get("max_attempts"),
        "shuffle": content.get("shuffle", True),
        "review_policy": content.get("review_policy", Quiz.REVIEW_MARKS_THEN_ANSWERS),
    }
    quiz, _ = Quiz.objects.update_or_create(title=content["title"], locale=danish, defaults=fields)
    for position, item in enumerate(content["questions"], start=1):
        question = Question.objects.filter(quiz=quiz, sort_order=position).first() or Question(
            quiz=quiz, sort_order=position
        )
        question.kind = item.get("kind", Question.SINGLE)
        question.prompt = item["prompt"]
        question.explanation = item.get("explanation", "")
        question.phase = phase_page(item["phase"]) if item.get("phase") else None
        question.case = page_by_slug(CasePage, item["case"]) if item.get("case") else None
        question.case_section = item.get("case_section", "") if question.case else ""
        # The content files list the right choice first: stored in that order, the choices' ids
        # and sort order would give the answer away. They are stored in the order of their text.
        # Choices are updated in place (same text first, then by position) so learners' recorded
        # answers keep their ids.
        existing = list(question.choices.all()) if question.pk else []
        wanted = sorted(item["choices"], key=lambda choice_content: choice_content["text"])
        texts = {choice_content["text"] for choice_content in wanted}
        kept = {choice.text: choice for choice in existing if choice.text in texts}
        spare = [choice for choice in existing if choice.text not in texts]
        choices = []
        for index, choice_content in enumerate(wanted):
            choice = kept.get(choice_content["text"]) or (spare.pop(0) if spare else Choice())
            choice.text = choice_content["text"]
            choice.is_correct = bool(choice_content.get("correct"))
            choice.feedback = choice_content.get("feedback", "")
            choice.sort_order = index
            choices.append(choice)
        question.choices = choices
        question.save()
    Question.objects.filter(quiz=quiz, sort_order__gt=len(content["questions"])).delete()
    ctx.count("quizzes")
    return quiz


def load_course(ctx, index, content):
    prerequisite = None
    if content.get("prerequisite"):
        prerequisite = CoursePage.objects.child_of(index).filter(slug=content["prerequisite"]).first()
    course = upsert_page(
        ctx,
        index,
        CoursePage,
        content["slug"],
        {
            "title": content["title"],
            "track": content["track"],
            "intro": content["intro"],
            "learning_objectives": content.get("learning_objectives", ""),
            "estimated_minutes": content.get("estimated_minutes", 60),
            "prerequisite": prerequisite,
        },
    )
    english = content.get("english")
    translated = [course]
    for module_content in content["modules"]:
        quiz = load_quiz(ctx, module_content["quiz"]) if module_content.get("quiz") else None
        if quiz is not None:
            # Before the pages: an English module links to the English quiz, which must exist.
            translate(quiz, english)
        module = upsert_page(
            ctx,
            course,
            ModulePage,
            module_content["slug"],
            {"title": module_content["title"], "intro": module_content.get("intro", ""), "quiz": quiz},
        )
        translated.append(module)
        for lesson_content in module_content["lessons"]:
            lesson = upsert_page(
                ctx,
                module,
                LessonPage,
                lesson_content["slug"],
                {
                    "title": lesson_content["title"],
                    "intro": lesson_content.get("intro", ""),
                    "estimated_minutes": lesson_content.get("minutes", 10),
                    "body": lesson_body(ctx, lesson_content["slug"], lesson_content["body"]),
                },
            )
            translated.append(lesson)
    for page in translated:
        translate(page, english)
    return course


def load_courses(ctx):
    content = read_content("courses", "index")
    index = upsert_page(
        ctx,
        ctx.home,
        CourseIndexPage,
        "uddannelse",
        {"title": content["title"], "intro": content["intro"], "show_in_menus": True},
    )
    translate(index, content.get("english"))
    for name in content["courses"]:
        load_course(ctx, index, read_content("courses", name))
