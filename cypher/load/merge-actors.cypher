// Load: create or update actors of one kind, with the common Actor label and the kind's label.
//
// `{{kind}}` is filled by `scenarios load` with ActorKind.label (State, Leader, Envoy, ...),
// a fixed list, never user text. An actor whose kind changed is deleted first
// (load/delete-actors.cypher) and created again here.
//
// :param rows => [{id: 'us', props: {id: 'us', name: 'United States', aliases: ['USA'], seq: 0, loaded_by: 'scenarios'}}]
UNWIND $rows AS row
MERGE (n:Actor:{{kind}} {id: row.id})
SET n = row.props
