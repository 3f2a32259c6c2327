"""Charts are drawn once per content: the same chart (data, format, width) comes from the cache."""

from kotacerdas.books import charts

ROADMAP = {
    "kind": "roadmap",
    "years": [2020, 2021, 2022],
    "rows": [{"label": "Telemedisin", "group": 1, "start": 2020, "end": 2021, "colour": "#198754"}],
    "legend": [["Jangka pendek", "#198754"]],
}


def test_the_same_chart_is_drawn_once(monkeypatch):
    drawn = []
    draw = charts._draw
    monkeypatch.setattr(charts, "_draw", lambda *args: drawn.append(args) or draw(*args))
    first = charts.render(ROADMAP, "svg", 15.5)
    assert charts.render(ROADMAP, "svg", 15.5) == first and len(drawn) == 1
    assert charts.render(ROADMAP, "png", 15.5)[:4] == b"\x89PNG" and len(drawn) == 2  # another format
    changed = {**ROADMAP, "rows": [{**ROADMAP["rows"][0], "end": 2022}]}
    assert charts.render(changed, "svg", 15.5) != first and len(drawn) == 3  # other data
