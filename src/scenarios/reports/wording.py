"""Every plain-words sentence the reports say, built in one place.

The terminal, the `--json` fields (`why`, `summary`, `changes`), the export files (a link's
`why`, its evidence) and a Markdown briefing all show these strings, so one finding is never
said two ways. Each function takes names and numbers (or the analysis result it explains) and
returns text; the legends say what a printed measure means. Nothing here prints, and nothing
here knows the command line's options.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scenarios.analysis.compare import ChainShift
    from scenarios.analysis.reliability import Estimate, LinkImportance
    from scenarios.graph import Tie
    from scenarios.model import Actor, Dataset, Evidence, Link
    from scenarios.reports.common import KeyChainRow, PairEffect, SourceRow

# -- legends: what a printed measure means ------------------------------------------------------

DEPENDS_LEGEND = (
    "score = share of the key actors' chain strength lost if the channel is cut (all its ties); "
    "base = the same in the base graph; new = only this scenario depends on it"
)
TIES_LEGEND = (
    "score = share of key-pair chain strength lost if the tie alone is cut; paths = share of the "
    "strongest key-pair paths through it; routes = share of independent routes lost"
)
GROUPS_LEGEND = (
    "together = score of cutting the channels at once; alone = each channel's own score; every "
    "channel adds at least 0.01 and the set at least 0.01 over the sum"
)
COMPARE_LEGEND = (
    "score = share of the scenario's key-pair chain strength lost if the channel is cut "
    "(each scenario with its own key actors); chains compare both scenarios' key actors"
)
SWEEP_LEGEND = (
    "score = share of key-pair chain strength lost if the channel is cut (a disconnected pair "
    "counts 1), as in `depends`"
)
IMPORTANCE_LEGEND = (
    "importance = P(holds | link present) - P(holds | link absent) "
    "(Birnbaum), with its 95% interval"
)
NOT_A_FORECAST = (
    "This is about the structure of the evidence, not a forecast: it treats each "
    "link's confidence as the chance the link is real (see docs/whatif.md)."
)


def cuts_not_searched(skipped: int, pairs: int, limit: int) -> str:
    """Why a `routes` share leaves out some key pairs (docs/scale.md)."""
    return (
        f"routes: minimum cuts not searched for {skipped} of "
        f"{pairs} key pairs with more than {limit} "
        f"independent routes (each would add under 1/{limit} of a "
        "pair to a tie's share); their route counts are exact"
    )


# -- evidence -------------------------------------------------------------------------------------


def cite(evidence: Evidence, ds: Dataset) -> str:
    """One line of provenance: paraphrase, speaker, programme, date, and what it cites."""
    parts: list[str] = []
    if evidence.speaker:
        parts.append(ds.speaker_by_id[evidence.speaker].name)
    when = evidence.date.text if evidence.date else None
    if evidence.programme:
        programme = ds.programme_by_id[evidence.programme]
        title = (
            f"{programme.title} ({programme.publisher})" if programme.publisher else programme.title
        )
        parts.append(title)
        when = when or programme.date.isoformat()
    if when:
        parts.append(when)
    if evidence.cites:
        parts.append(f"citing {evidence.cites}")
    return f"{evidence.text} — {', '.join(parts)}"


def combination(groups: Sequence[SourceRow], links: Sequence[Link]) -> str | None:
    """How a tie's links make its weight, when it has several: the strongest of those that
    share a source, independent sources by noisy-OR (None for a tie of one link).

    >>> from scenarios.reports.common import SourceRow
    >>> from scenarios.model import Link
    >>> from scenarios.vocab import LinkType as T
    >>> a = Link("a", "x", "y", T.SUPPORTS, 0.8, 1.0); b = Link("b", "x", "y", T.SUPPORTS, 0.5, 0.5)
    >>> combination([SourceRow(("a", "b"), ("programme:p",), 0.8)], [a, b])
    'strongest of 0.80, 0.25 (one source: p)'
    >>> combination([SourceRow(("a",), (), 0.8), SourceRow(("b",), (), 0.25)], [a, b])
    'independent sources: 1 - (1 - 0.80)(1 - 0.25)'
    """
    if len(links) < 2:
        return None
    weight = {link.id: link.weight for link in links}

    def one(group: SourceRow) -> str:
        if len(group.link_ids) == 1:
            return f"{group.weight:.2f}"
        named = "; ".join(key.split(":", 1)[1] for key in group.shared)
        values = ", ".join(f"{weight[i]:.2f}" for i in group.link_ids)
        return f"strongest of {values} (one source: {named})"

    if len(groups) == 1:
        return one(groups[0])
    terms = "".join(
        f"(1 - {g.weight:.2f})" if len(g.link_ids) == 1 else f"(1 - [{one(g)}])" for g in groups
    )
    return f"independent sources: 1 - {terms}"


# -- what a cut does ------------------------------------------------------------------------------


def tie_name(ds: Dataset, pair: Tie) -> str:
    """`Donald Trump–Steve Witkoff`."""
    return f"{ds.actor_by_id[pair[0]].name}–{ds.actor_by_id[pair[1]].name}"


def disconnects(lead: str, s: str, t: str, others: int = 0) -> str:
    """`cutting A–B disconnects S from T[ and N other key pairs]`."""
    tail = f" and {others} other key pair{'s' if others > 1 else ''}" if others else ""
    return f"{lead} disconnects {s} from {t}{tail}"


def weakens(lead: str, s: str, t: str, effect: PairEffect) -> str:
    """`cutting A–B weakens the best S–T chain from 0.85 to 0.46 (-46%)`, and the detour."""
    text = (
        f"{lead} weakens the best {s}–{t} chain from {effect.strength_before:.2f} to "
        f"{effect.strength_after:.2f} (-{effect.damage:.0%})"
    )
    after, before = effect.fewest_hops_after, effect.fewest_hops_before
    if after is not None and after > before:
        text += f" and leaves no path from {s} to {t} shorter than {after} hops (now {before})"
    return text


def effect(lead: str, worst: PairEffect | None, disconnected: int = 0) -> str:
    """What a cut does, said through the key pair it hurts most (`lead`: `cutting A–B`)."""
    if worst is None:
        return f"{lead} leaves every key pair an equally strong chain"
    s, t = worst.source.name, worst.target.name
    if worst.disconnected:
        return f"{disconnects(lead, s, t, max(0, disconnected - 1))}: no other route exists"
    return weakens(lead, s, t, worst)


def tie_dependency(
    lead_tie: str,
    worst: PairEffect | None,
    disconnected: int,
    in_min_cut: tuple[Actor, Actor] | None,
    routes: int,
    path_share: float,
) -> str:
    """Why one tie matters alone (`depends --ties`), or why it does not."""
    lead = f"cutting {lead_tie}"
    if worst is not None:
        return effect(lead, worst, disconnected)
    if in_min_cut is not None:
        s, t = in_min_cut[0].name, in_min_cut[1].name
        return (
            f"one of the {routes} independent routes between {s} and {t} ({lead} leaves "
            f"{routes - 1}); the strongest chains do not need it"
        )
    if path_share > 0:
        return (
            f"on {path_share:.0%} of the strongest key-actor paths, "
            "but equally strong alternatives exist"
        )
    return "on no key-actor route"


# -- channels, groups, pivots, changes, tensions --------------------------------------------------


def actors_text(actors: Sequence[Actor]) -> str:
    """`Steve Witkoff, Jared Kushner`."""
    return ", ".join(a.name for a in actors)


def channel_name(between: Sequence[Sequence[Actor]]) -> str:
    """A channel by its actors on each side: `Steve Witkoff, Jared Kushner – Vladimir Putin`."""
    return " – ".join(actors_text(side) for side in between if side)


def series_name(parts: Sequence[Sequence[Sequence[Actor]]]) -> str:
    """Channels in series, as the chain they make when they make one
    (`United States – Unpublished point – Russia`), else their names joined by `, then `."""
    ends = [[actors_text(side) for side in part if side] for part in parts]
    chain = list(ends[0]) if ends and len(ends[0]) == 2 else []
    for part in ends[1:]:
        if len(part) != 2 or not chain:
            chain = []
            break
        if part[0] == chain[-1]:
            chain.append(part[1])
        elif part[1] == chain[-1]:
            chain.append(part[0])
        elif part[1] == chain[0]:
            chain.insert(0, part[0])
        elif part[0] == chain[0]:
            chain.insert(0, part[1])
        else:
            chain = []
            break
    if chain:
        return " – ".join(chain)
    return ", then ".join(" – ".join(part) for part in ends)


def channel_dependency(worst: PairEffect | None, disconnected: int, series: bool) -> str:
    """Why a channel (or channels in series) matters: the key pair its cut hurts most."""
    lead = "cutting these channels in series (any one of them)" if series else "cutting it"
    return effect(lead, worst, disconnected)


def redundancy(name: str, scoring: int, others: int) -> str:
    """When fewer channels score than were asked for: how many carry, and what the rest are."""
    if scoring == 0:
        return (
            f"No channel alone carries {name}'s key chains: cutting any one of the {others} "
            "leaves an equally strong or stronger chain (see the groups below)"
        )
    carry = f"{scoring} channel{'s' if scoring > 1 else ''} carr{'y' if scoring > 1 else 'ies'}"
    if not others:
        return f"{carry} {name}'s key chains; there are no others"
    return (
        f"{carry} {name}'s key chains; the other {others} "
        f"{'are' if others > 1 else 'is'} redundant (cutting any one alone leaves an equally "
        "strong or stronger chain)"
    )


def groups_not_searched(status: str, evaluated: int, limit: int) -> str:
    """Why groups are missing or may be incomplete."""
    if status == "skipped":
        return (
            "groups of channels were not searched (graphs of more than 1,000 ties); try "
            "`whatif --sweep --k 2` for pairs of cuts"
        )
    return (
        f"groups of channels not fully searched: the search stopped at {evaluated:,} sets "
        f"(its bound is {limit:,}); try `whatif --sweep --k 2` for every pair of cuts"
    )


def pivot(scenario: str, person: Actor, worst: PairEffect | None, disconnected: int) -> str:
    """`New Yalta runs through Donald Trump personally: without him the best United
    States–Russia chain falls from 0.81 to 0.51`."""
    lead = f"{scenario} runs through {person.name} personally"
    if worst is None:
        return lead
    s, t = worst.source.name, worst.target.name
    if worst.disconnected:
        tail = f" and {disconnected - 1} other key pairs" if disconnected > 1 else ""
        return f"{lead}: without him {s} and {t} are disconnected{tail}"
    return (
        f"{lead}: without him the best {s}–{t} chain falls from {worst.strength_before:.2f} "
        f"to {worst.strength_after:.2f}"
    )


def change_carries(channel: str, worst: PairEffect | None) -> str:
    """An added or changed link that is part of a channel the scenario depends on."""
    if worst is None:
        return f"part of the {channel} channel"
    return (
        f"part of the {channel} channel, which carries the best "
        f"{worst.source.name}–{worst.target.name} chain"
    )


def change_redundant(s: Actor, t: Actor) -> str:
    return f"on the strongest {s.name}–{t.name} chain, but an equally strong chain avoids it"


def change_weaker(s: Actor, t: Actor, via: float, best: float) -> str:
    return (
        f"weaker than the chains it would join: best {s.name}–{t.name} via it {via:.2f} "
        f"vs {best:.2f}"
    )


def change_off_route() -> str:
    return "joins no key-actor chain"


def change_not_carrying(types: Sequence[str]) -> str:
    return f"does not carry here: the scenario is connected by {', '.join(types)}"


def change_adversarial() -> str:
    return "adversarial: a tension, never a route (see Tensions)"


def change_structural(s: Actor, t: Actor) -> str:
    return (
        f"organises a side on the best {s.name}–{t.name} chain (ties of structural links only "
        "are not cut)"
    )


def change_removed() -> str:
    return "removed: not in this scenario's graph"


def tension(what: str) -> str:
    """What an adversarial link bears on."""
    return f"bears on {what}"


def cut_damage(names: Sequence[str], worst: PairEffect | None, disconnected: int) -> str:
    """What cutting the named units (together) does to the key actors: the pair it hurts most."""
    lead = f"cutting {' and '.join(names)}" + (" together" if len(names) > 1 else "")
    return effect(lead, worst, disconnected)


def harmless(count: int) -> str:
    """The single cuts that do no damage: redundant channels."""
    if count == 0:
        return "every channel's cut does some damage"
    return (
        f"{count} channel{'s are' if count != 1 else ' is'} redundant: cutting any one alone "
        "leaves every key pair an equally strong or stronger chain"
    )


def smallest_break(s: str, t: str, size: int) -> str:
    """Why the fewest ties that split the key actors are these."""
    if size == 0:
        return f"{s} and {t} are already apart"
    return f"cutting all of these separates {s} from {t}; no fewer ties split the key actors"


def cut_phrase(ds: Dataset, ties: Sequence[Tie], removed: Sequence[str]) -> str:
    """`A–B, C–D and removing E`."""
    parts = [tie_name(ds, t) for t in ties]
    parts += [f"removing {ds.actor_by_id[a].name}" for a in removed]
    if len(parts) > 1:
        return ", ".join(parts[:-1]) + " and " + parts[-1]
    return parts[0] if parts else "nothing"


def whatif_summary(
    ds: Dataset,
    ties: Sequence[Tie],
    removed: Sequence[str],
    score: float,
    shifts: Sequence[ChainShift],
) -> str:
    """One sentence on what a cut costs the key actors."""
    lead = f"Cutting {cut_phrase(ds, ties, removed)}"
    if removed and not ties:
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


# -- chains on two graphs -------------------------------------------------------------------------


def route(actors: Iterable[Actor]) -> str:
    """`Japan → United States → China`."""
    return " → ".join(a.name for a in actors)


def chain_change(
    shift: ChainShift,
    ends: tuple[Actor, Actor],
    paths: tuple[Sequence[Actor], Sequence[Actor]],
    before: str,
    after: str,
) -> str:
    """How a key pair's strongest chain differs `before` and `after` (e.g. "in g2")."""
    s, t = ends
    path_a, path_b = route(paths[0]), route(paths[1])
    sa, sb = shift.before.strength, shift.after.strength
    change = shift.change.value
    pair = f"{s.name}–{t.name}"
    if change == "broken":
        return f"no chain joins {s.name} and {t.name} {after} (best {before}: {sa:.2f}, {path_a})"
    if change == "formed":
        return f"{s.name} and {t.name} are joined {after} ({sb:.2f}, {path_b}), not {before}"
    if change in ("weaker", "stronger"):
        verb = "weakens" if change == "weaker" else "strengthens"
        return (
            f"the best {pair} chain {verb} from {sa:.2f} to {sb:.2f} "
            f"({shift.strength_change:+.0%}), {after} via {path_b}"
        )
    if change == "rerouted":
        return f"the best {pair} chain keeps its strength {sa:.2f} but runs via {path_b}"
    if change == "apart":
        return f"{s.name} and {t.name} are not connected on either side"
    return f"the best {pair} chain is unchanged ({sa:.2f}, {path_a})"


