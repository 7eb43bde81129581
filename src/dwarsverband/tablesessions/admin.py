from django.contrib import admin

from dwarsverband.tablesessions.models import TableSession


@admin.register(TableSession)
class TableSessionAdmin(admin.ModelAdmin):
    list_display = ["title", "date", "table_count", "max_per_table"]
    filter_horizontal = ["organisations", "specialists"]
