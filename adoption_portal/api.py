"""The one REST API router; each app's viewsets are registered here."""

from rest_framework.routers import DefaultRouter

from journeys.api import ImportViewSet

router = DefaultRouter()
router.register("imports", ImportViewSet, basename="import")
