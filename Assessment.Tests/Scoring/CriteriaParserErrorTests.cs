using Assessment.Scoring.Criteria;
using static Assessment.Tests.Scoring.CriteriaYamlFixtures;

namespace Assessment.Tests.Scoring;

/// <summary>
/// One test per kind of mistake in a criteria file: each breaks the valid fixture in one place and checks
/// the error names the line, the item (when there is one) and what is wrong.
/// </summary>
[TestClass]
public sealed class CriteriaParserErrorTests
{
    // YAML syntax

    [TestMethod]
    public void Yaml_syntax_error_is_reported_with_its_line()
    {
        var yaml = Valid.Edit("    title: 设置咨询服务台\n", "    title: 设置咨询服务台\n      guidance: 缩进错误\n");

        var error = AssertReports(yaml, "      guidance: 缩进错误", null, "YAML 语法错误");
        Assert.AreEqual(1, Errors(yaml).Count, "After a syntax error nothing else can be checked.");
        StringAssert.StartsWith(error.ToString(), $"{FileName}:{yaml.LineOf("缩进错误")}: YAML 语法错误");
    }

    [TestMethod]
    public void Duplicate_key_is_reported_in_chinese_with_its_line()
    {
        var yaml = Valid.Edit("    title: 设置咨询服务台\n", "    title: 设置咨询服务台\n    title: 又一个标题\n");

        AssertReports(yaml, "title: 又一个标题", null, "重复的字段“title”");
    }

    [TestMethod]
    public void Tab_indentation_is_reported_in_chinese()
    {
        var yaml = Valid.Edit("    title: 设置咨询服务台\n", "    title: 设置咨询服务台\n\tkind: yes_no\n");

        AssertReports(yaml, Valid.LineOf("title: 设置咨询服务台"), null, "缩进不能使用 Tab");
    }

    [TestMethod]
    public void Unclosed_bracket_is_reported_as_a_syntax_error()
    {
        var yaml = Valid.Edit("    methods: [查资料, 暗访]", "    methods: [查资料, 暗访");

        var errors = Errors(yaml);

        Assert.HasCount(1, errors);
        StringAssert.Contains(errors[0].Message, "YAML 语法错误");
        Assert.IsGreaterThan(0, errors[0].Line);
    }

    [TestMethod]
    public void Empty_file_is_reported()
    {
        var errors = Errors("# 只有注释\n");

        StringAssert.Contains(errors[0].Message, "文件为空");
    }

    [TestMethod]
    public void Two_documents_in_one_file_are_reported()
    {
        var yaml = Valid + "---\nid: other\n";

        AssertReports(yaml, "id: other", null, "只能包含一个考核标准版本");
    }

    [TestMethod]
    public void Top_level_list_instead_of_mapping_is_reported()
    {
        AssertReports("- id: test\n", "- id: test", null, "顶层应为映射");
    }

    // Required fields and types

    [TestMethod]
    public void Missing_item_field_is_reported_on_the_item_with_its_id()
    {
        var yaml = Valid.Edit("    title: 设置咨询服务台\n", "");

        AssertReports(yaml, "  - id: A2", "A2", "缺少必填字段 title（标题）");
    }

    [TestMethod]
    public void Missing_top_level_field_is_reported()
    {
        var yaml = Valid.Edit("basis: 单元测试\n", "");

        AssertReports(yaml, "id: test-2021", null, "缺少必填字段 basis（文件依据）");
    }

    [TestMethod]
    public void Empty_required_value_is_reported()
    {
        var yaml = Valid.Edit("title: 测试考核标准（2021年版）", "title:");

        AssertReports(yaml, Valid.LineOf("title: 测试考核标准"), null, "title（标题）不能为空");
    }

    [TestMethod]
    public void Text_where_a_number_is_expected_is_reported()
    {
        var yaml = Valid.Edit("    title: 落实一次性告知制度\n    points: 10", "    title: 落实一次性告知制度\n    points: 十分");

        AssertReports(yaml, "points: 十分", "A3", "points（分值）应为数字", "十分");
    }

    [TestMethod]
    public void Quoted_number_is_text_and_reported()
    {
        var yaml = Valid.Edit("weight: 40}", "weight: \"40\"}");

        AssertReports(yaml, "name: 业务咨询", null, "weight（权重）应为数字");
    }

    [TestMethod]
    public void Malformed_date_is_reported()
    {
        var yaml = Valid.Edit("effective: 2021-10-01", "effective: 2021/10/01");

        AssertReports(yaml, "effective:", null, "effective（生效日期）应为日期");
    }

