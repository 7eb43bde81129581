from django.contrib import admin

from dwarsverband.matching.models import Opportunity


@admin.register(Opportunity)
class OpportunityAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "status", "score"]
    list_filter = ["kind", "status"]
    raw_id_fields = ["project_a", "project_b", "offer_project", "decided_by"]
