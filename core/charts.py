"""
The geometry the site's server-rendered SVG bar charts share (the salaries chart, the skill demand
ranking): no JavaScript, no library. Each bar has its label on a line of its own above it, so a chart
is narrow enough to keep 14 px text legible when a 390 px phone scales it down (a label column beside
the bars made one 850 units wide, and its text about 5 px tall there). Sizes are SVG units.
"""

WIDTH = 360
LABEL_LINE = 18  # the label's line above the bar
BAR_HEIGHT = 20
GAP = 14
ROW = LABEL_LINE + BAR_HEIGHT + GAP


def bar_row(index):
    """Where the `index`th bar's label, bar and value text sit."""
    top = index * ROW
    return {"label_y": top + LABEL_LINE - 5, "y": top + LABEL_LINE, "text_y": top + LABEL_LINE + BAR_HEIGHT * 0.75}


def chart_frame(bars):
    """The chart's own size, for the <svg>'s viewBox."""
    return {"height": len(bars) * ROW, "width": WIDTH, "bar_height": BAR_HEIGHT}
