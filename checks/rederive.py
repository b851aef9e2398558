#!/usr/bin/env python3
"""Independent re-derivation of the numbers `scenarios` prints, from its docs alone.

Usage:  python rederive.py REPO_PATH [--data DIR] [--only CMD,...] [--verbose] [--all-rows]

Runs the tool from REPO_PATH (PYTHONPATH=REPO_PATH/src, data REPO_PATH/data unless --data),
recomputes every documented quantity from README.md / docs/*.md rules implemented below
(never from src/), and prints one line per check:

    command | quantity | documented | emitted | agree/DISAGREE/AMBIG

Exit status 0 if every check agrees, 1 otherwise.

Written against the docs of main after issues 10-15 (schema-2 JSON, docs/json.md; the grade
ladder and `background:` basis, data-format.md; the two clocks --as-of / --known-by and the
Monte Carlo layout, whatif.md; signposts, signposts.md; channels, their names, groups, the pair
a cut hurts most and centrality, the README's method sections).  Every rule taken from the docs
is a function or a commented block quoting the passage it implements; to adapt to docs that
define something differently, change that code only.  The loader ignores fields and sections
it does not know.  The README walk-through blocks of the "alive" section (add, diff --rev,
load, pull) need git and a database and are left to their own test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import heapq
import itertools
import json
import math
import os
import re
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

# ======================================================================================
# RULES FROM THE DOCS  (adapt here when the docs change)
# ======================================================================================

# README "What a link carries" / data-format.md "Link vocabulary".
ROLES = {
    "negotiates_with": "channel",
    "allied_with": "channel",
    "supports": "channel",
    "economic_tie": "channel",
    "proposes": "channel",
    "concerns": "channel",
    "influences": "channel",
    "constrains": "channel",
    "controls": "channel",
    "leads": "structural",
    "member_of": "structural",
    "envoy_of": "structural",
    "opposes": "adversarial",
    "claims": "adversarial",
}
SIDE_KINDS = {"state", "bloc"}  # data-format.md:168 "A state or bloc ... is a side"
PERSON_KINDS = {"leader", "envoy", "official"}  # "every leader, envoy and official"
JOINER_KINDS = {
    "envoy",
    "official",
}  # README: "an envoy or an official; not a leader, state or bloc"
HOP_EPS = 1e-6  # README "How paths are weighed": tie-break 10^-6 per hop
ABS_TOL = 1e-9  # README: |ln rho - ln rho_X| <= 1e-9 ; scale.md "within 10^-9"
GROUP_MIN_ADD = 0.01  # README groups: "adds at least 0.01"
GROUP_MAX_SIZE = 3
PIVOT_KINDS = {"leader", "envoy", "official"}  # README "Through whom"


def role(link_type: str) -> str:
    """README table 'What a link carries'. Unknown types (newer vocab) count as channel."""
    return ROLES.get(link_type, "channel")


def link_weight(strength: float, confidence: float) -> float:
    """data-format.md "A link's weight is strength x confidence." (confidence: the number a
    grade stands for, see confidence_value)."""
    return strength * confidence


# data-format.md "Confidence grades": the default ladder, replaced entirely by a `grades:` section.
DEFAULT_LADDER = {"fact": 1.0, "reported": 0.8, "assessed": 0.6, "heard": 0.4, "speculation": 0.3}


def confidence_value(x, ladder):
    """data-format.md: "`confidence` is a grade's name or a number in [0, 1]. The analysis uses
    the number (a grade stands for its value)"."""
    if isinstance(x, str) and x in ladder:
        return float(ladder[x])
    return float(x)


def parse_period(text):
    """data-format.md:87,121-123: a day, YYYY-MM, YYYY, or a range A/B."""
    if text is None:
        return None
    if isinstance(text, dt.date):
        return (text, text, text.isoformat(), text)
    s = str(text).strip()
    parts = s.split("/")

    def bounds(p):
        p = p.strip()
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", p):
            d = dt.date.fromisoformat(p)
            return d, d
        if re.fullmatch(r"\d{4}-\d{2}", p):
            y, m = map(int, p.split("-"))
            start = dt.date(y, m, 1)
            end = dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)
            return start, end
        if re.fullmatch(r"\d{4}", p):
            return dt.date(int(p), 1, 1), dt.date(int(p), 12, 31)
        raise ValueError(p)

    a = bounds(parts[0])
    b = bounds(parts[-1])
    # (first possible day S, last day of the period, text, last day on which it may have begun L)
    return (a[0], b[1], s, a[1])


def report_day(ev, programmes):
    """whatif.md "Two clocks": "An item's report day is the day it was certainly said (its own
    `date`'s last possible start day, else its programme's date)"; None when neither dates it."""
    if ev.get("date") is not None:
        return parse_period(ev["date"])[3]
    prog = programmes.get(ev.get("programme"))
    if prog is not None and prog.get("date") is not None:
        d = prog["date"]
        return d if isinstance(d, dt.date) else dt.date.fromisoformat(str(d))
    return None


def counts_from(link, programmes):
    """whatif.md "Two clocks":  counts from = min{ r in R : S <= r < L } if there is one, else L
    (S first possible day, L last possible start day, R the report days of its evidence)."""
    if link.period is None:
        return None
    S, _, _, L = link.period
    rs = [
        r
        for r in (report_day(ev, programmes) for ev in link.evidence)
        if r is not None and S <= r < L
    ]
    return min(rs) if rs else L


def in_force(link, as_of, programmes):
    """whatif.md: "--as-of D counts a dated link only when D is on or after the day it counts
    from ... Undated links always count." """
    if as_of is None or link.period is None:
        return True
    return counts_from(link, programmes) <= as_of


def known_filter(link, known_by, programmes):
    """whatif.md "--known-by D": an item is known from the day its `date` counts from (the last
    day of its start part), else its programme's date; an item with neither is always known.
    A link with evidence but none known is left out (None); items reported later are dropped."""
    if known_by is None or not link.evidence:
        return link
    kept = []
    for ev in link.evidence:
        if ev.get("date") is not None:
            day = parse_period(ev["date"])[3]
        else:
            prog = programmes.get(ev.get("programme"))
            day = None
            if prog is not None and prog.get("date") is not None:
                d = prog["date"]
                day = d if isinstance(d, dt.date) else dt.date.fromisoformat(str(d))
        if day is None or day <= known_by:
            kept.append(ev)
    if not kept:
        return None
    out = Link(**{**link.__dict__, "evidence": kept})
    return out


def source_keys(link):
    """data-format.md:161 "the same `programme` or the same `cites` (case-folded, trimmed)".
    A background link's evidence `cites` its public source (data-format.md "Basis"): the same
    rule; evidence grades do not change what a source is."""
    keys = set()
    for ev in link.evidence:
        if ev.get("programme"):
            keys.add("programme:" + str(ev["programme"]))
        if ev.get("cites"):
            keys.add("cites:" + str(ev["cites"]).strip().casefold())
    return keys


def combine_sources(group_weights):
    """data-format.md:163 noisy-OR over independent sources, 1 - prod(1 - w)."""
    p = 1.0
    for w in group_weights:
        p *= 1.0 - w
    return 1.0 - p


def carries(link, connected_by, side_of):
    """README 'What a link carries' + data-format.md:209-213 + :118 (weight 0 carries nothing)."""
    r = role(link.type)
    if r == "adversarial":
        return False
    if link.weight <= 0:
        return False
    if not connected_by:
        return True
    if link.type in connected_by:
        return True
    # "plus the structural links inside one side, which always do"
    if r == "structural":
        a, b = side_of.get(link.source), side_of.get(link.target)
        return a is not None and a == b
    return False


def chain_cost(w: float) -> float:
    """README: "Dijkstra on tie cost -ln(weight)" plus 10^-6 per hop."""
    return -math.log(w) + HOP_EPS


def damage(rho: float, rho_x: float) -> float:
    """README 'How depends ranks channels': 1 - rho_X/rho; 1 if disconnected; 0 if
    |ln rho - ln rho_X| <= 1e-9."""
    if rho_x <= 0:
        return 1.0
    if abs(math.log(rho) - math.log(rho_x)) <= ABS_TOL:
        return 0.0
    return 1.0 - rho_x / rho


def qz(x: float) -> float:
    """README "How `depends` ranks channels": "Every ranking in the tool compares scores, and
    the sizes and strengths it sorts by, rounded to 12 decimals"."""
    return round(x, 12)


def worst_pair(P, dmg):
    """README: "The pair a cut hurts most ... the highest damage; damages within 10^-9 count
    as equal ..., and of those the first in key-pair order, the order of the pairs table"."""
    hurt = [p for p in P if dmg[p] > 0]
    if not hurt:
        return None
    top = max(dmg[p] for p in hurt)
    return next(p for p in P if dmg[p] > 0 and dmg[p] >= top - ABS_TOL)


def wilson(successes: int, n: int, z: float = 1.959963984540054):
    """whatif.md:126 "95 % Wilson score interval on the count of draws"."""
    if n == 0:
        return 0.0, 1.0
    p = successes / n
    den = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / den
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / den
    return max(0.0, centre - half), min(1.0, centre + half)


# ======================================================================================
# Dataset
# ======================================================================================


@dataclass
class Link:
    id: str
    source: str
    target: str
    type: str
    strength: float
    confidence: float
    date: object = None
    evidence: list = field(default_factory=list)
    label: object = None
    background: object = None

    @property
    def weight(self):
        return link_weight(self.strength, self.confidence)

    @property
    def period(self):
        return parse_period(self.date)

    @property
    def tie(self):
        return tuple(sorted((self.source, self.target)))


class Dataset:
    def __init__(self, path: Path):
        sections = defaultdict(list)
        files = (
            [path]
            if path.is_file()
            else sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml"))
        )
        for f in files:
            doc = yaml.safe_load(f.read_text(encoding="utf-8")) or {}
            if not isinstance(doc, dict):
                continue
            for k, v in doc.items():
                if isinstance(v, list):
                    sections[k].extend(v)
        # bulk files (csv/jsonl) are not used by the seed; tolerate their absence
        # data-format.md: a `grades:` section replaces the default ladder entirely
        self.ladder = (
            {g["name"]: float(g["value"]) for g in sections["grades"]}
            if sections["grades"]
            else dict(DEFAULT_LADDER)
        )
        self.programme_by_id = {p["id"]: p for p in sections["programmes"]}
        self.actors = {a["id"]: a for a in sections["actors"]}
        self.actor_order = [a["id"] for a in sections["actors"]]
        self.links = [self._link(x) for x in sections["links"]]
        self.written_confidence = {x["id"]: x["confidence"] for x in sections["links"]}
        self.scenarios = {s["id"]: s for s in sections["scenarios"]}
        self.scenario_order = [s["id"] for s in sections["scenarios"]]
        self.programmes = sections["programmes"]
        self.speakers = sections["speakers"]
        self.signposts = sections["signposts"]
        self.side_of = {a: self._side(a) for a in self.actors}

    def _link(self, x):
        return Link(
            x["id"],
            x["source"],
            x["target"],
            x["type"],
            float(x["strength"]),
            confidence_value(x["confidence"], self.ladder),
            x.get("date"),
            list(x.get("evidence") or []),
            x.get("label"),
            x.get("background"),
        )

    def _side(self, aid):
        """data-format.md:168 sides: state/bloc with leaders, envoys, officials whose
        affiliation leads to it (through other people)."""
        seen = set()
        cur = aid
        while cur is not None and cur not in seen:
            seen.add(cur)
            a = self.actors.get(cur)
            if a is None:
                return None
            if a["kind"] in SIDE_KINDS:
                return cur
            if a["kind"] not in PERSON_KINDS:
                return None
            cur = a.get("affiliation")
        return None

    def name(self, aid):
        return self.actors[aid]["name"]

    def group(self, aid):
        """README: "An actor's *group* is its side, or itself if it has none." """
        return self.side_of.get(aid) or aid

    def is_joiner(self, aid):
        return self.side_of.get(aid) is not None and self.actors[aid]["kind"] in JOINER_KINDS

    def view(self, scenario_id=None, as_of=None, known_by=None, sourced_only=False):
        """data-format.md "scenarios": base with removes dropped, changes applied, adds added.
        data-format.md "--sourced-only": background links (base and added) leave first, with
        the changes and removals of the base links dropped.  whatif.md "Both at once":
        --known-by first restricts the evidence, then --as-of picks the links in force."""
        status = {}
        notes = {}
        base = [l for l in self.links if not (sourced_only and l.background)]
        links = {l.id: l for l in base}
        order = [l.id for l in base]
        if scenario_id:
            sc = self.scenarios[scenario_id]
            for r in sc.get("removes") or []:
                lid = r if isinstance(r, str) else r["link"]
                if lid not in links:
                    continue
                links.pop(lid, None)
                order.remove(lid)
                status[lid] = "removed"
            for ch in sc.get("changes") or []:
                if ch["link"] not in links:
                    continue
                old = links[ch["link"]]
                conf = (
                    confidence_value(ch["confidence"], self.ladder)
                    if ch.get("confidence") is not None
                    else old.confidence
                )
                new = Link(
                    old.id,
                    old.source,
                    old.target,
                    old.type,
                    float(ch["strength"]) if ch.get("strength") is not None else old.strength,
                    conf,
                    old.date,
                    old.evidence,
                    old.label,
                    old.background,
                )
                links[old.id] = new
                status[old.id] = "strengthened" if new.weight > old.weight else "weakened"
                notes[old.id] = ch.get("note")
            for a in sc.get("adds") or []:
                l = self._link(a)
                if sourced_only and l.background:
                    continue
                links[l.id] = l
                order.append(l.id)
                status[l.id] = "added"
        seq = [links[i] for i in order]
        if known_by is not None:
            seq = [
                x
                for x in (known_filter(l, known_by, self.programme_by_id) for l in seq)
                if x is not None
            ]
        kept = [l for l in seq if in_force(l, as_of, self.programme_by_id)]
        return kept, status


# ======================================================================================
# Tie graph and strongest chains
# ======================================================================================


class TieGraph:
    def __init__(self, ds: Dataset, links, connected_by=(), nodes=None):
        self.ds = ds
        self.nodes = list(nodes if nodes is not None else ds.actor_order)
        self.carrying = [l for l in links if carries(l, connected_by, ds.side_of)]
        self.all_links = links
        by_tie = defaultdict(list)
        for l in self.carrying:
            by_tie[l.tie].append(l)
        self.tie_links = dict(by_tie)
        self.w = {}
        self.groups = {}
        for t, ls in by_tie.items():
            self.groups[t] = source_groups(ls)
            self.w[t] = combine_sources([max(x.weight for x in g) for g in self.groups[t]])
        self.adj = defaultdict(dict)
        for (u, v), w in self.w.items():
            self.adj[u][v] = w
            self.adj[v][u] = w

    def weight(self, u, v):
        return self.w[tuple(sorted((u, v)))]

    def candidate(self, t):
        """README: cut candidates: "ties with a link that is not structural"."""
        return any(role(l.type) != "structural" for l in self.tie_links[t])


