"""What `compare`, `whatif`, `timeline` and `depends --uncertain` answer, as frozen reports.

The same role as `scenarios.reports.browse` (dataset + arguments -> report, in plain words)
for the commands that set two graphs side by side or carry uncertainty through the analysis.
Pure: no printing, no files, no database. Heavy modules are imported inside the functions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from scenarios.errors import UsageError
from scenarios.model import Actor, Dataset, Link, LinkStatus, Scenario, ScenarioView
from scenarios.reports.browse import (
    Analysis,
    DependencyRow,
    LinkRow,
    analysis_for,
    chain_strength,
    explain,
)

if TYPE_CHECKING:
    from scenarios.analysis.centrality import CentralityResult
    from scenarios.analysis.compare import Chain, ChainShift, DependencyShift
    from scenarios.analysis.dependency import DependencyResult, PairDamage
    from scenarios.analysis.reliability import Estimate, LinkImportance
    from scenarios.analysis.whatif import CutDamage
    from scenarios.graph import Tie, TieGraph
    from scenarios.vocab import Measure

CUT_SEPARATORS = ("~", "～", "〜")  # ASCII tilde, full-width tilde, wave dash (Japanese input)
BASE = "base"  # `compare base SCENARIO`: the shared base graph, unless a scenario has this id


# -- shared rows -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TieRow:
    """A tie as shown to people: its two actors and the links it merges."""

    ends: tuple[Actor, Actor]
    links: tuple[Link, ...]


@dataclass(frozen=True, slots=True)
class ChainRow:
    """A key pair's strongest chain on both sides, and what changed."""

    __json_extra__: ClassVar[tuple[str, ...]] = ("hops_before", "hops_after")

    source: Actor
    target: Actor
    change: str  # broken, formed, weaker, stronger, rerouted, same, apart
    strength_before: float
    strength_after: float
    path_before: tuple[Actor, ...]
    path_after: tuple[Actor, ...]
    why: str

    @property
    def hops_before(self) -> int | None:
        return len(self.path_before) - 1 if self.path_before else None

    @property
    def hops_after(self) -> int | None:
        return len(self.path_after) - 1 if self.path_after else None


@dataclass(frozen=True, slots=True)
class RankRow:
    """An actor's centrality on both sides (None: not in that graph, e.g. removed)."""

    actor: Actor
    rank_before: int | None
    rank_after: int | None
    score_before: float | None
    score_after: float | None
    moved: int | None  # places gained (+) or lost (-)


@dataclass(frozen=True, slots=True)
class CentralityShift:
    measure: str
    method: str
    movers: tuple[RankRow, ...]  # biggest movers first
    actors: int


@dataclass(frozen=True, slots=True)
class DependencyShiftRow:
    """A tie's dependency score and rank on both sides (0 / None: not depended on there)."""

    ends: tuple[Actor, Actor]
    links: tuple[Link, ...]
    score_before: float
    score_after: float
    rank_before: int | None
    rank_after: int | None


@dataclass(frozen=True, slots=True)
class KeyChainRow:
    """A key pair's strongest chain on one graph (hops: of that chain)."""

    source: Actor
    target: Actor
    strength: float
    hops: int | None


@dataclass(frozen=True, slots=True)
class HoldingPairRow:
    source: Actor
    target: Actor
    before: Estimate
    after: Estimate | None = None


def _names(actors: Iterable[Actor]) -> str:
    return " → ".join(a.name for a in actors)


def _tie_row(an: Analysis, pair: Tie, graph: TieGraph | None = None) -> TieRow:
    from scenarios.graph import LINKS

    graph = graph or an.graph
    by_id = {link.id: link for link in an.view.links}
    u, v = pair
    data = graph.adj.get(u, {}).get(v)
    links = tuple(by_id[i] for i in data[LINKS]) if data else ()
    return TieRow((an.dataset.actor_by_id[u], an.dataset.actor_by_id[v]), links)


def _tie_name(ds: Dataset, pair: Tie) -> str:
    return f"{ds.actor_by_id[pair[0]].name}–{ds.actor_by_id[pair[1]].name}"


