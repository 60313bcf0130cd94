"""What the site holds about a person, app by app: one registry that the learner's download and
the administrator's erasure both read.

An app registers a subclass of ``PersonalData`` in its ``personal_data`` module::

    @register
    class CourseData(PersonalData):
        key = "courses"
        title = _("Kurser")
        order = 10

        def export(self, user):
            return [Dataset("enrollments", _("Tilmeldinger"), [("course", _("Kursus"))], rows)]

        def erase(self, user):
            return {"refleksioner slettet": deleted}

``export`` returns ``Dataset``s (a title, labelled columns and rows of plain values: text,
numbers, dates, booleans, lists and dicts of them). ``erase`` removes or anonymises what the app
holds and returns counts for the administrator's receipt (never personal values). Erasure runs in
reverse order, so the accounts (order 0) go last and every app still sees the person's name and
e-mail address, to find where others wrote them."""

from abc import ABC, abstractmethod
from dataclasses import dataclass, field

_registry = {}


@dataclass
class Dataset:
    key: str
    title: str
    columns: list  # [(key, label)]
    rows: list = field(default_factory=list)

    def as_json(self):
        return [dict(row) for row in self.rows]

    def cells(self):
        """The rows as lists in column order, for the readable page."""
        return [[row.get(key) for key, _label in self.columns] for row in self.rows]


class PersonalData(ABC):
    """One app's share of a person's data. Abstract: ``register`` instantiates the subclass, so an
    app that forgets ``export`` or ``erase`` fails at start-up, not in an erasure."""

    key = ""
    title = ""
    order = 50

    @abstractmethod
    def export(self, user):
        """The app's ``Dataset``s about ``user``."""

    @abstractmethod
    def erase(self, user):
        """Remove or anonymise what the app holds about ``user``; counts for the receipt."""


def register(cls):
    _registry[cls.key] = cls()
    return cls


def sections():
    return sorted(_registry.values(), key=lambda section: (section.order, section.key))


def export(user):
    """[(section, [Dataset, ...]), ...] for ``user``, in the order the readable page shows them."""
    return [(section, section.export(user)) for section in sections()]
