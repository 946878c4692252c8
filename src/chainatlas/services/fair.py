"""Fair use cases (展会供需对接): registration, access, matchmaking and recommendations.

Organisers (admins and analysts: the ANALYSE right) see and schedule everything; a signed-in user
whose enterprise is registered sees that registration's recommendations and agenda. Scheduling the
meetings is `services.fair_schedule` (select-and-schedule at fair scale); the published B2B benchmark's
schedule-all-minimise-breaks mode is `services.fair_b2b`.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from chainatlas.analytics.chain import node_metrics
from chainatlas.analytics.gaps import gap_ranking
from chainatlas.analytics.matchmaking import MatchInput, PairScore, Party, gap_weights, match_scores, recommendations
from chainatlas.analytics.snapshot import latest_year
from chainatlas.domain.access import REGISTRY, Action, allowed
from chainatlas.domain.fair import Fair, FairParticipant, FairPreference
from chainatlas.domain.fair_results import FairMatches, FairPair, FairRecommendations, ScoreParts
from chainatlas.domain.kinds import FAIR_PARTICIPANTS, FAIRS
from chainatlas.domain.user import User
from chainatlas.services.access import require
from chainatlas.services.cache import PUBLIC_CACHE
from chainatlas.services.chain import chain_snapshot
from chainatlas.services.clusters import resolve_cluster
from chainatlas.services.errors import NotAllowed, NotFound
from chainatlas.store.fair import FairRepository, chain_node_names, enterprises_in_cluster
from chainatlas.store.registry import RegistryRepository, chain_node_parents


@dataclass(frozen=True)
class Registration:
    """A fair with its participants and the preferences they stated."""

    fair: Fair
    participants: list[FairParticipant]
    preferences: list[FairPreference]

    def by_id(self) -> dict[str, FairParticipant]:
        """Return the participants by id."""
        return {p.id: p for p in self.participants}


def get_fair(session: Session, fair_id: str) -> Fair:
    """Return a fair, or raise NotFound."""
    fair = RegistryRepository(session, FAIRS).get((fair_id,))
    if fair is None:
        raise NotFound(code="fair.not_found", params={"fair": fair_id})
    return fair


def list_fairs(session: Session, user: User | None) -> list[Fair]:
    """Return every fair, newest first (any signed-in user)."""
    require(user, Action.READ)
    fairs: list[Fair] = list(RegistryRepository(session, FAIRS).all())
    return sorted(fairs, key=lambda f: (f.start, f.id), reverse=True)


def registration(session: Session, fair_id: str) -> Registration:
    """Return a fair's registration."""
    fair = get_fair(session, fair_id)
    repo = FairRepository(session)
    return Registration(fair, repo.participants(fair_id), repo.preferences(fair_id))


def is_organiser(user: User | None) -> bool:
    """Return whether a user manages fairs (admins and analysts)."""
    return allowed(user, Action.ANALYSE, REGISTRY)


def own_participant(user: User | None, participant: FairParticipant) -> bool:
    """Return whether a participant is the signed-in user's own registration (same enterprise)."""
    return user is not None and user.enterprise_id is not None and user.enterprise_id == participant.enterprise_id


def require_participant_access(user: User | None, participant: FairParticipant) -> None:
    """Raise NotAllowed unless the user organises fairs or the participant is their own registration."""
    if is_organiser(user) or own_participant(user, participant):
        return
    raise NotAllowed(code="access.sign_in" if user is None else "fair.participant_only", signed_in=user is not None)


def participants_of_user(session: Session, user: User | None, fair_id: str) -> list[FairParticipant]:
    """Return the registrations of a fair the user may open (all for organisers, their own otherwise)."""
    participants = FairRepository(session).participants(fair_id)
    return [p for p in participants if is_organiser(user) or own_participant(user, p)]


def get_participant(session: Session, fair_id: str, participant_id: str) -> FairParticipant:
    """Return a participant of a fair, or raise NotFound (naming the fair when the fair itself does not exist)."""
    get_fair(session, fair_id)
    found = RegistryRepository(session, FAIR_PARTICIPANTS).get((participant_id,))
    if found is None or found.fair_id != fair_id:
        raise NotFound(code="fair.participant_not_found", params={"fair": fair_id, "participant": participant_id})
    return found


def cluster_gap_weights(session: Session, cluster: str | None = None) -> dict[str, float]:
    """Return a cluster's chain gaps' weights (gap-ranking score over the largest, 0–1) for the latest year."""
    snapshot = chain_snapshot(session, cluster)
    rows = gap_ranking(snapshot, node_metrics(snapshot, year=latest_year(snapshot)))
    return gap_weights({row.code: row.score for row in rows})