    [TestMethod]
    public void Single_value_where_a_list_is_expected_is_reported()
    {
        var yaml = Valid.Edit("    methods: [看现场]\n    evidence: [现场照片]\n    na_allowed: true", "    methods: 看现场\n    evidence: [现场照片]\n    na_allowed: true");

        AssertReports(yaml, "methods: 看现场", "A4", "methods（考核方式）应为列表");
    }

    [TestMethod]
    public void Fraction_where_a_whole_number_is_expected_is_reported()
    {
        var yaml = Valid.Edit("quota: 2", "quota: 2.5");

        AssertReports(yaml, "quota: 2.5", null, "quota（名额）应为整数");
    }

    [TestMethod]
    public void Flag_other_than_true_or_false_is_reported()
    {
        var yaml = Valid.Edit("na_allowed: true", "na_allowed: 是");

        AssertReports(yaml, "na_allowed: 是", "A4", "应为 true 或 false");
    }

    [TestMethod]
    public void List_where_a_text_is_expected_is_reported()
    {
        var yaml = Valid.Edit("guidance: 每缺一项扣5分。", "guidance: [每缺一项扣5分。]");

        AssertReports(yaml, "guidance:", "A1", "guidance（考核要点）应为单个值，不能是列表或映射");
    }

    // Unknown keys and ids

    [TestMethod]
    public void Unknown_top_level_key_is_reported()
    {
        var yaml = Valid.Edit("basis: 单元测试\n", "basis: 单元测试\nauthor: 张三\n");

        AssertReports(yaml, "author: 张三", null, "未知字段“author”");
    }

    [TestMethod]
    public void Misspelt_item_key_is_reported_on_the_item()
    {
        var yaml = Valid.Edit("    guidance: 每缺一项扣5分。", "    guidence: 每缺一项扣5分。");

        AssertReports(yaml, "guidence:", "A1", "未知字段“guidence”");
    }

    [TestMethod]
    public void Version_id_with_capitals_or_underscores_is_reported()
    {
        var yaml = Valid.Edit("id: test-2021", "id: Test_2021");

        AssertReports(yaml, "id: Test_2021", null, "id（编号）“Test_2021”格式不正确");
    }

    [TestMethod]
    public void Scheme_id_with_spaces_is_reported()
    {
        var yaml = Valid.Edit("scheme: test", "scheme: qh demo");

        AssertReports(yaml, "scheme: qh demo", null, "scheme（方案）“qh demo”格式不正确");
    }

    [TestMethod]
    public void Item_id_not_starting_with_a_letter_is_reported()
    {
        var yaml = Valid.Edit("  - id: A2", "  - id: 2A");

        AssertReports(yaml, "  - id: 2A", "2A", "考核项编号“2A”格式不正确");
    }

    // Dimensions and points

    [TestMethod]
    public void Weights_not_adding_up_to_100_is_reported_with_the_line()
    {
        var yaml = Valid.Edit("weight: 40}", "weight: 35}");

        AssertReports(yaml, "dimensions:", null, "维度权重之和为95，应为100");
    }

    [TestMethod]
    public void Duplicate_dimension_code_is_reported()
    {
        var yaml = Valid.Edit("{code: B, name: 业务咨询", "{code: A, name: 业务咨询");

        AssertReports(yaml, "name: 业务咨询", null, "维度代码 A 重复", $"第{Valid.LineOf("name: 服务内容")}行");
    }

    [TestMethod]
    public void Item_points_over_its_dimension_weight_are_reported()
    {
        var yaml = Valid.Edit("    title: 开展政策宣讲\n    points: 10", "    title: 开展政策宣讲\n    points: 50");

        AssertReports(yaml, "points: 50", "B2", "分值50超过所属维度 B 的权重40");
    }

    [TestMethod]
    public void Items_over_their_dimension_weight_are_reported_with_the_excess()
    {
        var yaml = Valid.Edit("    title: 设置咨询服务台\n    points: 10", "    title: 设置咨询服务台\n    points: 12");

        AssertReports(yaml, "name: 服务内容", null, "维度 A（服务内容）的考核项分值合计为62，比权重60多2分");
    }

    [TestMethod]
    public void Items_under_their_dimension_weight_are_reported_with_the_shortfall()
    {
        var yaml = Valid.Edit("    title: 设置咨询服务台\n    points: 10", "    title: 设置咨询服务台\n    points: 7.5");

        AssertReports(yaml, "name: 服务内容", null, "合计为57.5，比权重60少2.5分");
    }

