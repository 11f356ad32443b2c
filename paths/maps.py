"""
The plan as a map: steps as nodes one under another, each step's skills as leaves beside it, laid out
here and drawn by templates/paths/map.html as an SVG that scales with its viewBox, beside the plan's
list of steps. (A path's own page draws its route in HTML, templates/paths/route.html, where text wraps.)

One column, read top to bottom, so the map stays legible on a 390 px phone (the drawing scales down to
the width of the screen, and its text with it, never below about 13 px) and on a wide screen (where it
keeps its natural width). Done and left are CSS classes; the colours live in static/css/site.css.
"""

import textwrap
from dataclasses import dataclass, field

WIDTH = 360
STEP_HEIGHT = 44
LEAF_HEIGHT = 30
GAP = 18
STEP_X = 8
LEAF_X = 44
SPINE_X = 26  # the line from step to step
# Characters that fit a line at 14 px: a skill's (regular) in its leaf, a step's (bold, after a "✓ ") in its
# node, which wraps onto a second line rather than run past its box ("2. Learn Several Programming Languages"
# is 38 and ran a pixel out of it in one line).
MAX_LABEL = 36
STEP_LINE = 32
STEP_LINE_HEIGHT = 18


@dataclass
class Leaf:
    name: str
    done: bool
    y: int

    @property
    def label(self):
        return _fit(self.name)

    @property
    def text_y(self):
        return self.y + LEAF_HEIGHT // 2 + 5

    @property
    def mid_y(self):
        return self.y + LEAF_HEIGHT // 2


@dataclass
class Node:
    number: int
    name: str
    done: bool
    y: int
    leaves: list[Leaf] = field(default_factory=list)

    @property
    def lines(self):
        """The label in at most two lines of STEP_LINE characters, the second cut short with "…" if need be."""
        lines = textwrap.wrap(f"{self.number}. {self.name}", STEP_LINE) or [""]
        if len(lines) > 2:
            lines = [lines[0], _fit(" ".join(lines[1:]), STEP_LINE)]
        return lines

    @property
    def height(self):
        return STEP_HEIGHT + STEP_LINE_HEIGHT * (len(self.lines) - 1)

    @property
    def text_y(self):
        return self.y + STEP_HEIGHT // 2 + 6

    @property
    def bottom(self):
        return self.y + self.height

    @property
    def branch_end(self):
        """Where the line to this step's leaves stops: the middle of its last leaf."""
        return self.leaves[-1].mid_y if self.leaves else self.bottom


@dataclass
class PathMap:
    nodes: list[Node]
    height: int
    width: int = WIDTH
    step_x: int = STEP_X
    step_width: int = WIDTH - 2 * STEP_X
    step_line_height: int = STEP_LINE_HEIGHT
    leaf_x: int = LEAF_X
    leaf_width: int = WIDTH - LEAF_X - STEP_X
    leaf_height: int = LEAF_HEIGHT
    spine_x: int = SPINE_X

    @property
    def spines(self):
        """(y1, y2) of the lines joining each step to the next."""
        return [(a.bottom, b.y) for a, b in zip(self.nodes, self.nodes[1:], strict=False)]


def _fit(text, limit=MAX_LABEL):
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def layout(steps):
    """
    `steps`: (number, name, done, [(skill name, done), …]) in path order → a PathMap. For the plan, done
    means known or ticked.
    """
    nodes, y = [], GAP // 2
    for number, name, done, skills in steps:
        node = Node(number=number, name=name, done=done, y=y)
        y += node.height + 8
        for skill_name, skill_done in skills:
            node.leaves.append(Leaf(name=skill_name, done=skill_done, y=y))
            y += LEAF_HEIGHT + 6
        nodes.append(node)
        y += GAP
    return PathMap(nodes=nodes, height=max(y, STEP_HEIGHT + GAP))


def plan_map(plan):
    """The map of a plan (the gap's steps, the role's own skills last): steps complete and skills known marked done."""
    return layout(
        (step.number, step.name, step.complete, [(item.skill.name, item.known) for item in step.skills])
        for step in plan.steps
    )
