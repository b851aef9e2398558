// Load: create or update nodes of one label, keyed by id (one batch of rows).
//
// `{{label}}` is filled by `scenarios load` with a label from the fixed list
// scenarios.store.records.NodeLabel (Speaker, Programme, Scenario, Evidence, Signpost, LinkChange,
// LinkRemoval, Observation, RaisedBy), never with user text; to run it by hand, write the label in its place.
// `SET n = row.props` replaces every property, so a field the dataset dropped disappears too.
//
// :param rows => [{id: 'kotani', props: {id: 'kotani', name: 'Tetsuo Kotani', seq: 1, loaded_by: 'scenarios'}}]
UNWIND $rows AS row
MERGE (n:{{label}} {id: row.id})
SET n = row.props