def source_groups(links):
    """Union-find of a tie's links by shared source key; keyless links alone."""
    parent = list(range(len(links)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner = {}
    for i, l in enumerate(links):
        for k in source_keys(l):
            if k in owner:
                parent[find(i)] = find(owner[k])
            else:
                owner[k] = i
    g = defaultdict(list)
    for i, l in enumerate(links):
        g[find(i)].append(l)
    return list(g.values())


class SSSP:
    """Dijkstra on chain_cost from s, with the cut ties / removed actors absent.
    dist: summed cost (hop term included); preds: the DAG of cheapest paths, an arc u->v
    when d(u) + cost(u,v) = d(v) within ABS_TOL (docs/scale.md step 1)."""

    def __init__(self, G: TieGraph, s, cut=frozenset(), removed=frozenset()):
        self.s = s
        self.G = G
        INF = math.inf
        dist = {}
        if s not in removed:
            dist[s] = 0.0
        done = set()
        pq = [(0.0, s)] if dist else []
        while pq:
            d, u = heapq.heappop(pq)
            if u in done:
                continue
            done.add(u)
            for v, w in G.adj[u].items():
                if v in removed or tuple(sorted((u, v))) in cut:
                    continue
                nd = d + chain_cost(w)
                if nd < dist.get(v, INF):
                    dist[v] = nd
                    heapq.heappush(pq, (nd, v))
        self.dist = dist
        preds = defaultdict(list)
        for v in dist:
            for u, w in G.adj[v].items():
                if u in removed or u not in dist or tuple(sorted((u, v))) in cut:
                    continue
                if abs(dist[u] + chain_cost(w) - dist[v]) <= ABS_TOL:
                    preds[v].append(u)
        self.preds = preds
        order = sorted(dist, key=lambda x: dist[x])
        sigma = {s: 1} if dist else {}
        for v in order:
            if v != s:
                sigma[v] = sum(sigma.get(u, 0) for u in preds[v])
        self.sigma = sigma
        self.order = order

    def reachable(self, t):
        return t in self.dist

    def paths(self, t, limit=10000):
        """every cheapest s-t path (as actor lists), from the DAG."""
        if t not in self.dist:
            return []
        out = []

        def back(v, acc):
            if len(out) >= limit:
                return
            if v == self.s:
                out.append([self.s] + acc[::-1])
                return
            for u in self.preds[v]:
                back(u, acc + [v])

        back(t, [])
        return out

    def best_path(self, t):
        """json.md PairRow.path: 'one strongest chain (fewest hops, then alphabetical)'."""
        ps = self.paths(t)
        if not ps:
            return None
        return min(ps, key=lambda p: (len(p), p))

    def strength(self, t):
        p = self.best_path(t)
        if p is None:
            return 0.0
        return path_strength(self.G, p)


def path_strength(G, p):
    s = 1.0
    for a, b in zip(p, p[1:]):
        s *= G.weight(a, b)
    return s


def bfs_hops(G: TieGraph, s, t, cut=frozenset(), removed=frozenset()):
    if s in removed or t in removed:
        return None
    seen = {s: 0}
    q = [s]
    for u in q:
        if u == t:
            return seen[u]
        for v in G.adj[u]:
            if v in removed or v in seen or tuple(sorted((u, v))) in cut:
                continue
            seen[v] = seen[u] + 1
            q.append(v)
    return seen.get(t)


def edge_routes(G: TieGraph, s, t, cut=frozenset()):
    """lambda(s,t): edge-disjoint routes (unit capacity per tie)."""
    import networkx as nx

    H = nx.Graph()
    for u, v in G.w:
        if (u, v) in cut:
            continue
        H.add_edge(u, v)
    if s not in H or t not in H or not nx.has_path(H, s, t):
        return 0
    return nx.edge_connectivity(H, s, t)


# ======================================================================================
# The dependency method (README "How `depends` ranks channels")
# ======================================================================================


def tkey(u, v):
    return tuple(sorted((u, v)))


def tie_id(t):
    """json.md UnitRef.id: "its first tie (`u~v`, ties sorted)"."""
    return "~".join(t)


class Engine:
    """Strongest chains and damages on one tie graph for one set of key actors."""

    def __init__(self, G: TieGraph, key):
        self.G = G
        self.key = list(key)
        self.pairs = list(itertools.combinations(self.key, 2))
        self._cache = {}
        self.rho = {p: self.strength(p, frozenset(), frozenset()) for p in self.pairs}
        self.P = [p for p in self.pairs if self.rho[p] > 0]

    def sssp(self, s, cut=frozenset(), removed=frozenset()):
        k = (s, cut, removed)
        if k not in self._cache:
            self._cache[k] = SSSP(self.G, s, cut, removed)
        return self._cache[k]

    def strength(self, pair, cut=frozenset(), removed=frozenset()):
        s, t = pair
        if s in removed or t in removed:
            return 0.0
        return self.sssp(s, cut, removed).strength(t)

    def damages(self, cut=frozenset(), removed=frozenset()):
        cut = frozenset(cut)
        removed = frozenset(removed)
        return {p: damage(self.rho[p], self.strength(p, cut, removed)) for p in self.P}

    def score(self, cut=frozenset(), removed=frozenset()):
        """score(X) = mean over P of damage_st(X)."""
        d = self.damages(cut, removed)
        return sum(d.values()) / len(d) if d else 0.0

    def worst(self, cut=frozenset(), removed=frozenset()):
        """PairEffect of the pair hurt most (first in key order among equals)."""
        d = self.damages(cut, removed)
        best = worst_pair(self.P, d)
        if best is None:
            return None
        after = self.strength(best, frozenset(cut), frozenset(removed))
        return dict(
            pair=best,
            before=self.rho[best],
            after=after,
            damage=d[best],
            disconnected=after <= 0,
            fh_before=bfs_hops(self.G, *best),
            fh_after=bfs_hops(self.G, *best, cut=frozenset(cut), removed=frozenset(removed)),
        )

    def disconnects(self, cut=frozenset(), removed=frozenset()):
        return [p for p in self.P if self.strength(p, frozenset(cut), frozenset(removed)) <= 0]

    def strongest_path_ties(self, cut=frozenset(), removed=frozenset()):
        """ties on some strongest key-pair path (the DAG arcs that reach t)."""
        out = set()
        for pair in self.P:
            out |= self.strongest_path_ties_of(pair, cut, removed)
        return out

    def strongest_path_ties_of(self, pair, cut=frozenset(), removed=frozenset()):
        """ties on some strongest s-t path: the arcs of the DAG that reach t."""
        s, t = pair
        out = set()
        sp = self.sssp(s, frozenset(cut), frozenset(removed))
        if t not in sp.dist:
            return out
        stack, seen = [t], {t}
        while stack:
            v = stack.pop()
            for u in sp.preds[v]:
                out.add(tkey(u, v))
                if u not in seen:
                    seen.add(u)
                    stack.append(u)
        return out

    def on_every_path(self, v):
        """v lies on every strongest s-t path of some key pair."""
        for s, t in self.P:
            if v in (s, t):
                continue
            sp = self.sssp(s)
            if t not in sp.dist or v not in sp.dist:
                continue
            if abs(sp.dist[v] + self.sssp(v).dist.get(t, math.inf) - sp.dist[t]) <= ABS_TOL:
                if sp.sigma[v] * self.sssp(v).sigma.get(t, 0) == sp.sigma[t]:
                    return True
        return False


@dataclass
class Channel:
    ties: list
    groups: tuple

    @property
    def id(self):
        """README: "A channel's ties are listed sorted, each as `u~v` with u the smaller id, by
        u, then v; it is identified by its first tie"."""
        return tie_id(min(self.ties))


def build_channels(ds: Dataset, G: TieGraph):
    """README: bundles = candidates between one pair of groups; within a bundle, ties sharing
    an end who is a side member but not its head (envoy/official) are one channel."""
    bundles = defaultdict(list)
    for t in G.w:
        if G.candidate(t):
            bundles[frozenset((ds.group(t[0]), ds.group(t[1])))].append(t)
    chans = []
    for b, ties in bundles.items():
        parent = {t: t for t in ties}

        def find(x):
            while parent[x] != x:
                x = parent[x]
            return x

        by_joiner = defaultdict(list)
        for t in ties:
            for a in t:
                if ds.is_joiner(a):
                    by_joiner[a].append(t)
        for a, ts in by_joiner.items():
            for t in ts[1:]:
                parent[find(t)] = find(ts[0])
        comp = defaultdict(list)
        for t in ties:
            comp[find(t)].append(t)
        for ts in comp.values():
            chans.append(Channel(sorted(ts), tuple(b)))
    return sorted(chans, key=lambda c: c.id)


KIND_RANK = {"leader": 0, "envoy": 1, "official": 2, "state": 3, "bloc": 3}


def channel_sides(ds, G, ch: Channel, key):
    """README: named by its actors in each group: "first the group of the key actor that comes
    first in the scenario's list (when neither group holds a key actor, the group whose id sorts
    first ...), and within a group the actors with most of the channel's ties first, then by kind
    (leaders, envoys, officials, states and blocs, every other kind), then by name (a channel
    inside one group lists its actors once)"."""
    counts = defaultdict(int)
    for t in ch.ties:
        for a in t:
            counts[a] += 1

    def key_index(g):
        idx = [i for i, k in enumerate(key) if ds.group(k) == g]
        return min(idx) if idx else math.inf

    def order(a):
        return (-counts[a], KIND_RANK.get(ds.actors[a]["kind"], 2), ds.name(a))

    groups = sorted({ds.group(a) for t in ch.ties for a in t}, key=lambda g: (key_index(g), g))
    if len(groups) == 1:
        return sorted(counts, key=order), []
    g1, g2 = groups
    side1 = sorted({a for a in counts if ds.group(a) == g1}, key=order)
    side2 = sorted({a for a in counts if ds.group(a) == g2}, key=order)
    return side1, side2


def channel_name(ds, sides):
    return " – ".join(", ".join(ds.name(a) for a in side) for side in sides if side)


def channel_types(G, ch):
    """README: "its link `types` are listed in the order they first appear over its ties, each
    tie's links in the view's order"."""
    return list(dict.fromkeys(l.type for t in sorted(ch.ties) for l in G.tie_links[t]))


def group_search(E: Engine, chans):
    """README 'Groups: what matters only together': depth-first from the empty set, extending S
    only by channels with a tie on some strongest key-pair path of the graph with S cut; sets of
    2..3 where the set beats the sum of its members' scores by >= 0.01 and every member adds
    >= 0.01; damages memoised.  Returns (groups, number of sets whose damage was computed).
    The count assumes extensions in id order and members checked in id order (undocumented)."""
    by_tie = {t: c.id for c in chans for t in c.ties}
    cties = {c.id: frozenset(c.ties) for c in chans}
    memo = {}

    def cut_of(S):
        return frozenset().union(*(cties[c] for c in S)) if S else frozenset()

    def dmg(S):
        if S not in memo:
            memo[S] = E.score(cut_of(S))
        return memo[S]

    def cands(S):
        return sorted({by_tie[t] for t in E.strongest_path_ties(cut_of(S)) if t in by_tie} - set(S))

    seen = set()
    order = []

    def dfs(S):
        if len(S) >= GROUP_MAX_SIZE:
            return
        for c in cands(S):
            T = S | {c}
            if T in seen:
                continue
            seen.add(T)
            dmg(T)
            if len(T) >= 2:
                order.append(T)
            dfs(T)

    dfs(frozenset())
    singles = {c.id: E.score(cties[c.id]) for c in chans}
    found = []
    for T in order:
        d = dmg(T)
        if d < sum(singles[c] for c in T) + GROUP_MIN_ADD - ABS_TOL:
            continue
        if all(d - dmg(T - {e}) >= GROUP_MIN_ADD - ABS_TOL for e in sorted(T)):
            found.append((T, d))
    return found, len(memo)


# ======================================================================================
# Checks
# ======================================================================================


class Checks:
    def __init__(self):
        self.rows = []

    def num(self, cmd, qty, doc, emitted, rel=1e-9):
        if doc is None or emitted is None:
            ok = doc is None and emitted is None
        else:
            ok = abs(doc - emitted) <= max(rel * max(abs(doc), abs(emitted)), 1e-12)
        self.rows.append((cmd, qty, _fmt(doc), _fmt(emitted), "agree" if ok else "DISAGREE"))
        return ok

    def eq(self, cmd, qty, doc, emitted):
        ok = doc == emitted
        self.rows.append((cmd, qty, _fmt(doc), _fmt(emitted), "agree" if ok else "DISAGREE"))
        return ok

    def ambig(self, cmd, qty, doc, emitted, note):
        self.rows.append((cmd, qty, _fmt(doc), _fmt(emitted), "AMBIG: " + note))

    def text(self, cmd, qty, doc, emitted):
        return self.eq(cmd, qty, doc, emitted)


def _fmt(x):
    if isinstance(x, float):
        return repr(x)
    if isinstance(x, (list, tuple)):
        return "[" + ", ".join(_fmt(i) for i in x) + "]"
    return str(x)


def r2(x):
    """the printed rounding of strengths in sentences: 2 decimals"""
    return f"{x:.2f}"


def pct(d):
    """README "Numbers as printed": the share at 12 decimals, then a whole percent, half away
    from zero."""
    v = round(d, 12) * 100
    whole = math.floor(abs(v) + 0.5 + 1e-9)
    return f"-{whole}%" if v < 0 and whole else f"{whole}%"


def near_half(x, scale):
    """True when x*scale lies within 1e-6 of a rounding boundary (.5): the printed figure
    then depends on the last bit of the float, and either rounding is accepted."""
    y = x * scale
    return abs(y - math.floor(y) - 0.5) < 1e-6


def accept(sentence, got, figures=()):
    """sentence in got, allowing the last-bit rounding of figures: (value, "pct" | "r2")."""
    if sentence in got:
        return True
    for value, kind in figures:
        scale = 100
        if kind == "pct" or not near_half(value, scale):
            continue  # percentages have a documented rounding: no alternative accepted
        txt = pct(value) if kind == "pct" else r2(value)
        for alt in (math.floor(value * scale) / scale, math.ceil(value * scale) / scale):
            alt_txt = f"{alt * 100:.0f}%" if kind == "pct" else f"{alt:.2f}"
            if sentence.replace(txt, alt_txt) in got:
                return True
    return False


class Tool:
    def __init__(self, repo: Path, data: Path):
        self.repo = repo
        self.data = data
        self.env = dict(os.environ, PYTHONPATH=str(repo / "src"), COLUMNS="200")
        self.env.pop("SCENARIOS_DATA", None)
        self.env.pop("SCENARIOS_SOURCE", None)

    def run(self, *args, json_out=True):
        cmd = [sys.executable, "-m", "scenarios", *args, "--data", str(self.data)]
        if json_out:
            cmd.append("--json")
        p = subprocess.run(cmd, cwd=self.repo, env=self.env, capture_output=True, text=True)
        if json_out:
            if not p.stdout.strip():
                raise RuntimeError(f"{' '.join(args)}: exit {p.returncode}: {p.stderr.strip()}")
            return json.loads(p.stdout)
        return p.stdout, p.returncode


def ids(actors):
    return [a["id"] for a in actors]


def pair_name(ds, p):
    return f"{ds.name(p[0])}–{ds.name(p[1])}"


def why_cut(ds, E: Engine, cut=frozenset(), removed=frozenset(), subject="it"):
    """README: "cutting it disconnects X from Y", or "weakens the best X-Y chain from a to b
    (-p%) and leaves no path from X to Y shorter than N hops"."""
    w = E.worst(cut, removed)
    if w is None:
        return None, None
    p = w["pair"]
    if w["disconnected"]:
        return w, f"disconnects {ds.name(p[0])} from {ds.name(p[1])}"
    s = (
        f"weakens the best {pair_name(ds, p)} chain from {r2(w['before'])} to {r2(w['after'])} "
        f"(-{pct(w['damage'])})"
    )
    if w["fh_after"] is not None and w["fh_after"] > w["fh_before"]:
        s += (
            f" and leaves no path from {ds.name(p[0])} to {ds.name(p[1])} shorter than "
            f"{w['fh_after']} hops"
        )
    return w, s


class Context:
    def __init__(
        self, ds, scenario, as_of=None, connected_by=None, known_by=None, sourced_only=False
    ):
        self.ds = ds
        self.sid = scenario
        sc = ds.scenarios[scenario] if scenario else None
        self.sc = sc
        self.cb = tuple(
            connected_by if connected_by is not None else ((sc or {}).get("connected_by") or ())
        )
        self.links, self.status = ds.view(scenario, as_of, known_by, sourced_only)
        self.G = TieGraph(ds, self.links, self.cb)
        base_links, _ = ds.view(None, as_of, known_by, sourced_only)
        self.Gb = TieGraph(ds, base_links, self.cb)
        self.key = list(sc["key_actors"]) if sc else []
        self.E = Engine(self.G, self.key)
        self.Eb = Engine(self.Gb, self.key)
        self.chans = build_channels(ds, self.G)
        self.ch_by_id = {c.id: c for c in self.chans}
        self.ch_of_tie = {t: c for c in self.chans for t in c.ties}

    def chan_score(self, c, base=False):
        if base:
            return self.Eb.score(frozenset(t for t in c.ties if t in self.Gb.w))
        return self.E.score(frozenset(c.ties))


def ranked_channels(ctx: Context, rank="new"):
    """README: scoring channels; --rank new: base score 0 first, then the rest, each by score,
    then id; --rank score: by score alone (then id).  Series merging: see series_units()."""
    rows = []
    for c in ctx.chans:
        s = ctx.chan_score(c)
        if s > 0:
            b = ctx.chan_score(c, base=True)
            rows.append(dict(ch=c, score=s, base=b, new=(b == 0)))
    if rank == "new":
        rows.sort(key=lambda r: (not r["new"], -qz(r["score"]), r["ch"].id))
    else:
        rows.sort(key=lambda r: (-qz(r["score"]), r["ch"].id))
    return rows


def unit_name(ds, ctx, u):
    """README: a row of channels in series "is named by the chain the channels make end to end
    ..., or, when they make none, by their names joined by ', then '"."""
    names = [channel_sides(ds, ctx.G, r["ch"], ctx.key) for r in u]
    if len(u) == 1:
        return channel_name(ds, names[0])
    parts = [[", ".join(ds.name(a) for a in side) for side in n if side] for n in names]
    chain = list(parts[0]) if len(parts[0]) == 2 else []
    for p in parts[1:]:
        if len(p) != 2 or not chain:
            chain = []
            break
        if p[0] == chain[-1]:
            chain.append(p[1])
        elif p[1] == chain[-1]:
            chain.append(p[0])
        elif p[1] == chain[0]:
            chain.insert(0, p[0])
        elif p[0] == chain[0]:
            chain.insert(0, p[1])
        else:
            chain = []
            break
    if chain:
        return " – ".join(chain)
    return ", then ".join(" – ".join(p) for p in parts)


def series_units(ctx: Context, rows):
    """README: channels whose single cuts do equal, non-zero damage to every key pair (1e-9)
    and whose joint cut does the same are in series: one row. Returns list of lists of rows."""
    units = []
    for r in rows:
        d = ctx.E.damages(frozenset(r["ch"].ties))
        for u in units:
            d0 = ctx.E.damages(frozenset(u[0]["ch"].ties))
            if all(abs(d[p] - d0[p]) <= ABS_TOL for p in d):
                joint = ctx.E.damages(frozenset(t for x in u + [r] for t in x["ch"].ties))
                if all(abs(joint[p] - d0[p]) <= ABS_TOL for p in d):
                    u.append(r)
                    break
        else:
            units.append([r])
    return units


def check_pair_rows(C, cmd, ds, ctx, pairs_json, with_base=True):
    E = ctx.E
    C.eq(
        cmd,
        "pairs: which pairs",
        [list(p) for p in E.pairs],
        [[p["source"]["id"], p["target"]["id"]] for p in pairs_json],
    )
    for pj in pairs_json:
        p = (pj["source"]["id"], pj["target"]["id"])
        q = f"pair {p[0]}-{p[1]}"
        sp = E.sssp(p[0])
        bp = sp.best_path(p[1])
        C.num(cmd, q + " strength", E.rho.get(p, 0.0), pj["strength"])
        C.eq(cmd, q + " hops", (len(bp) - 1) if bp else None, pj["hops"])
        C.eq(cmd, q + " fewest_hops", bfs_hops(ctx.G, *p), pj["fewest_hops"])
        if "routes" in pj:
            C.eq(cmd, q + " routes (edge-disjoint)", edge_routes(ctx.G, *p), pj["routes"])
        if "path" in pj:
            # json.md PairRow.path: "the fewest hops, then the first by its actors' ids in order"
            C.eq(
                cmd,
                q + " path (fewest hops, then the first by actor ids)",
                bp or [],
                ids(pj["path"]),
            )
        if with_base and "base_strength" in pj:
            C.num(cmd, q + " base_strength", ctx.Eb.rho.get(p, 0.0), pj["base_strength"])


def check_worst(C, cmd, q, ds, E, cut, removed, wj, why_json, prefix="cutting it "):
    w, sentence = why_cut(ds, E, cut, removed)
    if w is None:
        C.eq(cmd, q + " worst", None, wj)
        return
    if wj is None:
        C.eq(cmd, q + " worst", list(w["pair"]), None)
        return
    C.eq(cmd, q + " worst pair", list(w["pair"]), [wj["source"]["id"], wj["target"]["id"]])
    C.num(cmd, q + " worst strength_before", w["before"], wj["strength_before"])
    C.num(cmd, q + " worst strength_after", w["after"], wj["strength_after"])
    C.num(cmd, q + " worst damage", w["damage"], wj["damage"])
    C.eq(cmd, q + " worst disconnected", w["disconnected"], wj["disconnected"])
    C.eq(cmd, q + " worst fewest_hops_before", w["fh_before"], wj["fewest_hops_before"])
    C.eq(cmd, q + " worst fewest_hops_after", w["fh_after"], wj["fewest_hops_after"])
    if why_json is not None:
        got = why_json
        # the figures of the sentence (the README's wording; an "(now N)" suffix is tolerated)
        ok = accept(sentence, got, [(w["damage"], "pct"), (w["before"], "r2"), (w["after"], "r2")])
        C.rows.append((cmd, q + " why (figures)", sentence, got, "agree" if ok else "DISAGREE"))


def check_depends(
    C, T, ds, sid, top=100, groups=100, as_of=None, rank="new", known_by=None, sourced_only=False
):
    cmd = (
        f"depends {sid}"
        + (f" --as-of {as_of}" if as_of else "")
        + (f" --known-by {known_by}" if known_by else "")
        + (" --sourced-only" if sourced_only else "")
        + (f" --rank {rank}" if rank != "new" else "")
    )
    args = ["depends", sid, "--top", str(top), "--groups", str(groups), "--rank", rank]
    if as_of:
        args += ["--as-of", as_of]
    if known_by:
        args += ["--known-by", known_by]
    if sourced_only:
        args += ["--sourced-only"]
    J = T.run(*args)
    ctx = Context(
        ds,
        sid,
        dt.date.fromisoformat(as_of) if as_of else None,
        known_by=dt.date.fromisoformat(known_by) if known_by else None,
        sourced_only=sourced_only,
    )
    if sourced_only:
        # data-format.md: `sourced_only`: "the ids left out"
        C.eq(
            cmd,
            "sourced_only (background links left out)",
            sorted(l.id for l in ds.links if l.background)
            + sorted(
                a["id"]
                for s in ds.scenarios.values()
                for a in s.get("adds") or []
                if a.get("background")
            ),
            sorted(J["sourced_only"]),
        )
    E = ctx.E
    C.eq(cmd, "key_actors", ctx.key, ids(J["key_actors"]))
    C.eq(cmd, "connected_by", list(ctx.cb), J["connected_by"])
    check_pair_rows(C, cmd, ds, ctx, J["pairs"])
    rows = ranked_channels(ctx, J.get("ranking", "new"))
    units = series_units(ctx, rows)
    C.eq(cmd, "scoring (channels or series units scoring > 0)", len(units), J["scoring"])
    C.eq(cmd, "channels (all channels in the graph)", len(ctx.chans), J["channels"])
    C.eq(
        cmd,
        "row ids in rank order",
        [u[0]["ch"].id for u in units][:top],
        [r["id"] for r in J["rows"]],
    )
    for u, rj in zip(units, J["rows"]):
        r = u[0]
        c = r["ch"]
        q = f"channel {rj['id']}"
        C.num(cmd, q + " score", r["score"], rj["score"])
        C.num(cmd, q + " base_score", r["base"], rj["base_score"])
        C.eq(cmd, q + " only_here", r["new"], rj["only_here"])
        C.eq(
            cmd,
            q + " ties",
            sorted(tie_id(t) for t in c.ties),
            sorted(tie_id(tuple(ids(t["ends"]))) for p in rj["parts"] for t in p["ties"]),
        )
        for x, pj in zip(u, rj["parts"]):
            sides = channel_sides(ds, ctx.G, x["ch"], ctx.key)
            C.eq(cmd, q + f" part {pj['id']} id", x["ch"].id, pj["id"])
            C.eq(
                cmd,
                q + f" part {pj['id']} between (in order)",
                [list(sides[0]), list(sides[1])],
                [ids(s) for s in pj["between"]],
            )
            C.eq(cmd, q + f" part {pj['id']} name", channel_name(ds, sides), pj["name"])
        C.eq(
            cmd,
            q + " name (a channel, or the chain of channels in series)",
            unit_name(ds, ctx, u),
            rj["name"],
        )
        C.eq(
            cmd,
            q + " types (in order)",
            list(dict.fromkeys(ty for x in u for ty in channel_types(ctx.G, x["ch"]))),
            rj["types"],
        )
        for tj in (t for p in rj["parts"] for t in p["ties"]):
            tk = tuple(ids(tj["ends"]))
            C.num(cmd, f"{q} tie {tie_id(tk)} weight", ctx.G.w[tkey(*tk)], tj["weight"])
        cut = frozenset(c.ties)
        C.eq(
            cmd,
            q + " disconnects (as a set)",
            sorted(list(p) for p in E.disconnects(cut)),
            sorted(ids(p) for p in rj["disconnects"]),
        )
        check_worst(C, cmd, q, ds, E, cut, frozenset(), rj["worst"], rj["why"])
    # redundancy sentence
    if len(units) <= top:
        n = len(units)
        m = len(ctx.chans) - sum(len(u) for u in units)
        got = J["redundancy"] or ""
        mm = re.match(
            r"(\d+) channels? carr(?:y|ies) .*; the other (\d+) (?:are|is) redundant", got
        )
        m0 = re.match(r"(\d+) channels? carr(?:y|ies) .*; there are no others", got)
        mz = re.match(r"No channel alone carries .*: cutting any one of the (\d+) leaves", got)
        C.eq(
            cmd,
            "redundancy: N carry / M redundant",
            [n, m],
            [int(mm.group(1)), int(mm.group(2))]
            if mm
            else [int(m0.group(1)), 0]
            if m0
            else [0, int(mz.group(1))]
            if mz
            else got,
        )
    # groups
    chans_units = ctx.chans
    found, counts = group_search(E, chans_units)
    single_score = {c.id: ctx.chan_score(c) for c in ctx.chans}

    def members_in_order(T):
        """README: "A group lists its members by score, highest first, then id"."""
        return sorted(T, key=lambda c: (-qz(single_score[c]), c))

    # "groups are ranked by damage, then fewer members, then their members' ids in that order"
    found.sort(key=lambda x: (-qz(x[1]), len(x[0]), members_in_order(x[0])))
    C.eq(cmd, "groups_found", len(found), J["groups_found"])
    C.eq(
        cmd,
        "sets_evaluated (sets reached + subsets the member check needed, in id order)",
        counts,
        J["sets_evaluated"],
    )
    if not (as_of or known_by or sourced_only) and not (16 <= J["sets_evaluated"] <= 63):
        C.rows.append(
            (
                cmd,
                "sets_evaluated within README's 'the seed needs 16–63'",
                "16..63",
                str(J["sets_evaluated"]),
                "DISAGREE",
            )
        )
    C.eq(
        cmd,
        "group members, groups in rank order",
        [members_in_order(T) for T, _ in found][:groups],
        [[m["id"] for m in g["members"]] for g in J["groups"]],
    )
    for (Tset, d), gj in zip(found, J["groups"]):
        q = "group " + "+".join(m["id"] for m in gj["members"])
        cut = frozenset(t for cid in Tset for t in ctx.ch_by_id[cid].ties)
        C.num(cmd, q + " score", d, gj["score"])
        C.num(
            cmd,
            q + " base_score",
            ctx.Eb.score(frozenset(t for t in cut if t in ctx.Gb.w)),
            gj["base_score"],
        )
        for m, a in zip(gj["members"], gj["alone"]):
            C.num(cmd, f"{q} alone[{m['id']}]", ctx.chan_score(ctx.ch_by_id[m["id"]]), a)
        C.eq(
            cmd,
            q + " disconnects (as a set)",
            sorted(list(p) for p in E.disconnects(cut)),
            sorted(ids(p) for p in gj["disconnects"]),
        )
        check_worst(C, cmd, q, ds, E, cut, frozenset(), gj["worst"], gj["why"])
    # pivots
    piv = []
    for a in ds.actor_order:
        if a in ctx.key or ds.actors[a]["kind"] not in PIVOT_KINDS or a not in ctx.G.adj:
            continue
        if E.on_every_path(a):
            s = E.score(removed=frozenset([a]))
            if s > 0:
                piv.append((a, s))
    piv.sort(key=lambda x: (-qz(x[1]), x[0]))
    C.eq(cmd, "pivots_found", len(piv), J["pivots_found"])
    C.eq(
        cmd,
        "pivots order (score desc, then id)",
        [a for a, _ in piv][:top],
        [p["actor"]["id"] for p in J["pivots"]],
    )
    for (a, s), pj in zip(
        sorted(piv, key=lambda x: x[0]), sorted(J["pivots"], key=lambda p: p["actor"]["id"])
    ):
        q = f"pivot {pj['actor']['id']}"
        if a != pj["actor"]["id"]:
            continue
        C.num(cmd, q + " score", s, pj["score"])
        w, sentence = why_cut(ds, E, frozenset(), frozenset([a]))
        exp = (
            f"runs through {ds.name(a)} personally: without him the best {pair_name(ds, w['pair'])} "
            f"chain falls from {r2(w['before'])} to {r2(w['after'])}"
        )
        ok = exp in pj["why"]
        C.rows.append((cmd, q + " why (figures)", exp, pj["why"], "agree" if ok else "DISAGREE"))
    # changes
    check_changes(C, cmd, ds, ctx, units, J["scenario_changes"], piv)
    # tensions
    check_tensions(C, cmd, ds, ctx, units, piv, J, top)
    return ctx, J


def check_changes(C, cmd, ds, ctx, units, changes_json, piv):
    E = ctx.E
    scoring_ties = {t: u for u in units for r in u for t in r["ch"].ties}
    strong_ties = E.strongest_path_ties()
    sc = ctx.sc
    expected = []
    for ch in sc.get("changes") or []:
        expected.append(ch["link"])
    for r in sc.get("removes") or []:
        expected.append(r if isinstance(r, str) else r["link"])
    for a in sc.get("adds") or []:
        expected.append(a["id"])
    inview = {l.id: l for l in ctx.links}
    # data-format.md: --sourced-only drops background links "with the scenario changes and
    # removals of the base links it drops" (the view's status holds what is left)
    expected = [i for i in expected if i in ctx.status]
    C.eq(
        cmd,
        "changes: which links (as a set)",
        sorted(expected),
        sorted(c["link"]["id"] for c in changes_json),
    )
    # README: "The lines of links that carry come first, in the order of their rows; then the
    # others, the scenario's changes, then its additions, then its removals, each as written."
    rank = {}
    for i, u in enumerate(units):
        for r in u:
            for t in r["ch"].ties:
                rank.setdefault(t, i)
    removed = [r if isinstance(r, str) else r["link"] for r in sc.get("removes") or []]
    written = (
        [ch["link"] for ch in sc.get("changes") or []]
        + [a["id"] for a in sc.get("adds") or []]
        + removed
    )
    written = [i for i in written if i in ctx.status]

    def carrying_rank(lid):
        l = inview.get(lid)
        if l is None or not carries(l, ctx.cb, ds.side_of):
            return len(units)
        return rank.get(l.tie, len(units))

    C.eq(
        cmd,
        "changes: order (carrying first by row, then as written)",
        sorted(written, key=carrying_rank),
        [c["link"]["id"] for c in changes_json],
    )
    for cj in changes_json:
        lid = cj["link"]["id"]
        q = f"change {lid}"
        C.eq(cmd, q + " status", ctx.status.get(lid), cj["status"])
        l = inview.get(lid)
        if l is None:
            C.eq(cmd, q + " carries", False, cj["carries"])
            exp = "removed" if lid in removed else "not counted on this day"
            C.rows.append(
                (
                    cmd,
                    q + " why (out of the view)",
                    exp,
                    cj["why"],
                    "agree" if exp in cj["why"] else "DISAGREE",
                )
            )
            continue
        t = l.tie
        carrying = carries(l, ctx.cb, ds.side_of)
        u = scoring_ties.get(t) if carrying else None
        C.eq(cmd, q + " carries", u is not None, cj["carries"])
        if u is not None:
            C.eq(cmd, q + " channel", u[0]["ch"].id, (cj["channel"] or {}).get("id"))
            w = E.worst(frozenset(u[0]["ch"].ties))
            exp = f"which carries the best {pair_name(ds, w['pair'])} chain"
            C.rows.append(
                (cmd, q + " why", exp, cj["why"], "agree" if exp in cj["why"] else "DISAGREE")
            )
        elif not carrying:
            C.rows.append(
                (
                    cmd,
                    q + " why",
                    "a type that does not carry here",
                    cj["why"],
                    "agree" if "carry" in cj["why"] else "DISAGREE",
                )
            )
        elif t in strong_ties:
            # "the first key pair, in key-pair order, with a strongest chain through the tie"
            first = next(p for p in E.P if t in E.strongest_path_ties_of(p))
            exp = f"{pair_name(ds, first)} chain"
            C.rows.append(
                (
                    cmd,
                    q + " why (on a strongest chain with an equally strong alternative)",
                    exp,
                    cj["why"],
                    "agree" if exp in cj["why"] else "DISAGREE",
                )
            )
        else:
            # README: "the strongest chain through the tie that visits no actor twice", for the
            # key pair where it comes closest (graphs of up to 1,000 ties: exact)
            best = {p: _simple_via(E, t, p) for p in E.P}
            if not any(best.values()):
                C.rows.append(
                    (
                        cmd,
                        q + " why (every chain through it would visit an actor twice)",
                        "joins no key-actor chain",
                        cj["why"],
                        "agree" if cj["why"] == "joins no key-actor chain" else "DISAGREE",
                    )
                )
                continue
            # README: "the highest ratio of that chain to the pair's strongest, the first in key-pair
            # order among ratios within 10^-9; a chain through it as strong as the pair's, within a
            # relative 10^-9, counts as an equally strong alternative"
            ratio = {p: best[p] / E.rho[p] for p in E.P if best[p] > 0}
            top = max(ratio.values())
            p = next(p for p in E.P if p in ratio and ratio[p] >= top - ABS_TOL)
            if best[p] >= E.rho[p] * (1 - 1e-9):
                exp = f"{pair_name(ds, p)} chain"
                qq = " why (as strong as the pair's: an equally strong alternative)"
            else:
                exp = f"best {pair_name(ds, p)} via it {r2(best[p])} vs {r2(E.rho[p])}"
                qq = " why (via figures; the pair where it comes closest: highest ratio)"
            C.rows.append(
                (cmd, q + qq, exp, cj["why"], "agree" if exp in cj["why"] else "DISAGREE")
            )


def _rho(E, a, b):
    if a == b:
        return 1.0
    return E.sssp(a).strength(b)


_SIMPLE_VIA = {}


def _simple_via(E, tie, pair):
    """The strongest s-t chain through `tie` with no actor twice (0: none), by search: a tie
    lies on some simple s-t path iff it shares a biconnected component with s-d-t (d a new
    actor joined to both); then depth-first from s, the most promising tie first, pruned by
    the unrestricted strongest chains (an upper bound), ending at t."""
    import networkx as nx

    s, t = pair
    G = E.G
    key = (frozenset(G.w.items()), tie, pair)
    if key in _SIMPLE_VIA:
        return _SIMPLE_VIA[key]
    a0, b0 = tie
    w0 = G.w[tie]
    H = nx.Graph(list(G.w))
    H.add_edges_from([(s, "\0d"), ("\0d", t)])
    on_some_simple_path = any(
        (a0, b0) in comp or (b0, a0) in comp
        for comp in map(set, nx.biconnected_component_edges(H))
        if (s, "\0d") in comp or ("\0d", s) in comp
    )
    best = [0.0]
    if on_some_simple_path:
        ra, rb, rt = (
            {y: _rho(E, x, y) for y in G.nodes if y in G.adj or y == x} for x in (a0, b0, t)
        )

        def bound(x, used):
            if used:
                return rt.get(x, 0.0)
            return w0 * max(ra.get(x, 0.0) * rb.get(t, 0.0), rb.get(x, 0.0) * ra.get(t, 0.0))

        def dfs(x, seen, acc, used):
            if x == t:
                if used and acc > best[0]:
                    best[0] = acc
                return
            steps = []
            for y, w in G.adj[x].items():
                if y in seen:
                    continue
                now = used or tuple(sorted((x, y))) == tie
                promise = acc * w * bound(y, now)
                if promise > best[0]:
                    steps.append((-promise, y, w, now))
            for _, y, w, now in sorted(steps):
                if acc * w * bound(y, now) > best[0]:
                    dfs(y, seen | {y}, acc * w, now)

        dfs(s, {s}, 1.0, False)
    _SIMPLE_VIA[key] = best[0]
    return best[0]


def check_tensions(C, cmd, ds, ctx, units, piv, J, top):
    key = set(ctx.key)
    key_sides = {ds.side_of.get(k) for k in ctx.key if ds.side_of.get(k)}
    chan_actors = {a: u for u in units for r in u for t in r["ch"].ties for a in t}
    persons = {a for a, _ in piv}
    out = []
    for l in ctx.links:
        if role(l.type) != "adversarial":
            continue
        ends = (l.source, l.target)
        if any(a in key for a in ends):
            cat = "key"
        elif any(a in chan_actors for a in ends):
            cat = "channel"
        elif any(a in persons for a in ends):
            cat = "person"
        elif any(ds.side_of.get(a) in key_sides for a in ends):
            cat = "side"
        else:
            continue
        out.append((l, cat))
    out.sort(key=lambda x: (-qz(x[0].weight), x[0].id))
    C.eq(cmd, "tensions_found", len(out), J["tensions_found"])
    C.eq(
        cmd,
        "tensions order (weight desc, then id)",
        [l.id for l, _ in out][:top],
        [t["link"]["id"] for t in J["tensions"]],
    )
    # README: "each with what it bears on (a key actor first, then a channel, a person, a side)"
    words = {"key": "a key actor", "channel": "channel", "person": "runs through", "side": "side"}
    for (l, cat), tj in zip(out, J["tensions"]):
        if l.id != tj["link"]["id"]:
            continue
        C.rows.append(
            (
                cmd,
                f"tension {l.id} bears on",
                cat,
                tj["why"],
                "agree" if words[cat] in tj["why"] else "DISAGREE",
            )
        )


def path_share_of(E: Engine, e, pair):
    """sigma_st(e) / sigma_st over the DAG of strongest paths."""
    s, t = pair
    a = E.sssp(s)
    b = E.sssp(t)
    if t not in a.dist:
        return 0.0
    u, v = e
    tot = 0
    for x, y in ((u, v), (v, u)):
        if x in a.dist and y in b.dist:
            c = chain_cost(E.G.w[e])
            if abs(a.dist[x] + c + b.dist[y] - a.dist[t]) <= ABS_TOL:
                tot += a.sigma[x] * b.sigma[y]
    return tot / a.sigma[t]


def check_ties(C, T, ds, sid, as_of=None):
    cmd = f"depends {sid} --ties"
    J = T.run("depends", sid, "--ties", "--top", "1000")
    ctx = Context(ds, sid)
    E = ctx.E
    check_pair_rows(C, cmd, ds, ctx, J["pairs"], with_base=False)
    for pj in J["pairs"]:
        C.num(
            cmd,
            f"pair {pj['source']['id']}-{pj['target']['id']} base_strength (0: not compared)",
            0.0,
            pj["base_strength"],
        )
    cands = [t for t in ctx.G.w if ctx.G.candidate(t)]
    C.eq(cmd, "cut_candidates", len(cands), J["cut_candidates"])
    lam = {p: edge_routes(ctx.G, *p) for p in E.P}
    rows = []
    for t in cands:
        sc = E.score(frozenset([t]))
        ps = sum(path_share_of(E, t, p) for p in E.P) / len(E.P)
        rl = 0.0
        for p in E.P:
            if lam[p] and edge_routes(ctx.G, *p, cut=frozenset([t])) == lam[p] - 1:
                rl += 1.0 / lam[p]
        rl /= len(E.P)
        if sc > 0 or ps > 0 or rl > 0:
            rows.append((t, sc, rl, ps))
    rows.sort(key=lambda r: (-qz(r[1]), -qz(r[2]), -qz(r[3]), r[0]))
    C.eq(cmd, "ties_ranked", len(rows), J["ties_ranked"])
    C.eq(
        cmd,
        "row order (score, routes, paths, then tie id)",
        [tie_id(r[0]) for r in rows],
        [tie_id(tuple(ids(r["tie"]["ends"]))) for r in J["rows"]],
    )
    got = {tkey(*ids(r["tie"]["ends"])): r for r in J["rows"]}
    for t, sc, rl, ps in rows:
        rj = got.get(t)
        if rj is None:
            continue
        q = f"tie {tie_id(t)}"
        C.num(cmd, q + " score", sc, rj["score"])
        C.num(cmd, q + " path_share", ps, rj["path_share"])
        C.num(cmd, q + " route_loss", rl, rj["route_loss"])
        C.num(cmd, q + " weight", ctx.G.w[t], rj["tie"]["weight"])
        C.eq(
            cmd,
            q + " disconnects (as a set)",
            sorted(list(p) for p in E.disconnects(frozenset([t]))),
            sorted(ids(p) for p in rj["disconnects"]),
        )
        if sc > 0:
            check_worst(C, cmd, q, ds, E, frozenset([t]), frozenset(), rj["worst"], rj["why"])
    C.eq(
        cmd,
        "cuts_skipped (pairs with lambda > 50)",
        sum(1 for p in E.P if lam[p] > 50),
        J["cuts_skipped"],
    )
    C.eq(cmd, "cut_route_limit", 50, J["cut_route_limit"])


# ---------------------------------------------------------------- centrality
METHOD_FROM_TOOL = set()  # README "Centrality, measure by measure" now defines every measure


def centrality(ds, G: TieGraph, measure, nodes=None):
    """betweenness: README/compare method line + scale.md: sum over pairs of sigma_st(v)/sigma_st
    over strongest chains, / ((n-1)(n-2)/2).  closeness: README Decisions + scale.md: mean over
    every other actor of rho(v,u) (0 unreachable).  degree/pagerank/eigenvector: NOT defined in
    the docs; implemented from the tool's own `method` line (flagged AMBIG)."""
    nodes = list(nodes if nodes is not None else G.nodes)
    n = len(nodes)
    E = Engine(G, [])
    if measure == "betweenness":
        bc = dict.fromkeys(nodes, 0.0)
        for s, t in itertools.combinations(nodes, 2):
            a = E.sssp(s)
            if t not in a.dist:
                continue
            b = E.sssp(t)
            st = a.sigma[t]
            for v in a.dist:
                if v in (s, t) or v not in b.dist:
                    continue
                if abs(a.dist[v] + b.dist[v] - a.dist[t]) <= ABS_TOL:
                    bc[v] += a.sigma[v] * b.sigma[v] / st
        norm = (n - 1) * (n - 2) / 2 if n > 2 else 1
        return {v: x / norm for v, x in bc.items()}
    if measure == "closeness":
        out = {}
        for v in nodes:
            a = E.sssp(v)
            out[v] = (
                sum(a.strength(u) for u in nodes if u != v and u in a.dist) / (n - 1)
                if n > 1
                else 0.0
            )
        return out
    import numpy as np

    idx = {v: i for i, v in enumerate(nodes)}
    A = np.zeros((n, n))
    for (u, v), w in G.w.items():
        if u in idx and v in idx:
            A[idx[u], idx[v]] = A[idx[v], idx[u]] = w
    if measure == "degree":
        # README: "the sum of the actor's tie weights, divided by n - 1"
        return {v: A[idx[v]].sum() / (n - 1) if n > 1 else 0.0 for v in nodes}
    if measure == "pagerank":
        # README: walker moves to u with probability w(v,u)/sum w(v,.), from an actor without
        # ties to any actor alike, jumps with probability 0.15; power iteration from 1/n until
        # the summed change is below n x 1e-6
        if not A.any():
            return dict.fromkeys(nodes, 1.0 / n)
        out_w = A.sum(axis=1)
        x = np.full(n, 1.0 / n)
        for _ in range(1000):
            prev = x
            share = np.divide(prev, out_w, out=np.zeros(n), where=out_w > 0)
            dangling = prev[out_w == 0].sum()
            x = 0.85 * (A.T @ share + dangling / n) + 0.15 / n
            if np.abs(x - prev).sum() < n * 1e-6:
                break
        return {v: float(x[idx[v]]) for v in nodes}
    if measure == "eigenvector":
        # README: leading eigenvector of the weighted adjacency matrix of the largest connected
        # component (most actors; then the one holding the smallest id), non-negative, length 1
        seen, comps = set(), []
        for v in nodes:
            if v in seen:
                continue
            comp, stack = {v}, [v]
            while stack:
                x = stack.pop()
                for y in G.adj[x]:
                    if y in idx and y not in comp:
                        comp.add(y)
                        stack.append(y)
            seen |= comp
            comps.append(comp)
        if not A.any():
            return dict.fromkeys(nodes, 0.0)
        largest = min(comps, key=lambda c: (-len(c), min(c)))
        members = sorted(largest, key=lambda v: idx[v])
        sub = A[np.ix_([idx[v] for v in members], [idx[v] for v in members])]
        vals, vecs = np.linalg.eigh(sub)
        vec = vecs[:, np.argmax(vals)]
        vec = np.abs(vec) / np.linalg.norm(vec)
        out = dict.fromkeys(nodes, 0.0)
        out.update({v: float(vec[i]) for i, v in enumerate(members)})
        return out
    raise ValueError(measure)


def competition_ranks(vals):
    """whatif.md: competition ranks (equal scores share a rank); json.md CentralityRow.rank:
    "competition rank on the value as printed (4 decimals)"."""

    def p4(v):
        return float(f"{vals[v]:.4f}")

    order = sorted(vals, key=lambda v: (-p4(v), v))
    ranks = {}
    for i, v in enumerate(order):
        if i and p4(v) == p4(order[i - 1]):
            ranks[v] = ranks[order[i - 1]]
        else:
            ranks[v] = i + 1
    return order, ranks


def check_centrality(C, T, ds, sid=None):
    for m in ["degree", "betweenness", "closeness", "pagerank", "eigenvector"]:
        cmd = f"centrality --measure {m}" + (f" --scenario {sid}" if sid else "")
        args = ["centrality", "--measure", m, "--top", "1000"] + (
            ["--scenario", sid] if sid else []
        )
        J = T.run(*args)
        links, _ = ds.view(sid)
        cb = (ds.scenarios[sid].get("connected_by") or ()) if sid else ()
        G = TieGraph(ds, links, cb)
        vals = centrality(ds, G, m)
        order, ranks = competition_ranks(vals)
        C.eq(cmd, "actor_count", len(vals), J["actor_count"])
        # PageRank stops at a summed change below n x 1e-6 (README): values agree to that order
        tol = 1e-9 if m in ("betweenness", "closeness", "degree", "eigenvector") else 1e-6
        got = {r["actor"]["id"]: r for r in J["rows"]}
        ok_all = True
        for v in order:
            r = got.get(v)
            if r is None:
                C.eq(cmd, f"{v} listed", True, False)
                continue
            if m in METHOD_FROM_TOOL:
                good = abs(vals[v] - r["value"]) <= max(tol * abs(vals[v]), 1e-9)
                ok_all &= good
                if not good:
                    C.num(
                        cmd,
                        f"{v} value (rule from the tool's method line only)",
                        vals[v],
                        r["value"],
                        rel=tol,
                    )
            else:
                C.num(cmd, f"{v} value", vals[v], r["value"], rel=tol)
            C.eq(cmd, f"{v} rank", ranks[v], r["rank"])
        if m in METHOD_FROM_TOOL:
            C.ambig(
                cmd,
                "every value",
                "from method line: " + J["method"],
                "all agree" if ok_all else "see rows",
                "measure not defined in README/docs (only in the tool's method line)",
            )

        def by_rank(seq, rk):
            out = defaultdict(set)
            for v in seq:
                out[rk[v]].add(v)
            return sorted((k, sorted(x)) for k, x in out.items())

        gotr = {r["actor"]["id"]: r["rank"] for r in J["rows"]}
        C.eq(
            cmd,
            "rows in rank order (equal ranks as sets)",
            by_rank(order, ranks),
            by_rank([r["actor"]["id"] for r in J["rows"]], gotr),
        )
        C.eq(
            cmd,
            "rows sorted by rank",
            True,
            [r["rank"] for r in J["rows"]] == sorted(r["rank"] for r in J["rows"]),
        )


# ---------------------------------------------------------------- path
def check_sources(C, cmd, q, G, t, sources_json):
    groups = G.groups[t]
    exp = sorted(
        (
            sorted(l.id for l in g),
            max(l.weight for l in g),
            sorted(set().union(*(source_keys(l) for l in g))),
        )
        for g in groups
    )
    got = sorted((sorted(s["link_ids"]), s["weight"], sorted(s["shared"])) for s in sources_json)
    C.eq(cmd, q + " source groups (link ids)", [e[0] for e in exp], [g[0] for g in got])
    for e, g in zip(exp, got):
        C.num(cmd, q + f" source group {'+'.join(e[0])} weight (strongest link)", e[1], g[1])
        C.eq(
            cmd,
            q + f" source group {'+'.join(e[0])} shared (union of its links' sources)",
            e[2],
            g[2],
        )


def simple_paths(G, s, t, cutoff):
    import networkx as nx

    H = nx.Graph()
    H.add_edges_from(G.w)
    if s not in H or t not in H:
        return []
    return list(nx.all_simple_paths(H, s, t, cutoff=cutoff))


def check_path(C, T, ds, queries=None):
    if queries is None:
        queries = []
        for sid in ds.scenario_order:
            key = ds.scenarios[sid]["key_actors"]
            for a, b in itertools.combinations(key, 2):
                queries.append((a, b, None))
                queries.append((a, b, sid))
        queries = list(dict.fromkeys(queries))
    for a, b, sid in queries:
        links, _ = ds.view(sid)
        cb = (ds.scenarios[sid].get("connected_by") or ()) if sid else ()
        G = TieGraph(ds, links, cb)
        E = Engine(G, [a, b])
        sp = E.sssp(a)
        sc = ["--scenario", sid] if sid else []
        base = f"path {a} {b}" + (f" --scenario {sid}" if sid else "")
        # default and --all
        J = T.run("path", a, b, "--all", *sc)
        allp = sorted(sp.paths(b), key=lambda p: (len(p), p))
        cmd = base + " --all"
        C.eq(
            cmd,
            "cheapest_count (strongest chains within 1e-9, hop tie-break included)",
            len(allp),
            J["cheapest_count"],
        )
        C.eq(
            cmd,
            "paths in order (fewest hops, then actor ids)",
            allp,
            [ids(p["actors"]) for p in J["paths"]],
        )
        for pj in J["paths"]:
            p = ids(pj["actors"])
            C.num(cmd, f"{'>'.join(p)} strength", path_strength(G, p), pj["strength"])
            C.eq(cmd, f"{'>'.join(p)} hops", len(p) - 1, pj["hops"])
            for st in pj["steps"]:
                t = tkey(st["source"]["id"], st["target"]["id"])
                C.num(cmd, f"step {tie_id(t)} weight", G.w[t], st["weight"])
                C.eq(
                    cmd,
                    f"step {tie_id(t)} links",
                    sorted(l.id for l in G.tie_links[t]),
                    sorted(l["id"] for l in st["links"]),
                )
                check_sources(C, cmd, f"step {tie_id(t)}", G, t, st["sources"])
        strengths = [p["strength"] for p in J["paths"]]
        C.eq(
            cmd,
            "paths strongest first (json.md)",
            True,
            strengths == sorted(strengths, reverse=True),
        )
        J1 = T.run("path", a, b, *sc)
        C.eq(
            base,
            "path (one strongest chain)",
            allp[0] if allp else None,
            ids(J1["paths"][0]["actors"]) if J1["paths"] else None,
        )
        C.num(base, "strength", path_strength(G, allp[0]), J1["paths"][0]["strength"])
        # --hops --all
        fh = bfs_hops(G, a, b)
        hp = [p for p in simple_paths(G, a, b, fh) if len(p) - 1 == fh]
        J = T.run("path", a, b, "--hops", "--all", *sc)
        cmd = base + " --hops --all"
        C.eq(cmd, "cheapest_count (fewest-hop paths)", len(hp), J["cheapest_count"])
        C.eq(cmd, "paths (as a set)", sorted(hp), sorted(ids(p["actors"]) for p in J["paths"]))
        for pj in J["paths"]:
            C.num(
                cmd,
                f"{'>'.join(ids(pj['actors']))} strength",
                path_strength(G, ids(pj["actors"])),
                pj["strength"],
            )
        # json.md: "with `--hops`, the fewest-hop paths strongest first (-ln strength compared at
        # 12 decimals), then by their actors' ids"
        exp_order = sorted(hp, key=lambda p: (len(p), qz(-math.log(path_strength(G, p))), p))
        C.eq(
            cmd,
            "paths in order (strongest first, then actor ids)",
            exp_order,
            [ids(p["actors"]) for p in J["paths"]],
        )
        # --k 3
        import networkx as nx

        H = nx.Graph()
        for (u, v), w in G.w.items():
            H.add_edge(u, v, c=chain_cost(w))
        ks = list(itertools.islice(nx.shortest_simple_paths(H, a, b, weight="c"), 3))
        J = T.run("path", a, b, "--k", "3", *sc)
        cmd = base + " --k 3"
        C.eq(
            cmd,
            "strengths of the 3 strongest loop-free paths",
            [round(path_strength(G, p), 12) for p in ks],
            [round(p["strength"], 12) for p in J["paths"]],
        )
        C.eq(
            cmd,
            "cheapest_count (the equally strongest paths, whatever --k lists)",
            len(allp),
            J["cheapest_count"],
        )
        # --max-hops 2
        cand = simple_paths(G, a, b, 2)
        J = T.run("path", a, b, "--max-hops", "2", *sc)
        cmd = base + " --max-hops 2"
        if cand:
            best = max(path_strength(G, p) for p in cand)
            C.num(
                cmd,
                "strongest path within 2 hops",
                best,
                J["paths"][0]["strength"] if J["paths"] else None,
            )
        else:
            C.eq(cmd, "no path within 2 hops", [], J["paths"])


# ---------------------------------------------------------------- compare
def side_view(ds, name, as_of=None):
    """`base` names the base graph unless a scenario is called `base` (whatif.md:26)."""
    sid = None if (name == "base" and "base" not in ds.scenarios) else name
    return sid


def chain_change(rb, ra, pb, pa):
    """whatif.md:32: broken, formed, weaker, stronger, rerouted (same strength, another route),
    same; 'apart' (json.md) when connected on neither side."""
    if rb <= 0 and ra <= 0:
        return "apart"
    if rb > 0 and ra <= 0:
        return "broken"
    if rb <= 0 and ra > 0:
        return "formed"
    if abs(math.log(rb) - math.log(ra)) <= ABS_TOL:
        return "same" if pb == pa else "rerouted"
    return "weaker" if ra < rb else "stronger"


def dep_channels(ctx):
    """channels a side depends on: score > 0 with its own key actors; ranked by score (compare
    does not say which ranking gives `rank_before`; we use --rank score)."""
    rows = ranked_channels(ctx, "score")
    out = []
    for i, u in enumerate(series_units(ctx, rows)):
        ties = sorted(t for r in u for t in r["ch"].ties)
        out.append(
            (Channel(ties, u[0]["ch"].groups) if len(u) > 1 else u[0]["ch"], u[0]["score"], i + 1)
        )
    return out


def check_compare(C, T, ds, a, b, top=1000):
    cmd = f"compare {a} {b}"
    J = T.run("compare", a, b, "--top", str(top))
    sa, sb = side_view(ds, a), side_view(ds, b)
    la, _ = ds.view(sa)
    lb, stb = ds.view(sb)
    A = {l.id: l for l in la}
    B = {l.id: l for l in lb}
    added = [i for i in B if i not in A]
    removed = [i for i in A if i not in B]
    rew = [
        i
        for i in A
        if i in B and (A[i].strength != B[i].strength or A[i].confidence != B[i].confidence)
    ]
    C.eq(cmd, "added (as a set)", sorted(added), sorted(r["link"]["id"] for r in J["added_links"]))
    C.eq(
        cmd,
        "removed (as a set)",
        sorted(removed),
        sorted(r["link"]["id"] for r in J["removed_links"]),
    )
    C.eq(
        cmd,
        "reweighted (as a set)",
        sorted(rew),
        sorted(r["link_before"]["id"] for r in J["reweighted"]),
    )
    C.eq(
        cmd, "unchanged_links", len([i for i in A if i in B]) - len(rew), J["unchanged_link_count"]
    )
    for r in J["reweighted"]:
        i = r["link_before"]["id"]
        C.num(cmd, f"reweighted {i} weight in A", A[i].weight, r["link_before"]["weight"])
        C.num(cmd, f"reweighted {i} weight in B", B[i].weight, r["link_after"]["weight"])
        C.eq(
            cmd,
            f"reweighted {i} status",
            "strengthened" if B[i].weight > A[i].weight else "weakened",
            r["status"],
        )
    # whatif.md: "each list sorted by the size of the weight change, largest first (compared at
    # 12 decimals), then by link id"
    exp_rew = sorted(rew, key=lambda i: (-qz(abs(B[i].weight - A[i].weight)), i))
    C.eq(
        cmd,
        "reweighted order (size of weight change, then id)",
        exp_rew,
        [r["link_before"]["id"] for r in J["reweighted"]],
    )
    C.eq(
        cmd,
        "added order (weight, then id)",
        sorted(added, key=lambda i: (-qz(B[i].weight), i)),
        [r["link"]["id"] for r in J["added_links"]],
    )
    C.eq(
        cmd,
        "removed order (weight, then id)",
        sorted(removed, key=lambda i: (-qz(A[i].weight), i)),
        [r["link"]["id"] for r in J["removed_links"]],
    )
    # chains over both sides' key actors
    ka = list(ds.scenarios[sa]["key_actors"]) if sa else []
    kb = list(ds.scenarios[sb]["key_actors"]) if sb else []
    keys = list(dict.fromkeys(ka + kb))
    C.eq(cmd, "key_actors (A's, then B's)", keys, ids(J["key_actors"]))
    cba = (ds.scenarios[sa].get("connected_by") or ()) if sa else ()
    cbb = (ds.scenarios[sb].get("connected_by") or ()) if sb else ()
    Ga, Gb = TieGraph(ds, la, cba), TieGraph(ds, lb, cbb)
    Ea, Eb = Engine(Ga, keys), Engine(Gb, keys)
    rows = []
    for p in Ea.pairs:
        pa_ = Ea.sssp(p[0]).best_path(p[1])
        pb_ = Eb.sssp(p[0]).best_path(p[1])
        ch = chain_change(Ea.rho[p], Eb.rho[p], pa_, pb_)
        rows.append((p, ch, Ea.rho[p], Eb.rho[p], pa_, pb_))
    changed = [r for r in rows if r[1] not in ("same", "apart")]
    C.eq(cmd, "chains_changed", len(changed), J["chains_changed"])
    C.eq(cmd, "chains_unchanged", len(rows) - len(changed), J["chains_unchanged"])

    def size(r):
        return abs(r[3] / r[2] - 1) if r[2] > 0 and r[3] > 0 else math.inf

    # whatif.md: "broken first, then formed, then by the size of the change |after / before - 1|
    # ..., largest first, then in key-pair order" (sorted() is stable: rows are in pair order)
    first = {"broken": 0, "formed": 1}
    changed.sort(key=lambda r: (first.get(r[1], 2), -qz(size(r)) if size(r) != math.inf else 0))
    gj = {(c["source"]["id"], c["target"]["id"]): c for c in J["chains"]}
    C.eq(
        cmd,
        "chains order (broken, formed, relative change, key-pair order)",
        [list(r[0]) for r in changed][:top],
        [[c["source"]["id"], c["target"]["id"]] for c in J["chains"]],
    )
    for p, ch, rb, ra, pa_, pb_ in changed:
        c = gj.get(p)
        if c is None:
            C.eq(cmd, f"chain {p} listed", True, False)
            continue
        q = f"chain {p[0]}-{p[1]}"
        C.eq(cmd, q + " change", ch, c["change"])
        C.num(cmd, q + " strength_before", rb, c["strength_before"])
        C.num(cmd, q + " strength_after", ra, c["strength_after"])
        C.eq(cmd, q + " path_after", pb_, ids(c["path_after"]) if c["path_after"] else None)
        C.eq(cmd, q + " hops_before", len(pa_) - 1 if pa_ else None, c["hops_before"])
        C.eq(cmd, q + " hops_after", len(pb_) - 1 if pb_ else None, c["hops_after"])
    # centrality movers
    check_movers(C, cmd, ds, Ga, Gb, J["centrality"], "betweenness")
    # dependencies
    cta = Context(ds, sa) if sa else None
    ctb = Context(ds, sb) if sb else None
    da = dep_channels(cta) if cta else []
    db = dep_channels(ctb) if ctb else []

    def other(ch, ctx_other, deps_other):
        for c2, s2, r2_ in deps_other:
            if set(c2.ties) & set(ch.ties):
                return c2, s2, r2_
        if ctx_other is None:
            return None, 0.0, None
        for c2 in ctx_other.chans:
            if set(c2.ties) & set(ch.ties):
                return c2, ctx_other.chan_score(c2), None
        return None, 0.0, None

    only_a, only_b, both = [], [], []
    for ch, s, r in da:
        c2, s2, r2_ = other(ch, ctb, db)
        (both if r2_ else only_a).append((ch.id, s, s2, r, r2_))
    for ch, s, r in db:
        c2, s1, r1 = other(ch, cta, da)
        if not r1:
            only_b.append((ch.id, s1, s, None, r))
    # whatif.md: '"A only" and "B only" are listed in that order, "both" by the size of the score
    # change, largest first, then id'
    both.sort(key=lambda e: (-qz(abs(e[2] - e[1])), e[0]))
    for name, exp, got in (
        ("only_a", only_a, J["only_a"]),
        ("only_b", only_b, J["only_b"]),
        ("both", both, J["both"]),
    ):
        C.eq(cmd, f"{name} ids (in order)", [e[0] for e in exp], [g["id"] for g in got])
        gd = {g["id"]: g for g in got}
        for e in exp:
            g = gd.get(e[0])
            if g is None:
                continue
            C.num(cmd, f"{name} {e[0]} score_before", e[1], g["score_before"])
            C.num(cmd, f"{name} {e[0]} score_after", e[2], g["score_after"])
            C.eq(cmd, f"{name} {e[0]} rank_before (by score)", e[3], g["rank_before"])
            C.eq(cmd, f"{name} {e[0]} rank_after (by score)", e[4], g["rank_after"])
    return J


def tol_ranks(vals):
    """whatif.md compare/centrality: "competition ranks (values within 10^-12 share a rank; the
    next rank skips)", highest first, then id."""
    order = sorted(vals, key=lambda v: (-vals[v], v))
    ranks = {}
    for i, v in enumerate(order):
        if i and abs(vals[v] - vals[order[i - 1]]) <= 1e-12:
            ranks[v] = ranks[order[i - 1]]
        else:
            ranks[v] = i + 1
    return ranks


def check_movers(C, cmd, ds, Ga, Gb, CJ, measure, nodes_a=None, nodes_b=None):
    va = centrality(ds, Ga, measure, nodes_a)
    vb = centrality(ds, Gb, measure, nodes_b)
    ra = tol_ranks(va)
    rb = tol_ranks(vb)
    actors = list(dict.fromkeys(list(va) + list(vb)))
    C.eq(cmd, "centrality actor_count (either side)", len(actors), CJ["actor_count"])
    movers = []
    for v in actors:
        if v not in va or v not in vb:
            movers.append((v, True, 0, 0))
        elif ra[v] != rb[v]:
            movers.append((v, False, ra[v] - rb[v], vb[v] - va[v]))
    # "those on one side only come first (by id), then by places moved (absolute), then by the
    # change in value (absolute), then by id"
    movers.sort(key=lambda m: (not m[1], -abs(m[2]), -abs(m[3]), m[0]))
    C.eq(
        cmd,
        "centrality movers (as a set)",
        sorted(m[0] for m in movers),
        sorted(m["actor"]["id"] for m in CJ["movers"]),
    )
    C.eq(
        cmd,
        "centrality movers order (one side only by id, places moved, value change, id)",
        [m[0] for m in movers][: len(CJ["movers"])],
        [m["actor"]["id"] for m in CJ["movers"]],
    )
    for m in CJ["movers"]:
        v = m["actor"]["id"]
        C.eq(cmd, f"mover {v} rank_before", ra.get(v), m["rank_before"])
        C.eq(cmd, f"mover {v} rank_after", rb.get(v), m["rank_after"])
        C.num(cmd, f"mover {v} value_before", va.get(v), m["value_before"])
        C.num(cmd, f"mover {v} value_after", vb.get(v), m["value_after"])
        C.eq(cmd, f"mover {v} moved", (ra[v] - rb[v]) if v in ra and v in rb else None, m["moved"])


# ---------------------------------------------------------------- whatif
class CutContext:
    """The scenario's graph after cutting ties / removing actors (whatif.md)."""

    def __init__(self, ds, sid, cut_ties=(), removed=()):
        self.ctx = Context(ds, sid)
        G = self.ctx.G
        cut = set(tkey(*t) for t in cut_ties)
        for a in removed:
            for b in G.adj.get(a, {}):
                cut.add(tkey(a, b))
        self.cut = frozenset(cut)
        self.removed = frozenset(removed)
        kept = [
            l
            for l in self.ctx.links
            if not (carries(l, self.ctx.cb, ds.side_of) and l.tie in self.cut)
        ]
        nodes = [a for a in ds.actor_order if a not in self.removed]
        self.Ga = TieGraph(ds, kept, self.ctx.cb, nodes)
        self.links_cut = sum(len(G.tie_links[t]) for t in self.cut)


def after_context(ds, cc: CutContext):
    """A Context-like object on the graph after the cut (key pairs connected after it)."""
    ctx = object.__new__(Context)
    ctx.ds = ds
    ctx.sid = cc.ctx.sid
    ctx.sc = cc.ctx.sc
    ctx.cb = cc.ctx.cb
    ctx.G = cc.Ga
    ctx.key = [k for k in cc.ctx.key]
    ctx.E = Engine(cc.Ga, ctx.key)
    ctx.Gb = cc.Ga
    ctx.Eb = ctx.E
    ctx.chans = build_channels(ds, cc.Ga)
    ctx.ch_by_id = {c.id: c for c in ctx.chans}
    ctx.ch_of_tie = {t: c for c in ctx.chans for t in c.ties}
    return ctx


def check_whatif(C, T, ds, sid, cuts=(), removes=(), top=100):
    args = ["whatif", sid, "--top", str(top)]
    for a, b in cuts:
        args += ["--cut", f"{a}~{b}"]
    for r in removes:
        args += ["--remove", r]
    cmd = " ".join(args[:2] + args[4:])
    J = T.run(*args)
    cc = CutContext(ds, sid, cuts, removes)
    ctx = cc.ctx
    E = ctx.E
    C.eq(cmd, "ties_cut", len(cc.cut), J["ties_cut"])
    C.eq(cmd, "links_cut (carrying links of the cut ties)", cc.links_cut, J["links_cut"])
    sc = E.score(cc.cut, cc.removed)
    C.num(cmd, "score (damage of the cut)", sc, J["score"])
    C.eq(
        cmd,
        "disconnects (as a set)",
        sorted(list(p) for p in E.disconnects(cc.cut, cc.removed)),
        sorted(ids(p) for p in J["disconnects"]),
    )
    w = E.worst(cc.cut, cc.removed)
    exp = f"costs the key actors {pct(sc)} of their chain strength"
    C.rows.append(
        (
            cmd,
            "summary: share",
            exp,
            J["summary"],
            "agree" if accept(exp, J["summary"], [(sc, "pct")]) else "DISAGREE",
        )
    )
    # README: the pair a cut hurts most, one rule everywhere; the pairs it disconnects in
    # key-pair order (whatif.md: broken chains first, then in key-pair order)
    broken = E.disconnects(cc.cut, cc.removed)
    if broken:
        exp = "disconnects " + ", ".join(pair_name(ds, p) for p in broken)
        C.rows.append(
            (
                cmd,
                "summary: the pairs it disconnects",
                exp,
                J["summary"],
                "agree" if exp in J["summary"] else "DISAGREE",
            )
        )
    elif w:
        exp = f"the best {pair_name(ds, w['pair'])} chain weakens from {r2(w['before'])} to {r2(w['after'])}"
        C.rows.append(
            (
                cmd,
                "summary: pair hurt most",
                exp,
                J["summary"],
                "agree"
                if accept(exp, J["summary"], [(w["before"], "r2"), (w["after"], "r2")])
                else "DISAGREE",
            )
        )
    if len(cuts) == 1 and not removes:
        C.num(
            cmd,
            "single --cut reproduces the tie's `depends --ties` score (whatif.md:49)",
            E.score(frozenset([tkey(*cuts[0])])),
            J["score"],
        )
    # chains: every key pair, in compare's order (whatif.md: broken, formed, relative change,
    # then key-pair order)
    Ea = Engine(cc.Ga, ctx.key)

    def size_of(p):
        rb = E.rho[p]
        ra = Ea.rho[p] if p[0] not in cc.removed and p[1] not in cc.removed else 0.0
        if rb <= 0 and ra <= 0:
            return (2, 0.0)
        if ra <= 0:
            return (0, 0.0)
        if rb <= 0:
            return (1, 0.0)
        if abs(math.log(rb) - math.log(ra)) <= ABS_TOL:
            return (2, 0.0)
        return (2, -qz(abs(ra / rb - 1)))

    C.eq(
        cmd,
        "chains order",
        [list(p) for p in sorted(E.pairs, key=size_of)],
        [[c["source"]["id"], c["target"]["id"]] for c in J["chains"]],
    )
    for c in J["chains"]:
        p = (c["source"]["id"], c["target"]["id"])
        q = f"chain {p[0]}-{p[1]}"
        pb = E.sssp(p[0]).best_path(p[1])
        pa = (
            Ea.sssp(p[0]).best_path(p[1])
            if p[0] not in cc.removed and p[1] not in cc.removed
            else None
        )
        rb, ra = E.rho[p], (Ea.rho[p] if pa else 0.0)
        C.num(cmd, q + " strength_before", rb, c["strength_before"])
        C.num(cmd, q + " strength_after", ra, c["strength_after"])
        C.eq(cmd, q + " change", chain_change(rb, ra, pb, pa), c["change"])
        C.eq(cmd, q + " hops_after", len(pa) - 1 if pa else None, c["hops_after"])
    # centrality (removed actors no longer count)
    check_movers(
        C,
        cmd,
        ds,
        ctx.G,
        cc.Ga,
        J["centrality"],
        "betweenness",
        None,
        [a for a in ds.actor_order if a not in cc.removed],
    )
    # dependencies before / after
    before = dep_channels(ctx)
    actx = after_context(ds, cc)
    after = dep_channels(actx)
    for name, exp_, got in (
        ("depends_before", before, J["depends_before"]),
        ("depends_after", after, J["depends_after"]),
    ):
        C.eq(cmd, name + " ids in order", [c.id for c, _, _ in exp_][:top], [r["id"] for r in got])
        for (c, s, r), rj in zip(exp_, got):
            C.num(cmd, f"{name} {c.id} score", s, rj["score"])
            C.num(cmd, f"{name} {c.id} base_score (0: not compared)", 0.0, rj["base_score"])
    bmap = {c.id: (c, s, r) for c, s, r in before}
    now, nol = [], []
    for c, s, r in after:
        match = [x for x in before if set(x[0].ties) & set(c.ties)]
        if not match:
            prev = [c0 for c0 in ctx.chans if set(c0.ties) & set(c.ties)]
            sb = ctx.chan_score(prev[0]) if prev else 0.0
            now.append((c.id, sb, s))
    for c, s, r in before:
        if set(c.ties) <= cc.cut:
            continue
        match = [x for x in after if set(x[0].ties) & set(c.ties)]
        if not match:
            nol.append((c.id, s, 0.0))
    for name, exp_, got in (
        ("now_depends", now, J["now_depends"]),
        ("no_longer_depends", nol, J["no_longer_depends"]),
    ):
        C.eq(
            cmd, name + " ids (as a set)", sorted(e[0] for e in exp_), sorted(g["id"] for g in got)
        )
        gd = {g["id"]: g for g in got}
        for e in exp_:
            if e[0] in gd:
                C.num(cmd, f"{name} {e[0]} score_before", e[1], gd[e[0]]["score_before"])
                C.num(cmd, f"{name} {e[0]} score_after", e[2], gd[e[0]]["score_after"])


# ---------------------------------------------------------------- sweep
def smallest_break(ds, G: TieGraph, key):
    """whatif.md 'Smallest break': min over t of the min s-t edge cut from the first key actor;
    capacity 1 for a tie with a non-structural link, uncuttable otherwise; of the two extreme
    minimum cuts, the one that separates fewer actors. Ties between targets with equal cut
    sizes: whatif.md "the one to the key actor t that comes first in the scenario's list"."""
    import networkx as nx

    big = len(G.w) + 1
    D = nx.DiGraph()
    for t, w in G.w.items():
        cap = 1 if G.candidate(t) else big
        D.add_edge(t[0], t[1], capacity=cap)
        D.add_edge(t[1], t[0], capacity=cap)
    s = key[0]
    best = None
    for t in key[1:]:
        if s not in D or t not in D or not nx.has_path(D, s, t):
            continue
        val, _ = nx.minimum_cut(D, s, t)
        if val >= big:
            continue
        if best is None or val < best[0]:
            best = (val, t)
    if best is None:
        return None
    val, t = best
    R = nx.algorithms.flow.edmonds_karp(D, s, t)
    res = nx.DiGraph()
    for u, v, d in R.edges(data=True):
        if d["capacity"] - d["flow"] > 0:
            res.add_edge(u, v)
    S1 = {s} | (nx.descendants(res, s) if s in res else set())
    T2 = {t} | (nx.ancestors(res, t) if t in res else set())
    nodes = set(D.nodes)
    side = S1 if len(S1) <= len(T2) else (nodes - T2)
    ties = sorted(tkey(u, v) for (u, v) in G.w if (u in side) != (v in side))
    return dict(source=s, target=t, size=int(val), ties=ties, s_side=S1, t_side=T2)


def check_sweep(C, T, ds, sid, k=2):
    cmd = f"whatif {sid} --sweep --k {k}"
    J = T.run("whatif", sid, "--sweep", "--k", str(k), "--top", "1000")
    ctx = Context(ds, sid)
    E = ctx.E
    rows = []
    for c in ctx.chans:
        rows.append(dict(ch=c, score=ctx.chan_score(c), base=0.0, new=False))
    scoring = [r for r in rows if r["score"] > 0]
    scoring.sort(key=lambda r: (-qz(r["score"]), r["ch"].id))
    units = series_units(ctx, scoring)
    n_units = len(ctx.chans) - sum(len(u) - 1 for u in units)
    C.eq(cmd, "units_swept (channels, series as one)", n_units, J["units_swept"])
    C.eq(cmd, "harmless", n_units - len(units), J["harmless"])
    mm = re.match(r"(\d+) channels? (?:are|is) redundant", J["redundancy"] or "")
    C.eq(
        cmd,
        "redundancy sentence count",
        n_units - len(units),
        int(mm.group(1)) if mm else J["redundancy"],
    )
    C.eq(cmd, "connected_pairs", len(E.P), J["connected_pairs"])
    for pj in J["key_chains"]:
        p = (pj["source"]["id"], pj["target"]["id"])
        C.num(cmd, f"pair {p} strength", E.rho[p], pj["strength"])
    # whatif.md: "ranked by damage, then by how many key pairs the cut disconnects (more first),
    # then by the units' ids"
    units = sorted(
        units,
        key=lambda u: (
            -qz(u[0]["score"]),
            -len(E.disconnects(frozenset(t for r in u for t in r["ch"].ties))),
            u[0]["ch"].id,
        ),
    )
    C.eq(
        cmd,
        "singles in order",
        [u[0]["ch"].id for u in units],
        [r["units"][0]["id"] for r in J["singles"]],
    )
    for u, rj in zip(units, J["singles"]):
        C.num(cmd, f"single {rj['units'][0]['id']} score", u[0]["score"], rj["score"])
        check_worst(
            C,
            cmd,
            f"single {rj['units'][0]['id']}",
            ds,
            E,
            frozenset(u[0]["ch"].ties),
            frozenset(),
            rj["worst"],
            rj["why"],
        )
    by_tie = {t: c.id for c in ctx.chans for t in c.ties}
    cties = {c.id: frozenset(c.ties) for c in ctx.chans}
    cands = sorted({by_tie[t] for t in E.strongest_path_ties() if t in by_tie})
    C.eq(
        cmd, "candidates (channels with a tie on a strongest key path)", len(cands), J["candidates"]
    )
    if k == 2:
        tried = set()
        for e in cands:
            for f in {by_tie[t] for t in E.strongest_path_ties(cties[e]) if t in by_tie} - {e}:
                tried.add(frozenset((e, f)))
        C.eq(cmd, "pairs_evaluated", len(tried), J["pairs_evaluated"])
        single = {c: E.score(cties[c]) for c in cties}
        doubles = []
        for pr in tried:
            a, b = sorted(pr)
            j = E.score(cties[a] | cties[b])
            if j > max(single[a], single[b]) + ABS_TOL:
                doubles.append((pr, j))
        doubles.sort(
            key=lambda d: (
                -qz(d[1]),
                -len(E.disconnects(cties[min(d[0])] | cties[max(d[0])])),
                sorted(d[0]),
            )
        )
        C.eq(
            cmd,
            "doubles (as sets, in order)",
            [sorted(d[0]) for d in doubles],
            [sorted(u["id"] for u in r["units"]) for r in J["doubles"]],
        )
        for (pr, j), rj in zip(doubles, J["doubles"]):
            C.num(cmd, f"double {'+'.join(sorted(pr))} score", j, rj["score"])
    b = smallest_break(ds, ctx.G, ctx.key)
    bj = J["smallest_break"]
    if b is None:
        C.eq(cmd, "smallest_break", None, bj)
    else:
        C.eq(cmd, "smallest_break target", b["target"], bj and bj["target"]["id"])
        C.eq(cmd, "smallest_break size", b["size"], bj and bj["size"])
        C.eq(
            cmd,
            "smallest_break ties (separating fewer actors)",
            [tie_id(t) for t in b["ties"]],
            sorted(tie_id(tkey(*ids(t["ends"]))) for t in bj["ties"]),
        )


# ---------------------------------------------------------------- uncertainty
def _holds(links, present, key, cut_index=None):
    parent = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, l in enumerate(links):
        if present[i] and i != cut_index:
            parent[find(l.source)] = find(l.target)
    r = find(key[0])
    return all(find(k) == r for k in key)


def structure_exact(links, key):
    """whatif.md:129-131: exact 1 when confidence-1 links alone connect the key actors; exact 0
    when even every link together cannot."""
    sure = [l for l in links if l.confidence >= 1]
    if _holds(sure, [True] * len(sure), key):
        return True, 1.0
    if not _holds(links, [True] * len(links), key):
        return True, 0.0
    return False, None


def draw_layout(G):
    """whatif.md "Estimation": the graph's carrying links "ordered by their tie (ties sorted by
    their two actors' ids, the smaller first ...), and within a tie in the view's order"."""
    return [l for t in sorted(G.tie_links) for l in G.tie_links[t]]


def uniforms(samples, n_links, seed):
    """`numpy.random.default_rng(numpy.random.SeedSequence(seed).spawn(2)[0]).random((N, L))`"""
    import numpy as np

    return np.random.default_rng(np.random.SeedSequence(seed).spawn(2)[0]).random(
        (samples, n_links)
    )


def _components(nodes_of_ties, present_ties):
    parent = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i in present_ties:
        u, v = nodes_of_ties[i]
        a, b = find(u), find(v)
        if a != b:
            parent[a] = b
    return find


def mc_counts(layout, key, conf, U, importance=True):
    """Counts over the draws, straight from the model of whatif.md: a link is present iff its
    uniform is below its confidence; a tie iff any of its links; the structure holds iff every
    key actor is in one component; a link is critical iff the structure holds with it and not
    without it, all else as drawn (Birnbaum).  Returns (holds, {pair: connected}, {link id:
    (critical while present, critical while absent)})."""
    import networkx as nx
    import numpy as np

    ties = sorted({l.tie for l in layout})
    tie_index = {t: i for i, t in enumerate(ties)}
    link_tie = [tie_index[l.tie] for l in layout]
    members = defaultdict(list)
    for j, ti in enumerate(link_tie):
        members[ti].append(j)
    present = np.array(conf) > U
    pairs = list(itertools.combinations(key, 2))
    holds, pair_counts = 0, dict.fromkeys(pairs, 0)
    crit = {l.id: [0, 0] for l in layout}
    for row in present:
        tie_on = [any(row[j] for j in members[i]) for i in range(len(ties))]
        find = _components(ties, [i for i, on in enumerate(tie_on) if on])
        roots = [find(k) for k in key]
        ok = len(set(roots)) == 1
        holds += ok
        for a, b in pairs:
            pair_counts[(a, b)] += find(a) == find(b)
        if not importance:
            continue
        critical_ties = []
        if ok:
            H = nx.Graph()
            H.add_edges_from(ties[i] for i, on in enumerate(tie_on) if on)
            for u, v in nx.bridges(H, root=key[0]) if key[0] in H else ():
                H.remove_edge(u, v)
                side = nx.node_connected_component(H, u)
                H.add_edge(u, v)
                if any(k in side for k in key) and any(k not in side for k in key):
                    critical_ties.append(tie_index[tkey(u, v)])
        elif len(set(roots)) == 2:
            a, b = set(roots)
            for i, on in enumerate(tie_on):
                if not on and {find(ties[i][0]), find(ties[i][1])} == {a, b}:
                    critical_ties.append(i)
        for i in critical_ties:
            on = [j for j in members[i] if row[j]]
            if len(on) == 1:
                crit[layout[on[0]].id][0] += 1
            elif not on:
                for j in members[i]:
                    crit[layout[j].id][1] += 1
    return holds, pair_counts, crit


def check_uncertain(C, T, ds, sid, as_of=None):
    cmd = f"depends {sid} --uncertain" + (f" --as-of {as_of}" if as_of else "")
    args = ["depends", sid, "--uncertain", "--top", "1000"] + (["--as-of", as_of] if as_of else [])
    J = T.run(*args)
    ctx = Context(ds, sid, dt.date.fromisoformat(as_of) if as_of else None)
    links = ctx.G.carrying
    C.eq(cmd, "graph_links (carrying, weight > 0)", len(links), J["graph_links"])
    C.eq(
        cmd,
        "uncertain_links (confidence < 1)",
        sum(1 for l in links if l.confidence < 1),
        J["uncertain_links"],
    )
    N, seed = J["samples"], J["seed"]
    layout = draw_layout(ctx.G)
    U = uniforms(N, len(layout), seed)
    holds, pairs, crit = mc_counts(layout, ctx.key, [l.confidence for l in layout], U)
    ex, val = structure_exact(links, ctx.key)
    C.eq(cmd, "holding exact (structure decides)", ex, J["holding"]["exact"])
    if ex:
        C.num(cmd, "holding (exact)", val, J["holding"]["probability"])
    else:
        check_counts(C, cmd, "holding", holds, N, J["holding"])
    for pj in J["holding_pairs"]:
        p = (pj["source"]["id"], pj["target"]["id"])
        exp_ex, v = structure_exact(links, list(p))
        C.eq(cmd, f"holding {p[0]}-{p[1]} exact", exp_ex, pj["holding_before"]["exact"])
        if exp_ex:
            C.num(cmd, f"holding {p[0]}-{p[1]} (exact)", v, pj["holding_before"]["probability"])
        else:
            check_counts(C, cmd, f"holding {p[0]}-{p[1]}", pairs[p], N, pj["holding_before"])
    C.num(
        cmd,
        "never_critical_below (Wilson high of 0 successes)",
        wilson(0, N)[1],
        J["never_critical_below"],
    )
    decided = {lid: c[0] + c[1] for lid, c in crit.items() if c[0] + c[1] > 0}
    C.eq(cmd, "critical_links (links that decided a draw)", len(decided), J["critical_links"])
    tie_of = {l.id: l.tie for l in layout}
    # whatif.md: "ranked by importance (the number of draws each decides), then by tie, then by link id"
    order = sorted(decided, key=lambda i: (-decided[i], tie_of[i], i))
    C.eq(
        cmd,
        "rows: links in order (importance, tie, link id)",
        order[: len(J["rows"])],
        [r["link"]["id"] for r in J["rows"]],
    )
    for r in J["rows"]:
        lid = r["link"]["id"]
        q = f"importance {lid}"
        if lid not in crit:
            continue
        check_counts(C, cmd, q, crit[lid][0] + crit[lid][1], N, r["importance"])
        C.num(
            cmd,
            q + " holding_if_present = (holds + critical while absent) / N",
            (holds + crit[lid][1]) / N,
            r["holding_if_present"],
        )
        C.num(
            cmd,
            q + " holding_if_absent = (holds - critical while present) / N",
            (holds - crit[lid][0]) / N,
            r["holding_if_absent"],
        )


def check_counts(C, cmd, q, successes, n, est):
    """An estimate re-derived draw by draw: its count, value and 95% Wilson interval."""
    lo, hi = wilson(successes, n)
    C.eq(cmd, q + " successes (draw by draw, documented layout)", successes, est["successes"])
    C.num(cmd, q + " probability", successes / n, est["probability"])
    if not est["exact"]:
        C.num(cmd, q + " Wilson low", lo, est["low"])
        C.num(cmd, q + " Wilson high", hi, est["high"])


def check_timeline(C, T, ds, sid, uncertain=True):
    cmd = f"timeline {sid}" + (" --uncertain" if uncertain else "")
    J = T.run("timeline", sid, *(["--uncertain"] if uncertain else []))
    ctx = Context(ds, sid)
    cb = ctx.cb
    # whatif.md "timeline": the links the scenario adds without a date are its hypothesis and
    # come last, after every dated day; the other undated links are in force throughout
    added = {a["id"] for a in ds.scenarios[sid].get("adds") or []}
    hypothesis = sorted(l.id for l in ctx.links if l.period is None and l.id in added)
    undated = [l for l in ctx.links if l.period is None and l.id not in added]
    C.eq(cmd, "undated (but the scenario's undated additions)", len(undated), J["undated"])
    P = ds.programme_by_id
    days = sorted({counts_from(l, P) for l in ctx.links if l.period is not None})
    C.eq(
        cmd,
        "days (first day of each dated link's period)",
        [d.isoformat() for d in days],
        [s["day"] for s in J["days"]],
    )

    def pairs_at(day, last=False):
        ls = [
            l
            for l in ctx.links
            if last
            or (l.period is None and l.id not in hypothesis)
            or (l.period is not None and day is not None and counts_from(l, P) <= day)
        ]
        G = TieGraph(ds, ls, cb)
        return G, Engine(G, ctx.key)

    G0, E0 = pairs_at(None)
    prev = E0
    for pj in J["start_chains"]:
        p = (pj["source"]["id"], pj["target"]["id"])
        C.num(cmd, f"start {p} strength", E0.rho[p], pj["strength"])
    # whatif.md: every day on the same draws, on the graph of every link the timeline counts,
    # the links not yet counted at confidence 0
    if uncertain:
        layout = draw_layout(ctx.G)
        U = uniforms(J["samples"], len(layout), J["seed"])

    def holding_on(G, q, est):
        counted = {l.id for l in G.carrying}
        conf = [l.confidence if l.id in counted else 0.0 for l in layout]
        ex, val = structure_exact(G.carrying, ctx.key)
        C.eq(cmd, q + " exact (structure decides)", ex, est["exact"])
        if ex:
            C.num(cmd, q + " (exact)", val, est["probability"])
            return
        h, _, _ = mc_counts(layout, ctx.key, conf, U, importance=False)
        check_counts(C, cmd, q, h, J["samples"], est)

    if uncertain and J["start_holding"]:
        holding_on(G0, "start holding", J["start_holding"])
    last = J["start_holding"]["probability"] if uncertain and J["start_holding"] else 0
    for st, day in zip(J["days"], days):
        G, E = pairs_at(day)
        entered = sorted(
            l.id for l in ctx.links if l.period is not None and counts_from(l, P) == day
        )
        C.eq(cmd, f"{day} entered (by id)", entered, [e["link"]["id"] for e in st["entered"]])
        for pj in st["key_chains"]:
            p = (pj["source"]["id"], pj["target"]["id"])
            C.num(cmd, f"{day} {p[0]}-{p[1]} strength", E.rho[p], pj["strength"])
            bp = E.sssp(p[0]).best_path(p[1])
            C.eq(cmd, f"{day} {p[0]}-{p[1]} hops", len(bp) - 1 if bp else None, pj["hops"])
        effects = []
        for p in E.pairs:
            a, b = prev.rho[p], E.rho[p]
            if a <= 0 < b:
                bp = E.sssp(p[0]).best_path(p[1])
                effects.append(f"connects {pair_name(ds, p)} (chain {r2(b)}, {len(bp) - 1} hops)")
            elif a > 0 and r2(a) != r2(
                b
            ):  # whatif.md: "a change invisible at 2 decimals is not said"
                verb = "strengthens" if b > a else "weakens"
                effects.append(f"{verb} the best {pair_name(ds, p)} chain from {r2(a)} to {r2(b)}")
        C.eq(cmd, f"{day} effects (figures)", effects, [e for e in st["effects"]])
        if uncertain and st["holding"]:
            holding_on(G, f"{day} holding", st["holding"])
            C.eq(
                cmd,
                f"{day} holding never falls (whatif.md:175)",
                True,
                st["holding"]["probability"] >= last - 1e-12,
            )
            last = st["holding"]["probability"]
        prev = E
    U_J = J["undated_additions"]
    C.eq(
        cmd,
        "undated additions (ids, as the scenario lists them)",
        [a["id"] for a in ds.scenarios[sid].get("adds") or [] if a["id"] in hypothesis],
        [e["link"]["id"] for e in U_J["entered"]] if U_J else [],
    )
    if U_J:
        G, E = pairs_at(None, last=True)
        for pj in U_J["key_chains"]:
            p = (pj["source"]["id"], pj["target"]["id"])
            C.num(cmd, f"undated additions {p[0]}-{p[1]} strength", E.rho[p], pj["strength"])
        effects = []
        for p in E.pairs:
            a, b = prev.rho[p], E.rho[p]
            if a <= 0 < b:
                bp = E.sssp(p[0]).best_path(p[1])
                effects.append(f"connects {pair_name(ds, p)} (chain {r2(b)}, {len(bp) - 1} hops)")
            elif a > 0 and r2(a) != r2(b):
                verb = "strengthens" if b > a else "weakens"
                effects.append(f"{verb} the best {pair_name(ds, p)} chain from {r2(a)} to {r2(b)}")
        C.eq(cmd, "undated additions effects (figures)", effects, list(U_J["effects"]))
        C.eq(cmd, "undated additions day (null)", None, U_J["day"])


# ---------------------------------------------------------------- signposts
def observation_day(ds, ob):
    """data-format.md "signposts": an observation's --as-of day "follows the rule of links: the
    last day of its date's start part, or the day it was reported if that falls within the start
    part"; given no date, its programme's date (it had happened by then)."""
    prog = ds.programme_by_id.get(ob.get("programme"))
    prog_day = None
    if prog is not None:
        d = prog["date"]
        prog_day = d if isinstance(d, dt.date) else dt.date.fromisoformat(str(d))
    if ob.get("date") is None:
        return prog_day, None
    S, _, _, L = parse_period(ob["date"])
    rep_day = parse_period(ob["reported"])[3] if ob.get("reported") is not None else prog_day
    if rep_day is not None and S <= rep_day < L:
        return rep_day, S
    return L, S


def check_signposts(C, T, ds, as_of=None):
    cmd = "signposts" + (f" --as-of {as_of}" if as_of else "")
    J = T.run("signposts", "--top", "1000", *(["--as-of", as_of] if as_of else []))
    day = dt.date.fromisoformat(as_of) if as_of else None
    considered = list(ds.scenario_order)
    C.eq(cmd, "considered (every scenario)", considered, J["considered"])
    n = len(considered)
    # units each scenario depends on (the rows of `depends`), for the proposals
    units = {}
    for sid in considered:
        ctx = Context(ds, sid, day)
        rows = ranked_channels(ctx, "score")
        units[sid] = (ctx, series_units(ctx, rows))
    for sec in J["scenarios"]:
        sid = sec["scenario"]["id"]
        q0 = f"{sid}"
        rows = []
        for sp in ds.signposts:
            st = {
                s: (
                    1
                    if s in (sp.get("points_to") or [])
                    else -1
                    if s in (sp.get("against") or [])
                    else 0
                )
                for s in considered
            }
            if st[sid] == 0:
                continue
            apart = sum(1 for a, b in itertools.combinations(considered, 2) if st[a] != st[b])
            pairs = n * (n - 1) // 2
            diag = apart / pairs if n >= 2 else None
            counted, possible = [], []
            for i, ob in enumerate(sp.get("observations") or []):
                d, S = observation_day(ds, ob)
                if d is None:
                    continue
                if day is None or d <= day:
                    counted.append((d, i))
                elif S is not None and day >= S:
                    possible.append((d, i))
            sighting = "observed" if counted else "possible" if possible else "not_yet"
            latest = max(counted) if counted else min(possible) if possible else None
            rows.append(
                dict(
                    id=sp["id"],
                    stance="points_to" if st[sid] > 0 else "against",
                    diag=diag,
                    apart=apart,
                    pairs=pairs,
                    sighting=sighting,
                    counted=len(counted),
                    latest=None
                    if latest is None
                    else (sp.get("observations") or [])[latest[1]]["text"],
                )
            )

        def rank(r):
            return (-(-1.0 if r["diag"] is None else r["diag"]), r["id"])

        observed = sorted((r for r in rows if r["sighting"] == "observed"), key=rank)
        waiting = sorted(
            (r for r in rows if r["sighting"] != "observed"),
            key=lambda r: (r["sighting"] != "possible", *rank(r)),
        )
        for name, exp, got in (
            ("observed", observed, sec["observed"]),
            ("not_yet", waiting, sec["not_yet"]),
        ):
            C.eq(
                cmd,
                f"{q0} {name}: signposts in order (diagnosticity, then id)",
                [r["id"] for r in exp],
                [g["signpost"]["id"] for g in got],
            )
            for r, g in zip(exp, got):
                if r["id"] != g["signpost"]["id"]:
                    continue
                q = f"{q0} {r['id']}"
                C.eq(cmd, q + " stance", r["stance"], g["stance"])
                C.num(cmd, q + " diagnosticity", r["diag"], g["diagnosticity"])
                C.eq(
                    cmd,
                    q + " pairs_told_apart / scenario_pairs",
                    [r["apart"], r["pairs"]],
                    [g["pairs_told_apart"], g["scenario_pairs"]],
                )
                C.eq(cmd, q + " sighting", r["sighting"], g["sighting"])
                C.eq(cmd, q + " observations_counted", r["counted"], g["observations_counted"])
                C.eq(cmd, q + " latest", r["latest"], (g["latest"] or {}).get("text"))
        # proposals: signposts.md "a unit is proposed when none of its ties is in a unit that
        # scores in any other scenario"
        ctx, mine = units[sid]
        elsewhere = {
            t for o in considered if o != sid for u in units[o][1] for r in u for t in r["ch"].ties
        }
        mine = sorted(mine, key=lambda u: (-u[0]["score"], u[0]["ch"].id))
        exp = [u for u in mine if not ({t for r in u for t in r["ch"].ties} & elsewhere)]
        C.eq(
            cmd,
            f"{q0} proposed channels (in order)",
            [u[0]["ch"].id for u in exp],
            [p["channel"]["id"] for p in sec["proposed"]],
        )
        for u, p in zip(exp, sec["proposed"]):
            q = f"{q0} proposed {p['channel']['id']}"
            links = [l for r in u for t in sorted(r["ch"].ties) for l in ctx.G.tie_links[t]]
            C.num(cmd, q + " score", u[0]["score"], p["score"])
            C.eq(
                cmd,
                q + " links (its ties sorted, each tie's links in view order)",
                [l.id for l in links],
                [l["id"] for l in p["links"]],
            )
            ids_ = {l.id for l in links}
            C.eq(
                cmd,
                q + " watched_by",
                [sp["id"] for sp in ds.signposts if ids_ & set(sp.get("bears_on") or [])],
                p["watched_by"],
            )
            others = [ds.scenarios[o]["name"] for o in considered if o != sid]
            C.eq(cmd, q + " others", others, p["others"])
            types = ", ".join(dict.fromkeys(l.type for l in links))
            # the score's figure is checked above; its 3-decimal print follows the emitted value
            # (a value on a rounding boundary prints either way in its last bit)
            exp_t = f"channel [{types}]: {ds.scenarios[sid]['name']} depends on it (score {p['score']:.3f})"
            C.rows.append(
                (
                    cmd,
                    q + " text (types, score)",
                    exp_t,
                    p["text"],
                    "agree" if exp_t in p["text"] else "DISAGREE",
                )
            )


# ---------------------------------------------------------------- list / validate / show / actors
def check_misc(C, T, ds):
    J = T.run("validate")
    C.eq(
        "validate",
        "counts actors/links/scenarios",
        [len(ds.actors), len(ds.links), len(ds.scenarios)],
        [J["counts"]["actors"], J["counts"]["links"], J["counts"]["scenarios"]],
    )
    C.eq("validate", "valid", True, J["valid"])
    C.eq(
        "validate",
        "counts scenario_links (links scenarios add)",
        sum(len(s.get("adds") or []) for s in ds.scenarios.values()),
        J["counts"]["scenario_links"],
    )
    # data-format.md "Warnings and the summary"
    S = J["dataset_summary"]
    C.eq("validate", "summary link_count", len(ds.links), S["link_count"])
    C.eq(
        "validate",
        "summary by_basis",
        {
            "sourced": sum(1 for l in ds.links if not l.background),
            "background": sum(1 for l in ds.links if l.background),
        },
        S["by_basis"],
    )
    by_grade = dict.fromkeys(ds.ladder, 0)
    off = defaultdict(int)
    value_to_grade = {v: g for g, v in ds.ladder.items()}
    for l in ds.links:
        written = ds.written_confidence[l.id]
        if isinstance(written, str):
            by_grade[written] += 1
        elif float(written) in value_to_grade:
            by_grade[value_to_grade[float(written)]] += 1
        else:
            off[str(written)] += 1
    by_grade.update(off)
    C.eq(
        "validate",
        "summary by_grade (ladder order, then numbers off it)",
        list(by_grade.items()),
        list(S["by_grade"].items()),
    )
    C.eq(
        "validate",
        "summary without_evidence",
        sum(1 for l in ds.links if not l.evidence),
        S["without_evidence"],
    )
    C.eq(
        "validate",
        "summary evidence_items",
        sum(len(l.evidence) for l in ds.links),
        S["evidence_items"],
    )
    C.eq(
        "validate",
        "summary without_locator",
        sum(1 for l in ds.links for e in l.evidence if not e.get("locator")),
        S["without_locator"],
    )
    obs = [o for sp in ds.signposts for o in sp.get("observations") or []]
    C.eq(
        "validate",
        "summary signposts / observed / observations",
        [len(ds.signposts), sum(1 for sp in ds.signposts if sp.get("observations")), len(obs)],
        [S["signpost_count"], S["observed_count"], S["observation_count"]],
    )
    og = dict.fromkeys(ds.ladder, 0)
    ungraded = 0
    for o in obs:
        if o.get("grade"):
            og[o["grade"]] += 1
        else:
            ungraded += 1
    if ungraded:
        og["ungraded"] = ungraded
    C.eq(
        "validate",
        "summary observations_by_grade",
        list(og.items()),
        list(S["observations_by_grade"].items()),
    )
    J = T.run("list")
    C.eq("list", "base_link_count", len(ds.links), J["base_link_count"])
    C.eq("list", "actor_count", len(ds.actors), J["actor_count"])
    for row in J["scenarios"]:
        sid = row["scenario"]["id"]
        sc = ds.scenarios[sid]
        links, _ = ds.view(sid)
        C.eq("list", f"{sid} links in its graph", len(links), row["link_count"])
        C.eq("list", f"{sid} added", len(sc.get("adds") or []), row["added_count"])
        C.eq("list", f"{sid} changed", len(sc.get("changes") or []), row["changed_count"])
        C.eq("list", f"{sid} removed", len(sc.get("removes") or []), row["removed_count"])
    J = T.run("actors")
    C.eq("actors", "total", len(ds.actors), J["total"])
    G = TieGraph(ds, ds.links, ())
    allnb = defaultdict(set)
    nlinks = defaultdict(int)
    for l in ds.links:
        allnb[l.source].add(l.target)
        allnb[l.target].add(l.source)
        nlinks[l.source] += 1
        nlinks[l.target] += 1
    for r in J["rows"]:
        a = r["actor"]["id"]
        C.eq("actors", f"{a} links", nlinks[a], r["link_count"])
        carrying_nb = len(G.adj.get(a, {}))
        # data-format.md:145 "The links between the same two actors that *carry* form one tie"
        C.eq(
            "actors",
            f"{a} ties (neighbours by carrying ties; any-link neighbours: {len(allnb[a])})",
            carrying_nb,
            r["tie_count"],
        )
    J = T.run("links")
    C.eq("links", "total (base)", len(ds.links), J["total"])
    for sid in ds.scenario_order:
        J = T.run("show", sid)
        ctx = Context(ds, sid)
        multi = [t for t, ls in ctx.G.tie_links.items() if len(ls) > 1]
        C.eq(
            f"show {sid}",
            "ties of several links (as a set)",
            sorted(tie_id(t) for t in multi),
            sorted(tie_id(tkey(*ids(c["ends"]))) for c in J["combined"]),
        )
        for c in J["combined"]:
            t = tkey(*ids(c["ends"]))
            if t in ctx.G.w:
                C.num(f"show {sid}", f"tie {tie_id(t)} weight", ctx.G.w[t], c["weight"])
                check_sources(C, f"show {sid}", f"tie {tie_id(t)}", ctx.G, t, c["sources"])
        C.eq(
            f"show {sid}",
            "changes listed",
            len(ds.scenarios[sid].get("changes") or [])
            + len(ds.scenarios[sid].get("adds") or [])
            + len(ds.scenarios[sid].get("removes") or []),
            len(J["changed_links"]),
        )
        J = T.run("links", "--scenario", sid)
        C.eq(f"links --scenario {sid}", "total", len(ctx.links), J["total"])


def check_determinism(C, T, ds):
    """Every number must be re-derivable: the same input must give the same output."""
    for sid in ds.scenario_order:
        outs = []
        for h in ("0", "1", "2", "3"):
            env = dict(T.env, PYTHONHASHSEED=h)
            p = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "scenarios",
                    "depends",
                    sid,
                    "--json",
                    "--data",
                    str(T.data),
                ],
                cwd=T.repo,
                env=env,
                capture_output=True,
                text=True,
            )
            outs.append(p.stdout)
        counts = [json.loads(o)["sets_evaluated"] for o in outs]
        C.eq(
            f"depends {sid}",
            "sets_evaluated same under PYTHONHASHSEED=0..3 (determinism)",
            [counts[0]] * 4,
            counts,
        )
        C.eq(
            f"depends {sid}",
            "the whole --json document the same under PYTHONHASHSEED=0..3",
            True,
            all(o == outs[0] for o in outs),
        )


