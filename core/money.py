"""Money as every page, file and message shows it: pounds with thousands separated and pence,
£1,800.00 (issue 17: one way everywhere)."""

from decimal import ROUND_HALF_UP, Decimal


def money_text(value) -> str:
    """An amount of money as £1,800.00 (a negative one as −£25.50); empty for no amount."""
    if value is None or value == "":
        return ""
    amount = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = "−" if amount < 0 else ""
    return f"{sign}£{abs(amount):,.2f}"
