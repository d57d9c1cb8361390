"""Django's database cache, with a cheaper `set` for a table of a hundred thousand rows.

Django's DatabaseCache counts the whole table before every write, to cull it when full:
6 ms at 100,000 kept pages, more than building a profile page's queries take, and paid by
every page built. Then it reads the key and updates or inserts it, in a transaction.

Here a write is one INSERT … ON CONFLICT (PostgreSQL and SQLite alike), and the table is
counted on one write in CULL_CHECK_EVERY on average, at random, so that several processes
share the counting without agreeing on anything. The table may then hold a few hundred
rows above MAX_ENTRIES before it is culled, Django's way (the expired rows first, then a
fraction of the rest). `add` and `touch` stay Django's: they are rare (the data versions).
"""

import base64
import pickle
import random
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router
from django.utils.timezone import now as tz_now

CULL_CHECK_EVERY = 100


class SharedDatabaseCache(DatabaseCache):
    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        timeout = self.get_backend_timeout(timeout)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        if timeout is None:
            expires = datetime.max
        else:
            expires = datetime.fromtimestamp(timeout, tz=UTC if settings.USE_TZ else None)
        expires = connection.ops.adapt_datetimefield_value(expires.replace(microsecond=0))
        pickled = pickle.dumps(value, self.pickle_protocol)
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            if random.randrange(CULL_CHECK_EVERY) == 0:
                self._cull_when_full(db, cursor)
            cursor.execute(
                f"INSERT INTO {quote(self._table)} (cache_key, value, expires)"
                " VALUES (%s, %s, %s) ON CONFLICT (cache_key)"
                " DO UPDATE SET value = EXCLUDED.value, expires = EXCLUDED.expires",
                [key, base64.b64encode(pickled).decode("latin1"), expires],
            )

    def _cull_when_full(self, db, cursor) -> None:
        cursor.execute(f"SELECT COUNT(*) FROM {connections[db].ops.quote_name(self._table)}")
        count = cursor.fetchone()[0]
        if count > self._max_entries:
            # Django's own culling: expired rows, then every CULL_FREQUENCY-th key.
            self._cull(db, cursor, tz_now().replace(microsecond=0), count)
