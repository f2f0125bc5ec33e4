"""The SVG bars: escaped labels, a hatched stub for "< 5", a target tick, no script."""

from __future__ import annotations

from bot.insights.charts import Bar, bars
from bot.services.insights.tables import HIDDEN, Table, counted, percentile, shown


def test_bars_escape_their_words_and_hide_small_counts() -> None:
    svg = str(bars("<b>title</b>", [Bar("Орусия <script>", 25), Bar("ОАЭ", HIDDEN)]))
    assert svg.startswith("<svg") and "<script" not in svg and "&lt;script&gt;" in svg
    assert 'aria-label="&lt;b&gt;title&lt;/b&gt;"' in svg
    assert svg.count('class="chart__bar"') == 1 and "chart__bar--small" in svg
    assert "&lt; 5" in svg and ">25<" in svg


def test_a_target_is_a_tick_and_a_long_label_is_cut() -> None:
    svg = str(bars("t", [Bar("x" * 80, 12.5, target=15.0), Bar("y", None)], unit=" min"))
    assert svg.count("<line") == 1 and "12.5 min" in svg and ">—<" in svg
    assert "x" * 80 not in svg and "…" in svg


def test_small_cells_and_percentiles() -> None:
    assert [shown(n) for n in (0, 1, 4, 5)] == [0, HIDDEN, HIDDEN, 5]
    table = counted("levels", "level", {"low": 7, "critical": 3}, ("critical", "high", "low"))
    assert table.rows == (("critical", HIDDEN), ("low", 7))
    assert table.csv() == "level,count\ncritical,< 5\nlow,7\n"
    assert percentile([5, 1, 3, 2, 4], 0.5) == 3 and percentile(list(range(1, 11)), 0.9) == 9
    assert Table("t", ("k",), ("v",), (("a", None),)).csv() == "k,v\na,\n"
