using Assessment.Scoring.Criteria;
using static Assessment.Tests.Scoring.CriteriaYamlFixtures;

namespace Assessment.Tests.Scoring;

/// <summary>Each test changes one thing in the fixture's model and checks the one line the diff prints.</summary>
[TestClass]
public sealed class CriteriaDiffTests
{
    [TestMethod]
    public void Same_version_has_an_empty_diff()
    {
        var diff = CriteriaDiff.Compare(ParseValid(), ParseValid());

        Assert.IsTrue(diff.IsEmpty);
        Assert.IsEmpty(diff.ToLines());
    }

    [TestMethod]
    public void Diff_names_both_versions()
    {
        var after = ParseValid() with { Id = "test-2022" };

        var diff = CriteriaDiff.Compare(ParseValid(), after);

        Assert.AreEqual("test-2021", diff.FromId);
        Assert.AreEqual("test-2022", diff.ToId);
    }

    [TestMethod]
    public void Version_title_and_effective_date_changes_are_listed()
    {
        var before = ParseValid();
        var after = before with { Title = "测试考核标准（2022年版）", EffectiveDate = new DateOnly(2022, 10, 1) };

        AssertLines(before, after, CriteriaChangeKind.VersionInfoChanged,
            "修改标题：测试考核标准（2021年版） → 测试考核标准（2022年版）",
            "修改生效日期：2021-10-01 → 2022-10-01");
    }

    // Dimensions

    [TestMethod]
    public void Added_dimension_is_listed()
    {
        var before = ParseValid();
        var after = before with { Dimensions = [.. before.Dimensions, new Dimension("C", "硬件设施", 10m)] };

        AssertLine(before, after, CriteriaChangeKind.DimensionAdded, "C", "新增维度 C（硬件设施，10分）");
    }

    [TestMethod]
    public void Removed_dimension_is_listed()
    {
        var before = ParseValid();
        var after = before with { Dimensions = before.Dimensions.Take(1).ToArray(), Items = before.Items.Where(i => i.DimensionCode == "A").ToArray() };

        var lines = Lines(before, after);

        CollectionAssert.Contains(lines.ToArray(), "删除维度 B（业务咨询，40分）");
    }

    [TestMethod]
    public void Reweighted_dimension_is_listed()
    {
        var before = ParseValid();
        var after = WithDimension(before, "A", d => d with { Weight = 55m });

        AssertLine(before, after, CriteriaChangeKind.DimensionReweighted, "A", "调整维度权重 A：60分 → 55分");
    }

    [TestMethod]
    public void Renamed_dimension_is_listed()
    {
        var before = ParseValid();
        var after = WithDimension(before, "B", d => d with { Name = "咨询服务" });

        AssertLine(before, after, CriteriaChangeKind.DimensionRenamed, "B", "维度更名 B：业务咨询 → 咨询服务");
    }

    [TestMethod]
    public void Reordered_dimensions_are_listed()
    {
        var before = ParseValid();
        var after = before with { Dimensions = before.Dimensions.Reverse().ToArray() };

        AssertLine(before, after, CriteriaChangeKind.DimensionsReordered, null, "调整维度顺序：A、B → B、A");
    }

    // Items

    [TestMethod]
    public void Added_item_is_listed()
    {
        var before = ParseValid();
        var added = before.FindItem("A2")! with { Id = "A5", Title = "设置母婴室", MaxPoints = 2m };
        var after = before with { Items = [.. before.Items, added] };

        AssertLine(before, after, CriteriaChangeKind.ItemAdded, "A5", "新增考核项 A5（服务内容，2分）：设置母婴室");
    }

    [TestMethod]
    public void Removed_item_is_listed()
    {
        var before = ParseValid();
        var after = before with { Items = before.Items.Where(i => i.Id != "B2").ToArray() };

        AssertLine(before, after, CriteriaChangeKind.ItemRemoved, "B2", "删除考核项 B2（业务咨询，10分）：开展政策宣讲");
    }

    [TestMethod]
    public void Reweighted_item_is_listed()
    {
        var before = ParseValid();
        var after = WithItem(before, "A2", i => i with { MaxPoints = 6m });

        AssertLine(before, after, CriteriaChangeKind.ItemReweighted, "A2", "调整分值 A2：10分 → 6分");
    }

    [TestMethod]
    public void Item_moved_to_another_dimension_is_listed()
    {
        var before = ParseValid();
        var after = WithItem(before, "A2", i => i with { DimensionCode = "B" });

        AssertLine(before, after, CriteriaChangeKind.ItemMoved, "A2", "调整所属维度 A2：A（服务内容） → B（业务咨询）");
    }