def _chain_row(ds: Dataset, shift: ChainShift, before: str, after: str) -> ChainRow:
    actor = ds.actor_by_id
    s, t = actor[shift.source], actor[shift.target]
    path_a = tuple(actor[x] for x in shift.before.path)
    path_b = tuple(actor[x] for x in shift.after.path)
    sa, sb = shift.before.strength, shift.after.strength
    change = shift.change.value
    pair = f"{s.name}–{t.name}"
    if change == "broken":
        why = (
            f"no chain joins {s.name} and {t.name} {after} "
            f"(best {before}: {sa:.2f}, {_names(path_a)})"
        )
    elif change == "formed":
        why = f"{s.name} and {t.name} are joined {after} ({sb:.2f}, {_names(path_b)}), not {before}"
    elif change in ("weaker", "stronger"):
        verb = "weakens" if change == "weaker" else "strengthens"
        why = (
            f"the best {pair} chain {verb} from {sa:.2f} to {sb:.2f} "
            f"({shift.strength_change:+.0%}), {after} via {_names(path_b)}"
        )
    elif change == "rerouted":
        why = f"the best {pair} chain keeps its strength {sa:.2f} but runs via {_names(path_b)}"
    elif change == "apart":
        why = f"{s.name} and {t.name} are not connected on either side"
    else:
        why = f"the best {pair} chain is unchanged ({sa:.2f}, {_names(path_a)})"
    return ChainRow(s, t, change, sa, sb, path_a, path_b, why)


def _rank_rows(
    ds: Dataset, before: CentralityResult, after: CentralityResult, top: int | None
) -> CentralityShift:
    from scenarios.analysis.compare import rank_shifts

    shifts = rank_shifts(before, after)
    moved = [s for s in shifts if s.moved != 0]
    rows = tuple(
        RankRow(
            ds.actor_by_id[s.actor],
            s.rank_before,
            s.rank_after,
            s.score_before,
            s.score_after,
            s.moved,
        )
        for s in (moved[:top] if top else moved)
    )
    return CentralityShift(before.measure.value, before.method, rows, len(shifts))


def _dependency_rows(
    ds: Dataset, shifts: Iterable[DependencyShift], links: Mapping[Tie, tuple[Link, ...]]
) -> tuple[DependencyShiftRow, ...]:
    return tuple(
        DependencyShiftRow(
            (ds.actor_by_id[s.tie[0]], ds.actor_by_id[s.tie[1]]),
            links.get(s.tie, ()),
            s.score_before,
            s.score_after,
            s.rank_before,
            s.rank_after,
        )
        for s in shifts
    )


def _tie_links(*analyses: Analysis) -> dict[Tie, tuple[Link, ...]]:
    """Each tie's links across the given graphs (by id, first graph first)."""
    from scenarios.graph import LINKS

    out: dict[Tie, dict[str, Link]] = {}
    for an in analyses:
        by_id = {link.id: link for link in an.view.links}
        for u, v, data in an.graph.edges():
            bucket = out.setdefault((u, v), {})
            for i in data[LINKS]:
                bucket.setdefault(i, by_id[i])
    return {pair: tuple(links.values()) for pair, links in out.items()}


def _check_top(top: int | None) -> None:
    if top is not None and top < 1:
        raise UsageError(f"--top must be at least 1, not {top}")


# -- compare ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReweightRow:
    """A link both sides have, with a different strength or confidence on side B."""

    before: Link
    after: Link
    source: Actor
    target: Actor
    status: LinkStatus  # strengthened or weakened


@dataclass(frozen=True, slots=True)
class CompareReport:
    a: str  # scenario id, or "base"
    b: str
    a_name: str
    b_name: str
    as_of: date | None
    added: tuple[LinkRow, ...]
    removed: tuple[LinkRow, ...]
    reweighted: tuple[ReweightRow, ...]
    unchanged_links: int
    key_actors: tuple[Actor, ...]  # both sides' key actors: the pairs compared below
    chains: tuple[ChainRow, ...]  # top pairs whose strongest chain differs, biggest change first
    chains_changed: int
    chains_unchanged: int
    centrality: CentralityShift
    key_actors_a: tuple[Actor, ...]
    key_actors_b: tuple[Actor, ...]
    only_a: tuple[DependencyShiftRow, ...]  # ties A depends on and B does not
    only_b: tuple[DependencyShiftRow, ...]
    both: tuple[DependencyShiftRow, ...]  # ties both depend on, biggest score change first


def _side(ds: Dataset, query: str) -> tuple[str | None, str, str]:
    """(scenario id or None for the base graph, label, display name)."""
    from scenarios.errors import NotFound
    from scenarios.model import normalise

    try:
        scenario = ds.resolve_scenario(query)
    except NotFound:
        if normalise(query) == BASE:
            return None, BASE, "the base graph"
        raise
    return scenario.id, scenario.id, scenario.name


