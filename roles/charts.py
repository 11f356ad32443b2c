"""Numbers for the salaries page's server-rendered SVG bar chart (no JavaScript, no library)."""

from collections import Counter

# Each bar has its label on a line of its own above it, so the chart is narrow enough to keep 14px text
# legible when a 390 px phone scales it down (a label column beside the bars made it 850 units wide,
# and its text about 5 px tall there).
WIDTH = 360
LABEL_LINE = 18  # the label's line above the bar
BAR_HEIGHT = 20
GAP = 14
VALUE_ROOM = 85  # after the longest bar, for its figure ("≈ 110,000")
BAR_AREA = WIDTH - VALUE_ROOM
ROW = LABEL_LINE + BAR_HEIGHT + GAP


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
        bars.append(
            {
                "figure": f,
                "label_y": i * ROW + LABEL_LINE - 5,
                "y": i * ROW + LABEL_LINE,
                "text_y": i * ROW + LABEL_LINE + BAR_HEIGHT * 0.75,
                "width": width,
                "value_x": width + 6,
            }
        )
    return {
        "bars": bars,
        "currency": unit[0],
        "period": charted[0].get_period_display(),
        "left_out": [f for f in figures if (f.currency, f.period) != unit],
        "height": len(bars) * ROW,
        "width": WIDTH,
        "bar_height": BAR_HEIGHT,
    }
