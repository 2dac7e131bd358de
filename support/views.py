"""Support pages: referrals (the advice line), assessments of need, and Adoption Support Fund
applications with each child's ledger against the year's fund rules. Writes go through
support/services.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from agencies.audit import audited_list
from agencies.scoping import SUPPORT, access_for, require_read, require_write
from agencies.selectors import la_list
from core.forms import service_form_save
from support import services
from support.forms import (
    CHILD_NOT_FOUND,
    AssessmentForm,
    FollowUpForm,
    FundApplicationForm,
    FundDecisionForm,
    ReferralForm,
)
from support.models import FundApplication, fund_year_of
from support.selectors import (
    fund_application_list,
    fund_ledger,
    referral_get,
    referral_list,
    support_child_find,
)


@login_required
def referrals(request):
    """Recent referrals, and a form to record one."""
    access = require_read(request.user, SUPPORT)
    form = None
    if access.can_write(SUPPORT):
        form = ReferralForm(request.POST or None, las=la_list(user=request.user))
    elif request.method == "POST":
        require_write(request.user, SUPPORT)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        child = None
        if data["child_reference"]:
            child = support_child_find(
                user=request.user, la=data["la"], la_child_id=data["child_reference"]
            )
            if child is None:
                form.add_error("child_reference", CHILD_NOT_FOUND.format(la=data["la"].name))
        if not form.errors:
            referral = service_form_save(
                form,
                lambda: services.referral_create(
                    user=request.user,
                    la=data["la"],
                    referred=data["referred"],
                    child=child,
                    via_advice_line=data["via_advice_line"],
                    summary=data["summary"],
                    family=data["family"],
                    follow_up_needed=data["follow_up_needed"],
                    via="page",
                ),
            )
            if referral:
                messages.success(request, "Referral recorded.")
                return redirect("support-referral", pk=referral.pk)
    recent = list(referral_list(user=request.user).order_by("-referred", "-pk")[:50])
    audited_list(
        "supportreferral", [referral.pk for referral in recent], user=request.user, via="page"
    )
    return render(request, "support/referrals.html", {"referrals": recent, "form": form})


@login_required
def referral(request, pk: int):
    """A referral: its assessment of need and, for a child, the Fund applications and ledger."""
    referral = referral_get(user=request.user, pk=pk)
    can_write = access_for(request.user).can_write(SUPPORT)
    posted = request.POST.get("form") if request.method == "POST" else None
    if posted and not can_write:
        require_write(request.user, SUPPORT, referral.la_id)

    def bound(prefix):
        return request.POST if posted == prefix else None

    assessment = getattr(referral, "assessment", None)
    initial = {}
    if assessment:
        initial = {
            name: getattr(assessment, name)
            for name in (
                "started",
                "completed",
                "needs_identified",
                "support_plan",
                "plan_agreed",
                "plan_review_due",
                "plan_reviewed",
            )
        }
    forms = {
        "assessment": AssessmentForm(bound("assessment"), prefix="assessment", initial=initial)
    }
    if referral.follow_up_needed and referral.followed_up is None:
        forms["followup"] = FollowUpForm(bound("followup"), prefix="followup")
    applications = []
    if referral.child:
        forms["apply"] = FundApplicationForm(bound("apply"), prefix="apply")
        applications = list(
            fund_application_list(user=request.user).filter(
                child=referral.child, status=FundApplication.Status.SUBMITTED
            )
        )
        for application in applications:
            prefix = f"decide-{application.pk}"
            forms[prefix] = FundDecisionForm(bound(prefix), prefix=prefix)
    warning = ""
    if posted in forms and forms[posted].is_valid():
        done, warning = _save(request.user, referral, posted, forms[posted], assessment)
        if done:
            messages.success(request, done)
            return redirect("support-referral", pk=referral.pk)
    return render(
        request,
        "support/referral.html",
        {
            "referral": referral,
            "assessment": assessment,
            "forms": forms,
            "form": forms.get(posted),
            "posted": posted,
            "warning": warning,
            "decisions": [(a, forms[f"decide-{a.pk}"], f"decide-{a.pk}") for a in applications],
            "ledger": fund_ledger(user=request.user, child=referral.child)
            if referral.child
            else [],
            "can_write": can_write,
        },
    )


def _save(user, referral, posted, form, assessment) -> tuple[str | None, str]:
    """Save the posted form: (message when saved, warning that needs confirming first)."""
    data = dict(form.cleaned_data)
    confirmed = data.pop("confirm_over_limit", False)
    if posted == "followup":
        saved = service_form_save(
            form,
            lambda: services.referral_update(user=user, referral=referral, via="page", **data),
        )
        return ("Follow-up recorded." if saved else None), ""
    if posted == "assessment":
        if assessment:
            saved = service_form_save(
                form,
                lambda: services.assessment_update(
                    user=user, assessment=assessment, via="page", **data
                ),
            )
        else:
            saved = service_form_save(
                form,
                lambda: services.assessment_record(
                    user=user, referral=referral, via="page", **data
                ),
            )
        return ("Assessment saved." if saved else None), ""
    if posted == "apply":
        data["match_funding"] = data["match_funding"] or 0
        proposed = FundApplication(
            child=referral.child,
            financial_year=fund_year_of(data["submitted"]),
            specialist_assessment=data["specialist_assessment"],
        )
        check = services.fund_limit_check(application=proposed, amount=data["amount_applied"])
        if check.warning and not confirmed:
            return None, check.warning
        saved = service_form_save(
            form,
            lambda: services.fund_application_create(
                user=user, child=referral.child, referral=referral, via="page", **data
            ),
        )
        return ("Application recorded." if saved else None), ""
    application = FundApplication.objects.get(pk=posted.removeprefix("decide-"))
    if data["approved"] is not None:
        check = services.fund_limit_check(application=application, amount=data["approved"])
        if check.warning and not confirmed:
            return None, check.warning
    saved = service_form_save(
        form,
        lambda: services.fund_application_decide(
            user=user,
            application=application,
            decided=data["decided"],
            approved=data["approved"],
            via="page",
        ),
        {"decided": "decided"},
    )
    return ("Decision recorded." if saved else None), ""
