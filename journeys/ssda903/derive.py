"""From a child's episodes (and its AD1 and PlacedAdoption rows) to its journeys (docs/ssda903.md).

Pure functions over plain values: no database, so every rule is tested on hand-made rows.
"""

from dataclasses import dataclass, field
from datetime import date

from journeys.models import AdopterSource, Placement
from journeys.ssda903.codes import (
    ADOPTED,
    ADOPTION_PLACEMENTS,
    ORDER_LEGAL_STATUSES,
    SAME_CARERS,
    WITH_FOSTER_CARERS,
)

SOURCES = {"PR1": AdopterSource.OWN, "PR2": AdopterSource.OTHER_LA, "PR5": AdopterSource.VAA}

W_INT_AFTER_MATCH = "AD1 DATE_INT ({int}) is after DATE_MATCH ({match})."
W_MATCH_AFTER_PLACED = "AD1 DATE_MATCH ({match}) is after the adoption placement began ({placed})"
W_DECISION_BEFORE_CARE = (
    "The ADM decision ({decision}) is before the period of care began ({start})"
)
W_ADOPTED_NOT_PLACED = (
    "Episode from {decom} ends in adoption ({rec}) but PLACE is {place}, not A3-A6."
)
W_NO_AD1 = "Adopted, but the return has no AD1 row for the child."
W_AD1_NOT_ADOPTED = "An AD1 row, but no episode ends in adoption."
W_FOSTER_CARE_1 = "FOSTER_CARE is 1 but the adoption placement ({place}) is not with foster carers."
W_FOSTER_CARE_0 = "FOSTER_CARE is 0 but the adoption placement ({place}) is with the foster carers."
W_OVERLAP = "Episodes overlap: one ends {dec}, the next began {decom}."
W_GAP = "A gap inside a period of care: one episode ends {dec}, the next begins {decom}."
W_NO_START = "The period of care began before the earliest imported return: no entered-care date."
W_PROVIDER = "PLACE_PROVIDER {provider} for an adoption placement; taken as the LA's own adopters."
W_ADOPTED_NO_DATE = (
    "Episode from {decom} ends in adoption ({rec}) with no DEC: the adoption order date is unknown."
)
W_ADOPTED_AND_CEASED = (
    "Adopted ({order}) and a ceased plan ({ceased}) in the same period of care: the ceased plan "
    "is not kept."
)
# The check each warning belongs to, for grouping them.
CHECKS = {
    W_INT_AFTER_MATCH: "AD1 dates",
    W_MATCH_AFTER_PLACED: "AD1 dates",
    W_DECISION_BEFORE_CARE: "ADM decision outside care",
    W_ADOPTED_NOT_PLACED: "adopted outside an adoption placement",
    W_NO_AD1: "AD1 and adoption",
    W_AD1_NOT_ADOPTED: "AD1 and adoption",
    W_FOSTER_CARE_1: "FOSTER_CARE",
    W_FOSTER_CARE_0: "FOSTER_CARE",
    W_OVERLAP: "episodes overlap or gap",
    W_GAP: "episodes overlap or gap",
    W_NO_START: "care began before the earliest return",
    W_PROVIDER: "PLACE_PROVIDER",
    W_ADOPTED_NO_DATE: "episode end",
    W_ADOPTED_AND_CEASED: "adopted and plan ceased",
}


@dataclass
class PlacementFacts:
    placed: date
    moved_in: date
    ended: date | None
    end_reason: str
    source: str


@dataclass
class JourneyFacts:
    entered_care: date | None = None
    adm_decision: date | None = None
    placement_order: date | None = None
    matched: date | None = None
    placed: date | None = None
    moved_in_with_adopters: date | None = None
    adoption_order: date | None = None
    plan_ceased: date | None = None
    plan_ceased_reason: str = ""
    foster_carer_adoption: bool = False
    placements: list[PlacementFacts] = field(default_factory=list)

    JOURNEY_FIELDS = (
        "entered_care",
        "adm_decision",
        "placement_order",
        "matched",
        "placed",
        "moved_in_with_adopters",
        "adoption_order",
        "plan_ceased",
        "plan_ceased_reason",
        "foster_carer_adoption",
    )

    def journey_values(self) -> dict:
        return {name: getattr(self, name) for name in self.JOURNEY_FIELDS}


