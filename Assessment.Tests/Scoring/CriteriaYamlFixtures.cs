using Assessment.Scoring.Criteria;

namespace Assessment.Tests.Scoring;

/// <summary>
/// A small but complete criteria file using every item kind, and helpers to derive broken variants by
/// editing it: each test shows exactly what it changed.
/// </summary>
internal static class CriteriaYamlFixtures
{
    public const string FileName = "criteria/test-2021.yaml";

    public const string Valid = """
        # 测试用考核标准：两个维度，四种评分方式
        id: test-2021
        scheme: test
        title: 测试考核标准（2021年版）
        effective: 2021-10-01
        basis: 单元测试
        dimensions:
          - {code: A, name: 服务内容, weight: 60}
          - {code: B, name: 业务咨询, weight: 40}
        items:
          - id: A1
            dimension: A
            title: 公布服务事项清单和办事指南
            points: 20
            kind: deduction
            per_defect: 5
            defects: [服务事项清单, 办事指南, 收费标准]
            guidance: 每缺一项扣5分。
            methods: [查资料, 看现场]
            evidence: [服务事项清单, 现场照片]
          - id: A2
            dimension: A
            title: 设置咨询服务台
            points: 10
            kind: yes_no
            methods: [看现场]
            evidence: [现场照片]
          - id: A3
            dimension: A
            title: 落实一次性告知制度
            points: 10
            kind: levels
            levels:
              - {code: A, label: 全部落实, points: 10}
              - {code: B, label: 基本落实, points: 6}
              - {code: C, label: 未落实, points: 0}
            methods: [查资料, 暗访]
            evidence: [一次性告知单]
          - id: A4
            dimension: A
            title: 设置夜间评标用房
            points: 20
            kind: yes_no
            methods: [看现场]
            evidence: [现场照片]
            na_allowed: true
          - id: B1
            dimension: B
            title: 市场主体满意度
            points: 30
            kind: target
            measure: rate
            bands:
              - {min: 85, points: 10}
              - {min: 95, points: 30}
              - {min: 90, points: 20}
            methods: [开座谈会]
            evidence: [问卷统计表]
          - id: B2
            dimension: B
            title: 开展政策宣讲
            points: 10
            kind: target
            measure: count
            linear: {zero_at: 0, full_at: 4}
            methods: [查资料]
            evidence: [培训通知, 签到表]
        vetoes:
          - id: V1
            title: 泄露评标专家信息
          - id: V2
            title: 发生重大网络安全事件
            item: A2
        grades:
          - {min: 60, name: 合格}
          - {min: 90, name: 优秀}
          - {min: 80, name: 良好}
          - {min: 0, name: 不合格, rectification_report_days: 30}
        demonstration:
          min_total: 90
          min_dimension_share: 0.8
          min_previous_rectification_rate: 90
          quota: 2
          tie_break: [B, A]
        recheck:
          self_exceeds_inspection_by: 10

        """;

    /// <summary>Replaces the one occurrence of <paramref name="old"/>; fails the test if there is not exactly one.</summary>
    public static string Edit(this string yaml, string old, string replacement)
    {
        var first = yaml.IndexOf(old, StringComparison.Ordinal);
        Assert.IsGreaterThanOrEqualTo(0, first, $"The fixture does not contain “{old}”.");
        Assert.AreEqual(-1, yaml.IndexOf(old, first + 1, StringComparison.Ordinal), $"The fixture contains “{old}” more than once.");
        return string.Concat(yaml.AsSpan(0, first), replacement, yaml.AsSpan(first + old.Length));
    }

    /// <summary>The 1-based line of the one line containing <paramref name="marker"/>.</summary>
    public static int LineOf(this string yaml, string marker)
    {
        var lines = yaml.Split('\n');
        var found = Enumerable.Range(0, lines.Length).Where(i => lines[i].Contains(marker, StringComparison.Ordinal)).ToArray();
        Assert.HasCount(1, found, $"Expected exactly one line containing “{marker}”.");
        return found[0] + 1;
    }

    public static CriteriaVersion ParseValid(string yaml = Valid)
    {
        var result = CriteriaParser.Parse(yaml, FileName);
        Assert.IsNotNull(result.Version, string.Join("\n", result.Errors));
        return result.Version;
    }

    public static IReadOnlyList<CriteriaError> Errors(string yaml)
    {
        var result = CriteriaParser.Parse(yaml, FileName);
        Assert.IsNull(result.Version, "The file should have been rejected.");
        Assert.IsNotEmpty(result.Errors);
        return result.Errors;
    }

    /// <summary>
    /// Asserts that parsing <paramref name="yaml"/> reports an error on the line containing
    /// <paramref name="lineMarker"/>, for <paramref name="itemId"/>, whose message contains every part.
    /// </summary>
    public static CriteriaError AssertReports(string yaml, string lineMarker, string? itemId, params string[] messageParts) =>
        AssertReports(yaml, yaml.LineOf(lineMarker), itemId, messageParts);

    /// <summary>As above, with the line given (when the marker is not unique in the edited file).</summary>
    public static CriteriaError AssertReports(string yaml, int line, string? itemId, params string[] messageParts)
    {
        var errors = Errors(yaml);
        var match = errors.FirstOrDefault(e => e.Line == line && e.ItemId == itemId && messageParts.All(p => e.Message.Contains(p, StringComparison.Ordinal)));
        Assert.IsNotNull(match, $"Expected an error on line {line} for {itemId ?? "(no item)"} mentioning {string.Join(" / ", messageParts)}; got:\n{string.Join("\n", errors)}");
        Assert.AreEqual(FileName, match.File);
        return match;
    }
}
