"""Charts as PNG bytes: Altair (bundled with Streamlit) draws, vl-convert renders, offline.

Each function takes plain rows and returns a PNG, or None when there is nothing to draw.
"""

from collections.abc import Sequence
from typing import Any

WIDTH = 560
HEIGHT = 220
SCALE = 2  # sharp when printed


def _png(chart: Any) -> bytes:
    import vl_convert

    return bytes(vl_convert.vegalite_to_png(chart.to_json(), scale=SCALE))


def _x_axis(labels: Sequence[str]) -> Any:
    import altair as alt

    return alt.Axis(labelAngle=-45 if max(len(label) for label in labels) > 3 else 0)


def _y_axis() -> Any:
    import altair as alt

    return alt.Axis(tickMinStep=1, format="d")


def bars(
    labels: Sequence[str], values: Sequence[int], *, x_title: str, y_title: str, height: int = HEIGHT
) -> bytes | None:
    """One bar per label, in the given order (times, counties, scores)."""
    if not labels or not any(values):
        return None
    import altair as alt
    import pandas as pd

    frame = pd.DataFrame({"label": list(labels), "value": list(values)})
    chart = (
        alt.Chart(frame)
        .mark_bar(color="#1f5f8b")
        .encode(
            x=alt.X("label:N", sort=list(labels), title=x_title, axis=_x_axis(labels)),
            y=alt.Y("value:Q", title=y_title, axis=_y_axis()),
        )
        .properties(width=WIDTH, height=height)
    )
    return _png(chart)


def stacked(
    labels: Sequence[str], series: Sequence[tuple[str, Sequence[int]]], *, x_title: str, y_title: str
) -> bytes | None:
    """Bars per label split into series (e.g. arrived and not arrived per county)."""
    if not labels or not any(any(v) for _, v in series):
        return None
    import altair as alt
    import pandas as pd

    rows = [
        {"label": label, "series": name, "value": value, "order": i}
        for i, (name, values) in enumerate(series)
        for label, value in zip(labels, values, strict=True)
    ]
    chart = (
        alt.Chart(pd.DataFrame(rows))
        .mark_bar()
        .encode(
            x=alt.X("label:N", sort=list(labels), title=x_title, axis=_x_axis(labels)),
            y=alt.Y("value:Q", title=y_title, axis=_y_axis()),
            color=alt.Color(
                "series:N",
                title=None,
                sort=[name for name, _ in series],
                scale=alt.Scale(range=["#1f5f8b", "#e0a030", "#8fb8d8"]),
                legend=alt.Legend(orient="top"),
            ),
            order=alt.Order("order:Q"),
        )
        .properties(width=WIDTH, height=HEIGHT)
    )
    return _png(chart)