# ---------------------------------------------------------------- README walkthroughs
def check_readme(C, T, ds, readme: Path):
    """Every `$ scenarios ...` console block of the README, rerun with COLUMNS=100 (as the README
    says its test does), compared line by line."""
    text = readme.read_text(encoding="utf-8")
    # the "alive" walk-through (add, diff --rev, load, pull) writes a dataset in a scratch git
    # repository against a database: its own test reruns it (README); not re-derivable here
    text = re.sub(r"<!-- alive.*?<!-- /alive -->", "", text, flags=re.S)
    for m in re.finditer(r"```console\n\$ (scenarios [^\n]*)\n(.*?)```", text, re.S):
        cmdline, expected = m.group(1), m.group(2)
        import shlex

        args = shlex.split(cmdline)[1:]
        env = dict(T.env, COLUMNS="100")
        p = subprocess.run(
            [sys.executable, "-m", "scenarios", *args, "--data", str(T.data)],
            cwd=T.repo,
            env=env,
            capture_output=True,
            text=True,
        )
        got = [l.rstrip() for l in p.stdout.splitlines()]
        exp = [l.rstrip() for l in expected.splitlines()]
        diff = [
            (i, e, g)
            for i, (e, g) in enumerate(itertools.zip_longest(exp, got, fillvalue=""))
            if e != g
        ]
        if not diff:
            C.eq("README", f"`{cmdline}` walkthrough", "identical", "identical")
        else:
            i, e, g = diff[0]
            C.rows.append(
                (
                    "README",
                    f"`{cmdline}` walkthrough ({len(diff)} of {max(len(exp), len(got))} lines differ; first at line {i + 1})",
                    e.strip(),
                    g.strip(),
                    "DISAGREE",
                )
            )


