from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.defaults import bad_request


class DutchFirstLocaleMiddleware:
    """Dutch unless the visitor chose another language with the language switch.

    Django's LocaleMiddleware follows the browser's Accept-Language header; civil servants with
    an English browser would then get a half-translated site. Only the explicit choice counts.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        # The language holds for this request only: the thread that served it may next run a
        # background task or serve another visitor, and must not inherit the choice.
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class UnstorableCharacterMiddleware:
    """A NUL character (or a lone surrogate) in the path or query string cannot be stored or
    even looked up (PostgreSQL refuses it): answer 400 instead of failing later. (Form and API
    fields reject such text themselves, field by field.)"""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._unstorable(request):
            detail = _("Het verzoek bevat een teken dat niet kan worden verwerkt (zoals NUL).")
            if request.path.startswith("/api/"):
                from dwarsverband.api.problems import problem_response

                return problem_response(request, 400, str(detail))
            return bad_request(request, SuspiciousOperation(detail))
        return self.get_response(request)

    @staticmethod
    def _unstorable(request: HttpRequest) -> bool:
        values = [request.path, *(v for vs in request.GET.lists() for v in vs[1])]
        return any(_bad_text(value) for value in values)


def _bad_text(value: str) -> bool:
    return any(character == "\x00" or "\ud800" <= character <= "\udfff" for character in value)
