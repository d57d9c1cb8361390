"""Form widgets of the portal, and the choices of its long lists."""

import html

from django import forms
from django.forms.utils import flatatt
from django.utils.choices import BaseChoiceIterator
from django.utils.safestring import mark_safe


class QuickSelect(forms.Select):
    """A <select> whose options are written in Python rather than through a template each.

    Django renders every option through two templates of its own: the 576 kecamatan of a
    province took 40 ms that way, most of what a directory search cost to build. The HTML
    is the same as Django's: the attributes given, one option selected (the first that
    matches), option groups for grouped choices.
    """

    def render(self, name, value, attrs=None, renderer=None):
        select_attrs = self.build_attrs(self.attrs, attrs)
        select_attrs["name"] = name
        if self.allow_multiple_selected:
            select_attrs["multiple"] = True
        chosen = set(self.format_value(value))
        marked = False
        markup = [f"<select{flatatt(select_attrs)}>"]
        for group, choices in self._groups():
            if group is not None:
                markup.append(f'<optgroup label="{_escaped(group)}">')
            for option_value, label in choices:
                text = "" if option_value is None else str(option_value)
                selected = text in chosen and (self.allow_multiple_selected or not marked)
                marked = marked or selected
                markup.append(
                    f'<option value="{_escaped(text)}"{" selected" if selected else ""}>'
                    f"{_escaped(label)}</option>"
                )
            if group is not None:
                markup.append("</optgroup>")
        markup.append("</select>")
        # Every value and label above is escaped, as format_html would, at a third the cost.
        return mark_safe("".join(markup))

    def _groups(self):
        """(group label or None, its choices), in order; ungrouped choices run together."""
        loose = []
        for option_value, label in self.choices:
            if isinstance(label, (list, tuple)):
                if loose:
                    yield None, loose
                    loose = []
                yield option_value, label
            else:
                loose.append((option_value, label))
        if loose:
            yield None, loose


class KeptChoices(BaseChoiceIterator):
    """A long list of (value, label) choices that every copy of a form field shares.

    Django deep-copies a field's choices into each form built and normalises them again
    on every pass: for the 576 kecamatan of a province, 3 ms of a directory search. These
    are normalised once and never change, so that a copy can be the list itself.
    """

    def __init__(self, choices):
        self._choices = tuple((value, label) for value, label in choices)

    def __iter__(self):
        return iter(self._choices)

    def __len__(self):
        return len(self._choices)

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


def _escaped(text) -> str:
    """conditional_escape(text), without the check for lazy arguments that Django's escape
    makes on every call: a tenth of the cost, for each of hundreds of options."""
    if hasattr(text, "__html__"):
        return text.__html__()
    return html.escape(str(text))
