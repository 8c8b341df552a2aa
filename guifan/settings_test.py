"""Fast settings for the test suite: same as production except hashing and static storage."""

import os
import tempfile

os.environ.setdefault("GUIFAN_DATA_DIR", tempfile.mkdtemp(prefix="guifan-test-"))

from guifan.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
DEBUG = False
DEMO_MODE = False
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405  (whitenoise warns when it is missing)
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# A replica alias that mirrors the test database, for the router's tests; reads go to it only
# where a test sets GUIFAN_READ_REPLICA = "replica".
DATABASES.setdefault("replica", {**DATABASES["default"], "TEST": {"MIRROR": "default"}})  # noqa: F405
GUIFAN_READ_REPLICA = None
