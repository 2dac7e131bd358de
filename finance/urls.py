from django.urls import path

from finance import views

urlpatterns = [
    path("money/", views.budgets, name="finance-budgets"),
]