    [TestMethod]
    public void Changed_kind_is_listed_with_old_and_new_rule()
    {
        var before = ParseValid();
        var after = WithItem(before, "A2", i => i with { Rule = new DeductionRule(2m, []) });

        AssertLine(before, after, CriteriaChangeKind.ItemRuleChanged, "A2", "调整评分规则 A2：是否项（符合得满分，否则0分） → 每项扣2分");
    }

    [TestMethod]
    public void Changed_level_points_are_listed()
    {
        var before = ParseValid();
        var after = WithItem(before, "A3", i => i with { Rule = new LevelsRule([new Level("A", "全部落实", 10m), new Level("B", "基本落实", 5m), new Level("C", "未落实", 0m)]) });

        AssertLine(before, after, CriteriaChangeKind.ItemRuleChanged, "A3",
            "调整评分规则 A3：分档（A 全部落实 10分、B 基本落实 6分、C 未落实 0分） → 分档（A 全部落实 10分、B 基本落实 5分、C 未落实 0分）");
    }

    [TestMethod]
    public void Changed_deduction_is_listed()
    {
        var before = ParseValid();
        var after = WithItem(before, "A1", i => i with { Rule = new DeductionRule(4m, ["服务事项清单", "办事指南", "收费标准"]) });

        AssertLine(before, after, CriteriaChangeKind.ItemRuleChanged, "A1",
            "调整评分规则 A1：每项扣5分（服务事项清单、办事指南、收费标准） → 每项扣4分（服务事项清单、办事指南、收费标准）");
    }

    [TestMethod]
    public void Changed_bands_are_listed()
    {
        var before = ParseValid();
        var after = WithItem(before, "B1", i => i with { Rule = new TargetRule(TargetMeasure.Rate, "%", [new Band(95m, 30m), new Band(85m, 15m)], null, null) });

        AssertLine(before, after, CriteriaChangeKind.ItemRuleChanged, "B1",
            "调整评分规则 B1：比率分段（≥95% 30分、≥90% 20分、≥85% 10分） → 比率分段（≥95% 30分、≥85% 15分）");
    }

    [TestMethod]
    public void Changed_linear_range_is_listed()
    {
        var before = ParseValid();
        var after = WithItem(before, "B2", i => i with { Rule = new TargetRule(TargetMeasure.Count, "次", [], 0m, 6m) });

        AssertLine(before, after, CriteriaChangeKind.ItemRuleChanged, "B2",
            "调整评分规则 B2：计数线性（0次得0分，4次得满分） → 计数线性（0次得0分，6次得满分）");
    }

    [TestMethod]
    public void Changed_item_title_is_listed()
    {
        var before = ParseValid();
        var after = WithItem(before, "A2", i => i with { Title = "设置咨询服务台并有专人值守" });

        AssertLine(before, after, CriteriaChangeKind.ItemTitleChanged, "A2", "修改标题 A2：设置咨询服务台 → 设置咨询服务台并有专人值守");
    }

    [TestMethod]
    public void Changed_not_applicable_permission_is_listed()
    {
        var before = ParseValid();
        var after = WithItem(before, "A4", i => i with { NotApplicableAllowed = false });

        AssertLine(before, after, CriteriaChangeKind.ItemNotApplicableChanged, "A4", "调整是否允许不适用 A4：允许 → 不允许");
    }

    [TestMethod]
    public void Changed_methods_are_listed()
    {
        var before = ParseValid();
        var after = WithItem(before, "A1", i => i with { Methods = [InspectionMethod.CheckDocuments] });

        AssertLine(before, after, CriteriaChangeKind.ItemMethodsChanged, "A1", "调整考核方式 A1：查资料、看现场 → 查资料");
    }

    [TestMethod]
    public void Changed_guidance_and_evidence_are_listed()
    {
        var before = ParseValid();
        var after = WithItem(before, "A1", i => i with { Guidance = "新的考核要点", Evidence = ["服务事项清单"] });

        var diff = CriteriaDiff.Compare(before, after);

        Assert.AreEqual("修改考核要点 A1|调整佐证材料 A1：服务事项清单、现场照片 → 服务事项清单", string.Join('|', diff.ToLines()));
        Assert.AreEqual(CriteriaChangeKind.ItemGuidanceChanged, diff.Changes[0].Kind);
        Assert.AreEqual(CriteriaChangeKind.ItemEvidenceChanged, diff.Changes[1].Kind);
    }

    [TestMethod]
    public void Reordered_items_are_listed()
    {
        var before = ParseValid();
        var after = before with { Items = [before.Items[1], before.Items[0], .. before.Items.Skip(2)] };

        AssertLine(before, after, CriteriaChangeKind.ItemsReordered, null, "调整考核项顺序：A1、A2、A3、A4、B1、B2 → A2、A1、A3、A4、B1、B2");
    }

