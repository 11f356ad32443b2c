"""Numbers for the salaries page's server-rendered SVG bar chart (no JavaScript, no library)."""

from collections import Counter

BAR_HEIGHT = 28
GAP = 12
LABEL_WIDTH = 320
BAR_AREA = 420


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
    bars = [
        {
            "figure": f,
            "y": i * (BAR_HEIGHT + GAP),
            "text_y": i * (BAR_HEIGHT + GAP) + BAR_HEIGHT * 0.65,
            "width": round(float(f.amount / top) * BAR_AREA, 1),
            "value_x": LABEL_WIDTH + round(float(f.amount / top) * BAR_AREA, 1) + 8,
        }
        for i, f in enumerate(charted)
    ]
    return {
        "bars": bars,
        "currency": unit[0],
        "period": charted[0].get_period_display(),
        "left_out": [f for f in figures if (f.currency, f.period) != unit],
        "height": len(bars) * (BAR_HEIGHT + GAP),
        "width": LABEL_WIDTH + BAR_AREA + 110,
        "label_width": LABEL_WIDTH,
        "bar_height": BAR_HEIGHT,
    }
