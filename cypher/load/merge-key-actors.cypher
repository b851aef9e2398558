// Load: tie each scenario to its key actors, in order (`seq`).
//
// :param rows => [{scenario: 'g2', actor: 'us', props: {seq: 0, loaded_by: 'scenarios'}}]
UNWIND $rows AS row
MATCH (s:Scenario {id: row.scenario})
MATCH (a:Actor {id: row.actor})
MERGE (s)-[k:KEY_ACTOR]->(a)
SET k = row.props
