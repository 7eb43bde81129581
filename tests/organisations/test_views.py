from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from dwarsverband.organisations.constants import PlatformRole
from dwarsverband.organisations.models import Organisation, User

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/organisaties",
        "/organisaties/gouda",
        "/organisaties/g40-stedennetwerk",
        "/organisaties/platform31",
        "/regios",
        "/regios/AM20",
        "/regios/PV28",
        "/netwerken",
        "/themas",
        "/toegankelijkheid",
        "/privacy",
        "/bronnen",
        "/account/inloggen",
        "/account/wachtwoord-vergeten",
    ],
)
def test_public_pages_open_for_anonymous_visitors(
    client: Client, reference: None, path: str
) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert b'href="#inhoud"' in response.content


def test_search_finds_gouda(client: Client, reference: None) -> None:
    response = client.get("/organisaties", {"q": "Gouda"})
    names = [organisation.name for organisation in response.context["page"].object_list]
    assert names == ["Gouda"]


def test_search_finds_den_haag_by_its_common_name(client: Client, reference: None) -> None:
    response = client.get("/organisaties", {"q": "Den Haag"})
    assert [o.code for o in response.context["page"].object_list] == ["GM0518"]


def test_filter_by_labour_market_region(client: Client, reference: None) -> None:
    response = client.get("/organisaties", {"arbeidsmarktregio": "AM20", "soort": "municipality"})
    names = {organisation.name for organisation in response.context["page"].object_list}
    assert "Gouda" in names
    assert response.context["page"].paginator.count == 4


def test_filter_by_network_lists_its_members(client: Client, reference: None) -> None:
    response = client.get("/organisaties", {"netwerk": "g40-stedennetwerk"})
    assert response.context["page"].paginator.count == 41


def test_filter_by_province_and_kind_combined(client: Client, reference: None) -> None:
    response = client.get("/organisaties", {"provincie": "PV31", "soort": "municipality"})
    assert response.context["page"].paginator.count == 31


@pytest.mark.parametrize(
    "params",
    [
        {"soort": "onbekend"},
        {"provincie": "PV99"},
        {"pagina": "abc"},
        {"pagina": "99999"},
        {"pagina": "-1"},
        {"q": "x" * 5000},
        {"netwerk": "<script>"},
    ],
)
def test_bad_filter_values_never_fail(
    client: Client, reference: None, params: dict[str, str]
) -> None:
    response = client.get("/organisaties", params)
    assert response.status_code == 200


def test_nul_character_in_a_filter_is_a_bad_request(client: Client, reference: None) -> None:
    """No database can look up a NUL character; the platform answers 400 for every page."""
    assert client.get("/organisaties", {"q": "\x00"}).status_code == 400


def test_unknown_filter_value_is_reported_and_other_filters_still_apply(
    client: Client, reference: None
) -> None:
    response = client.get("/organisaties", {"soort": "onbekend", "q": "Gouda"})
    assert "soort" in response.context["form"].errors
    assert [o.name for o in response.context["page"].object_list] == ["Gouda"]


