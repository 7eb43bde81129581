from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client, override_settings

from dwarsverband.organisations.constants import PlatformRole
from dwarsverband.organisations.models import Organisation, User

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _data_and_fresh_cache(transactional_db: None) -> None:
    from django.core.cache import cache

    from tests.conftest import ensure_reference_and_demo

    ensure_reference_and_demo()
    cache.clear()


@override_settings(DWARSVERBAND_PAGE_CACHE_SECONDS=60)
def test_anonymous_page_is_served_from_cache_until_content_changes(
    client: Client, django_assert_num_queries: Callable[..., object]
) -> None:
    first = client.get("/organisaties/gouda")
    assert first.status_code == 200
    with django_assert_num_queries(0):  # type: ignore[operator]
        again = client.get("/organisaties/gouda")
    assert again.content == first.content

    gouda = Organisation.objects.get(slug="gouda")
    gouda.description = "Nieuw: direct zichtbaar"
    gouda.save()
    assert "Nieuw: direct zichtbaar" in client.get("/organisaties/gouda").content.decode()


@override_settings(DWARSVERBAND_PAGE_CACHE_SECONDS=60)
def test_logged_in_users_never_get_a_cached_page(
    client: Client, make_user: Callable[..., User]
) -> None:
    client.get("/organisaties/gouda")
    editor = make_user(PlatformRole.EDITOR, Organisation.objects.get(code="GM0513"))
    client.force_login(editor)
    assert "Bewerken" in client.get("/organisaties/gouda").content.decode()


@override_settings(DWARSVERBAND_PAGE_CACHE_SECONDS=60)
def test_pages_with_a_csrf_token_are_not_shared(client: Client) -> None:
    first = Client()
    second = Client()
    first_page = first.get("/account/inloggen").content
    second_page = second.get("/account/inloggen").content
    assert first_page != second_page  # each visitor gets their own CSRF token


@override_settings(DWARSVERBAND_PAGE_CACHE_SECONDS=60)
def test_language_is_part_of_the_cache_key(client: Client) -> None:
    dutch = client.get("/organisaties").content.decode()
    client.cookies["django_language"] = "en"
    english = client.get("/organisaties").content.decode()
    assert 'lang="nl"' in dutch and 'lang="en"' in english


@override_settings(DWARSVERBAND_PAGE_CACHE_SECONDS=60)
def test_a_very_long_address_is_cached_under_a_short_key(
    client: Client, django_assert_num_queries: Callable[..., object]
) -> None:
    import warnings

    from django.core.cache.backends.base import CacheKeyWarning

    address = "/zoeken?q=" + "samenwerking+" * 150
    with warnings.catch_warnings():
        warnings.simplefilter("error", CacheKeyWarning)
        first = client.get(address)
        with django_assert_num_queries(0):  # type: ignore[operator]
            again = client.get(address)
    assert first.status_code == 200
    assert again.content == first.content