def compare_report(
    ds: Dataset,
    a: str,
    b: str,
    *,
    measure: Measure | None = None,
    top: int | None = 10,
    as_of: date | None = None,
) -> CompareReport:
    """B relative to A: links, centrality ranks, dependencies and key-actor chains.

    Chains are compared over both scenarios' key actors together; dependencies use each
    scenario's own key actors (what `depends` ranks for it). `base` names the base graph.
    """
    from scenarios.analysis.centrality import centrality
    from scenarios.analysis.compare import (
        ChainChange,
        chain_shifts,
        dependency_diff,
        key_chains,
        link_diff,
    )
    from scenarios.analysis.dependency import dependencies
    from scenarios.vocab import Measure

    _check_top(top)
    id_a, label_a, name_a = _side(ds, a)
    id_b, label_b, name_b = _side(ds, b)
    an_a = analysis_for(ds, id_a, as_of=as_of)
    an_b = analysis_for(ds, id_b, as_of=as_of)
    diff = link_diff(an_a.view.links, an_b.view.links)
    actor = ds.actor_by_id

    def row(link: Link, status: LinkStatus) -> LinkRow:
        return LinkRow(link, actor[link.source], actor[link.target], status)

    reweighted = tuple(
        ReweightRow(
            r.before,
            r.after,
            actor[r.after.source],
            actor[r.after.target],
            LinkStatus.WEAKENED if r.weight_change < 0 else LinkStatus.STRENGTHENED,
        )
        for r in diff.reweighted
    )
    keys = tuple(dict.fromkeys([*an_a.view.key_actors, *an_b.view.key_actors]))
    shifts = chain_shifts(key_chains(an_a.graph, keys), key_chains(an_b.graph, keys))
    changed = [s for s in shifts if s.change not in (ChainChange.SAME, ChainChange.APART)]
    chosen = measure or Measure.BETWEENNESS
    ranks = _rank_rows(ds, centrality(an_a.graph, chosen), centrality(an_b.graph, chosen), top)
    deps = dependency_diff(
        dependencies(an_a.graph, an_a.view.key_actors),
        dependencies(an_b.graph, an_b.view.key_actors),
    )
    links = _tie_links(an_a, an_b)
    return CompareReport(
        a=label_a,
        b=label_b,
        a_name=name_a,
        b_name=name_b,
        as_of=as_of,
        added=tuple(row(link, LinkStatus.ADDED) for link in diff.added),
        removed=tuple(row(link, LinkStatus.REMOVED) for link in diff.removed),
        reweighted=reweighted,
        unchanged_links=diff.unchanged,
        key_actors=tuple(actor[k] for k in keys),
        chains=tuple(
            _chain_row(ds, s, f"in {label_a}", f"in {label_b}")
            for s in (changed[:top] if top else changed)
        ),
        chains_changed=len(changed),
        chains_unchanged=len(shifts) - len(changed),
        centrality=ranks,
        key_actors_a=tuple(actor[k] for k in an_a.view.key_actors),
        key_actors_b=tuple(actor[k] for k in an_b.view.key_actors),
        only_a=_dependency_rows(ds, deps.only_before, links),
        only_b=_dependency_rows(ds, deps.only_after, links),
        both=_dependency_rows(ds, deps.both, links),
    )


# -- what-if: cuts -----------------------------------------------------------------------------


def parse_cut(ds: Dataset, an: Analysis, text: str) -> Tie:
    """Resolve `--cut A~B` to a tie of the analysed graph (actors by id, name or alias)."""
    from scenarios.graph import tie

    where = f"in {an.view.name}" + (f" as of {an.view.as_of}" if an.view.as_of else "")
    for sep in CUT_SEPARATORS:
        if sep in text:
            left, _, right = text.partition(sep)
            break
    else:
        link = ds.link_by_id.get(text.strip()) or next(
            (link for link in an.view.links if link.id == text.strip()), None
        )
        hint = "name a tie by its two actors, e.g. --cut witkoff~putin"
        if link is not None:
            hint = (
                f"'{text}' is a link of the tie {link.source}~{link.target}; cut the tie with "
                f"--cut {link.source}~{link.target} (a tie is cut with all its links)"
            )
        raise UsageError(f"--cut '{text}' does not name a tie (ACTOR~ACTOR)", hint=hint)
    if not left.strip() or not right.strip():
        raise UsageError(
            f"--cut '{text}' needs an actor on each side of '~'", hint="e.g. --cut witkoff~putin"
        )
    u, v = ds.resolve_actor(left.strip()), ds.resolve_actor(right.strip())
    if u.id == v.id:
        raise UsageError(f"--cut '{text}' names {u.name} twice", hint="a tie joins two actors")
    if not an.graph.has_edge(u.id, v.id):
        others = sorted(an.graph.adj.get(u.id, {}), key=lambda o: ds.actor_by_id[o].name)
        listed = ", ".join(others[:8]) + (", ..." if len(others) > 8 else "")
        hint = (
            f"{u.name}'s ties {where}: {listed}"
            if others
            else f"{u.name} has no ties {where}; list links with `scenarios links --actor {u.id}`"
        )
        raise UsageError(f"no tie joins {u.name} and {v.name} {where}", hint=hint)
    return tie(u.id, v.id)


