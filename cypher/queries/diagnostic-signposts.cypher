// The most diagnostic signposts not yet observed: what is most worth watching next.
//
// Every signpost with no observation counting by `as_of` ('YYYY-MM-DD'; null: ever) and
// reported by `known_by` (null: any), with the scenarios it points to and counts against and
// its diagnosticity, the share of pairs of scenarios whose stances differ (docs/signposts.md;
// see scenario-signposts.cypher for the formula). With `known_by`, signposts raised only later
// are left out. Most diagnostic first, then by id; at most `limit` rows.
//
// :param as_of => null
// :param known_by => null
// :param limit => 10
MATCH (every:Scenario)
WITH count(every) AS n
MATCH (s:Signpost)
OPTIONAL MATCH (rb:RaisedBy {signpost: s.id})
WITH n, s, count(rb) AS raisers,
     count(CASE WHEN $known_by IS NULL OR rb.known_from IS NULL
                     OR rb.known_from <= date($known_by) THEN 1 END) AS raised
WHERE raisers = 0 OR raised > 0
OPTIONAL MATCH (o:Observation {signpost: s.id})
WHERE ($as_of IS NULL OR o.counted_from <= date($as_of))
  AND ($known_by IS NULL OR o.known_from IS NULL OR o.known_from <= date($known_by))
WITH n, s, count(o) AS observations
WHERE observations = 0
OPTIONAL MATCH (s)-[p:POINTS_TO]->(f:Scenario)
WITH n, s, f ORDER BY p.seq
WITH n, s, collect(f.id) AS points_to
OPTIONAL MATCH (s)-[q:AGAINST]->(a:Scenario)
WITH n, s, points_to, a ORDER BY q.seq
WITH n, s, points_to, collect(a.id) AS against
WITH s, points_to, against, size(points_to) AS pro, size(against) AS con, n
RETURN s.id AS signpost, s.statement AS statement, points_to, against,
       CASE WHEN n < 2 THEN null
            ELSE (pro * con + (pro + con) * (n - pro - con)) / (n * (n - 1) / 2.0) END
         AS diagnosticity
ORDER BY diagnosticity DESC, signpost
LIMIT $limit