    [TestMethod]
    public void Points_of_zero_are_reported()
    {
        var yaml = Valid.Edit("    title: 设置咨询服务台\n    points: 10", "    title: 设置咨询服务台\n    points: 0");

        AssertReports(yaml, Valid.LineOf("title: 设置咨询服务台") + 1, "A2", "points（分值）应大于0");
    }

    [TestMethod]
    public void Duplicate_item_id_is_reported_with_the_first_line()
    {
        var yaml = Valid.Edit("  - id: A2", "  - id: A1");

        AssertReports(yaml, Valid.LineOf("  - id: A2"), "A1", "考核项编号 A1 重复", $"第{Valid.LineOf("  - id: A1")}行");
    }

    [TestMethod]
    public void Unknown_dimension_is_reported_with_the_known_ones()
    {
        var yaml = Valid.Edit("  - id: A2\n    dimension: A", "  - id: A2\n    dimension: Z");

        AssertReports(yaml, "dimension: Z", "A2", "所属维度“Z”不存在", "A、B");
    }

    [TestMethod]
    public void Dimension_without_items_is_reported()
    {
        var yaml = Valid
            .Edit("weight: 40}", "weight: 30}\n  - {code: C, name: 硬件设施, weight: 10}");

        AssertReports(yaml, "name: 硬件设施", null, "维度 C（硬件设施）没有考核项");
    }

    [TestMethod]
    public void Dimension_whose_items_all_allow_not_applicable_is_reported()
    {
        var yaml = Valid
            .Edit("    evidence: [问卷统计表]\n", "    evidence: [问卷统计表]\n    na_allowed: true\n")
            .Edit("    evidence: [培训通知, 签到表]\n", "    evidence: [培训通知, 签到表]\n    na_allowed: true\n");

        AssertReports(yaml, "name: 业务咨询", null, "维度 B（业务咨询）的考核项全部允许不适用");
    }

    // Kinds and their parameters

    [TestMethod]
    public void Unknown_kind_is_reported()
    {
        var yaml = Valid.Edit("    points: 10\n    kind: yes_no", "    points: 10\n    kind: graded");

        AssertReports(yaml, "kind: graded", "A2", "未知的评分方式“graded”");
    }

    [TestMethod]
    public void Parameter_of_another_kind_is_reported()
    {
        var yaml = Valid.Edit("    points: 10\n    kind: yes_no\n", "    points: 10\n    kind: yes_no\n    per_defect: 1\n");

        AssertReports(yaml, "per_defect: 1", "A2", "per_defect（每项扣分）只用于 kind: deduction，本项的评分方式为 yes_no");
    }

    [TestMethod]
    public void Levels_item_without_levels_is_reported()
    {
        var yaml = Valid.Edit("""
                levels:
                  - {code: A, label: 全部落实, points: 10}
                  - {code: B, label: 基本落实, points: 6}
                  - {code: C, label: 未落实, points: 0}

            """, "");

        AssertReports(yaml, "  - id: A3", "A3", "缺少必填字段 levels（档次）");
    }

    [TestMethod]
    public void Levels_item_with_a_single_level_is_reported()
    {
        var yaml = Valid
            .Edit("      - {code: B, label: 基本落实, points: 6}\n", "")
            .Edit("      - {code: C, label: 未落实, points: 0}\n", "");

        AssertReports(yaml, "    levels:", "A3", "至少要有2个档次，实际为1个");
    }

    [TestMethod]
    public void Duplicate_level_code_is_reported()
    {
        var yaml = Valid.Edit("{code: B, label: 基本落实", "{code: A, label: 基本落实");

        AssertReports(yaml, "基本落实", "A3", "档次代码“A”重复");
    }

    [TestMethod]
    public void Level_points_above_the_item_points_are_reported()
    {
        var yaml = Valid.Edit("label: 基本落实, points: 6}", "label: 基本落实, points: 12}");

        AssertReports(yaml, "基本落实", "A3", "档次 B 的分值12超出范围：应在0到10之间");
    }

    [TestMethod]
    public void Levels_without_a_full_points_level_are_reported()
    {
        var yaml = Valid.Edit("label: 全部落实, points: 10}", "label: 全部落实, points: 9}");

        AssertReports(yaml, "    levels:", "A3", "没有满分档次：至少要有一个档次为10分");
    }

    [TestMethod]
    public void Deduction_per_defect_of_zero_is_reported()
    {
        var yaml = Valid.Edit("per_defect: 5", "per_defect: 0");

        AssertReports(yaml, "per_defect: 0", "A1", "per_defect（每项扣分）应大于0");
    }