@dataclass(frozen=True, slots=True)
class WhatIfReport:
    scenario: Scenario
    as_of: date | None
    cuts: tuple[TieRow, ...]
    removed: tuple[Actor, ...]
    ties_cut: int  # the named ties plus every tie of the removed actors
    links_cut: int
    score: float  # share of the key actors' chain strength lost (the `depends` score of the cut)
    disconnects: tuple[tuple[Actor, Actor], ...]
    summary: str
    chains: tuple[ChainRow, ...]  # every key pair, most changed first
    centrality: CentralityShift
    depends_before: tuple[DependencyRow, ...]
    depends_after: tuple[DependencyRow, ...]
    now_depends: tuple[DependencyShiftRow, ...]  # ties the scenario depends on only after the cut
    no_longer_depends: tuple[DependencyShiftRow, ...]  # uncut ties it no longer depends on
    holding_before: Estimate | None = None
    holding_after: Estimate | None = None
    holding_pairs: tuple[HoldingPairRow, ...] = ()
    samples: int | None = None
    seed: int | None = None


@dataclass(frozen=True, slots=True)
class _Cut:
    an: Analysis
    ties: tuple[Tie, ...]  # as named
    removed: tuple[str, ...]
    all_ties: frozenset[Tie]  # including the removed actors' ties
    after: TieGraph


def _resolve_cut(
    ds: Dataset,
    scenario: str,
    cuts: Sequence[str],
    remove: Sequence[str],
    as_of: date | None,
) -> _Cut:
    from scenarios.analysis.whatif import cut_graph, ties_cut

    an = analysis_for(ds, scenario, as_of=as_of)
    ties = tuple(dict.fromkeys(parse_cut(ds, an, text) for text in cuts))
    removed = tuple(dict.fromkeys(ds.resolve_actor(name).id for name in remove))
    everything = frozenset(ties_cut(an.graph, ties, removed))
    return _Cut(an, ties, removed, everything, cut_graph(an.graph, ties, removed))


def _cut_phrase(ds: Dataset, cut: _Cut) -> str:
    parts = [_tie_name(ds, t) for t in cut.ties]
    parts += [f"removing {ds.actor_by_id[a].name}" for a in cut.removed]
    if len(parts) > 1:
        return ", ".join(parts[:-1]) + " and " + parts[-1]
    return parts[0] if parts else "nothing"


def whatif_report(
    ds: Dataset,
    scenario: str,
    *,
    cuts: Sequence[str] = (),
    remove: Sequence[str] = (),
    measure: Measure | None = None,
    top: int | None = 5,
    uncertain: bool = False,
    samples: int | None = None,
    seed: int = 0,
    as_of: date | None = None,
) -> WhatIfReport:
    """The scenario before and after cutting ties / removing actors: chains, centrality,
    dependencies and (with `uncertain`) the holding probability."""
    from scenarios.analysis.centrality import centrality
    from scenarios.analysis.compare import chain_shifts, dependency_diff, key_chains
    from scenarios.analysis.dependency import dependencies
    from scenarios.analysis.whatif import without_actors
    from scenarios.vocab import Measure

    _check_top(top)
    if not cuts and not remove:
        raise UsageError(
            "nothing to cut",
            hint="give --cut ACTOR~ACTOR or --remove ACTOR (repeatable), "
            "or --sweep to try every cut",
        )
    scenario_id = ds.resolve_scenario(scenario).id
    cut = _resolve_cut(ds, scenario_id, cuts, remove, as_of)
    an = cut.an
    assert an.view.scenario is not None
    keys = an.view.key_actors
    before_chains, after_chains = key_chains(an.graph, keys), key_chains(cut.after, keys)
    shifts = chain_shifts(before_chains, after_chains)
    connected = [p for p, c in before_chains.items() if c.cost is not None]
    losses = [_loss(before_chains[p], after_chains[p]) for p in connected]
    score = sum(losses) / len(connected) if connected else 0.0
    disconnects = tuple(
        (ds.actor_by_id[p[0]], ds.actor_by_id[p[1]])
        for p in connected
        if after_chains[p].cost is None
    )
    chosen = measure or Measure.BETWEENNESS
    ranks = _rank_rows(
        ds,
        centrality(an.graph, chosen),
        centrality(without_actors(cut.after, cut.removed), chosen),
        top,
    )
    deps_before = dependencies(an.graph, keys)
    deps_after = dependencies(cut.after, keys)
    after_an = Analysis(ds, an.view, cut.after)
    diff = dependency_diff(deps_before, deps_after, ignore=cut.all_ties)
    links = _tie_links(an)
    report = WhatIfReport(
        scenario=an.view.scenario,
        as_of=as_of,
        cuts=tuple(_tie_row(an, t) for t in cut.ties),
        removed=tuple(ds.actor_by_id[a] for a in cut.removed),
        ties_cut=len(cut.all_ties),
        links_cut=sum(len(_tie_row(an, t).links) for t in cut.all_ties),
        score=score,
        disconnects=disconnects,
        summary=_whatif_summary(ds, cut, score, shifts),
        chains=tuple(_chain_row(ds, s, "before", "after the cut") for s in shifts),
        centrality=ranks,
        depends_before=_dependency_ranking(an, deps_before, top),
        depends_after=_dependency_ranking(after_an, deps_after, top),
        now_depends=_dependency_rows(ds, diff.only_after, links),
        no_longer_depends=_dependency_rows(ds, diff.only_before, links),
    )
    if not uncertain:
        return report
    return _with_holding(report, cut, samples, seed)


