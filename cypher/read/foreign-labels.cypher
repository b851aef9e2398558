// Read: nodes that carry none of the labels scenarios reads, counted by their labels.
//
// `scenarios pull` reports them: the dataset format has no place for them.
//
// :param known => ['Actor', 'Speaker', 'Programme', 'Scenario', 'Evidence']
MATCH (n)
WHERE none(label IN labels(n) WHERE label IN $known)
RETURN labels(n) AS what, count(*) AS count
