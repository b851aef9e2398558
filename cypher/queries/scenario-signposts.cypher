// Signposts of a scenario: its stance on each, how diagnostic each is, and whether it is seen.
//
// `stance` is POINTS_TO (the scenario expects it) or AGAINST (it counts against the scenario).
// `diagnosticity` is the share of pairs of scenarios whose stances differ (docs/signposts.md):
// with n scenarios, f that it points to and a that it counts against, (f*a + (f+a)*(n-f-a)) /
// (n(n-1)/2); null with fewer than two scenarios. An observation counts once `counted_from`
// (the day it has certainly happened) is on or before `as_of` ('YYYY-MM-DD'; null: ever) and
// `known_from` (the day it was reported) on or before `known_by` (null: any). With `known_by`,
// signposts raised only later are left out. `latest` is the observation that counts with the
// latest `counted_from`. Seen signposts first, then by diagnosticity, then id, as
// `scenarios signposts` lists them (which also shows observations only possible by `as_of`).
//
// :param scenario => 'new-yalta'
// :param as_of => null
// :param known_by => null
MATCH (every:Scenario)
WITH count(every) AS n
MATCH (s:Signpost)-[r:POINTS_TO|AGAINST]->(:Scenario {id: $scenario})
OPTIONAL MATCH (rb:RaisedBy {signpost: s.id})
WITH n, s, r, count(rb) AS raisers,
     count(CASE WHEN $known_by IS NULL OR rb.known_from IS NULL
                     OR rb.known_from <= date($known_by) THEN 1 END) AS raised
WHERE raisers = 0 OR raised > 0
OPTIONAL MATCH (s)-[:POINTS_TO]->(f:Scenario)
WITH n, s, r, count(f) AS pro
OPTIONAL MATCH (s)-[:AGAINST]->(a:Scenario)
WITH n, s, r, pro, count(a) AS con
OPTIONAL MATCH (o:Observation {signpost: s.id})
WHERE ($as_of IS NULL OR o.counted_from <= date($as_of))
  AND ($known_by IS NULL OR o.known_from IS NULL OR o.known_from <= date($known_by))
WITH n, s, r, pro, con, o
ORDER BY o.counted_from DESC, o.seq DESC
WITH n, s, r, pro, con, collect(o) AS seen
RETURN s.id AS signpost, s.statement AS statement, type(r) AS stance,
       CASE WHEN n < 2 THEN null
            ELSE (pro * con + (pro + con) * (n - pro - con)) / (n * (n - 1) / 2.0) END
         AS diagnosticity,
       size(seen) AS observations, seen[0].text AS latest,
       toString(seen[0].counted_from) AS latest_day, seen[0].grade AS grade
ORDER BY observations > 0 DESC, diagnosticity DESC, signpost
