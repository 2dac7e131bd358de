from django.urls import path

from journeys import start_views, views
from journeys.ssda903 import views as ssda903_views

urlpatterns = [
    path("children/", views.child_search, name="child-search"),
    path("children/add/", start_views.child_add_page, name="child-add"),
    path("children/<int:pk>/journeys/new/", start_views.journey_start_page, name="journey-start"),
    path("journeys/<int:pk>/", views.journey_detail, name="journey-page"),
    path("journeys/<int:pk>/households/", views.household_search, name="household-search"),
    path("journeys/<int:pk>/<slug:slug>/", views.journey_step, name="journey-step-page"),
    path("adopters/", views.adopter_pipeline, name="adopter-pipeline"),
    path("adopters/enquiry/", start_views.enquiry_page, name="household-enquiry"),
    path("adopters/<int:pk>/", views.household_edit, name="household-edit"),
    path("imports/ssda903/", views.import_upload, name="ssda903-upload"),
    path("imports/ssda903/check/", ssda903_views.return_check, name="ssda903-check"),
    path(
        "imports/ssda903/export/<str:table>.csv",
        ssda903_views.return_export_download,
        name="ssda903-export",
    ),
    path("imports/<int:pk>/", views.import_detail, name="ssda903-record"),
    path("imports/<int:pk>/warnings.csv", views.import_warnings_csv, name="ssda903-warnings-csv"),
]
