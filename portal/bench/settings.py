"""Settings of a benchmark run: production settings plus the floor view's URL.

DEBUG stays off, as on a server (DEBUG keeps every query in memory and renders slower);
HTTPS redirects are off because the benchmark talks plain HTTP on loopback.
"""

from portal.settings import *  # noqa: F403
from portal.settings import ALLOWED_HOSTS

ROOT_URLCONF = "portal.bench.urls"
DEBUG = False
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver", "127.0.0.1", "localhost"]
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

# The benchmark's portal serves a whole province (portal/bench/vocabulary.py).
CITY_NAME = "Provinsi Jawa Tengah"
CITY_CODE = "33"
DINAS_NAME = "Dinas Koperasi dan UKM Provinsi Jawa Tengah"
