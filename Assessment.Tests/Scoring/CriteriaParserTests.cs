using Assessment.Scoring.Criteria;

namespace Assessment.Tests.Scoring;

/// <summary>How a valid criteria file becomes the model.</summary>
[TestClass]
public sealed class CriteriaParserTests
{
    [TestMethod]
    public void Valid_file_is_read_into_the_model()
    {
        var result = CriteriaParser.Parse(CriteriaYamlFixtures.Valid, CriteriaYamlFixtures.FileName);

        Assert.IsEmpty(result.Errors, string.Join("\n", result.Errors));
        Assert.IsTrue(result.IsValid);
        var version = result.Version!;
        Assert.AreEqual("test-2021", version.Id);
        Assert.AreEqual("test", version.Scheme);
        Assert.AreEqual("测试考核标准（2021年版）", version.Title);
        Assert.AreEqual(new DateOnly(2021, 10, 1), version.EffectiveDate);
        Assert.AreEqual("单元测试", version.Basis);
        Assert.AreEqual(CriteriaYamlFixtures.FileName, version.SourcePath);
        CollectionAssert.AreEqual(new[] { new Dimension("A", "服务内容", 60m), new Dimension("B", "业务咨询", 40m) }, version.Dimensions.ToArray());
        Assert.AreEqual("A1 A2 A3 A4 B1 B2", string.Join(' ', version.Items.Select(i => i.Id)));
        Assert.AreEqual(10m, version.RecheckThreshold);
    }

    [TestMethod]
    public void Item_fields_are_mapped_including_methods_and_defaults()
    {
        var version = CriteriaYamlFixtures.ParseValid();

        var a1 = version.FindItem("A1")!;
        Assert.AreEqual("公布服务事项清单和办事指南", a1.Title);
        Assert.AreEqual("A", a1.DimensionCode);
        Assert.AreEqual(20m, a1.MaxPoints);
        Assert.AreEqual("每缺一项扣5分。", a1.Guidance);
        Assert.AreEqual("CheckDocuments SeeSite", string.Join(' ', a1.Methods));
        Assert.AreEqual("服务事项清单 现场照片", string.Join(' ', a1.Evidence));
        Assert.IsFalse(a1.NotApplicableAllowed);
        Assert.AreEqual("", version.FindItem("A2")!.Guidance);
        Assert.IsTrue(version.FindItem("A4")!.NotApplicableAllowed);
    }

    [TestMethod]
    public void Each_kind_becomes_its_rule()
    {
        var version = CriteriaYamlFixtures.ParseValid();

        Assert.AreEqual(new DeductionRule(5m, ["服务事项清单", "办事指南", "收费标准"]), version.FindItem("A1")!.Rule);
        Assert.IsInstanceOfType<YesNoRule>(version.FindItem("A2")!.Rule);
        var levels = (LevelsRule)version.FindItem("A3")!.Rule;
        CollectionAssert.AreEqual(new[] { new Level("A", "全部落实", 10m), new Level("B", "基本落实", 6m), new Level("C", "未落实", 0m) }, levels.Levels.ToArray());
        var linear = (TargetRule)version.FindItem("B2")!.Rule;
        Assert.IsTrue(linear.IsLinear);
        Assert.AreEqual(TargetMeasure.Count, linear.Measure);
        Assert.AreEqual(0m, linear.ZeroAt);
        Assert.AreEqual(4m, linear.FullAt);
    }

    [TestMethod]
    public void Bands_are_sorted_highest_minimum_first()
    {
        var bands = (TargetRule)CriteriaYamlFixtures.ParseValid().FindItem("B1")!.Rule;

        Assert.AreEqual(TargetMeasure.Rate, bands.Measure);
        CollectionAssert.AreEqual(new[] { new Band(95m, 30m), new Band(90m, 20m), new Band(85m, 10m) }, bands.Bands.ToArray());
    }