    [TestMethod]
    public void Several_changes_to_one_item_give_one_line_each()
    {
        var before = ParseValid();
        var after = WithItem(before, "A2", i => i with { MaxPoints = 12m, Title = "设置咨询台" });

        Assert.AreEqual("修改标题 A2：设置咨询服务台 → 设置咨询台|调整分值 A2：10分 → 12分", string.Join('|', Lines(before, after)));
    }

    // Vetoes

    [TestMethod]
    public void Added_veto_is_listed()
    {
        var before = ParseValid();
        var after = before with { Vetoes = [.. before.Vetoes, new VetoItem("V3", "弄虚作假", "A1")] };

        AssertLine(before, after, CriteriaChangeKind.VetoAdded, "V3", "新增否决项 V3：弄虚作假（考核项 A1 得0分时触发）");
    }

    [TestMethod]
    public void Removed_veto_is_listed()
    {
        var before = ParseValid();
        var after = before with { Vetoes = before.Vetoes.Skip(1).ToArray() };

        AssertLine(before, after, CriteriaChangeKind.VetoRemoved, "V1", "删除否决项 V1：泄露评标专家信息");
    }

    [TestMethod]
    public void Changed_veto_link_is_listed()
    {
        var before = ParseValid();
        var after = before with { Vetoes = [before.Vetoes[0], before.Vetoes[1] with { LinkedItemId = null }] };

        AssertLine(before, after, CriteriaChangeKind.VetoChanged, "V2", "调整否决项关联考核项 V2：A2 → 无");
    }

    // Grades, demonstration, re-check

    [TestMethod]
    public void Changed_grades_are_listed()
    {
        var before = ParseValid();
        var after = before with { Grades = [new GradeBand(85m, "优秀", null), .. before.Grades.Skip(1)] };

        AssertLine(before, after, CriteriaChangeKind.GradesChanged, null,
            "调整等级划分：优秀≥90、良好≥80、合格≥60、不合格≥0（30天内报送整改报告） → 优秀≥85、良好≥80、合格≥60、不合格≥0（30天内报送整改报告）");
    }

    [TestMethod]
    public void Changed_demonstration_rule_gives_one_line_per_condition()
    {
        var before = ParseValid();
        var after = before with
        {
            Demonstration = before.Demonstration with
            {
                MinTotal = 92m,
                MinDimensionShare = 0.85m,
                MinPreviousRectificationRate = null,
                Quota = 3,
                TieBreak = ["A"],
            },
        };

        AssertLines(before, after, CriteriaChangeKind.DemonstrationChanged,
            "调整示范条件 总分下限：90分 → 92分",
            "调整示范条件 各维度得分率下限：80% → 85%",
            "调整示范条件 上一周期整改完成率下限：90% → 无要求",
            "调整示范名额：2个 → 3个",
            "调整同分比较维度：B、A → A");
    }

    [TestMethod]
    public void Changed_recheck_threshold_is_listed()
    {
        var before = ParseValid();
        var after = before with { RecheckThreshold = 8m };

        AssertLine(before, after, CriteriaChangeKind.RecheckChanged, null, "调整复核阈值（自评分超出考核分）：10分 → 8分");
    }

    private static IReadOnlyList<string> Lines(CriteriaVersion before, CriteriaVersion after) => CriteriaDiff.Compare(before, after).ToLines();

    private static void AssertLine(CriteriaVersion before, CriteriaVersion after, CriteriaChangeKind kind, string? subject, string line)
    {
        var diff = CriteriaDiff.Compare(before, after);

        Assert.HasCount(1, diff.Changes, string.Join("\n", diff.ToLines()));
        Assert.AreEqual(new CriteriaChange(kind, subject, line), diff.Changes[0]);
        Assert.IsFalse(diff.IsEmpty);
    }

    private static void AssertLines(CriteriaVersion before, CriteriaVersion after, CriteriaChangeKind kind, params string[] lines)
    {
        var diff = CriteriaDiff.Compare(before, after);

        Assert.AreEqual(string.Join("\n", lines), string.Join("\n", diff.ToLines()));
        Assert.IsTrue(diff.Changes.All(c => c.Kind == kind));
    }

    private static CriteriaVersion WithItem(CriteriaVersion version, string id, Func<CriteriaItem, CriteriaItem> change) =>
        version with { Items = version.Items.Select(i => i.Id == id ? change(i) : i).ToArray() };

    private static CriteriaVersion WithDimension(CriteriaVersion version, string code, Func<Dimension, Dimension> change) =>
        version with { Dimensions = version.Dimensions.Select(d => d.Code == code ? change(d) : d).ToArray() };
}
