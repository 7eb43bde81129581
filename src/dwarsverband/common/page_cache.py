"""Whole-page cache for anonymous visitors, emptied by any change to the platform's content.

Anonymous visitors read the same pages over and over (home, organisations, regions, the API),
so a rendered page is kept until any model of the platform changes. Correctness comes first:
a page is served from the cache only to a request without session or message cookies and
without an Authorization header, and stored only when it sets no cookie (so never a page with
a CSRF token or a message). Every save, delete or many-to-many change of a `dwarsverband`
model moves the content version, which makes all cached pages unreachable at once. With a
shared cache (CACHE_URL, e.g. Redis) this holds across several app servers; the time-out
bounds the staleness when each server has its own memory cache.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse

VERSION_KEY = "dwarsverband:content-version"
# Cookies that do not change what an anonymous visitor sees (the language is in the key).
NEUTRAL_COOKIES = {"csrftoken", "django_language"}
SKIPPED_PREFIXES = ("/beheer/", "/account/", "/taal/", "/static/", "/media/", "/status/")


def content_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return int(version)


def content_changed() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


def _is_platform_model(sender: Any) -> bool:
    config = getattr(getattr(sender, "_meta", None), "app_config", None)
    return bool(config and config.name.startswith("dwarsverband."))


# The version moves when the change is committed: a page rendered from the old data before
# that moment is stored under the old version, which is unreachable afterwards.
@receiver(post_save)
@receiver(post_delete)
def _model_changed(sender: Any, **kwargs: Any) -> None:
    if _is_platform_model(sender):
        transaction.on_commit(content_changed)


@receiver(m2m_changed)
def _relation_changed(sender: Any, action: str, **kwargs: Any) -> None:
    if action.startswith("post_"):
        transaction.on_commit(content_changed)


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    @property
    def timeout(self) -> int:
        return int(getattr(settings, "DWARSVERBAND_PAGE_CACHE_SECONDS", 60))

    def _cacheable_request(self, request: HttpRequest) -> bool:
        return (
            self.timeout > 0
            and request.method in ("GET", "HEAD")
            and not request.path.startswith(SKIPPED_PREFIXES)
            and "HTTP_AUTHORIZATION" not in request.META
            and set(request.COOKIES) <= NEUTRAL_COOKIES
        )

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self._cacheable_request(request):
            return self.get_response(request)
        key = ":".join(
            [
                "dwarsverband:page",
                str(content_version()),
                getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE),
                "htmx" if request.headers.get("HX-Request") else "full",
                # A digest keeps the key short and plain whatever the address holds (a query of
                # 2,000 characters; memcached refuses keys over 250 characters or with spaces).
                hashlib.sha256(request.get_full_path().encode()).hexdigest(),
            ]
        )
        cached = cache.get(key)
        if cached is not None:
            status, headers, content = cached
            return HttpResponse(content, status=status, headers=headers)
        response = self.get_response(request)
        if self._cacheable_response(request, response):
            if hasattr(response, "render") and callable(response.render):
                response.render()
            # Only what goes over the wire is kept: cheap to store and to restore.
            cache.set(
                key, (response.status_code, dict(response.items()), response.content), self.timeout
            )
        return response

    def _cacheable_response(self, request: HttpRequest, response: HttpResponse) -> bool:
        user = getattr(request, "user", None)
        messages = getattr(request, "_messages", None)
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "no-store" not in response.get("Cache-Control", "")
            and (user is None or not user.is_authenticated)
            # A page with a CSRF token or a flash message belongs to one visitor only.
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not request.META.get("CSRF_COOKIE_USED")
            and not getattr(messages, "_queued_messages", None)
        )
