using Assessment.Web.Persistence;

namespace Assessment.Web.Demo;

/// <summary>
/// The fixed part of the demo: Qinghai's administrative divisions, the eight trading centers of the 2021
/// circular (青政务〔2022〕3号), the two cycles and the demo accounts. Names and division codes are real;
/// contact persons, telephone numbers and addresses are invented and marked （演示）. Telephone numbers use
/// the real area codes with a local number starting with 0, which no real line in China has.
/// </summary>
internal static class DemoData
{
    public const string DemoMark = "（演示）";

    public static IReadOnlyList<DemoRegion> Regions { get; } =
    [
        new("630000", "青海省", RegionLevel.Province, null),
        new("630100", "西宁市", RegionLevel.Prefecture, "630000"),
        new("630200", "海东市", RegionLevel.Prefecture, "630000"),
        new("632200", "海北藏族自治州", RegionLevel.Prefecture, "630000"),
        new("632300", "黄南藏族自治州", RegionLevel.Prefecture, "630000"),
        new("632500", "海南藏族自治州", RegionLevel.Prefecture, "630000"),
        new("632600", "果洛藏族自治州", RegionLevel.Prefecture, "630000"),
        new("632700", "玉树藏族自治州", RegionLevel.Prefecture, "630000"),
        new("632800", "海西蒙古族藏族自治州", RegionLevel.Prefecture, "630000"),
        new("632801", "格尔木市", RegionLevel.County, "632800"),
    ];

    // In the province's customary order (西宁、海东、海北、黄南、海南、玉树、海西, then 格尔木).
    public static IReadOnlyList<DemoCenter> Centers { get; } =
    [
        new("QH-XN", "西宁市公共资源交易中心", "西宁市", "630100", CenterLevel.Prefecture, "张伟" + DemoMark, "0971-0100101", "西宁市城北区" + DemoMark),
        new("QH-HD", "海东市公共资源交易中心", "海东市", "630200", CenterLevel.Prefecture, "李娜" + DemoMark, "0972-0100102", "海东市平安区" + DemoMark),
        new("QH-HB", "海北州公共资源交易中心", "海北州", "632200", CenterLevel.Prefecture, "王芳" + DemoMark, "0970-0100103", "海晏县西海镇" + DemoMark),
        new("QH-HUN", "黄南州公共资源交易中心", "黄南州", "632300", CenterLevel.Prefecture, "刘洋" + DemoMark, "0973-0100104", "同仁市" + DemoMark),
        new("QH-HAN", "海南州公共资源交易中心", "海南州", "632500", CenterLevel.Prefecture, "陈静" + DemoMark, "0974-0100105", "共和县恰卜恰镇" + DemoMark),
        new("QH-YS", "玉树州公共资源交易中心", "玉树州", "632700", CenterLevel.Prefecture, "杨帆" + DemoMark, "0976-0100106", "玉树市" + DemoMark),
        new("QH-HX", "海西州公共资源交易中心", "海西州", "632800", CenterLevel.Prefecture, "赵磊" + DemoMark, "0977-0100107", "德令哈市" + DemoMark),
        new("QH-GEM", "格尔木市公共资源交易中心", "格尔木市", "632801", CenterLevel.County, "马丽" + DemoMark, "0979-0100108", "格尔木市昆仑路" + DemoMark),
    ];

    public static DemoCenter Center(string code) => Centers.First(c => c.Code == code);

    public static DemoCycle Cycle2021 { get; } = new(
        2021,
        "2021年度“青海省创建示范公共资源交易中心”考评",
        "qh-demo-2021",
        new DateOnly(2021, 10, 18), // the circular: 2021年10月18日至2021年12月17日
        new DateOnly(2021, 12, 17),
        CycleStatus.UnderReview);

    // The 2022 schedule is invented for the demo (the circular covers 2021 only).
    public static DemoCycle Cycle2022 { get; } = new(
        2022,
        "2022年度“青海省创建示范公共资源交易中心”考评",
        "qh-demo-2022",
        new DateOnly(2022, 10, 17),
        new DateOnly(2022, 12, 16),
        CycleStatus.Open);

    /// <summary>
    /// One account per role, plus a second inspector and two centers' staff. The passwords are public
    /// (README, section "Demo accounts"): the demo seed only writes into an empty database.
    /// </summary>
    public static IReadOnlyList<DemoAccount> Accounts { get; } =
    [
        new("admin", "Qinghai-Admin-2021", "省局管理员" + DemoMark, Roles.BureauAdmin, null),
        new("inspector.wang", "Qinghai-Inspector-1", "王建国" + DemoMark, Roles.Inspector, null),
        new("inspector.li", "Qinghai-Inspector-2", "李海燕" + DemoMark, Roles.Inspector, null),
        new("haibei", "Haibei-Center-2021", "海北州中心工作人员" + DemoMark, Roles.CenterStaff, "QH-HB"),
        new("xining", "Xining-Center-2021", "西宁市中心工作人员" + DemoMark, Roles.CenterStaff, "QH-XN"),
        new("analyst", "Qinghai-Analyst-2021", "数据分析员" + DemoMark, Roles.Analyst, null),
    ];

    public const string Admin = "admin";
    public const string InspectorWang = "inspector.wang";
    public const string InspectorLi = "inspector.li";
}

internal sealed record DemoRegion(string Code, string Name, RegionLevel Level, string? ParentCode);

/// <param name="ShortName">As the circular names it in running text: 海北州, 格尔木市.</param>
internal sealed record DemoCenter(
    string Code, string Name, string ShortName, string RegionCode, CenterLevel Level, string Contact, string Phone, string Address);

internal sealed record DemoCycle(int Year, string Title, string CriteriaId, DateOnly Start, DateOnly End, CycleStatus Status);

/// <param name="CenterCode">The center a center-staff account works for.</param>
internal sealed record DemoAccount(string UserName, string Password, string DisplayName, string Role, string? CenterCode);
