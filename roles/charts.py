"""Numbers for the salaries page's server-rendered SVG bar chart (no JavaScript, no library)."""

import math
from collections import Counter

from core.charts import WIDTH, bar_row, chart_frame

VALUE_ROOM = 85  # after the longest bar, for its figure ("≈ 110,000")
BAR_AREA = WIDTH - VALUE_ROOM
AXIS_ROOM = 44  # under the bars: the axis line, its tick labels and its title
TICKS = 4  # about this many steps from 0 to the axis' end


def axis_ticks(top):
    """
    Round tick values from 0 to at least `top`, about TICKS steps of 1, 2, 2.5 or 5 times a power of ten
    (0, 50k, 100k, 150k), so a reader can place a bar without reading its figure.
    """
    if top <= 0:
        return [0, 1]
    raw = top / TICKS
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return [step * i for i in range(math.ceil(top / step) + 1)]


def short_amount(value):
    """150000 -> "150k", 1250000 -> "1.25M", 40 -> "40": a tick label that fits under its tick."""
    for size, suffix in ((1_000_000, "M"), (1_000, "k")):
        if value >= size:
            return f"{value / size:.2f}".rstrip("0").rstrip(".") + suffix
    return f"{value:g}"


def salary_chart(figures):
    """
    Bars for the figures that share the most common currency and period (bars of different units
    would mislead); the rest are listed as left out. Widths are in SVG units.
    """
    if not figures:
        return None
    unit = Counter((f.currency, f.period) for f in figures).most_common(1)[0][0]
    charted = [f for f in figures if (f.currency, f.period) == unit]
    ticks = axis_ticks(float(max(f.amount for f in charted)))
    end = ticks[-1]  # the bars are scaled to the axis, so a bar's length reads against the ticks
    bars = []
    for i, f in enumerate(charted):
        width = round(float(f.amount) / end * BAR_AREA, 1)
        bars.append({"figure": f, **bar_row(i), "width": width, "value_x": width + 6})
    frame = chart_frame(bars)
    axis_y = frame["height"] + 4
    period = charted[0].get_period_display()
    return {
        "bars": bars,
        "currency": unit[0],
        "period": period,
        "left_out": [f for f in figures if (f.currency, f.period) != unit],
        **frame,
        "height": axis_y + AXIS_ROOM,
        "axis": {
            "y": axis_y,
            "end_x": BAR_AREA,
            "label_y": axis_y + 17,
            "title_y": axis_y + AXIS_ROOM - 4,
            "title": f"{unit[0]} {period}".strip(),
            "ticks": [
                {"x": round(value / end * BAR_AREA, 1), "label": short_amount(value), "first": index == 0}
                for index, value in enumerate(ticks)
            ],
        },
    }
