"""Building the demo city in tests (modules set DEBUG on: the demo refuses otherwise)."""

from io import StringIO

from django.core.management import call_command


def load_demo() -> str:
    """Run load_demo and return what it printed."""
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()
