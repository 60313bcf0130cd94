from .assignments import AssignmentReminder, CourseAssignment
from .pages import CourseIndexPage, CoursePage, LessonPage, ModulePage
from .progress import Certificate, CourseEnrollment, LessonCompletion, ReflectionAnswer
from .quiz import AttemptAnswer, AttemptQuestion, Choice, Question, Quiz, QuizAttempt

__all__ = [
    "AssignmentReminder",
    "CourseAssignment",
    "AttemptAnswer",
    "AttemptQuestion",
    "Certificate",
    "Choice",
    "CourseEnrollment",
    "CourseIndexPage",
    "CoursePage",
    "LessonCompletion",
    "LessonPage",
    "ModulePage",
    "Question",
    "Quiz",
    "QuizAttempt",
    "ReflectionAnswer",
]
