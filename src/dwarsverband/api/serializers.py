"""Summaries of the organisations and themes that many resources refer to.

One serializer per kind, so the OpenAPI document has one component for each.
"""

from __future__ import annotations

from rest_framework import serializers

from dwarsverband.organisations.models import Organisation
from dwarsverband.programmes.models import Theme


class OrganisationSummarySerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:organisation-detail", lookup_field="slug"
    )

    class Meta:
        model = Organisation
        fields = ["url", "slug", "name"]


class ThemeSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Theme
        fields = ["slug", "name"]