def test_htmx_request_gets_only_the_results(client: Client, reference: None) -> None:
    response = client.get("/organisaties", {"q": "Gouda"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert b"<html" not in response.content
    assert b'id="resultaten"' in response.content


def test_municipality_page_shows_regions_and_networks(client: Client, reference: None) -> None:
    content = client.get("/organisaties/gouda").content.decode()
    assert "Midden-Holland" in content
    assert "Zuid-Holland" in content
    assert "G40-stedennetwerk" in content


def test_region_page_lists_its_municipalities(client: Client, reference: None) -> None:
    response = client.get("/regios/AM20")
    names = [municipality.name for municipality in response.context["municipalities"]]
    assert "Gouda" in names and len(names) == 4


def test_unknown_region_and_organisation_give_404(client: Client, reference: None) -> None:
    assert client.get("/regios/XX99").status_code == 404
    assert client.get("/organisaties/bestaat-niet").status_code == 404


def test_network_page_shows_join_dates(client: Client, reference: None) -> None:
    content = client.get("/organisaties/g40-stedennetwerk").content.decode()
    assert "Amstelveen" in content
    assert "2022-07-01" in content


def _editor_of(code: str, make_user: Callable[..., User]) -> User:
    return make_user(PlatformRole.EDITOR, Organisation.objects.get(code=code))


def test_editor_of_gouda_cannot_edit_utrecht(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    client.force_login(_editor_of("GM0513", make_user))
    url = reverse("organisations:organisation-update", kwargs={"slug": "utrecht"})
    assert client.get(url).status_code == 403
    response = client.post(url, {"description": "Overgenomen door Gouda"})
    assert response.status_code == 403
    assert Organisation.objects.get(slug="utrecht").description == ""


def test_editor_of_gouda_edits_gouda(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    client.force_login(_editor_of("GM0513", make_user))
    url = reverse("organisations:organisation-update", kwargs={"slug": "gouda"})
    response = client.post(
        url,
        {"description": "Kaasstad aan de Gouwe.", "website": "https://www.gouda.nl"},
    )
    assert response.status_code == 302
    gouda = Organisation.objects.get(slug="gouda")
    assert gouda.description == "Kaasstad aan de Gouwe."
    assert gouda.name == "Gouda"


def test_editor_cannot_rename_a_municipality(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    client.force_login(_editor_of("GM0513", make_user))
    url = reverse("organisations:organisation-update", kwargs={"slug": "gouda"})
    client.post(url, {"name": "Goudse Stad", "description": "x"})
    assert Organisation.objects.get(slug="gouda").name == "Gouda"


def test_invalid_edit_shows_errors_and_changes_nothing(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    client.force_login(_editor_of("GM0513", make_user))
    url = reverse("organisations:organisation-update", kwargs={"slug": "gouda"})
    response = client.post(url, {"description": "Nieuw", "website": "geen adres"})
    assert response.status_code == 200
    assert "website" in response.context["form"].errors
    assert Organisation.objects.get(slug="gouda").description == ""


def test_reader_cannot_edit(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    gouda = Organisation.objects.get(code="GM0513")
    client.force_login(make_user(PlatformRole.READER, gouda))
    url = reverse("organisations:organisation-update", kwargs={"slug": "gouda"})
    assert client.get(url).status_code == 403


def test_anonymous_edit_goes_to_login(client: Client, reference: None) -> None:
    url = reverse("organisations:organisation-update", kwargs={"slug": "gouda"})
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/account/inloggen")


def test_coordinator_adds_a_housing_corporation(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    client.force_login(make_user(PlatformRole.COORDINATOR))
    region = Organisation.objects.get(code="GM0513").regions.get(kind="labour_market")
    response = client.post(
        reverse("organisations:organisation-create"),
        {
            "name": "Woonpartners Midden-Holland",
            "kind": "housing_corporation",
            "regions": [region.pk],
        },
    )
    assert response.status_code == 302
    created = Organisation.objects.get(name="Woonpartners Midden-Holland")
    assert created.slug == "woonpartners-midden-holland"
    assert list(created.regions.all()) == [region]


def test_editor_cannot_add_organisations(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    client.force_login(_editor_of("GM0513", make_user))
    response = client.post(
        reverse("organisations:organisation-create"), {"name": "X", "kind": "other"}
    )
    assert response.status_code == 403
    assert not Organisation.objects.filter(name="X").exists()


def test_editor_adds_and_removes_a_person_of_their_own_organisation(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    client.force_login(_editor_of("GM0513", make_user))
    response = client.post(
        reverse("organisations:person-create", kwargs={"slug": "gouda"}),
        {"name": "Sanne de Vries", "role": "civil_servant", "function": "beleidsadviseur wonen"},
    )
    assert response.status_code == 302
    gouda = Organisation.objects.get(slug="gouda")
    person = gouda.people.get(name="Sanne de Vries")
    response = client.post(reverse("organisations:person-delete", kwargs={"pk": person.pk}))
    assert response.status_code == 302
    assert not gouda.people.filter(name="Sanne de Vries").exists()


def test_editor_cannot_add_people_to_another_organisation(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    client.force_login(_editor_of("GM0513", make_user))
    response = client.post(
        reverse("organisations:person-create", kwargs={"slug": "utrecht"}),
        {"name": "Iemand", "role": "civil_servant"},
    )
    assert response.status_code == 403
