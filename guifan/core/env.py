"""Environment readers for settings: each fails loudly on a value it cannot parse."""

import json
import os
from datetime import date
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use 1/0, true/false, yes/no)")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not an integer") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_date(name: str, fallback: Path | None = None) -> date | None:
    """A date from the environment, or from the file ``fallback`` when the variable is unset."""
    raw = os.environ.get(name, "").strip()
    if not raw and fallback is not None and fallback.is_file():
        raw = fallback.read_text().strip()
        name = str(fallback)
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a date (use YYYY-MM-DD)") from None


def env_json_overrides(name: str, defaults: dict[str, dict]) -> dict[str, dict]:
    """``defaults`` (a table of named entries of settings) with some settings replaced from a
    JSON object in the variable, e.g. ``{"R8-02": {"min_cases": 6}}``: only known entries
    and settings, each of the type of its default."""
    raw = os.environ.get(name, "").strip()
    merged = {key: dict(entry) for key, entry in defaults.items()}
    if not raw:
        return merged
    try:
        given = json.loads(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} is not valid JSON ({exc})") from None
    if not isinstance(given, dict):
        raise ImproperlyConfigured(f'{name} must be a JSON object such as {{"KEY": {{…}}}}')
    for key, entry in given.items():
        if key not in defaults:
            raise ImproperlyConfigured(
                f"{name}: unknown entry {key!r} (known: {', '.join(defaults)})"
            )
        if not isinstance(entry, dict):
            raise ImproperlyConfigured(f"{name}: {key} must be a JSON object of settings")
        for setting, value in entry.items():
            if setting not in defaults[key]:
                known = ", ".join(defaults[key])
                raise ImproperlyConfigured(
                    f"{name}: {key} has no setting {setting!r} (known: {known})"
                )
            merged[key][setting] = _same_type(f"{name}: {key}.{setting}", value,
                                              defaults[key][setting])  # fmt: skip
    return merged


def _same_type(where: str, value, default):
    if isinstance(default, bool) or not isinstance(default, int | list):
        if type(value) is not type(default):
            raise ImproperlyConfigured(f"{where}={value!r} must be a {type(default).__name__}")
        return value
    if isinstance(default, int):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ImproperlyConfigured(f"{where}={value!r} is not an integer")
        return value
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ImproperlyConfigured(f"{where}={value!r} must be a list of words")
    return value
