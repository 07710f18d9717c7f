"""The annual report's charts, drawn by pygal as SVG.

pygal is chosen over matplotlib's SVG backend: it is made for SVG charts alone, pure Python and
small (matplotlib brings numpy and a renderer the platform does not need), keeps labels as text
and draws a chart in milliseconds. Each chart is shown as an image with a text alternative that
says the data in words, beside a table of the same data, and its data download as CSV: the
chart is never the only way to read a figure.

The SVG goes into the page and the PDF as a data: image, so that the site's Content Security
Policy (no inline styles) holds and the PDF embeds it without fetching anything.
"""

from __future__ import annotations

import base64
import csv
import io
from dataclasses import dataclass
from decimal import Decimal
from xml.etree import ElementTree

import pygal
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from pygal.style import Style

HORIZONTAL = "horizontal"
BARS = "bars"
STACKED = "stacked"

# Dark colours with at least 3:1 contrast against white (WCAG 2.1, 1.4.11), told apart by more
# than hue where a chart has several series: the legend and the table beside name them.
STYLE = Style(
    background="white",
    plot_background="white",
    foreground="#1b1b1b",
    foreground_strong="#1b1b1b",
    foreground_subtle="#595959",
    colors=("#1d4f91", "#a14a00", "#2e6b30", "#6a1b9a"),
    font_family="DejaVu Sans, sans-serif",
    label_font_size=13,
    major_label_font_size=13,
    value_font_size=13,
    legend_font_size=13,
    title_font_size=16,
)
WIDTH = 800
# Height grows with the rows of a horizontal chart, so that long labels stay readable.
ROW_HEIGHT = 44
MIN_HEIGHT = 320
# pygal cuts a label longer than this with an ellipsis; the table beside gives it whole.
LABEL_CHARACTERS = 48

Number = Decimal | int | None


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    kind: str
    # The first column names the rows' labels, the others the series.
    columns: list[str]
    rows: list[tuple[str, list[Number]]]
    maximum: Decimal | None = None

    @property
    def series(self) -> list[str]:
        return self.columns[1:]

    def description(self) -> str:
        """The text alternative: the chart's data in words."""
        parts = []
        for label, values in self.rows:
            said = ", ".join(
                f"{name} {_number(value)}" for name, value in zip(self.series, values, strict=True)
            )
            parts.append(f"{label}: {said}")
        return _("%(title)s. %(data)s.") % {"title": self.title, "data": "; ".join(parts)}

    def svg(self) -> bytes:
        chart = _kind(self.kind)(
            style=STYLE,
            js=[],
            width=WIDTH,
            height=max(MIN_HEIGHT, ROW_HEIGHT * len(self.rows) * max(1, len(self.series))),
            explicit_size=True,
            print_values=True,
            show_legend=len(self.series) > 1,
            legend_at_bottom=True,
            truncate_label=LABEL_CHARACTERS,
            truncate_legend=LABEL_CHARACTERS,
            range=(0, float(self.maximum)) if self.maximum is not None else None,
            include_x_axis=True,
            title=self.title,
            value_formatter=_number,
        )
        chart.x_labels = [label for label, _values in self.rows]
        for index, name in enumerate(self.series):
            chart.add(name, [_float(values[index]) for _label, values in self.rows])
        # pygal writes its interactive configuration as a script; an image runs none, and the
        # file the page and the PDF embed carries none.
        tree = chart.render_tree()
        for parent in list(tree.iter()):
            for child in [c for c in parent if str(c.tag).endswith("script")]:
                parent.remove(child)
        return ElementTree.tostring(tree, encoding="utf-8", xml_declaration=True)

    def data_uri(self) -> str:
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg()).decode("ascii")

    def csv(self) -> str:
        """The data as CSV: the columns' names, then a row per label, numbers with a point."""
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(self.columns)
        for label, values in self.rows:
            writer.writerow([label, *("" if v is None else str(v) for v in values)])
        return out.getvalue()


def _kind(kind: str):
    return {
        HORIZONTAL: pygal.HorizontalBar,
        BARS: pygal.Bar,
        STACKED: pygal.StackedBar,
    }[kind]


def _float(value: Number) -> float | None:
    return None if value is None else float(value)


def _number(value) -> str:
    if value is None:
        return _("No data")
    if isinstance(value, int) or float(value).is_integer():
        return number_format(int(value))
    return number_format(Decimal(str(value)), decimal_pos=1)
