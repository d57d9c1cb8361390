"""What the apps' demo loaders share: rows saved only when they differ, and demo accounts.

ikm/demo.py builds the city and calls financing/demo.py for the mentorship record; both
save through these helpers, so a second run writes no row and no history entry.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.models import AbstractUser, Group
from django.db import models

from portal import roles


def upsert(model: type[models.Model], *, lookup: dict, values: dict) -> models.Model:
    """Create or update one row after the model's own validation.

    Values must be given as the database keeps them (phones as +62…): a row that already
    holds them is left untouched, so a second run writes no history entries.
    """
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup)
    elif all(getattr(obj, name) == value for name, value in values.items()):
        return obj
    for name, value in values.items():
        setattr(obj, name, value)
    obj.full_clean()
    obj.save()
    return obj


def user_load(
    username: str, role: str, *, first_name: str, last_name: str, password: str
) -> AbstractUser:
    """A demo account with exactly one role; saved only when something differs."""
    User = get_user_model()
    user = User.objects.filter(username=username).first() or User(username=username)
    wanted = {
        "first_name": first_name,
        "last_name": last_name,
        "is_staff": role in roles.ADMIN_SITE_ROLES,
        "is_superuser": False,
        "is_active": True,
    }
    changed = user.pk is None or any(getattr(user, key) != value for key, value in wanted.items())
    for key, value in wanted.items():
        setattr(user, key, value)
    if _password_give(user, password):
        changed = True
    if changed:
        user.full_clean()
        user.save()
    user.groups.set([Group.objects.get(name=role)])
    return user


# The demo accounts share one hash of their published password, the first that checks out in
# this process: checking a password is slow on purpose (a quarter of a second), and a run would
# otherwise check every account's own hash. Keyed by the hashers, which tests change.
_demo_hashes: dict[tuple, str] = {}


def _password_give(user: AbstractUser, password: str) -> bool:
    """Give the user the demo password's shared hash; True if it had to change."""
    key = (password, tuple(settings.PASSWORD_HASHERS))
    known = _demo_hashes.get(key)
    if known is not None and user.password == known:
        return False
    if known is None and user.password and check_password(password, user.password):
        _demo_hashes[key] = user.password
        return False
    user.password = known or make_password(password)
    _demo_hashes[key] = user.password
    return True
