from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from dwarsverband import __version__
from dwarsverband.common.registry import navigation


def platform(request: HttpRequest) -> dict[str, Any]:
    return {"platform_version": __version__, "main_navigation": navigation()}
