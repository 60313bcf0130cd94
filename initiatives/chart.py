"""A small line chart of a quantitative goal's measurements against its baseline and target,
drawn on the server as SVG coordinates for the template (no script, so the content security
policy holds and the chart prints). The measurements are also shown as a table beside it."""

from decimal import Decimal

from django.utils.formats import date_format

from .models import figure

WIDTH, HEIGHT = 560, 220
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 36


def _scale(value, low, high, start, end):
    if high == low:
        return (start + end) / 2
    return start + (float(value) - float(low)) / (float(high) - float(low)) * (end - start)


def goal_chart(goal, measurements):
    """The chart's geometry, or None when there is nothing to draw (a qualitative goal, or no
    measurement yet)."""
    points = [m for m in measurements if m.value is not None]
    if not goal.is_quantitative or not points:
        return None
    baseline = goal.baseline if goal.baseline_id and goal.baseline.value is not None else None
    dated = [(m.measured_on, m.value) for m in points]
    if baseline is not None:
        dated.insert(0, (baseline.measured_on, baseline.value))
    values = [value for _date, value in dated] + ([goal.target] if goal.target is not None else [])
    low, high = min(values + [Decimal(0)]), max(values)
    if high == low:
        high = low + 1
    first_day, last_day = dated[0][0].toordinal(), dated[-1][0].toordinal()

    def x(day):
        return round(_scale(day.toordinal(), first_day, last_day, LEFT, WIDTH - RIGHT), 1)

    def y(value):
        return round(_scale(value, low, high, HEIGHT - BOTTOM, TOP), 1)

    marks = [
        {
            "x": x(m.measured_on),
            "y": y(m.value),
            "label": f"{date_format(m.measured_on, 'j. F Y')}: {figure(m.value)}",
        }
        for m in points
    ]
    line = [(x(day), y(value)) for day, value in dated]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "top": TOP,
        "bottom": HEIGHT - BOTTOM,
        "polyline": " ".join(f"{px},{py}" for px, py in line),
        "marks": marks,
        "baseline_y": y(baseline.value) if baseline is not None else None,
        "baseline_x": x(baseline.measured_on) if baseline is not None else None,
        "target_y": y(goal.target) if goal.target is not None else None,
        "ticks": [{"y": y(value), "label": figure(value)} for value in (low, (low + high) / 2, high)],
        "first_label": date_format(dated[0][0], "j. F Y"),
        "last_label": date_format(dated[-1][0], "j. F Y"),
        "unit": goal.unit,
    }
