"""cypher/ and scenarios.store.queries.

Every file loads, documents its parameters, and fills slots safely.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from scenarios.errors import NotFound, UsageError
from scenarios.store import queries
from scenarios.store.records import NodeLabel
from scenarios.vocab import ActorKind, LinkRole, LinkType

ROOT = Path(__file__).resolve().parents[2]
ALL = queries.names()


def test_the_files_are_found_in_the_checkout_or_the_installed_package() -> None:
    found = queries.cypher_dir()
    assert found in (ROOT / "cypher", Path(queries.__file__).resolve().parents[1] / "_cypher")
    shipped = sorted(p.relative_to(found).as_posix() for p in found.rglob("*.cypher"))
    ours = sorted(
        p.relative_to(ROOT / "cypher").as_posix() for p in ROOT.glob("cypher/**/*.cypher")
    )
    assert shipped == ours
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert config["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]["cypher"] == (
        "scenarios/_cypher"
    )


def test_there_are_schema_load_read_and_analyst_queries() -> None:
    assert "schema" in ALL
    assert {name.split("/")[0] for name in ALL} >= {"load", "read", "queries"}
    assert len(queries.names("queries")) >= 8


@pytest.mark.parametrize("name", ALL)
def test_every_file_has_a_header_and_an_example_for_each_parameter(name: str) -> None:
    query = queries.load(name)
    assert query.text.startswith("// "), "the first line says what the file is for"
    assert query.title != name and len(query.title) > 20
    missing = [p for p in query.parameters if p not in query.examples]
    assert not missing, f"{name}: no `// :param` example for {missing}"
    assert query.statements(**dict.fromkeys(query.slots, _any_slot_value(query)))


def _any_slot_value(query: queries.Query) -> ActorKind | LinkType | NodeLabel:
    if "rel_type" in query.slots:
        return LinkType.LEADS
    if "kind" in query.slots:
        return ActorKind.STATE
    return NodeLabel.SPEAKER


def test_analyst_queries_have_no_slots_so_they_paste_as_they_are() -> None:
    for query in queries.analyst_queries():
        assert not query.slots, query.name
        assert len(query.statements()) == 1


def test_every_load_and_read_file_is_used_by_the_code() -> None:
    source = "".join(
        (ROOT / "src" / "scenarios" / module).read_text()
        for module in (
            "store/store.py",
            "store/subgraph.py",
            "store/loadplan.py",
            "export/cypher.py",
        )
    )
    used = set(re.findall(r'"((?:load|read)/[a-z-]+)"', source))
    assert used == {name for name in ALL if name.startswith(("load/", "read/"))}


def test_schema_constrains_every_label_the_load_writes() -> None:
    text = queries.load("schema").text
    for label in NodeLabel:
        assert f"FOR (n:{label.value}) REQUIRE n.id IS UNIQUE" in text
    assert len(queries.load("schema").statements()) == len(NodeLabel)


# the analyst queries that walk from actor to actor, and those that only list links
WALKING = ("shortest-path", "all-shortest-paths", "bridges")
LISTING = ("actor-links", "link-evidence", "scenario-adds", "scenario-changes", "scenario-subgraph")


@pytest.mark.parametrize("name", WALKING)
def test_queries_that_walk_walk_exactly_the_carrying_link_types(name: str) -> None:
    text = "\n".join(
        line
        for line in queries.load(f"queries/{name}").text.splitlines()
        if not line.startswith("//")
    )
    patterns = re.findall(r"-\[(\w*)(?::([A-Z_|]+))?\*?\]-", text)
    assert patterns
    # adversarial links (opposes, claims) never make a path, a neighbour or a bridge
    carrying = [t.rel_type for t in LinkType if t.role is not LinkRole.ADVERSARIAL]
    for variable, types in patterns:
        assert types.split("|") == carrying, (name, variable)


def test_every_analyst_query_that_matches_actor_links_is_walking_or_listing() -> None:
    # a new query that matches links between actors says here whether it walks them (then it
    # must leave adversarial links out) or only lists them (they stay visible, as in `links`)
    link_types = {t.rel_type for t in LinkType}

    def matches_links(text: str) -> bool:
        found = re.findall(r"-\[\w*(?::([A-Z_|]+))?\*?\]->?", text)
        return any(not types or set(types.split("|")) <= link_types for types in found)

    matching = {
        q.name.rsplit("/", 1)[-1] for q in queries.analyst_queries() if matches_links(q.text)
    }
    assert matching == set(WALKING) | set(LISTING)


# -- slots -------------------------------------------------------------------------------------


def test_slots_take_only_the_fixed_enums() -> None:
    merge = queries.load("load/merge-links")
    assert ":LEADS {id: row.id}" in merge.statement(rel_type=LinkType.LEADS)
    assert ":Actor:Envoy {id" in queries.load("load/merge-actors").statement(kind=ActorKind.ENVOY)
    with pytest.raises(TypeError):
        merge.statement(rel_type="LEADS]->() DETACH DELETE n //")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="slots"):
        merge.statement()
    with pytest.raises(ValueError, match="slots"):
        merge.statement(rel_type=LinkType.LEADS, label=NodeLabel.ACTOR)


@pytest.mark.parametrize("member", [*ActorKind, *LinkType, *NodeLabel])
def test_every_enum_member_gives_a_plain_token(member: ActorKind | LinkType | NodeLabel) -> None:
    assert re.fullmatch(r"[A-Z][A-Za-z_]*", queries.slot_token(member))


# -- the small lexer ---------------------------------------------------------------------------


def test_statements_split_on_semicolons_outside_strings_and_comments() -> None:
    text = '// head; not a split\nCREATE (:A {t: \'a;b\'}); /* c; */ RETURN "x\\";" AS `we;ird`;\n'
    assert queries.split_statements(text) == [
        "CREATE (:A {t: 'a;b'})",
        'RETURN "x\\";" AS `we;ird`',
    ]


def test_parameters_are_found_in_code_only() -> None:
    query = queries.parse("x", "// T\n// :param a => 1\nRETURN $a, '$b' // $c\n")
    assert query.parameters == ("a",)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("'us'", "us"),
        ('"it\\"s"', 'it"s'),
        ("'caf\\u00e9'", "café"),
        ("3", 3),
        ("-0.5", -0.5),
        ("1e-3", 0.001),
        ("true", True),
        ("null", None),
        ("[]", []),
        ("['a', 1, [null]]", ["a", 1, [None]]),
        ("{a: 1, `b c`: 'x'}", {"a": 1, "b c": "x"}),
    ],
)
def test_literals(text: str, value: object) -> None:
    assert queries.parse_literal(text) == value


@pytest.mark.parametrize("text", ["g2", "'open", "[1, 2", "{a 1}", "1 2", "date('2025-01-01')"])
def test_not_literals(text: str) -> None:
    with pytest.raises(ValueError):
        queries.parse_literal(text)


# -- parameters from the command line --------------------------------------------------------


def test_param_values_are_literals_or_text() -> None:
    assert queries.parse_param("scenario=g2") == ("scenario", "g2")
    assert queries.parse_param("max_hops=3") == ("max_hops", 3)
    assert queries.parse_param("as_of=null") == ("as_of", None)
    assert queries.parse_param("text='a=b'") == ("text", "a=b")
    with pytest.raises(UsageError):
        queries.parse_param("no-equals-sign")
    with pytest.raises(UsageError):
        queries.parse_param("bad name=1")


def test_bind_uses_examples_and_rejects_unknown_names() -> None:
    query = queries.analyst_query("shortest-path")
    bound = queries.bind(query, {"to": "china"})
    assert bound == {
        "from": "us",
        "to": "china",
        "scenario": "new-yalta",
        "as_of": None,
        "unreported": [],
        "outside": [],
        "max_hops": None,
    }
    with pytest.raises(UsageError, match="no parameter 'scenaro'"):
        queries.bind(query, {"scenaro": "g2"})
    bare = queries.parse("x", "// Title of a query without examples\nRETURN $needed")
    with pytest.raises(UsageError, match="needs a value for 'needed'"):
        queries.bind(bare, {})


def test_analyst_query_names_cannot_escape_the_folder() -> None:
    for name in ("../schema", "load/merge-links", ".hidden", "nope"):
        with pytest.raises(NotFound):
            queries.analyst_query(name)
    with pytest.raises(NotFound) as caught:
        queries.analyst_query("bridge")
    assert caught.value.hint == "did you mean 'bridges'?"


# -- the Browser style sheet ----------------------------------------------------------------


def test_style_sheet_colours_every_kind_and_captions_actors_by_name() -> None:
    grass = (ROOT / "cypher" / "style.grass").read_text()
    rules = dict(re.findall(r"node\.(\w+)\s*\{(.*?)\n\}", grass, flags=re.DOTALL))
    colours = set()
    for kind in ActorKind:
        body = rules.get(kind.label)
        assert body is not None, f"no style for {kind.label}"
        colour = re.search(r"color:\s*(#[0-9A-Fa-f]{6});", body)
        assert colour is not None
        colours.add(colour.group(1))
        assert "caption: '{name}';" in body
    assert len(colours) == len(ActorKind), "each kind has its own colour"
    assert "caption: '{name}';" in rules["Actor"]
