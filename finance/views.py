"""The money page: each hub's budget and outturn by financial year, kept by the RAA manager (the
finance lead works under that role). Writes go through finance/services.py; the variance and the
inter-agency fees are figures, shown in the dashboard's and the report's money sections."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from agencies.scoping import FINANCE, access_for, require_write
from core.forms import service_form_save
from finance import services
from finance.forms import HubBudgetForm
from finance.selectors import finance_hub_list, hub_budget_list


@login_required
def budgets(request):
    """The hubs' budgets and outturns, latest year first, and a form to record a year's."""
    records = list(hub_budget_list(user=request.user))
    can_write = access_for(request.user).can_write(FINANCE)
    if request.method == "POST" and not can_write:
        require_write(request.user, FINANCE)
    form = None
    if can_write:
        form = HubBudgetForm(request.POST or None, hubs=finance_hub_list(user=request.user))
    if request.method == "POST" and form.is_valid():
        saved = service_form_save(
            form,
            lambda: services.hub_budget_record(user=request.user, via="page", **form.cleaned_data),
        )
        if saved:
            messages.success(request, f"Budget for {saved} saved.")
            return redirect("finance-budgets")
    return render(request, "finance/budgets.html", {"budgets": records, "form": form})
