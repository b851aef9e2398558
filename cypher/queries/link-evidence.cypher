// Evidence of a link: what was said, by whom, on which programme, when, where, how surely.
//
// `date` is when it was said (the programme's date unless the evidence gives its own);
// `locator` where in the programme (`¶14`, a timestamp); `cites` what the speaker relayed, or a
// public record; `grade` what the item alone supports (`fact`, `assessed`, ...). A link no
// source states has `r.basis = 'background'` and its reason in `r.background`.
//
// :param link => 'witkoff-putin-moscow'
MATCH (s:Actor)-[r]->(t:Actor)
WHERE r.id = $link
OPTIONAL MATCH (e:Evidence {link: r.id})
OPTIONAL MATCH (sp:Speaker {id: e.speaker})
OPTIONAL MATCH (pr:Programme {id: e.programme})
RETURN s.name AS source, type(r) AS type, t.name AS target, e.text AS evidence,
       sp.name AS speaker, pr.title AS programme,
       coalesce(e.date, toString(pr.date)) AS date, e.locator AS locator, e.cites AS cites,
       e.grade AS grade
ORDER BY e.seq
