from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

from dwarsverband.organisations.constants import OrganisationKind

if TYPE_CHECKING:
    from dwarsverband.organisations.models import Organisation  # noqa: F401


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def municipalities(self) -> OrganisationQuerySet:
        return self.filter(kind=OrganisationKind.MUNICIPALITY)

    def networks(self) -> OrganisationQuerySet:
        return self.filter(kind=OrganisationKind.NETWORK)

    def matching(self, text: str) -> OrganisationQuerySet:
        """Organisations whose name, abbreviation, other names or code contain the text."""
        text = text.strip()
        if not text:
            return self
        return self.filter(
            models.Q(name__icontains=text)
            | models.Q(abbreviation__icontains=text)
            | models.Q(alternative_names__icontains=text)
            | models.Q(code__iexact=text)
        )
