"""Every plain-words sentence the reports say, built in one place.

The terminal, the `--json` fields (`why`, `summary`, `changes`), the export files (a link's
`why`, its evidence) and a Markdown briefing all show these strings, so one finding is never
said two ways. Each function takes names and numbers (or the analysis result it explains) and
returns text; the legends say what a printed measure means. Nothing here prints, and nothing
here knows the command line's options.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from scenarios.errors import quote
from scenarios.model import CountedBy, Precision

if TYPE_CHECKING:
    from scenarios.analysis.compare import ChainShift
    from scenarios.analysis.reliability import Estimate, LinkImportance
    from scenarios.graph import Tie
    from scenarios.model import Actor, Counted, Dataset, Evidence, Link, Observation, Period
    from scenarios.reports.common import KeyChainRow, PairEffect, SourceRow


def percent(share: float, *, signed: bool = False) -> str:
    """A share as a whole percentage: rounded to 10 decimals first, so float noise never
    decides a half, then half away from zero (README, "Numbers as printed").

    >>> percent(0.125), percent(0.1250000000000001), percent(1.125 - 1), percent(0.124999)
    ('13%', '13%', '13%', '12%')
    >>> percent(-0.125, signed=True), percent(0.0, signed=True)
    ('-13%', '+0%')
    """
    value = round(share * 100, 10)
    whole = math.floor(abs(value) + 0.5)
    if value < 0 and whole:
        return f"-{whole}%"
    return f"+{whole}%" if signed else f"{whole}%"


# -- legends: what a printed measure means ------------------------------------------------------

DEPENDS_LEGEND = (
    "score = share of the key actors' chain strength lost if the channel is cut (all its ties); "
    "base = the same in the base graph; new = the base graph does not depend on it"
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
    """One line of provenance: paraphrase, speaker, programme, date, where in the source, what
    it cites, where it can be read, and the grade the item supports.

    `… — Tetsuo Kotani, Nichiyo Scoop (BS Asahi), 2025-12-07, ¶14 [heard]`
    """
    said = ds.said_on(evidence)
    parts = _provenance(evidence, ds, period(said) if said else None)
    grade = f" [{evidence.grade}]" if evidence.grade else ""
    return f"{evidence.text} — {', '.join(parts)}{grade}"


def _provenance(item: Evidence | Observation, ds: Dataset, when: str | None) -> list[str]:
    """Who said it, in which programme, `when`, where in the source, what it cites, where it
    can be read: the parts `cite` and `source` share, in that order."""
    parts: list[str] = []
    if item.speaker:
        parts.append(ds.speaker_by_id[item.speaker].name)
    if item.programme:
        programme = ds.programme_by_id[item.programme]
        title = (
            f"{programme.title} ({programme.publisher})" if programme.publisher else programme.title
        )
        parts.append(title)
    if when:
        parts.append(when)
    if item.locator:
        parts.append(item.locator)
    if item.cites:
        parts.append(f"citing {item.cites}")
    if item.url:
        accessed = f" (accessed {item.accessed.isoformat()})" if item.accessed else ""
        parts.append(f"{item.url}{accessed}")
    return parts


def confidence(link: Link) -> str:
    """A link's confidence as written: `assessed (0.60)`, or the number alone (`0.90`)."""
    number = f"{link.confidence:.2f}"
    return f"{link.grade} ({number})" if link.grade else number


def background(link: Link) -> str | None:
    """`background: <reason>` for a link the sources do not state, else None."""
    return f"background: {link.background}" if link.background is not None else None


def sourced_only(left_out: Sequence[str]) -> str:
    """The header line of an analysis run with `--sourced-only`."""
    n = len(left_out)
    return f"sourced links only: {n} background link{'s' if n != 1 else ''} left out" + (
        f" ({', '.join(left_out)})" if left_out else ""
    )


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


