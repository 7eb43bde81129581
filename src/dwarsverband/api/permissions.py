from __future__ import annotations

from typing import Any

from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request


class ReadPublicWriteAuthenticated(BasePermission):
    """Public data is readable without login; writing needs an authenticated user.

    What an authenticated user may write is decided by the app's services, with the same
    rules as the pages (editor of their own organisation, coordinator everything).
    """

    def has_permission(self, request: Request, view: Any) -> bool:
        if request.method in SAFE_METHODS:
            return True
        method = (request.method or "").lower()
        if method not in view.http_method_names or not hasattr(view, method):
            return True  # the view answers 405 Method Not Allowed, not 401
        return bool(request.user and request.user.is_authenticated)