    [TestMethod]
    public void Duplicate_defect_is_reported()
    {
        var yaml = Valid.Edit("defects: [服务事项清单, 办事指南, 收费标准]", "defects: [服务事项清单, 办事指南, 办事指南]");

        AssertReports(yaml, "defects:", "A1", "“办事指南”重复");
    }

    [TestMethod]
    public void Unknown_target_measure_is_reported()
    {
        var yaml = Valid.Edit("measure: rate", "measure: ratio");

        AssertReports(yaml, "measure: ratio", "B1", "未知的计量方式“ratio”");
    }

    [TestMethod]
    public void Target_with_both_bands_and_linear_is_reported()
    {
        var yaml = Valid.Edit("    measure: rate\n", "    measure: rate\n    linear: {zero_at: 0, full_at: 100}\n");

        AssertReports(yaml, "full_at: 100", "B1", "只能二选一");
    }

    [TestMethod]
    public void Target_with_neither_bands_nor_linear_is_reported()
    {
        var yaml = Valid.Edit("    linear: {zero_at: 0, full_at: 4}\n", "");

        AssertReports(yaml, "  - id: B2", "B2", "须有 bands（分段）或 linear（线性计分）之一");
    }

    [TestMethod]
    public void Band_points_above_the_item_points_are_reported()
    {
        var yaml = Valid.Edit("{min: 85, points: 10}", "{min: 85, points: 40}");

        AssertReports(yaml, "min: 85", "B1", "分值40超出范围：应在0到30之间");
    }

    [TestMethod]
    public void Bands_without_a_full_points_band_are_reported()
    {
        var yaml = Valid.Edit("{min: 95, points: 30}", "{min: 95, points: 25}");

        AssertReports(yaml, "    bands:", "B1", "没有满分分段：至少要有一段为30分");
    }

    [TestMethod]
    public void Duplicate_band_minimum_is_reported()
    {
        var yaml = Valid.Edit("{min: 85, points: 10}", "{min: 90, points: 10}");

        AssertReports(yaml, "{min: 90, points: 20}", "B1", "分段下限90重复");
    }

    [TestMethod]
    public void Rate_band_minimum_above_100_is_reported()
    {
        var yaml = Valid.Edit("{min: 85, points: 10}", "{min: 120, points: 10}");

        AssertReports(yaml, "min: 120", "B1", "min（下限）应在0到100之间，实际为120");
    }

    [TestMethod]
    public void Linear_with_zero_at_equal_to_full_at_is_reported()
    {
        var yaml = Valid.Edit("{zero_at: 0, full_at: 4}", "{zero_at: 4, full_at: 4}");

        AssertReports(yaml, "zero_at: 4", "B2", "zero_at（零分点）与 full_at（满分点）不能相等");
    }

    // Methods and evidence

    [TestMethod]
    public void Unknown_method_is_reported_with_the_allowed_ones()
    {
        var yaml = Valid.Edit("methods: [查资料, 看现场]", "methods: [查资料, 看看]");

        AssertReports(yaml, "看看", "A1", "未知的考核方式“看看”", "听汇报、查资料、看现场、开座谈会、系统抽查、暗访");
    }

    [TestMethod]
    public void Empty_methods_are_reported()
    {
        var yaml = Valid.Edit("    methods: [看现场]\n    evidence: [现场照片]\n  - id: A3", "    methods: []\n    evidence: [现场照片]\n  - id: A3");

        AssertReports(yaml, "methods: []", "A2", "methods（考核方式）至少要有一种");
    }

    [TestMethod]
    public void Empty_evidence_is_reported()
    {
        var yaml = Valid.Edit("evidence: [培训通知, 签到表]", "evidence: []");

        AssertReports(yaml, "evidence: []", "B2", "evidence（佐证材料）至少要列出一项");
    }

    // Vetoes

    [TestMethod]
    public void Duplicate_veto_id_is_reported()
    {
        var yaml = Valid.Edit("  - id: V2", "  - id: V1");

        AssertReports(yaml, Valid.LineOf("  - id: V2"), "V1", "否决项编号 V1 重复");
    }

    [TestMethod]
    public void Veto_id_equal_to_an_item_id_is_reported()
    {
        var yaml = Valid.Edit("  - id: V1", "  - id: B2");

        AssertReports(yaml, Valid.LineOf("  - id: V1"), "B2", "否决项编号 B2 与考核项编号相同");
    }