def source(item: Observation, ds: Dataset) -> str:
    """Who said it, where, how graded: `Tetsuo Kotani, Nichiyo Scoop (BS Asahi), ¶15; graded
    fact`; an observation's `reported` date, when it has one, after the locator's parts."""
    parts = _provenance(item, ds, None)
    if item.reported:
        parts.append(f"reported {period(item.reported)}")
    grade = f"; graded {item.grade}" if item.grade else ""
    return f"{', '.join(parts)}{grade}"


def observation(item: Observation, ds: Dataset) -> str:
    """A signpost's observation in one line: when, what, and `source`."""
    when = f"{period(item.date)}: " if item.date else ""
    return f"{when}{item.text} — {source(item, ds)}"


def tie_name(ds: Dataset, pair: Tie) -> str:
    """`Donald Trump – Steve Witkoff`: spaced, as a channel's name is, so a name with a dash
    in it (`Unpublished point on US–China–Russia relations`) cannot run into the other."""
    return f"{ds.actor_by_id[pair[0]].name} – {ds.actor_by_id[pair[1]].name}"


def disconnects(lead: str, s: str, t: str, others: int = 0) -> str:
    """`cutting A–B disconnects S from T[ and N other key pairs]`."""
    tail = f" and {others} other key pair{'s' if others > 1 else ''}" if others else ""
    return f"{lead} disconnects {s} from {t}{tail}"


def weakens(lead: str, s: str, t: str, effect: PairEffect) -> str:
    """`cutting A–B weakens the best S–T chain from 0.85 to 0.46 (-46%)`, and the detour."""
    text = (
        f"{lead} weakens the best {s}–{t} chain from {effect.strength_before:.2f} to "
        f"{effect.strength_after:.2f} (-{percent(effect.damage)})"
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
            f"on {percent(path_share)} of the strongest key-actor paths, "
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
            "leaves every key pair as strongly connected as before"
        )
    carry = f"{scoring} channel{'s' if scoring > 1 else ''} carr{'y' if scoring > 1 else 'ies'}"
    if not others:
        return f"{carry} {name}'s key chains; there are no others"
    return (
        f"{carry} {name}'s key chains; the other {others} "
        f"{'are' if others > 1 else 'is'} redundant (cutting any one alone leaves every key "
        "pair as strongly connected as before)"
    )


def groups_not_searched(status: str, evaluated: int, limit: int) -> str:
    """Why groups are missing or may be incomplete."""
    if status == "nothing_to_cut":
        return (
            "no key pair is connected, so there is nothing to cut: groups of channels were "
            "not searched"
        )
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


def change_weaker(s: Actor, t: Actor, via: float, best: float, *, exact: bool = True) -> str:
    """`exact` False: `via` is only a bound (a large graph's chains through it cross)."""
    bound = "" if exact else "at most "
    return (
        f"weaker than the chains it would join: best {s.name}–{t.name} via it {bound}{via:.2f} "
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


def change_removed(was_on: tuple[Actor, Actor] | None = None, *, idle: str | None = None) -> str:
    """A link the scenario removes: why it never carried here (`idle`), or what its tie did in
    the base graph: the first key pair (in key-pair order) with a strongest chain through it
    there, or none."""
    if idle is not None:
        return f"removed; {idle}"
    if was_on is None:
        return "removed: in the base graph no strongest key-actor chain runs through its tie"
    s, t = was_on
    return f"removed: in the base graph its tie is on the strongest {s.name}–{t.name} chain"


def change_not_counted() -> str:
    """A change of the scenario's that the clocks keep out of the graph (--as-of, --known-by)."""
    return "not counted on this day (not certainly begun, or not yet reported): carries nothing yet"


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
        "leaves every key pair as strongly connected as before"
    )


def smallest_break(s: str, t: str, size: int) -> str:
    """Why the fewest ties that split the key actors are these."""
    if size == 0:
        return f"{s} and {t} are already apart"
    return f"cutting all of these separates {s} from {t}; no fewer ties split the key actors"