def _loss(before: Chain, after: Chain) -> float:
    import math

    if before.cost is None:
        return 0.0
    if after.cost is None:
        return 1.0
    return max(0.0, 1.0 - math.exp(before.cost - after.cost))


def _whatif_summary(ds: Dataset, cut: _Cut, score: float, shifts: Sequence[ChainShift]) -> str:
    lead = f"Cutting {_cut_phrase(ds, cut)}"
    if cut.removed and not cut.ties:
        lead = lead.replace("Cutting removing", "Removing")
    if all(s.before.cost is None for s in shifts):
        return f"{lead} changes nothing for the key actors: none of them are connected even before"
    broken = [s for s in shifts if s.change.value == "broken"]
    worst = next((s for s in shifts if s.change.value == "weaker"), None)
    text = f"{lead} costs the key actors {score:.0%} of their chain strength"
    if broken:
        pairs = ", ".join(
            f"{ds.actor_by_id[s.source].name}–{ds.actor_by_id[s.target].name}" for s in broken
        )
        text += f" and disconnects {pairs}"
    elif worst is not None:
        s, t = ds.actor_by_id[worst.source].name, ds.actor_by_id[worst.target].name
        text += (
            f"; the best {s}–{t} chain weakens from {worst.before.strength:.2f} "
            f"to {worst.after.strength:.2f}"
        )
    else:
        text += ": every key pair keeps an equally strong chain"
    return text


def _dependency_ranking(
    an: Analysis, result: DependencyResult, top: int | None
) -> tuple[DependencyRow, ...]:
    ds = an.dataset
    by_id = {link.id: link for link in an.view.links}
    ranked = [d for d in result.ties if d.score > 0 or d.route_loss > 0 or d.path_share > 0]
    routes = {(p.source, p.target): p.routes for p in result.pairs}
    return tuple(
        DependencyRow(
            rank,
            (ds.actor_by_id[d.tie[0]], ds.actor_by_id[d.tie[1]]),
            tuple(by_id[i] for i in d.links),
            d,
            explain(d, ds, routes),
        )
        for rank, d in enumerate(ranked[:top] if top else ranked, start=1)
    )


def _confidences(view: ScenarioView, cut_links: Iterable[str] = ()) -> dict[str, float]:
    conf = {link.id: link.confidence for link in view.links}
    for link in cut_links:
        conf[link] = 0.0
    return conf


def _with_holding(report: WhatIfReport, cut: _Cut, samples: int | None, seed: int) -> WhatIfReport:
    from dataclasses import replace

    from scenarios.analysis.reliability import DEFAULT_SAMPLES, holding_probability
    from scenarios.graph import LINKS

    an = cut.an
    n = DEFAULT_SAMPLES if samples is None else samples
    cut_links = [i for u, v in cut.all_ties for i in an.graph.adj[u][v][LINKS]]
    keys = an.view.key_actors
    # the after-cut estimate runs on the same graph with the cut links' confidence set to 0,
    # so both see the same draws of every other link (common random numbers)
    before = holding_probability(an.graph, keys, _confidences(an.view), samples=n, seed=seed)
    after = holding_probability(
        an.graph, keys, _confidences(an.view, cut_links), samples=n, seed=seed
    )
    actor = an.dataset.actor_by_id
    pairs = tuple(
        HoldingPairRow(actor[p.source], actor[p.target], p.probability, q.probability)
        for p, q in zip(before.pairs, after.pairs, strict=True)
    )
    return replace(
        report,
        holding_before=before.holding,
        holding_after=after.holding,
        holding_pairs=pairs,
        samples=n,
        seed=seed,
    )


