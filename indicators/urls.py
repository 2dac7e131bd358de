from django.urls import path

from indicators import comparison_views, file_views, views

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/figures/", views.every_figure, name="every-figure"),
    path("dashboard/by-partner-la/", comparison_views.by_partner_la, name="by-partner-la"),
    path("dashboard/year-on-year/", comparison_views.year_on_year_page, name="year-on-year"),
    path("dashboard/figures/<str:code>/", views.figure_children, name="figure-children"),
    path("children-who-wait/", views.worklist, name="worklist"),
    path("data-quality/", views.data_quality_report, name="data-quality"),
    path("reports/", file_views.adoption_report, name="adoption-report"),
    path("exports/", file_views.exports, name="exports"),
    path("exports/<int:pk>/download/", file_views.export_download, name="export-download"),
]