def with_ends(episodes: list[dict]) -> list[dict]:
    """Episodes sorted by DECOM, each with END: its DEC, else (REC given) where the next episode
    begins, else None (open)."""
    episodes = sorted(episodes, key=lambda episode: episode["DECOM"])
    ended = []
    for index, episode in enumerate(episodes):
        end = episode["DEC"]
        if end is None and episode["REC"] and index + 1 < len(episodes):
            end = episodes[index + 1]["DECOM"]
        ended.append({**episode, "END": end})
    return ended


def periods_of_care(episodes: list[dict]) -> list[list[dict]]:
    """Split episodes sorted by DECOM at each RNE S (a new period of care)."""
    periods: list[list[dict]] = []
    for episode in episodes:
        if episode["RNE"] == "S" or not periods:
            periods.append([])
        periods[-1].append(episode)
    return periods


def _runs(period: list[dict]) -> list[list[int]]:
    """Adoption placement runs: indexes of consecutive A3-A6 episodes with the same carers."""
    runs: list[list[int]] = []
    for index, episode in enumerate(period):
        if episode["PLACE"] not in ADOPTION_PLACEMENTS:
            continue
        continues = runs and runs[-1][-1] == index - 1 and episode["RNE"] in SAME_CARERS
        if continues:
            runs[-1].append(index)
        else:
            runs.append([index])
    return runs


def _moved_in(period: list[dict], first: int) -> date:
    """Walk back from the run's first episode while the carers stayed the same."""
    index = first
    while index > 0 and period[index]["RNE"] in SAME_CARERS:
        index -= 1
    return period[index]["DECOM"]


def derive_journeys(
    episodes: list[dict], ad1: dict | None, placed_adoption: list[dict], warn
) -> list[JourneyFacts]:
    """The journeys of one child: one per period of care with an adoption decision, an adoption
    placement or an adoption order. `warn(template, **values)` collects data-quality warnings
    (CHECKS names the check of each)."""
    episodes = with_ends(episodes)
    _check_continuity(episodes, warn)
    periods = periods_of_care(episodes)
    journeys = []
    adopted_any = False
    for number, period in enumerate(periods):
        start = period[0]["DECOM"]
        following = periods[number + 1][0]["DECOM"] if number + 1 < len(periods) else None
        # A decision before the first period (a relinquished baby, or a date error the DfE
        # validator flags) belongs to that period.
        decisions = [
            row
            for row in placed_adoption
            if (number == 0 or row["DATE_PLACED"] >= start)
            and (following is None or row["DATE_PLACED"] < following)
        ]
        facts = JourneyFacts()
        if period[0]["RNE"] == "S":
            facts.entered_care = start
        facts.placement_order = next(
            (e["DECOM"] for e in period if e["LS"] in ORDER_LEGAL_STATUSES), None
        )
        adopted = False
        for episode in period:
            if episode["REC"] in ADOPTED:
                adopted = True
                facts.adoption_order = episode["DEC"]
                if episode["DEC"] is None:
                    warn(W_ADOPTED_NO_DATE, decom=episode["DECOM"], rec=episode["REC"])
                if episode["PLACE"] not in ADOPTION_PLACEMENTS:
                    warn(
                        W_ADOPTED_NOT_PLACED,
                        decom=episode["DECOM"],
                        rec=episode["REC"],
                        place=episode["PLACE"],
                    )
        runs = _runs(period)
        if not (decisions or runs or adopted):
            continue
        if facts.entered_care is None:
            warn(W_NO_START)
        _placements(facts, period, runs, ad1 if adopted else None, warn)
        if decisions:
            latest = max(decisions, key=lambda row: row["DATE_PLACED"])
            facts.adm_decision = latest["DATE_PLACED"]
            if latest["DATE_PLACED_CEASED"] and adopted:
                warn(
                    W_ADOPTED_AND_CEASED,
                    order=facts.adoption_order or "date unknown",
                    ceased=latest["DATE_PLACED_CEASED"],
                )
            elif latest["DATE_PLACED_CEASED"]:
                facts.plan_ceased = latest["DATE_PLACED_CEASED"]
                facts.plan_ceased_reason = latest["REASON_PLACED_CEASED"] or "RD4"
        elif ad1 and adopted:
            facts.adm_decision = ad1["DATE_INT"]
        if adopted:
            adopted_any = True
            _ad1_facts(facts, ad1, warn)
        if facts.adm_decision and facts.entered_care and facts.adm_decision < facts.entered_care:
            warn(W_DECISION_BEFORE_CARE, decision=facts.adm_decision, start=facts.entered_care)
        journeys.append(facts)
    if ad1 and not adopted_any:
        warn(W_AD1_NOT_ADOPTED)
    return journeys