# -- what-if: sweep ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SweepRow:
    """One cut (one tie, or two together) and its damage to the key actors."""

    rank: int
    ties: tuple[TieRow, ...]
    score: float
    alone: tuple[float, ...]  # each tie's score when cut alone
    disconnects: tuple[tuple[Actor, Actor], ...]
    worst: PairDamage | None
    why: str


@dataclass(frozen=True, slots=True)
class BreakRow:
    """The fewest ties whose cut splits the key actors (one such set)."""

    source: Actor
    target: Actor
    size: int
    ties: tuple[TieRow, ...]
    why: str


@dataclass(frozen=True, slots=True)
class SweepReport:
    scenario: Scenario
    as_of: date | None
    cuts: tuple[TieRow, ...]  # applied before the sweep
    removed: tuple[Actor, ...]
    k: int
    pairs: tuple[KeyChainRow, ...]
    singles: tuple[SweepRow, ...]
    doubles: tuple[SweepRow, ...]
    ties_swept: int
    harmless: int  # single cuts that weaken no key chain
    candidates: int  # ties on some strongest key path
    pairs_evaluated: int
    connected_pairs: int
    smallest_break: BreakRow | None


def _damage_sentence(ds: Dataset, lead: str, damage: PairDamage | None) -> str:
    if damage is None:
        return f"{lead} leaves every key pair an equally strong chain"
    s, t = ds.actor_by_id[damage.source].name, ds.actor_by_id[damage.target].name
    if damage.cost_after is None:
        return f"{lead} disconnects {s} from {t}: no other route exists"
    before, after = chain_strength(damage.cost_before), chain_strength(damage.cost_after)
    text = (
        f"{lead} weakens the best {s}–{t} chain from {before:.2f} to {after:.2f}"
        f" (-{damage.damage:.0%})"
    )
    if damage.hops_after is not None and damage.hops_after > damage.hops_before:
        text += (
            f" and leaves no path from {s} to {t} shorter than {damage.hops_after} hops"
            f" (now {damage.hops_before})"
        )
    return text


def _sweep_row(an: Analysis, graph: TieGraph, rank: int, cut: CutDamage) -> SweepRow:
    from dataclasses import replace

    from scenarios.analysis.paths import hop_distance

    ds = an.dataset
    worst = cut.worst
    if worst is not None and worst.cost_after is not None:
        hops = hop_distance(graph, worst.source, worst.target, skip=set(cut.ties))
        worst = replace(worst, hops_after=hops)
    names = " and ".join(_tie_name(ds, t) for t in cut.ties)
    lead = f"cutting {names}" + (" together" if len(cut.ties) > 1 else "")
    if len(cut.disconnects) > 1:
        s, t = (ds.actor_by_id[x].name for x in cut.disconnects[0])
        more = len(cut.disconnects) - 1
        why = f"{lead} disconnects {s} from {t} and {more} other key pair{'s' if more > 1 else ''}"
    else:
        why = _damage_sentence(ds, lead, worst)
    return SweepRow(
        rank,
        tuple(_tie_row(an, t, graph) for t in cut.ties),
        cut.score,
        cut.alone,
        tuple((ds.actor_by_id[s], ds.actor_by_id[t]) for s, t in cut.disconnects),
        worst,
        why,
    )


