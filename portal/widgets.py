"""Form widgets of the portal."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import conditional_escape, escape
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
        html = [f"<select{flatatt(select_attrs)}>"]
        for group, choices in self._groups():
            if group is not None:
                html.append(f'<optgroup label="{conditional_escape(group)}">')
            for option_value, label in choices:
                text = "" if option_value is None else str(option_value)
                selected = text in chosen and (self.allow_multiple_selected or not marked)
                marked = marked or selected
                html.append(
                    f'<option value="{escape(text)}"{" selected" if selected else ""}>'
                    f"{conditional_escape(label)}</option>"
                )
            if group is not None:
                html.append("</optgroup>")
        html.append("</select>")
        # Every value and label above is escaped, as format_html would, at a third the cost.
        return mark_safe("".join(html))

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
