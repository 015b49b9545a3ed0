using System.Globalization;
using System.Text.RegularExpressions;

namespace Assessment.Scoring.Criteria;

/// <summary>Number formats, id rules and field names shared by the parser, the hasher and the diff.</summary>
internal static partial class CriteriaText
{
    /// <summary>A number as written in the criteria: invariant, exact, no trailing zeros (3.0 → "3", 0.50 → "0.5").</summary>
    public static string Number(decimal value) =>
        value == 0m ? "0" : value.ToString("0.############################", CultureInfo.InvariantCulture);

    /// <summary>Version and scheme ids: lowercase letters, digits and '-'.</summary>
    public static bool IsVersionId(string text) => VersionIdPattern().IsMatch(text);

    /// <summary>Item, veto and dimension ids: a letter, then letters, digits, '.', '-' or '_'.</summary>
    public static bool IsItemId(string text) => ItemIdPattern().IsMatch(text);

    /// <summary>"points（分值）": the key the bureau types, with what it means.</summary>
    public static string Field(string key) =>
        FieldLabels.TryGetValue(key, out var label) ? $"{key}（{label}）" : key;

    public static string List(IEnumerable<string> values) => string.Join("、", values);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex VersionIdPattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9._-]*$")]
    private static partial Regex ItemIdPattern();

    private static readonly Dictionary<string, string> FieldLabels = new(StringComparer.Ordinal)
    {
        ["id"] = "编号",
        ["scheme"] = "方案",
        ["title"] = "标题",
        ["effective"] = "生效日期",
        ["basis"] = "文件依据",
        ["dimensions"] = "维度",
        ["items"] = "考核项",
        ["vetoes"] = "否决项",
        ["grades"] = "等级",
        ["demonstration"] = "示范条件",
        ["recheck"] = "复核",
        ["code"] = "代码",
        ["name"] = "名称",
        ["weight"] = "权重",
        ["dimension"] = "所属维度",
        ["points"] = "分值",
        ["kind"] = "评分方式",
        ["guidance"] = "考核要点",
        ["methods"] = "考核方式",
        ["evidence"] = "佐证材料",
        ["na_allowed"] = "允许不适用",
        ["levels"] = "档次",
        ["label"] = "档次说明",
        ["per_defect"] = "每项扣分",
        ["defects"] = "扣分清单",
        ["measure"] = "计量方式",
        ["unit"] = "单位",
        ["bands"] = "分段",
        ["linear"] = "线性计分",
        ["min"] = "下限",
        ["zero_at"] = "零分点",
        ["full_at"] = "满分点",
        ["item"] = "关联考核项",
        ["rectification_report_days"] = "整改报告期限（天）",
        ["min_total"] = "总分下限",
        ["min_dimension_share"] = "各维度得分率下限",
        ["min_previous_rectification_rate"] = "上一周期整改完成率下限",
        ["quota"] = "名额",
        ["tie_break"] = "同分比较维度",
        ["self_exceeds_inspection_by"] = "自评分超出考核分的阈值",
    };
}