    [TestMethod]
    public void Veto_linked_to_an_unknown_item_is_reported()
    {
        var yaml = Valid.Edit("    item: A2", "    item: Z9");

        AssertReports(yaml, "item: Z9", "V2", "关联考核项“Z9”不存在");
    }

    // Grades, demonstration, re-check

    [TestMethod]
    public void Duplicate_grade_minimum_is_reported()
    {
        var yaml = Valid.Edit("{min: 80, name: 良好}", "{min: 60, name: 良好}");

        AssertReports(yaml, "name: 良好", null, "等级分数下限60重复");
    }

    [TestMethod]
    public void Lowest_grade_not_starting_at_zero_is_reported()
    {
        var yaml = Valid.Edit("{min: 0, name: 不合格", "{min: 10, name: 不合格");

        AssertReports(yaml, "grades:", null, "最低等级的分数下限应为0", "实际为10");
    }

    [TestMethod]
    public void Duplicate_grade_name_is_reported()
    {
        var yaml = Valid.Edit("{min: 80, name: 良好}", "{min: 80, name: 合格}");

        AssertReports(yaml, "{min: 80, name: 合格}", null, "等级名称“合格”重复");
    }

    [TestMethod]
    public void Demonstration_minimum_total_above_100_is_reported()
    {
        var yaml = Valid.Edit("min_total: 90", "min_total: 120");

        AssertReports(yaml, "min_total: 120", null, "min_total（总分下限）应在0到100之间");
    }

    [TestMethod]
    public void Demonstration_dimension_share_above_1_is_reported()
    {
        var yaml = Valid.Edit("min_dimension_share: 0.8", "min_dimension_share: 80");

        AssertReports(yaml, "min_dimension_share: 80", null, "min_dimension_share（各维度得分率下限）应在0到1之间");
    }

    [TestMethod]
    public void Tie_break_naming_an_unknown_dimension_is_reported()
    {
        var yaml = Valid.Edit("tie_break: [B, A]", "tie_break: [B, Z]");

        AssertReports(yaml, "tie_break:", null, "维度“Z”不存在");
    }

    [TestMethod]
    public void Demonstration_quota_below_1_is_reported()
    {
        var yaml = Valid.Edit("quota: 2", "quota: 0");

        AssertReports(yaml, "quota: 0", null, "quota（名额）应至少为1");
    }

    [TestMethod]
    public void Negative_recheck_threshold_is_reported()
    {
        var yaml = Valid.Edit("self_exceeds_inspection_by: 10", "self_exceeds_inspection_by: -1");

        AssertReports(yaml, "self_exceeds_inspection_by: -1", null, "不能小于0");
    }

    // All errors at once

    [TestMethod]
    public void A_file_with_many_errors_reports_all_of_them_in_line_order()
    {
        var yaml = Valid
            .Edit("effective: 2021-10-01", "effective: 十月一日")
            .Edit("weight: 40}", "weight: 35}")
            .Edit("    guidance: 每缺一项扣5分。", "    guidence: 每缺一项扣5分。")
            .Edit("    points: 10\n    kind: yes_no", "    points: 10\n    kind: graded")
            .Edit("label: 全部落实, points: 10}", "label: 全部落实, points: 9}")
            .Edit("measure: rate", "measure: ratio")
            .Edit("    item: A2", "    item: Z9")
            .Edit("quota: 2", "quota: 0");

        var errors = Errors(yaml);

        string[] expected =
        [
            $"{yaml.LineOf("effective:")}: effective（生效日期）应为日期",
            $"{yaml.LineOf("dimensions:")}: 维度权重之和为95",
            $"{yaml.LineOf("guidence:")}: A1: 考核项中有未知字段“guidence”",
            $"{yaml.LineOf("kind: graded")}: A2: 未知的评分方式",
            $"{yaml.LineOf("    levels:")}: A3: 没有满分档次",
            $"{yaml.LineOf("measure: ratio")}: B1: 未知的计量方式",
            $"{yaml.LineOf("item: Z9")}: V2: 关联考核项“Z9”不存在",
            $"{yaml.LineOf("quota: 0")}: quota（名额）应至少为1",
        ];
        var texts = errors.Select(e => e.ToString()).ToArray();
        foreach (var part in expected)
        {
            Assert.IsTrue(texts.Any(t => t.StartsWith($"{FileName}:{part}", StringComparison.Ordinal)), $"Missing “{part}” in:\n{string.Join("\n", texts)}");
        }

        CollectionAssert.AreEqual(errors.OrderBy(e => e.Line).ToArray(), errors.ToArray(), "Errors come in line order.");
    }
}
