"""The plan's SVG map layout (paths/maps.py): labels fit their boxes, boxes make room for them."""

from paths.maps import MAX_LABEL, STEP_HEIGHT, STEP_LINE, layout


def test_a_long_step_label_wraps_onto_a_second_line_and_its_box_grows():
    short, long = layout([(1, "Get Educated", False, []), (2, "Learn Several Programming Languages", False, [])]).nodes
    assert short.lines == ["1. Get Educated"] and short.height == STEP_HEIGHT
    assert long.lines == ["2. Learn Several Programming", "Languages"]
    assert long.height > STEP_HEIGHT
    assert long.y >= short.bottom  # the next node starts below the grown one, so nothing overlaps


def test_no_line_of_a_label_is_longer_than_fits():
    name = "An extraordinarily long step name that no curator should write but one might anyway"
    node = layout([(12, name, False, [("A skill name far longer than any leaf holds", False)])]).nodes[0]
    assert len(node.lines) == 2 and all(len(line) <= STEP_LINE for line in node.lines)
    assert node.lines[1].endswith("…")
    assert len(node.leaves[0].label) <= MAX_LABEL and node.leaves[0].label.endswith("…")
