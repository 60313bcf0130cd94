"""The status report for the district's management: the same content as an HTML page (with a
print stylesheet) and as a PDF.

The PDF is drawn with fpdf2: pure Python, installed from PyPI alone (no system libraries such as
Cairo or Pango), kept up to date. Its built-in Helvetica covers Latin-1, which holds æ, ø and å;
the few typographic characters outside it are written as their plain equivalents."""

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from fpdf import FPDF

from .models import Goal, Measurement, figure

PLAIN = str.maketrans(
    {"–": "-", "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "„": '"', "…": "...", "•": "-"}
)


def context(initiative):
    measurements = Measurement.objects.order_by("measured_on", "pk")
    goals = list(
        initiative.goals.select_related("platform", "baseline").prefetch_related(
            Prefetch("measurements", queryset=measurements)
        )
    )
    for goal in goals:
        goal.all_measurements = list(goal.measurements.all())
        goal.latest = goal.all_measurements[-1] if goal.all_measurements else None
    return {
        "initiative": initiative,
        "members": initiative.memberships.select_related("user"),
        "actors": list(initiative.actors.all()),
        "platforms": list(initiative.platforms.all()),
        "baselines": list(initiative.baselines.select_related("platform")),
        "process_goals": [g for g in goals if g.kind == Goal.Kind.PROCESS],
        "effect_goals": [g for g in goals if g.kind == Goal.Kind.EFFECT],
        "ripples": list(initiative.ripples.all()),
        "moves": list(initiative.phase_moves.select_related("moved_by")),
        "generated": timezone.localdate(),
    }


def _plain(text):
    return str(text).translate(PLAIN).encode("latin-1", "replace").decode("latin-1")


class StatusReport(FPDF):
    def heading(self, text, size=13):
        self.ln(3)
        self.set_font("Helvetica", "B", size)
        self.multi_cell(0, 7, _plain(text), new_x="LMARGIN", new_y="NEXT")
        self.set_font("Helvetica", "", 10)

    def line_of_text(self, text, bold=False):
        self.set_font("Helvetica", "B" if bold else "", 10)
        self.multi_cell(0, 5, _plain(text), new_x="LMARGIN", new_y="NEXT")
        self.set_font("Helvetica", "", 10)

    def footer(self):
        self.set_y(-12)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 6, _plain(_("Side %(page)s") % {"page": self.page_no()}), align="C")


def _day(value):
    return date_format(value, "j. F Y")


def _goal_lines(pdf, goals):
    for goal in goals:
        platform = f" ({goal.platform.name})" if goal.platform_id else ""
        pdf.line_of_text(f"{goal.text}{platform}", bold=True)
        pdf.line_of_text(f"{goal.get_measure_display()}. {goal.indicator}".strip())
        if goal.target is not None:
            pdf.line_of_text(
                _("Måltal: %(target)s %(unit)s") % {"target": figure(goal.target), "unit": goal.unit}
            )
        if goal.baseline_id:
            pdf.line_of_text(
                _("Baseline %(date)s: %(text)s")
                % {"date": _day(goal.baseline.measured_on), "text": goal.baseline.description}
            )
        for measurement in goal.all_measurements:
            value = (
                f"{figure(measurement.value)} {goal.unit}".strip() if measurement.value is not None else ""
            )
            pdf.line_of_text(f"- {_day(measurement.measured_on)}: {value} {measurement.note}".strip())
        pdf.ln(1)


def pdf(ctx):
    initiative = ctx["initiative"]
    document = StatusReport(format="A4")
    document.set_title(_plain(initiative.name))
    document.set_author("Co+creation")
    document.set_auto_page_break(True, margin=16)
    document.add_page()
    document.set_font("Helvetica", "", 9)
    document.cell(
        0,
        5,
        _plain(_("Statusrapport · %(date)s") % {"date": _day(ctx["generated"])}),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    if initiative.is_example:
        document.line_of_text(
            _("Eksempel bygget på en case fra kataloget – ikke et rigtigt initiativ."), bold=True
        )
    document.heading(initiative.name, size=17)
    document.line_of_text(f"{initiative.district.name} · {initiative.get_phase_display()}")
    document.heading(_("Den fælles samlende udfordring"))
    document.line_of_text(initiative.challenge)
    document.heading(_("Organisering"))
    anchor = initiative.anchor_person.display_name if initiative.anchor_person_id else _("ikke udpeget")
    document.line_of_text(_("Ankerperson: %(name)s") % {"name": anchor})
    if initiative.tovholder:
        document.line_of_text(_("Tovholder: %(name)s") % {"name": initiative.tovholder})
    document.line_of_text(
        _("Arbejdsgruppen: %(names)s") % {"names": ", ".join(m.user.display_name for m in ctx["members"])}
    )
    if ctx["actors"]:
        document.heading(_("Aktører"), size=11)
        for actor in ctx["actors"]:
            document.line_of_text(f"- {actor.name} ({actor.get_actor_type_display()}) {actor.role}".strip())
    if ctx["platforms"]:
        document.heading(_("Udviklingsplatforme"), size=11)
        for platform in ctx["platforms"]:
            document.line_of_text(f"- {platform.name}: {platform.focus_area}")
    document.heading(_("Baseline"))
    for baseline in ctx["baselines"]:
        document.line_of_text(
            f"{_day(baseline.measured_on)}: {baseline.description} ({_('Kilde')}: {baseline.source})"
        )
    if not ctx["baselines"]:
        document.line_of_text(_("Ingen baseline beskrevet endnu."))
    document.heading(_("Procesmål"))
    _goal_lines(document, ctx["process_goals"])
    document.heading(_("Effektmål"))
    _goal_lines(document, ctx["effect_goals"])
    document.heading(_("Ringe i vandet"))
    for ripple in ctx["ripples"]:
        led_to = f" {_('Førte til')}: {ripple.led_to}" if ripple.led_to else ""
        document.line_of_text(
            f"- {_day(ripple.noticed_on)} ({ripple.noticed_by}): {ripple.description}{led_to}"
        )
    if not ctx["ripples"]:
        document.line_of_text(_("Ingen ringe i vandet noteret endnu."))
    document.heading(_("Faseskift"))
    for move in ctx["moves"]:
        who = move.moved_by.display_name if move.moved_by_id else ""
        document.line_of_text(
            f"{_day(move.moved_on)}: {move.get_from_phase_display()} -> "
            f"{move.get_to_phase_display()} ({who})",
            bold=True,
        )
        document.line_of_text(move.note)
        if move.reality_check:
            document.line_of_text(_("Realitetstjek: %(text)s") % {"text": move.reality_check})
    return bytes(document.output())