# ======================================================================================
# main
# ======================================================================================


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("repo", type=Path)
    ap.add_argument("--data", type=Path, default=None)
    ap.add_argument(
        "--only",
        default="",
        help="comma list: depends,ties,centrality,path,compare,whatif,sweep,uncertain,timeline,signposts,misc,determinism,readme",
    )
    ap.add_argument("--all-rows", action="store_true", help="print agreeing checks too")
    a = ap.parse_args(argv)
    repo = a.repo.resolve()
    data = (a.data or repo / "data").resolve()
    ds = Dataset(data)
    T = Tool(repo, data)
    C = Checks()
    only = set(filter(None, a.only.split(",")))

    def want(x):
        return not only or x in only

    def guard(name, fn, *args, **kw):
        try:
            fn(*args, **kw)
        except Exception as e:  # a crash of one check must not hide the others
            C.rows.append((name, "check crashed", "-", f"{type(e).__name__}: {e}", "DISAGREE"))

    sids = ds.scenario_order
    if want("misc"):
        guard("misc", check_misc, C, T, ds)
    if want("depends"):
        for s in sids:
            guard(f"depends {s}", check_depends, C, T, ds, s)
        guard(
            "depends as-of",
            check_depends,
            C,
            T,
            ds,
            sids[1] if len(sids) > 1 else sids[0],
            as_of="2025-09-01",
        )
        # the README's examples of the two clocks and of --sourced-only
        guard(
            "depends known-by",
            check_depends,
            C,
            T,
            ds,
            "new-yalta",
            as_of="2025-11-01",
            known_by="2025-12-07",
        )
        guard(
            "depends known-by early",
            check_depends,
            C,
            T,
            ds,
            "new-yalta",
            as_of="2025-11-01",
            known_by="2025-12-01",
        )
        for s in sids:
            guard(f"depends {s} --sourced-only", check_depends, C, T, ds, s, sourced_only=True)
        for s in sids:
            guard(f"depends {s} --rank score", check_depends, C, T, ds, s, rank="score")
        guard("depends --top 2", check_depends, C, T, ds, sids[-1], top=2, groups=2)
    if want("ties"):
        for s in sids:
            guard(f"depends {s} --ties", check_ties, C, T, ds, s)
    if want("centrality"):
        guard("centrality", check_centrality, C, T, ds, None)
        for s in sids:
            guard(f"centrality {s}", check_centrality, C, T, ds, s)
    if want("path"):
        guard("path", check_path, C, T, ds)
    if want("compare"):
        pairs = [("base", s) for s in sids] + list(itertools.permutations(sids, 2))
        for x, y in pairs:
            guard(f"compare {x} {y}", check_compare, C, T, ds, x, y)
    if want("whatif"):
        for s in sids:
            sc = ds.scenarios[s]
            ctx = Context(ds, s)
            for t in sorted(ctx.E.strongest_path_ties())[:4]:
                guard(f"whatif {s} --cut", check_whatif, C, T, ds, s, cuts=[t])
            people = [
                x for x in ds.actor_order if ds.actors[x]["kind"] in PIVOT_KINDS and x in ctx.G.adj
            ][:3]
            for x in people + sc["key_actors"][:1]:
                guard(f"whatif {s} --remove {x}", check_whatif, C, T, ds, s, removes=[x])
    if want("sweep"):
        for s in sids:
            guard(f"whatif {s} --sweep", check_sweep, C, T, ds, s)
    if want("uncertain"):
        for s in sids:
            guard(f"depends {s} --uncertain", check_uncertain, C, T, ds, s)
        guard(
            "depends --uncertain --as-of",
            check_uncertain,
            C,
            T,
            ds,
            "new-yalta",
            as_of="2025-09-01",
        )
    if want("timeline"):
        for s in sids:
            guard(f"timeline {s}", check_timeline, C, T, ds, s)
    if want("signposts"):
        guard("signposts", check_signposts, C, T, ds)
        guard("signposts as-of", check_signposts, C, T, ds, as_of="2025-11-01")
    if want("determinism"):
        guard("determinism", check_determinism, C, T, ds)
    if want("readme") and (repo / "README.md").exists():
        guard("README", check_readme, C, T, ds, repo / "README.md")

    agree = sum(1 for r in C.rows if r[4].startswith("agree"))
    amb = sum(1 for r in C.rows if r[4].startswith("AMBIG"))
    dis = sum(1 for r in C.rows if r[4] == "DISAGREE")
    print("command | quantity | documented | emitted | verdict")
    for r in C.rows:
        if a.all_rows or not r[4].startswith("agree"):
            print(" | ".join(x if len(x) < 300 else x[:297] + "..." for x in r))
    print(f"\n{len(C.rows)} checks: {agree} agree, {dis} disagree, {amb} ambiguous (docs silent)")
    return 0 if dis == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
