using Assessment.Scoring.Criteria;
using static Assessment.Tests.Scoring.CriteriaYamlFixtures;

namespace Assessment.Tests.Scoring;

[TestClass]
public sealed class CriteriaHasherTests
{
    /// <summary>The same file written differently: comments, layout, key order, quoting, 3 vs 3.0, list order where the loader sorts.</summary>
    private static string Reformatted() => Valid
        .Edit("# 测试用考核标准：两个维度，四种评分方式\n", "# 另一条注释\n\n")
        .Edit("  - {code: A, name: 服务内容, weight: 60}", "  - code: A        # 服务内容\n    name: \"服务内容\"\n    weight: 60.0")
        .Edit("    title: 设置咨询服务台\n    points: 10\n", "    points: 10.00\n    title: '设置咨询服务台'\n")
        .Edit("    measure: rate\n", "    measure: rate\n    unit: \"%\"\n")
        .Edit("      - {min: 85, points: 10}\n      - {min: 95, points: 30}\n", "      - {min: 95, points: 30}\n      - {min: 85, points: 10}\n")
        .Edit("  - {min: 60, name: 合格}\n  - {min: 90, name: 优秀}\n", "  - {min: 90, name: 优秀}\n  - {min: 60, name: 合格}\n")
        .Edit("    methods: [看现场]\n    evidence: [现场照片]\n    na_allowed: true", "    methods:\n      - 看现场\n    evidence:\n      - 现场照片\n    na_allowed: True")
        .Edit("  min_dimension_share: 0.8", "  min_dimension_share: 0.80");

    [TestMethod]
    public void Hash_is_sha256_in_lowercase_hex()
    {
        StringAssert.Matches(CriteriaHasher.Compute(ParseValid()), new System.Text.RegularExpressions.Regex("^sha256:[0-9a-f]{64}$"));
    }

    [TestMethod]
    public void Hash_of_the_fixture_never_changes()
    {
        // If this fails, the canonical form changed: every version in every criteria.lock would stop
        // matching. Keep the old form (or version it explicitly) instead of updating this value.
        Assert.AreEqual("sha256:292325e90be818e171cbe65721539d6bc319da20452d86b0d3c873d7e00b9152", ParseValid().ContentHash);
    }

    [TestMethod]
    public void Comments_layout_quoting_and_number_formats_do_not_change_the_hash()
    {
        var reformatted = Reformatted();
        Assert.AreNotEqual(Valid, reformatted);

        Assert.AreEqual(ParseValid().ContentHash, ParseValid(reformatted).ContentHash);
    }

    [TestMethod]
    public void Source_path_does_not_change_the_hash()
    {
        var a = CriteriaParser.Parse(Valid, "criteria/a.yaml").Version!;
        var b = CriteriaParser.Parse(Valid, "elsewhere/b.yaml").Version!;

        Assert.AreEqual(a.ContentHash, b.ContentHash);
    }

    [TestMethod]
    public void Numbers_are_normalized_so_3_and_3_point_0_hash_alike()
    {
        var three = new CriteriaBuilder().Dimension("A", "甲", 100m).YesNo("A1", "A", 100m).Build();
        var threePointZero = new CriteriaBuilder().Dimension("A", "甲", 100.0m).YesNo("A1", "A", 100.000m).Build();

        Assert.AreEqual(CriteriaHasher.Compute(three), CriteriaHasher.Compute(threePointZero));
    }

    [TestMethod]
    [DataRow("title: 测试考核标准（2021年版）", "title: 测试考核标准（2021年修订版）", DisplayName = "version title")]
    [DataRow("effective: 2021-10-01", "effective: 2021-11-01", DisplayName = "effective date")]
    [DataRow("basis: 单元测试", "basis: 单元测试（修订）", DisplayName = "basis")]
    [DataRow("name: 业务咨询", "name: 咨询服务", DisplayName = "dimension name")]
    [DataRow("    title: 设置咨询服务台", "    title: 设置咨询服务台并有专人值守", DisplayName = "item title")]
    [DataRow("guidance: 每缺一项扣5分。", "guidance: 每缺一项扣五分。", DisplayName = "guidance")]
    [DataRow("per_defect: 5", "per_defect: 4", DisplayName = "per defect")]
    [DataRow("defects: [服务事项清单, 办事指南, 收费标准]", "defects: [服务事项清单, 办事指南, 收费依据]", DisplayName = "defect list")]
    [DataRow("label: 基本落实, points: 6}", "label: 基本落实, points: 5}", DisplayName = "level points")]
    [DataRow("label: 基本落实", "label: 大部分落实", DisplayName = "level label")]
    [DataRow("{min: 85, points: 10}", "{min: 80, points: 10}", DisplayName = "band minimum")]
    [DataRow("{zero_at: 0, full_at: 4}", "{zero_at: 0, full_at: 5}", DisplayName = "linear range")]
    [DataRow("    measure: count\n", "    measure: count\n    unit: 场\n", DisplayName = "unit")]
    [DataRow("methods: [查资料, 看现场]", "methods: [看现场, 查资料]", DisplayName = "methods")]
    [DataRow("evidence: [服务事项清单, 现场照片]", "evidence: [服务事项清单]", DisplayName = "evidence")]
    [DataRow("    na_allowed: true\n", "", DisplayName = "N/A permission")]
    [DataRow("    title: 泄露评标专家信息", "    title: 泄露评标专家信息或评审情况", DisplayName = "veto title")]
    [DataRow("    item: A2\n", "", DisplayName = "veto link")]
    [DataRow("{min: 80, name: 良好}", "{min: 75, name: 良好}", DisplayName = "grade minimum")]
    [DataRow("name: 不合格, rectification_report_days: 30}", "name: 不合格, rectification_report_days: 15}", DisplayName = "rectification days")]
    [DataRow("min_total: 90", "min_total: 92", DisplayName = "demonstration total")]
    [DataRow("  min_previous_rectification_rate: 90\n", "", DisplayName = "demonstration rectification rate")]
    [DataRow("quota: 2", "quota: 3", DisplayName = "quota")]
    [DataRow("tie_break: [B, A]", "tie_break: [A, B]", DisplayName = "tie-break")]
    [DataRow("self_exceeds_inspection_by: 10", "self_exceeds_inspection_by: 8", DisplayName = "recheck")]
    public void Any_change_of_meaning_changes_the_hash_and_shows_in_the_diff(string old, string replacement)
    {
        var original = ParseValid();
        var changed = ParseValid(Valid.Edit(old, replacement));

        Assert.AreNotEqual(original.ContentHash, changed.ContentHash);
        Assert.IsFalse(CriteriaDiff.Compare(original, changed).IsEmpty, "The diff should name the change.");
    }

    [TestMethod]
    public void Moving_points_between_items_changes_the_hash()
    {
        var yaml = Valid
            .Edit("    title: 设置咨询服务台\n    points: 10", "    title: 设置咨询服务台\n    points: 15")
            .Edit("    title: 设置夜间评标用房\n    points: 20", "    title: 设置夜间评标用房\n    points: 15");

        Assert.AreNotEqual(ParseValid().ContentHash, ParseValid(yaml).ContentHash);
    }
}
