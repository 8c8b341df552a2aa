"""Every path leads to one view: a second app reusing a path would silently lose to the
first (campaigns:chase once shadowed the assignment's chase-up)."""

from django.urls import get_resolver


def test_no_two_views_share_a_path():
    seen: dict[str, str] = {}

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                walk(pattern.url_patterns, prefix + str(pattern.pattern))
                continue
            route = prefix + str(pattern.pattern)
            if route.startswith("api/"):
                continue  # django-ninja routes one path to its operations by method
            assert route not in seen, f"{route} is both {seen[route]} and {pattern.name}"
            seen[route] = str(pattern.name)

    walk(get_resolver().url_patterns)
    assert len(seen) > 50
