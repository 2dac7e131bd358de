from django.urls import path

from indicators import api

urlpatterns = [
    path("indicators/", api.IndicatorsView.as_view(), name="api-indicators"),
    path("indicators/children/", api.FigureChildrenView.as_view(), name="api-indicator-children"),
    path("waiting-children/", api.WaitingChildrenView.as_view(), name="api-waiting-children"),
    path("support-and-money/", api.SupportAndMoneyView.as_view(), name="api-support-and-money"),
]
