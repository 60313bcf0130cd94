import pytest

from courses.models import Choice, CourseIndexPage, CoursePage, LessonPage, ModulePage, Question, Quiz
from courses.quiz import choice_value
from tests.conftest import add_page


def text_body(text):
    return [("text", f"<p>{text}</p>")]


def add_lesson(module, n, **fields):
    fields.setdefault("body", text_body(f"Indhold i lektion {n}."))
    return add_page(
        module, LessonPage(title=f"Lektion {n}", slug=f"lektion-{n}", intro=f"Om lektion {n}", **fields)
    )


def make_quiz(title="Quiz om faserne", questions=2, **fields):
    """A quiz whose questions each have one correct choice ("Rigtigt N") and two wrong ones."""
    quiz = Quiz.objects.create(title=title, **fields)
    for n in range(1, questions + 1):
        question = Question(
            quiz=quiz, sort_order=n, prompt=f"Spørgsmål nummer {n}?", explanation=f"Forklaring {n}"
        )
        question.choices = [
            Choice(text=f"Rigtigt {n}", is_correct=True, feedback=f"Godt svaret {n}"),
            Choice(text=f"Forkert A{n}", feedback=f"Feedback A{n}"),
            Choice(text=f"Forkert B{n}", feedback=f"Feedback B{n}"),
        ]
        question.save()
    return quiz


@pytest.fixture
def course_index(home_page):
    return add_page(home_page, CourseIndexPage(title="Uddannelse", slug="uddannelse", show_in_menus=True))


@pytest.fixture
def user_course(course_index):
    """The user-track course: one module with a quiz and three lessons."""
    course = add_page(
        course_index,
        CoursePage(
            title="Co-creation for brugere", slug="bruger", track="bruger", intro="<p>Grundkursus</p>"
        ),
    )
    module = add_page(course, ModulePage(title="Metoden", slug="metoden", quiz=make_quiz()))
    for n in range(1, 4):
        add_lesson(module, n)
    return course


@pytest.fixture
def superuser_course(course_index, user_course):
    course = add_page(
        course_index,
        CoursePage(
            title="Co-creation for superbrugere",
            slug="superbruger",
            track="superbruger",
            intro="<p>For ankerpersoner</p>",
            prerequisite=user_course,
        ),
    )
    module = add_page(course, ModulePage(title="Roller", slug="roller"))
    add_lesson(module, 1)
    return course


def module_of(course):
    return ModulePage.objects.child_of(course).first()


def lessons_of(course):
    return list(LessonPage.objects.descendant_of(course).order_by("path"))


def answers(attempt, pick):
    """The form data of ``attempt`` choosing, for each question, the choices ``pick`` returns
    from the question's choices (values as the attempt's form sends them)."""
    return {
        f"question-{question.pk}": [
            choice_value(attempt, choice) for choice in pick(list(question.choices.all()))
        ]
        for question in attempt.quiz.questions.all()
    }


def right_answers(attempt):
    return answers(attempt, lambda choices: [choice for choice in choices if choice.is_correct])


def wrong_answers(attempt):
    return answers(attempt, lambda choices: [next(choice for choice in choices if not choice.is_correct)])
