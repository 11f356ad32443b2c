"""
Numbers for the skill demand page's server-rendered SVG charts (no JavaScript, no library, no inline
style: the bars and lines take their colours from classes in site.css). Sizes are in SVG units; the
ranking's bars are laid out as every bar chart of the site (core/charts.py).
"""

from core.charts import WIDTH, bar_row, chart_frame

CHART_SKILLS = 15  # bars on the ranking chart; the table below it lists every skill

# The ranking: each skill's label on a line of its own above its bar.
VALUE_ROOM = 125  # after the longest bar, for "100% · in demand"
BAR_AREA = WIDTH - VALUE_ROOM

# The trend: one small line chart per skill, the months from left to right.
LINE_HEIGHT = 70
PAD = 6


def ranking_chart(skills):
    """
    One bar per skill (the first CHART_SKILLS of the ranking) as long as the share of live postings that
    ask for it, scaled so the most asked-for fills the width: its essential part, then its optional part.
    """
    charted = skills[:CHART_SKILLS]
    if not charted:
        return None
    top = max(row.share for row in charted) or 1
    bars = []
    for i, row in enumerate(charted):
        essential = round(row.essential_share / top * BAR_AREA, 1)
        optional = round(row.optional_share / top * BAR_AREA, 1)
        bars.append(
            {
                "row": row,
                **bar_row(i),
                "essential_width": essential,
                "optional_x": essential,
                "optional_width": optional,
                "value_x": round(essential + optional + 6, 1),
            }
        )
    return {"bars": bars, **chart_frame(bars)}


def trend_chart(report):
    """
    A line per trend skill over the months, all on one scale (0 to the highest monthly share among
    them), so that the lines compare. A month without postings breaks the line: it has no share.
    """
    if not report.trend or not any(month.postings for month in report.months):
        return None
    top = max((p.share for line in report.trend for p in line.points if p.share is not None), default=0) or 1
    steps = max(len(report.months) - 1, 1)

    def x(index):
        return round(PAD + index * (WIDTH - 2 * PAD) / steps, 1)

    def y(share):
        return round(LINE_HEIGHT - PAD - share / top * (LINE_HEIGHT - 2 * PAD), 1)

    lines = []
    for line in report.trend:
        segments, current = [], []
        for index, point in enumerate(line.points):
            if point.share is None:
                if current:
                    segments.append(current)
                current = []
                continue
            current.append(f"{x(index)},{y(point.share)}")
        if current:
            segments.append(current)
        shown = line.shown_points
        lines.append(
            {
                "trend": line,
                "polylines": [" ".join(segment) for segment in segments if len(segment) > 1],
                # A month standing alone between gaps is a dot, not a line.
                "dots": [segment[0].split(",") for segment in segments if len(segment) == 1],
                "first": shown[0] if shown else None,
                "last": shown[-1] if shown else None,
            }
        )
    return {
        "lines": lines,
        "width": WIDTH,
        "height": LINE_HEIGHT,
        "top_percent": f"{round(top * 100)}%",
        "first_month": report.months[0].month,
        "last_month": report.months[-1].month,
    }
