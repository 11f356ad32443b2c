"""Numbers for the salaries page's server-rendered SVG bar chart (no JavaScript, no library)."""

from collections import Counter

from core.charts import WIDTH, bar_row, chart_frame

VALUE_ROOM = 85  # after the longest bar, for its figure ("≈ 110,000")
BAR_AREA = WIDTH - VALUE_ROOM


def salary_chart(figures):
    """
    Bars for the figures that share the most common currency and period (bars of different units
    would mislead); the rest are listed as left out. Widths are in SVG units.
    """
    if not figures:
        return None
    unit = Counter((f.currency, f.period) for f in figures).most_common(1)[0][0]
    charted = [f for f in figures if (f.currency, f.period) == unit]
    top = max(f.amount for f in charted)
    bars = []
    for i, f in enumerate(charted):
        width = round(float(f.amount / top) * BAR_AREA, 1)
        bars.append({"figure": f, **bar_row(i), "width": width, "value_x": width + 6})
    return {
        "bars": bars,
        "currency": unit[0],
        "period": charted[0].get_period_display(),
        "left_out": [f for f in figures if (f.currency, f.period) != unit],
        **chart_frame(bars),
    }