def match_input(session: Session, reg: Registration, cluster: str | None = None) -> MatchInput:
    """Return the matchmaking input of a registration: parties (inside or outside a cluster, None: the default),
    taxonomy, preferences, and the cluster's gap weights."""
    ids = {p.enterprise_id for p in reg.participants if p.enterprise_id}
    inside = enterprises_in_cluster(session, ids, cluster)
    parties = tuple(
        Party(
            id=p.id,
            role=p.role.value,
            in_cluster=inside.get(p.enterprise_id or "", False),
            offers=p.offers,
            needs=p.needs,
            offers_text=p.offers_text or "",
            needs_text=p.needs_text or "",
        )
        for p in reg.participants
    )
    preferences = tuple((p.from_id, p.to_id, p.level.value) for p in reg.preferences)
    return MatchInput(
        parties=parties,
        node_parent=chain_node_parents(session),
        preferences=preferences,
        gap_weight=cluster_gap_weights(session, cluster),
        node_names=chain_node_names(session),
    )


def cached_matches(session: Session, fair_id: str, cluster: str | None = None) -> list[PairScore]:
    """Return every scored pair of a fair for a cluster's gap bonus (None: the default cluster), computed once per
    registry version and cluster. The caller has checked the cluster id (`services.clusters.resolve_cluster`)."""
    cluster = cluster or resolve_cluster(session, None).id
    return PUBLIC_CACHE.get(
        session,
        ("fair_matches", fair_id, cluster),
        lambda: match_scores(match_input(session, registration(session, fair_id), cluster)),
    )


def fair_matches(session: Session, user: User | None, *, fair_id: str, cluster: str | None = None) -> list[PairScore]:
    """Return every scored exhibitor–buyer pair of a fair, best first, for a cluster's gap bonus (organisers)."""
    require(user, Action.ANALYSE)
    get_fair(session, fair_id)
    return cached_matches(session, fair_id, resolve_cluster(session, user, cluster).id)


def participant_recommendations(
    session: Session, user: User | None, *, fair_id: str, participant_id: str, k: int = 10, cluster: str | None = None
) -> list[PairScore]:
    """Return a participant's best k counterparts with their reasons, for a cluster's gap bonus (organisers, or
    the participant itself)."""
    participant = get_participant(session, fair_id, participant_id)
    require_participant_access(user, participant)
    rule = resolve_cluster(session, user, cluster)
    return recommendations(cached_matches(session, fair_id, rule.id), participant_id, k)


def fair_pair(pair: PairScore, people: dict[str, FairParticipant]) -> FairPair:
    """Return a scored pair as a result, with both sides' names."""
    exhibitor, buyer = people.get(pair.exhibitor), people.get(pair.buyer)
    return FairPair(
        exhibitor=pair.exhibitor,
        exhibitor_name=exhibitor.name_zh if exhibitor else None,
        buyer=pair.buyer,
        buyer_name=buyer.name_zh if buyer else None,
        score=pair.score,
        must=pair.must,
        parts=ScoreParts(node=pair.node, text=pair.text, gap=pair.gap, preference=pair.preference),
        reasons_en=list(pair.reasons_en),
        reasons_zh=list(pair.reasons_zh),
    )


def match_report(
    session: Session, user: User | None, *, fair_id: str, limit: int, cluster: str | None = None
) -> FairMatches:
    """Return a fair's first `limit` scored pairs, best first, with names and reasons, for a cluster's gap bonus
    (organisers)."""
    pairs = fair_matches(session, user, fair_id=fair_id, cluster=cluster)
    rule = resolve_cluster(session, user, cluster)
    people = registration(session, fair_id).by_id()
    shown = [fair_pair(p, people) for p in pairs[:limit]]
    return FairMatches(fair=fair_id, cluster=rule.id, total=len(pairs), pairs=shown)


def recommendation_report(
    session: Session,
    user: User | None,
    *,
    fair_id: str,
    participant_id: str,
    k: int = 10,
    cluster: str | None = None,
) -> FairRecommendations:
    """Return a participant's best k counterparts with names and reasons, for a cluster's gap bonus (organisers,
    or the participant itself)."""
    pairs = participant_recommendations(
        session, user, fair_id=fair_id, participant_id=participant_id, k=k, cluster=cluster
    )
    rule = resolve_cluster(session, user, cluster)
    people = registration(session, fair_id).by_id()
    found = [fair_pair(p, people) for p in pairs]
    return FairRecommendations(fair=fair_id, participant=participant_id, cluster=rule.id, recommendations=found)