    [TestMethod]
    public void Unit_defaults_to_percent_for_rates_and_times_for_counts()
    {
        var version = CriteriaYamlFixtures.ParseValid();

        Assert.AreEqual("%", ((TargetRule)version.FindItem("B1")!.Rule).Unit);
        Assert.AreEqual("次", ((TargetRule)version.FindItem("B2")!.Rule).Unit);
    }

    [TestMethod]
    public void An_explicit_unit_is_kept()
    {
        var yaml = CriteriaYamlFixtures.Valid.Edit("    measure: count\n", "    measure: count\n    unit: 场\n");

        Assert.AreEqual("场", ((TargetRule)CriteriaYamlFixtures.ParseValid(yaml).FindItem("B2")!.Rule).Unit);
    }

    [TestMethod]
    public void Grades_are_sorted_highest_minimum_first()
    {
        var grades = CriteriaYamlFixtures.ParseValid().Grades;

        CollectionAssert.AreEqual(
            new[] { new GradeBand(90m, "优秀", null), new GradeBand(80m, "良好", null), new GradeBand(60m, "合格", null), new GradeBand(0m, "不合格", 30) },
            grades.ToArray());
    }

    [TestMethod]
    public void Vetoes_and_demonstration_rule_are_read()
    {
        var version = CriteriaYamlFixtures.ParseValid();

        CollectionAssert.AreEqual(new[] { new VetoItem("V1", "泄露评标专家信息", null), new VetoItem("V2", "发生重大网络安全事件", "A2") }, version.Vetoes.ToArray());
        var demonstration = version.Demonstration;
        Assert.AreEqual(90m, demonstration.MinTotal);
        Assert.AreEqual(0.8m, demonstration.MinDimensionShare);
        Assert.AreEqual(90m, demonstration.MinPreviousRectificationRate);
        Assert.AreEqual(2, demonstration.Quota);
        Assert.AreEqual("B A", string.Join(' ', demonstration.TieBreak));
    }

    [TestMethod]
    public void Optional_sections_and_fields_may_be_left_out()
    {
        var yaml = CriteriaYamlFixtures.Valid
            .Edit("  min_previous_rectification_rate: 90\n", "")
            .Edit("  tie_break: [B, A]\n", "")
            .Edit("""
                vetoes:
                  - id: V1
                    title: 泄露评标专家信息
                  - id: V2
                    title: 发生重大网络安全事件
                    item: A2

                """, "");

        var version = CriteriaYamlFixtures.ParseValid(yaml);

        Assert.IsEmpty(version.Vetoes);
        Assert.IsNull(version.Demonstration.MinPreviousRectificationRate);
        Assert.IsEmpty(version.Demonstration.TieBreak);
    }

    [TestMethod]
    public void Decimals_are_read_with_the_invariant_culture_whatever_the_current_culture()
    {
        var original = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            var version = CriteriaYamlFixtures.ParseValid();

            Assert.AreEqual(0.8m, version.Demonstration.MinDimensionShare);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = original;
        }
    }

    [TestMethod]
    public void Parse_sets_the_content_hash()
    {
        var version = CriteriaYamlFixtures.ParseValid();

        Assert.AreEqual(CriteriaHasher.Compute(version), version.ContentHash);
        StringAssert.StartsWith(version.ContentHash, "sha256:");
    }

    [TestMethod]
    public void Error_text_names_file_line_and_item()
    {
        var error = new CriteriaError("criteria/qh-demo-2021.yaml", 42, "A3", "分值应大于0");

        Assert.AreEqual("criteria/qh-demo-2021.yaml:42: A3: 分值应大于0", error.ToString());
        Assert.AreEqual("criteria/qh-demo-2021.yaml:7: 维度权重之和为95，应为100", new CriteriaError("criteria/qh-demo-2021.yaml", 7, null, "维度权重之和为95，应为100").ToString());
    }
}