def timeline_changes(
    before: Sequence[KeyChainRow], after: Sequence[KeyChainRow]
) -> tuple[str, ...]:
    """What a day's links change for the key pairs: chains they connect or strengthen."""
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


def undated(count: int) -> str:
    """The note above a timeline."""
    return (
        f"{count} undated links are in force throughout; dated links enter the "
        "evidence on the first day of their period:"
    )


# -- uncertainty ----------------------------------------------------------------------------------


def bound(x: float) -> str:
    """3 decimals, or 4 where 3 would round a bound onto 0 or 1 that it does not reach.

    >>> bound(0.25), bound(0.99994), bound(1.0)
    ('0.250', '0.9999', '1.000')
    """
    text = f"{x:.3f}"
    if text in ("0.000", "1.000") and x not in (0.0, 1.0):
        return f"{x:.4f}"
    return text


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


def importance(li: LinkImportance) -> str:
    """Why a link's Birnbaum importance matters, in draws."""
    share = li.importance.value
    kind = "an on-record link" if li.confidence >= 1.0 else f"confidence {li.confidence:.2f}"
    return (
        f"decides whether the key actors hold together in {share:.1%} of draws ({kind}): "
        f"holding {li.holding_if_present:.3f} with it, {li.holding_if_absent:.3f} without"
    )


def no_link_decided(samples: int, below: float) -> str:
    """When no single link made or broke the key actors' connection in any draw."""
    return (
        f"No link decided the outcome in any of the {samples:,} draws: "
        "no single link's presence or absence made or broke the key actors' "
        f"connection (importance of each below {bound(below)} "
        "at 95%)"
    )


def never_decided(others: int, below: float) -> str:
    """The links below the ones listed."""
    return (
        f"The other {others} links never decided a draw (importance of each below "
        f"{bound(below)} at 95%)."
    )
