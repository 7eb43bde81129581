from django.contrib import admin

from dwarsverband.regiodata.models import AreaCodeChange, Indicator, Observation


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "unit", "aggregation", "source_table", "is_key_figure"]
    list_filter = ["aggregation", "source_table", "is_key_figure"]
    search_fields = ["code", "name"]


@admin.register(Observation)
class ObservationAdmin(admin.ModelAdmin):
    list_display = ["indicator", "area_code", "period", "value", "status"]
    list_filter = ["indicator", "status"]
    search_fields = ["area_code"]
    list_select_related = ["indicator"]


@admin.register(AreaCodeChange)
class AreaCodeChangeAdmin(admin.ModelAdmin):
    list_display = ["old_code", "old_name", "new_code", "effective_year"]
    search_fields = ["old_code", "old_name", "new_code"]
