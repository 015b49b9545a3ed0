-- Interim dataset for the peer benchmark until `seed synthetic` lands: adds 12,500 synthetic items to every
-- frozen scorecard of a demo database (the same SQL as Assessment.Tests/Web/ODataFeedBenchmark.cs), with some
-- not-applicable items (null points) and explanations holding commas, quotes and line breaks.
-- sqlite3 DATA/assessment.db < bench/odata-peer/grow-demo.sql
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 12500)
INSERT INTO "ScorecardItems" ("ScorecardId", "CycleYear", "ItemId", "DimensionCode", "Status", "Points", "MaxPoints", "Explanation")
SELECT s."Id", c."Year", 'X' || n.i, substr('ABCDE', n.i % 5 + 1, 1),
       CASE WHEN n.i % 23 = 0 THEN 'NotApplicable' ELSE 'Scored' END,
       CASE WHEN n.i % 23 = 0 THEN NULL ELSE (n.i * 7 % 50) / 10.0 END,
       5,
       '合成数据 ' || n.i || CASE WHEN n.i % 10 = 0 THEN '，评定为“A, B”，"引号"' WHEN n.i % 97 = 0 THEN char(10) || '第二行' ELSE '' END
FROM "Scorecards" AS s
INNER JOIN "Assessments" AS a ON a."Id" = s."AssessmentId"
INNER JOIN "Cycles" AS c ON c."Id" = a."CycleId"
CROSS JOIN n;