def sweep_report(
    ds: Dataset,
    scenario: str,
    *,
    k: int = 1,
    cuts: Sequence[str] = (),
    remove: Sequence[str] = (),
    top: int | None = 10,
    as_of: date | None = None,
) -> SweepReport:
    """Try every single cut (k=1) or pair of cuts (k=2) of the scenario, after any given cuts."""
    from scenarios.analysis.compare import key_chains
    from scenarios.analysis.whatif import sweep

    _check_top(top)
    scenario_id = ds.resolve_scenario(scenario).id
    cut = _resolve_cut(ds, scenario_id, cuts, remove, as_of)
    an = cut.an
    assert an.view.scenario is not None
    graph = cut.after
    result = sweep(graph, an.view.key_actors, k=k)
    actor = ds.actor_by_id
    chains = key_chains(graph, an.view.key_actors)
    pairs = tuple(
        KeyChainRow(actor[c.source], actor[c.target], c.strength, c.hops) for c in chains.values()
    )
    singles = result.singles[:top] if top else result.singles
    doubles = result.doubles[:top] if top else result.doubles
    smallest = None
    if result.smallest_break is not None:
        b = result.smallest_break
        s, t = actor[b.source].name, actor[b.target].name
        why = (
            f"{s} and {t} are already apart"
            if b.size == 0
            else f"cutting all of these separates {s} from {t}; no fewer ties split the key actors"
        )
        smallest = BreakRow(
            actor[b.source],
            actor[b.target],
            b.size,
            tuple(_tie_row(an, x, graph) for x in b.ties),
            why,
        )
    return SweepReport(
        scenario=an.view.scenario,
        as_of=as_of,
        cuts=tuple(_tie_row(an, t) for t in cut.ties),
        removed=tuple(actor[a] for a in cut.removed),
        k=result.k,
        pairs=pairs,
        singles=tuple(_sweep_row(an, graph, i, c) for i, c in enumerate(singles, start=1)),
        doubles=tuple(_sweep_row(an, graph, i, c) for i, c in enumerate(doubles, start=1)),
        ties_swept=result.ties_swept,
        harmless=result.ties_swept - len(result.singles),
        candidates=result.candidates,
        pairs_evaluated=result.pairs_evaluated,
        connected_pairs=result.connected_pairs,
        smallest_break=smallest,
    )


# -- depends --uncertain -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ImportanceRow:
    rank: int
    ends: tuple[Actor, Actor]
    link: Link
    importance: LinkImportance
    why: str


@dataclass(frozen=True, slots=True)
class UncertainReport:
    scenario: Scenario
    key_actors: tuple[Actor, ...]
    as_of: date | None
    samples: int
    seed: int
    method: str
    interval: str
    holding: Estimate
    summary: str
    pairs: tuple[HoldingPairRow, ...]
    rows: tuple[ImportanceRow, ...]
    links: int  # links in the graph (weight > 0)
    uncertain_links: int  # of which confidence < 1
    critical_links: int  # links critical in at least one draw
    never_critical_below: float  # 95% upper bound on the importance of every other link


def holding_summary(holding: Estimate, keys: int) -> str:
    """One sentence on what the holding probability says."""
    if keys < 2:
        return "fewer than two key actors: nothing to hold together"
    if holding.exact and holding.value == 1.0:
        return "links of confidence 1 alone connect every key actor, so no draw separates them"
    if holding.exact:
        return "even with every link present the key actors are not all connected"
    return (
        f"in {holding.value:.1%} of draws every key actor is connected to every other "
        f"(95% interval {holding.low:.1%} to {holding.high:.1%})"
    )


def _importance_why(li: LinkImportance) -> str:
    share = li.importance.value
    kind = "an on-record link" if li.confidence >= 1.0 else f"confidence {li.confidence:.2f}"
    return (
        f"decides whether the key actors hold together in {share:.1%} of draws ({kind}): "
        f"holding {li.holding_if_present:.3f} with it, {li.holding_if_absent:.3f} without"
    )


def uncertain_report(
    ds: Dataset,
    scenario: str,
    *,
    top: int | None = 10,
    samples: int | None = None,
    seed: int = 0,
    as_of: date | None = None,
) -> UncertainReport:
    """Holding probability of the scenario's key actors and each link's Birnbaum importance."""
    from scenarios.analysis.reliability import DEFAULT_SAMPLES, holding_probability, wilson

    _check_top(top)
    an = analysis_for(ds, scenario, as_of=as_of)
    assert an.view.scenario is not None
    n = DEFAULT_SAMPLES if samples is None else samples
    result = holding_probability(
        an.graph, an.view.key_actors, _confidences(an.view), samples=n, seed=seed
    )
    actor = ds.actor_by_id
    by_id = {link.id: link for link in an.view.links}
    critical = [li for li in result.links if li.importance.successes > 0]
    shown = critical[:top] if top else critical
    rows = tuple(
        ImportanceRow(
            rank,
            (actor[li.tie[0]], actor[li.tie[1]]),
            by_id[li.link],
            li,
            _importance_why(li),
        )
        for rank, li in enumerate(shown, start=1)
    )
    return UncertainReport(
        scenario=an.view.scenario,
        key_actors=tuple(actor[k] for k in result.key_actors),
        as_of=as_of,
        samples=result.samples,
        seed=result.seed,
        method=result.method,
        interval="95% Wilson score interval (Monte Carlo error only)",
        holding=result.holding,
        summary=holding_summary(result.holding, len(result.key_actors)),
        pairs=tuple(
            HoldingPairRow(actor[p.source], actor[p.target], p.probability) for p in result.pairs
        ),
        rows=rows,
        links=len(result.links),
        uncertain_links=result.uncertain_links,
        critical_links=len(critical),
        never_critical_below=wilson(0, result.samples)[1],
    )


