// Load: untie key actors a scenario no longer has.
//
// :param rows => [{scenario: 'g2', actor: 'japan'}]
UNWIND $rows AS row
MATCH (:Scenario {id: row.scenario})-[k:KEY_ACTOR]->(:Actor {id: row.actor})
DELETE k