def _placements(facts: JourneyFacts, period, runs, ad1, warn) -> None:
    for position, run in enumerate(runs):
        first, last = period[run[0]], period[run[-1]]
        is_last = position == len(runs) - 1
        with_carers = first["PLACE"] in WITH_FOSTER_CARERS
        foster_care = ad1 is not None and is_last and ad1["FOSTER_CARE"] == "1"
        moved_in = _moved_in(period, run[0]) if with_carers or foster_care else first["DECOM"]
        if last["END"] is None:
            ended, reason = None, ""
        elif last["REC"] in ADOPTED:
            ended, reason = last["END"], Placement.EndReason.ADOPTION_ORDER
        else:
            ended, reason = last["END"], Placement.EndReason.DISRUPTION
        provider = first["PLACE_PROVIDER"]
        if provider not in SOURCES:
            warn(W_PROVIDER, provider=provider or "blank")
        facts.placements.append(
            PlacementFacts(
                placed=first["DECOM"],
                moved_in=moved_in,
                ended=ended,
                end_reason=reason,
                source=SOURCES.get(provider, AdopterSource.OWN),
            )
        )
        if is_last:
            facts.placed, facts.moved_in_with_adopters = first["DECOM"], moved_in
            facts.foster_carer_adoption = moved_in < first["DECOM"]
            if ad1 is not None:
                if ad1["FOSTER_CARE"] == "1" and not with_carers:
                    warn(W_FOSTER_CARE_1, place=first["PLACE"])
                if ad1["FOSTER_CARE"] == "0" and with_carers:
                    warn(W_FOSTER_CARE_0, place=first["PLACE"])


def _ad1_facts(facts: JourneyFacts, ad1: dict | None, warn) -> None:
    if ad1 is None:
        warn(W_NO_AD1)
        return
    facts.matched = ad1["DATE_MATCH"]
    if ad1["DATE_INT"] and ad1["DATE_MATCH"] and ad1["DATE_INT"] > ad1["DATE_MATCH"]:
        warn(W_INT_AFTER_MATCH, int=ad1["DATE_INT"], match=ad1["DATE_MATCH"])
    if facts.placed and ad1["DATE_MATCH"] and ad1["DATE_MATCH"] > facts.placed:
        warn(W_MATCH_AFTER_PLACED, match=ad1["DATE_MATCH"], placed=facts.placed)


def _check_continuity(episodes: list[dict], warn) -> None:
    for earlier, later in zip(episodes, episodes[1:], strict=False):
        if earlier["END"] is None or earlier["END"] > later["DECOM"]:
            warn(W_OVERLAP, dec=earlier["END"] or "open", decom=later["DECOM"])
        elif earlier["END"] < later["DECOM"] and later["RNE"] != "S":
            warn(W_GAP, dec=earlier["END"], decom=later["DECOM"])
