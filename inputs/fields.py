"""Form fields that carry the input rules: use these in every form and filter instead of a bare
CharField or DateField."""

from django import forms

from . import rules

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class LineField(forms.CharField):
    """One line of text: no control characters, at most `max_length` (a name's by default)."""

    def __init__(self, *, max_length: int = rules.NAME, **kwargs):
        super().__init__(max_length=max_length, **kwargs)
        self.validators.append(rules.single_line)


class TextField(forms.CharField):
    """A text of several lines: tabs and line breaks allowed, other control characters not."""

    widget = forms.Textarea

    def __init__(self, *, max_length: int = rules.TEXT, **kwargs):
        super().__init__(max_length=max_length, **kwargs)
        self.validators.append(rules.multi_line)


class DayField(forms.DateField):
    """A date within the window that makes sense for what it dates (see `inputs.rules`)."""

    def __init__(self, *, window: rules.Window, **kwargs):
        kwargs.setdefault("widget", DATE_WIDGET)
        super().__init__(**kwargs)
        self.window = window
        self.validators.append(window.check)
