// Schema: a uniqueness constraint on `id` for every node label scenarios writes.
//
// `scenarios load` runs these before every load; running them again changes nothing. To set
// up a database by hand, run `cypher-shell -f cypher/schema.cypher`, or paste the file into
// Neo4j Browser with "Enable multi statement query editor" switched on.
// Link ids are unique too, but Neo4j 5 Community cannot constrain a relationship property
// across types; `scenarios load` and `scenarios validate` check them instead.
CREATE CONSTRAINT scenarios_actor_id IF NOT EXISTS FOR (n:Actor) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT scenarios_speaker_id IF NOT EXISTS FOR (n:Speaker) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT scenarios_programme_id IF NOT EXISTS FOR (n:Programme) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT scenarios_scenario_id IF NOT EXISTS FOR (n:Scenario) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT scenarios_evidence_id IF NOT EXISTS FOR (n:Evidence) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT scenarios_signpost_id IF NOT EXISTS FOR (n:Signpost) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT scenarios_link_change_id IF NOT EXISTS FOR (n:LinkChange) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT scenarios_link_removal_id IF NOT EXISTS FOR (n:LinkRemoval) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT scenarios_grade_id IF NOT EXISTS FOR (n:Grade) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT scenarios_observation_id IF NOT EXISTS FOR (n:Observation) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT scenarios_raised_by_id IF NOT EXISTS FOR (n:RaisedBy) REQUIRE n.id IS UNIQUE;
