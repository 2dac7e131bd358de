from rest_framework import serializers

from finance.models import HubBudget


class HubBudgetSerializer(serializers.ModelSerializer):
    class Meta:
        model = HubBudget
        fields = ["id", "hub", "financial_year", "budget", "outturn", "notes"]
