"""The salary chart's axis (roles/charts.py): round ticks from 0 past the highest figure, short labels."""

import pytest

from roles.charts import BAR_AREA, axis_ticks, short_amount


@pytest.mark.parametrize(
    "top, ticks",
    [
        (138_365, [0, 50_000, 100_000, 150_000]),
        (100_000, [0, 25_000, 50_000, 75_000, 100_000]),
        (60, [0, 20, 40, 60]),
        (7, [0, 2, 4, 6, 8]),
    ],
)
def test_ticks_are_round_and_reach_the_highest_figure(top, ticks):
    assert axis_ticks(top) == ticks


@pytest.mark.parametrize("value, label", [(0, "0"), (40, "40"), (50_000, "50k"), (2_500, "2.5k"), (1_250_000, "1.25M")])
def test_tick_labels_are_short(value, label):
    assert short_amount(value) == label


def test_the_salaries_page_draws_an_axis_the_bars_are_scaled_to(client, guide):
    html = client.get("/salaries/").content.decode()
    for label in ["0", "50k", "100k", "150k"]:
        assert f">{label}</text>" in html
    assert '<text class="axis-title" x="0"' in html and ">USD per year</text>" in html
    # 138,365 of an axis ending at 150,000.
    assert f'width="{round(138365 / 150000 * BAR_AREA, 1)}"' in html
