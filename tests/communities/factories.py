from __future__ import annotations

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from dwarsverband.communities.constants import MeetingKind, MembershipStatus
from dwarsverband.communities.models import Community, Meeting, Membership
from dwarsverband.organisations.constants import OrganisationKind
from tests.factories import OrganisationFactory, UserFactory


class CommunityFactory(DjangoModelFactory[Community]):
    class Meta:
        model = Community

    title = factory.Sequence(lambda n: f"Leerkring {n}")
    slug = factory.Sequence(lambda n: f"leerkring-{n}")
    organiser = factory.SubFactory(OrganisationFactory)
    planned_meetings = 5


class MeetingFactory(DjangoModelFactory[Meeting]):
    class Meta:
        model = Meeting

    community = factory.SubFactory(CommunityFactory)
    kind = MeetingKind.INFORMATION
    title = factory.Sequence(lambda n: f"Bijeenkomst {n}")
    starts_at = factory.LazyFunction(
        lambda: (timezone.now() + datetime.timedelta(days=20)).replace(second=0, microsecond=0)
    )
    ends_at = factory.LazyAttribute(lambda m: m.starts_at + datetime.timedelta(hours=3))
    address = "Stadhuisplein 1, Utrecht"
    takes_registrations = True
    capacity = 3


class CityFactory(OrganisationFactory):
    kind = OrganisationKind.MUNICIPALITY
    name = factory.Sequence(lambda n: f"Gemeente {n:03d}")


class MembershipFactory(DjangoModelFactory[Membership]):
    class Meta:
        model = Membership

    community = factory.SubFactory(CommunityFactory)
    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(CityFactory)
    status = MembershipStatus.ACCEPTED
