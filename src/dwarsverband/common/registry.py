"""What each domain app contributes to the platform as a whole.

An app's `AppConfig` may declare:

- `reference_loader` / `demo_loader`: dotted paths to functions `load(report) -> None` that load
  the app's reference or demo data idempotently;
- `after_load`: dotted path to a function `hook(report) -> None` run once after a data load,
  for work that signal handlers skip while `common.loading.is_bulk_loading()` is true
  (rebuilding a search index, recomputing opportunities);
- `on_start`: dotted path to a function `hook(report) -> None` run on every start of the
  platform after migrations and first-start loading, for upkeep that must wait until then
  (rebuilding a search index written in an older format);
- `navigation`: a list of `(label, url_name)` pairs for the main menu.

The platform then loads and shows them without the apps knowing about each other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.urls import NoReverseMatch, reverse
from django.utils.module_loading import import_string

Report = Callable[[str], None]
Loader = Callable[[Report], None]


@dataclass(frozen=True)
class AppLoader:
    label: str
    load: Loader


def loaders(kind: str) -> list[AppLoader]:
    """The `reference` or `demo` loaders of the installed apps, in INSTALLED_APPS order."""
    found = []
    for config in apps.get_app_configs():
        dotted = getattr(config, f"{kind}_loader", None)
        if dotted:
            found.append(AppLoader(label=config.label, load=import_string(dotted)))
    return found


def after_load_hooks() -> list[Loader]:
    return _hooks("after_load")


def start_hooks() -> list[Loader]:
    return _hooks("on_start")


def _hooks(attribute: str) -> list[Loader]:
    hooks = []
    for config in apps.get_app_configs():
        dotted = getattr(config, attribute, None)
        if dotted:
            hooks.append(import_string(dotted))
    return hooks


@dataclass(frozen=True)
class NavigationItem:
    label: str
    url: str


def navigation() -> list[NavigationItem]:
    items = []
    for config in apps.get_app_configs():
        for label, url_name in getattr(config, "navigation", []):
            try:
                items.append(NavigationItem(label=str(label), url=reverse(url_name)))
            except NoReverseMatch:
                continue
    return items