# -- timeline ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TimelineStep:
    """The links that enter the evidence on one day, and what they do for the key actors."""

    day: date
    links: tuple[LinkRow, ...]
    pairs: tuple[KeyChainRow, ...]  # every key pair as of this day
    changes: tuple[str, ...]  # what these links change for the key pairs, in words
    holding: Estimate | None = None


@dataclass(frozen=True, slots=True)
class TimelineReport:
    scenario: Scenario
    key_actors: tuple[Actor, ...]
    as_of: date | None
    undated: int  # links without a date: in force throughout
    start: tuple[KeyChainRow, ...]  # key pairs on undated links alone
    start_holding: Estimate | None
    steps: tuple[TimelineStep, ...]
    samples: int | None = None
    seed: int | None = None


def _key_chain_rows(ds: Dataset, graph: TieGraph, keys: Sequence[str]) -> tuple[KeyChainRow, ...]:
    from scenarios.analysis.compare import key_chains

    return tuple(
        KeyChainRow(ds.actor_by_id[c.source], ds.actor_by_id[c.target], c.strength, c.hops)
        for c in key_chains(graph, keys).values()
    )


def _step_changes(before: Sequence[KeyChainRow], after: Sequence[KeyChainRow]) -> tuple[str, ...]:
    changes = []
    for old, new in zip(before, after, strict=True):
        pair = f"{new.source.name}–{new.target.name}"
        if old.hops is None and new.hops is not None:
            changes.append(f"connects {pair} (chain {new.strength:.2f}, {new.hops} hops)")
        elif old.hops is not None and f"{new.strength:.2f}" != f"{old.strength:.2f}":
            changes.append(
                f"strengthens the best {pair} chain from {old.strength:.2f} to {new.strength:.2f}"
            )
    return tuple(changes)


def timeline_report(
    ds: Dataset,
    scenario: str,
    *,
    uncertain: bool = False,
    samples: int | None = None,
    seed: int = 0,
    as_of: date | None = None,
) -> TimelineReport:
    """The scenario's dated links in order, and what each day's links add for the key actors.

    A link counts from the first day of its period (as with --as-of); undated links are in
    force from the start.
    """
    from scenarios.analysis.reliability import (
        DEFAULT_SAMPLES,
        check_samples,
        holding_probability,
    )
    from scenarios.graph import build_graph

    scenario_id = ds.resolve_scenario(scenario).id
    full = ds.view(scenario_id, as_of=as_of)
    assert full.scenario is not None
    keys = full.key_actors
    n = DEFAULT_SAMPLES if samples is None else samples
    if uncertain:
        check_samples(n)
    dated = sorted(
        (link for link in full.links if link.date is not None),
        key=lambda link: (link.date.start if link.date else date.min, link.id),
    )
    days = sorted({link.date.start for link in dated if link.date is not None})
    actor = ds.actor_by_id

    # every day's holding probability is estimated on the full graph with the links not yet in
    # evidence at confidence 0, so all days share the same draws and the estimate can only
    # grow as links arrive (common random numbers)
    full_graph = build_graph(full)

    def state(view: ScenarioView) -> tuple[tuple[KeyChainRow, ...], Estimate | None]:
        chains = _key_chain_rows(ds, build_graph(view), keys)
        if not uncertain:
            return chains, None
        later = [link.id for link in full.links if link.id not in view.status]
        confidence = _confidences(full, later)
        result = holding_probability(full_graph, keys, confidence, samples=n, seed=seed)
        return chains, result.holding

    first = days[0] if days else None
    start_view = (
        ds.view(scenario_id, as_of=date.fromordinal(first.toordinal() - 1)) if first else full
    )
    start, start_holding = state(start_view)
    previous = start
    steps = []
    for day in days:
        rows = tuple(
            LinkRow(link, actor[link.source], actor[link.target], full.status[link.id])
            for link in dated
            if link.date is not None and link.date.start == day
        )
        chains, holding = state(ds.view(scenario_id, as_of=day))
        steps.append(TimelineStep(day, rows, chains, _step_changes(previous, chains), holding))
        previous = chains
    return TimelineReport(
        scenario=full.scenario,
        key_actors=tuple(actor[k] for k in keys),
        as_of=as_of,
        undated=len(full.links) - len(dated),
        start=start,
        start_holding=start_holding,
        steps=tuple(steps),
        samples=n if uncertain else None,
        seed=seed if uncertain else None,
    )