def cut_phrase(ds: Dataset, ties: Sequence[Tie], removed: Sequence[str]) -> str:
    """`A – B, C – D and removing E`."""
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
    worst: tuple[str, str] | None = None,
) -> str:
    """One sentence on what a cut costs the key actors: the pairs it disconnects, or else the
    pair it hurts most (`worst`, chosen as `depends` chooses it: `dependency.most_hurt`)."""
    lead = f"Cutting {cut_phrase(ds, ties, removed)}"
    if removed and not ties:
        lead = lead.replace("Cutting removing", "Removing")
    if all(s.before.cost is None for s in shifts):
        return f"{lead} changes nothing for the key actors: none of them are connected even before"
    broken = [s for s in shifts if s.change.value == "broken"]
    weaker = next(
        (s for s in shifts if s.change.value == "weaker" and (s.source, s.target) == worst), None
    )
    text = f"{lead} costs the key actors {percent(score)} of their chain strength"
    if broken:
        pairs = ", ".join(
            f"{ds.actor_by_id[s.source].name}–{ds.actor_by_id[s.target].name}" for s in broken
        )
        text += f" and disconnects {pairs}"
    elif weaker is not None:
        s, t = ds.actor_by_id[weaker.source].name, ds.actor_by_id[weaker.target].name
        text += (
            f"; the best {s}–{t} chain weakens from {weaker.before.strength:.2f} "
            f"to {weaker.after.strength:.2f}"
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
            f"({percent(shift.strength_change, signed=True)}), {after} via {path_b}"
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


def undated(count: int, additions: int = 0) -> str:
    """The note above a timeline."""
    last = ""
    if additions:
        last = (
            f"; the scenario's {additions} undated addition{'s' if additions > 1 else ''} "
            f"(its hypothesis: nothing dates {'them' if additions > 1 else 'it'}) "
            f"come{'' if additions > 1 else 's'} last"
        )
    return (
        f"{count} undated links are in force throughout{last}; a dated link counts from the day "
        "it has certainly begun (the last day of a month or year given without a day, or an "
        "earlier day within it on which it was reported):"
    )


UNDATED_ADDITIONS = "then the scenario's undated additions"


# -- dates and the two clocks ---------------------------------------------------------------------


def unknown_part(period: Period) -> str | None:
    """What a date leaves unknown: `day unknown` (a month), `month unknown` (a year), or None;
    for a range whose two ends differ in precision, which end (`start day unknown`).

    >>> from scenarios.model import Period
    >>> unknown_part(Period.parse("2025-10")), unknown_part(Period.parse("2025-10-24"))
    ('day unknown', None)
    >>> unknown_part(Period.parse("2025-03/2025-12-07")), unknown_part(Period.parse("2017/2021"))
    ('start day unknown', 'month unknown')
    """
    if period.precision is Precision.DAY:
        return None
    what = {1: "day unknown", 0: "month unknown"}  # dashes in a month, a year
    ends = [part.count("-") for part in period.text.split("/")]
    if len(ends) == 2 and ends[0] != ends[1]:
        side = "start" if ends[0] < ends[1] else "end"
        return f"{side} {what[min(ends)]}"
    return "day unknown" if period.precision is Precision.MONTH else "month unknown"


def period(when: Period) -> str:
    """A date as written, marked when imprecise: `2025-10 (day unknown)`."""
    unknown = unknown_part(when)
    return f"{when.text} ({unknown})" if unknown else when.text


def possibly_in_force(when: Period, counted: Counted) -> str:
    """Why a link is shown but not counted on an --as-of day before it has certainly begun:
    `2025-10, day unknown: possibly in force, not counted (certain from 2025-10-31)`, or
    `(certain from 2025-12-07, reported then)` when a report within its period set that day."""
    unknown = unknown_part(when) or "start unknown"
    why = ", reported then" if counted.by is CountedBy.REPORT else ""
    return (
        f"{when.text}, {unknown}: possibly in force, not counted "
        f"(certain from {counted.day.isoformat()}{why})"
    )


def from_day(counted: Counted) -> str:
    """Under a link's date, the day it counts from: `from 2025-10-31` (its date's last possible
    start day), or `reported 2025-12-07` (an earlier report within its period)."""
    return reported_early(counted) or f"from {counted.day.isoformat()}"


def reported_early(counted: Counted | None) -> str | None:
    """`reported 2025-12-07` when a report dated within a link's period set the day it counts
    from (docs/data-format.md, "date"), else None."""
    if counted is None or counted.by is not CountedBy.REPORT:
        return None
    return f"reported {counted.day.isoformat()}"


def clocks(as_of: object, known_by: object) -> str:
    """` as of 2025-11-01, known by 2025-12-01` for a title (empty without clocks)."""
    parts = [f"as of {as_of}"] if as_of else []
    if known_by:
        parts.append(f"known by {known_by}")
    return f" {', '.join(parts)}" if parts else ""


def clocks_caption(as_of: object, known_by: object) -> str:
    """`Links certainly begun by D. Evidence reported by K.` for an export's caption."""
    parts = [f"Links certainly begun by {as_of}."] if as_of else []
    if known_by:
        parts.append(f"Evidence reported by {known_by}.")
    return " ".join(parts)


def heavy_caption(drawn: int, top: int) -> str:
    """A picture's subtitle on the heavy ties: the channels actually drawn heavy (`drawn`),
    which is fewer than `--top` (`top`) when fewer channels score."""
    if drawn == 0:
        return "no channel scores, so no tie is drawn heavy"
    noun = "channel" if drawn == 1 else "channels"
    most = " most" if drawn >= top else ""
    return f"the ties of the {drawn} {noun} it depends on{most} are drawn heavy"


def heavy_legend(drawn: int) -> str:
    """The legend entry of the heavy ties: `top 3 channels`, counting those drawn."""
    return f"top {drawn} channel{'' if drawn == 1 else 's'}"


def possible_links(count: int, as_of: object) -> str:
    """The note over links that may have begun by --as-of but not certainly."""
    noun = "link" if count == 1 else "links"
    return f"{count} {noun} possibly in force on {as_of}, not counted:"


def unraised(count: int, known_by: object) -> str:
    """`2 signposts not yet raised by 2025-11-01, left out`."""
    noun = "signpost" if count == 1 else "signposts"
    return f"{count} {noun} not yet raised by {known_by}, left out"


def unreported(count: int, known_by: object) -> str:
    """`7 links not yet reported by 2025-11-01, left out`."""
    noun = "link" if count == 1 else "links"
    return (
        f"{count} {noun} not yet reported by {known_by}, left out "
        "(none of their evidence is known by then)"
    )


# -- signposts ------------------------------------------------------------------------------------

DIAGNOSTICITY_LEGEND = (
    "diagnosticity = share of pairs of scenarios the signpost tells apart (their stances differ: "
    "it points to one, counts against one or is silent on one, not the same for both): 0 = "
    "every scenario takes the same stance, it tells nothing; 1 = it tells every pair apart"
)

# what to watch for on a link of each type, for proposed signposts
WATCH_FOR = {
    "negotiates_with": "renewed contact",
    "allied_with": "a change in the alignment",
    "supports": "support given or withdrawn",
    "economic_tie": "new business",
    "proposes": "the proposal moving",
    "concerns": "action on what it settles",
    "influences": "signs of influence",
    "constrains": "whether the constraint holds",
    "controls": "a change of control",
    "opposes": "a change in the opposition",
    "claims": "the claim pressed or dropped",
    "leads": "a change at the top",
    "member_of": "a change of membership",
    "envoy_of": "a change of envoy",
}


def diagnosticity(apart: int, pairs: int) -> str:
    """Why a signpost is worth watching, or not, in the words of competing hypotheses."""
    if pairs == 0:
        return "only one scenario: nothing to tell apart"
    if apart == 0:
        return "every scenario takes the same stance on it: it tells nothing"
    if apart == pairs:
        return f"tells apart all {pairs} pairs of scenarios"
    return f"tells apart {apart} of {pairs} pairs of scenarios"


def names_list(names: Sequence[str]) -> str:
    """`A`, `A and B`, `A, B and C`."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def proposed_signpost(
    channel: str,
    links: Sequence[Link],
    scenario: str,
    score: float,
    others: Sequence[str],
) -> str:
    """`watch for renewed contact on the A – B channel [negotiates_with]: S depends on it
    (score 0.080); T and U do not`: a channel only this scenario depends on, as something to
    watch (what to watch for: its strongest link's type, WATCH_FOR)."""
    strongest = max(links, key=lambda link: (link.weight, link.id))
    what = WATCH_FOR.get(strongest.type.value, "a change")
    types = ", ".join(dict.fromkeys(link.type.value for link in links))
    rest = f"; {names_list(others)} {'does' if len(others) == 1 else 'do'} not" if others else ""
    mark = background_mark(links)
    if mark == "background":
        rest += "; a background channel: the programme does not state it"
    elif mark:
        rest += "; partly background: the programme does not state every link of it"
    return (
        f"watch for {what} on the {channel} channel [{types}]: {scenario} depends on it "
        f"(score {score:.3f}){rest}"
    )


def background_mark(links: Sequence[Link]) -> str | None:
    """`background` when every link is analyst knowledge the sources do not state, `partly
    background` when some are, None when the sources state them all."""
    known = sum(1 for link in links if link.background is not None)
    if not known:
        return None
    return "background" if known == len(links) else "partly background"


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
    if holding.exact and holding.probability == 1.0:
        return "links of confidence 1 alone connect every key actor (no draws needed)"
    if holding.exact:
        return "even with every link present the key actors are not all connected (no draws needed)"
    return (
        f"in {holding.probability:.1%} of draws every key actor is connected to every other "
        f"(95% interval {holding.low:.1%} to {holding.high:.1%})"
    )


def importance(li: LinkImportance) -> str:
    """Why a link's Birnbaum importance matters, in draws."""
    share = li.importance.probability
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


def checked_with(directory: str, others: int) -> str:
    """How `validate FILE` checked a file of a dataset split over several files."""
    files = f"{others:,} other file{'s' if others != 1 else ''}"
    return f"checked with the {files} of {directory.rstrip('/')}/"


def added_by_scenarios(count: int) -> str:
    """After `validate`'s count of base links: the links scenarios add (`load`'s scenario links)."""
    return f"(+{count:,} added by scenarios)"


def problems_elsewhere(count: int, directory: str) -> str:
    """The problems `validate FILE` counted in the other files of FILE's dataset."""
    return (
        f"{count:,} more problem{'s' if count != 1 else ''} in the other files of "
        f"{directory.rstrip('/')}/, not listed: run `scenarios validate {directory}`"
    )


def same_scenario(label: str) -> str:
    """`compare A A`."""
    return f"{label} and {label} are the same scenario: nothing to compare"


def same_links(count: int) -> str:
    """`compare A B` where both views hold the same links."""
    return f"Links: identical, the same {count} links in both"


# -- load ---------------------------------------------------------------------------------------


def acknowledged(count: int) -> str:
    """The load's note on edits made in the database that the dataset now says too."""
    return (
        f"acknowledged {count} edit{'s' if count != 1 else ''} made in the database: the dataset "
        "now says the same, so only the recorded hash was refreshed"
    )


def overwritten(count: int) -> str:
    return (
        f"overwrote {count} edit{'s' if count != 1 else ''} made in the database since the last "
        "load, as asked"
    )


def constraints_missing(count: int | None) -> str:
    """A dry run's note on the uniqueness constraints (it never creates them)."""
    if count is None:
        return "constraints not checked: the server cannot list them (SHOW CONSTRAINTS)"
    if count == 0:
        return "constraints: all in place"
    return (
        f"a load would add {count} uniqueness constraint{'s' if count != 1 else ''} "
        "(cypher/schema.cypher); the dry run did not"
    )


# -- the analyst's loop: add, edit, pull, diff ----------------------------------------------------


def entry_done(action: str, kind: str, ident: str, file: str, written: bool) -> str:
    """What `add` or `edit` did: `added link x to data/links.yaml`."""
    if action == "unchanged":
        return f"{kind} {ident} already says that in {file}; nothing written"
    what = {"added": "added", "edited": "changed"}.get(action, action)
    if kind == "evidence":
        line = f"{what} an evidence item on link {ident} in {file}"
    elif kind == "observation":
        line = f"{what} an observation of signpost {ident} in {file}"
    else:
        line = f"{what} {kind} {ident} {'to' if action == 'added' else 'in'} {file}"
    return line if written else f"{line} (dry run: nothing written)"


def value_words(value: object) -> str:
    """A field's value in a change line: `(none)`, `0.6`, `a, b`, `2 items`."""
    import dataclasses
    from enum import Enum

    if value is None or (isinstance(value, str | tuple) and not value):
        return "(none)"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, tuple):
        if all(dataclasses.is_dataclass(v) for v in value):
            return f"{len(value)} item{'s' if len(value) != 1 else ''}"
        return ", ".join(str(v) for v in value)
    return str(value)


def field_change(name: str, before: object, after: object, came: int, went: int) -> str:
    """One field of a changed entry: `strength 0.6 → 0.9`, `evidence +1 −0`."""
    if came or went:
        return f"{name} +{came} −{went}"
    return f"{name} {value_words(before)} → {value_words(after)}"


def entry_words(section: str, entry: object) -> str:
    """What an added or removed entry is, in a few words."""
    from scenarios.model import Actor, Link

    if isinstance(entry, Link):
        graded = f"{entry.grade} ({entry.confidence:g})" if entry.grade else f"{entry.confidence:g}"
        basis = f", background: {entry.background}" if entry.background else ""
        return (
            f"{entry.source} —{entry.type.value}→ {entry.target}  s={entry.strength:g} "
            f"c={graded}{basis}"
        )
    if isinstance(entry, Actor):
        return f"{entry.name} ({entry.kind.value})"
    for name in ("name", "title", "text"):
        text = getattr(entry, name, None)
        if isinstance(text, str):
            return text
    return section


def pulled(changes: int, applied: int, files: int, written: bool, dry_run: bool) -> str:
    """What `pull` did, in one line."""
    if not changes:
        return "the files already hold what the database holds; nothing to pull"
    done = "written" if written else "would be written (dry run)" if dry_run else "not written"
    return (
        f"{changes} difference{'s' if changes != 1 else ''} between the database and the "
        f"files; {applied} {done} to {files} file{'s' if files != 1 else ''}"
    )


def stamped(count: int) -> str:
    """What the stamp after `pull` wrote: bookkeeping only."""
    if not count:
        return "the database already carries what a load writes beside the data"
    them = "them" if count != 1 else "it"
    return (
        f"stamped {count} entit{'ies' if count != 1 else 'y'} in the database with what a load "
        f"writes beside the data (marker, hash, position, derived properties; no data changed): "
        f"the next load has nothing to write for {them}"
    )


def stamp_failed(reason: str) -> str:
    return (
        f"warning: the files are written, but the database's entities could not be given what a "
        f"load writes beside the data ({reason}); the next `scenarios load` will do it"
    )


def not_pulled(section: str, ident: str, change: str, file: str) -> str:
    return f"warning: {section} {ident} ({change}) lives in {file}, which pull does not rewrite"


def set_aside_head(count: int) -> str:
    things = "thing" if count == 1 else "things"
    return f"warning: the files cannot hold {count} {things} the database has; left there:"


def set_aside(what: str, where: str, detail: str) -> str:
    """Something in the database the files cannot hold, and why it stays there."""
    reasons = {
        "property": f"{where}: property {quote(detail)} is no field of the format",
        "label": f"{where}: label {quote(detail)} is not a kind",
        "node": f"{detail} labelled {where}",
        "relationship": f"{detail} of type {where}",
        "orphan": f"{where}: belongs to {detail}, which the database no longer has",
    }
    return reasons.get(what, f"{where}: {detail}")


DIFF_LEGEND = (
    "chains and scores as in `compare`: score = share of the scenario's key-pair chain strength "
    "lost if the channel is cut; rank = its place in `depends --rank score`"
)
