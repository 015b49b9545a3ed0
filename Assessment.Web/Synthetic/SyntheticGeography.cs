using System.Globalization;
using Assessment.Web.Persistence;

namespace Assessment.Web.Synthetic;

/// <summary>
/// The region tree and the centers of a synthetic dataset: the 31 provincial-level divisions with their real
/// codes and names, prefectures and counties with names made from syllables (e.g. 嘉川市, 永泽县) and codes in the
/// GB/T 2260 pattern (<c>PPCCDD</c>), and the centers spread over the provinces — one provincial center each,
/// then a center per prefecture and per county. Contacts, telephone numbers and addresses are invented.
/// </summary>
internal static class SyntheticGeography
{
    private static readonly (string Code, string Name, string Short)[] Provinces =
    [
        ("11", "北京市", "京"), ("12", "天津市", "津"), ("13", "河北省", "冀"), ("14", "山西省", "晋"), ("15", "内蒙古自治区", "蒙"),
        ("21", "辽宁省", "辽"), ("22", "吉林省", "吉"), ("23", "黑龙江省", "黑"), ("31", "上海市", "沪"), ("32", "江苏省", "苏"),
        ("33", "浙江省", "浙"), ("34", "安徽省", "皖"), ("35", "福建省", "闽"), ("36", "江西省", "赣"), ("37", "山东省", "鲁"),
        ("41", "河南省", "豫"), ("42", "湖北省", "鄂"), ("43", "湖南省", "湘"), ("44", "广东省", "粤"), ("45", "广西壮族自治区", "桂"),
        ("46", "海南省", "琼"), ("50", "重庆市", "渝"), ("51", "四川省", "川"), ("52", "贵州省", "黔"), ("53", "云南省", "滇"),
        ("54", "西藏自治区", "藏"), ("61", "陕西省", "陕"), ("62", "甘肃省", "甘"), ("63", "青海省", "青"), ("64", "宁夏回族自治区", "宁"),
        ("65", "新疆维吾尔自治区", "新"),
    ];

    private const string First = "安宝昌承崇大丹定东丰凤福阜广贵海汉和河衡华怀淮会吉佳嘉建江金锦晋靖九乐黎临灵隆龙罗满茂梅南宁平普启清庆泉饶荣瑞三沙山上韶石寿双顺泰太潭天通桐万威文武西仙祥湘新兴秀宣延阳宜义永玉元云长昭肇镇中资";
    private const string Second = "安昌城川春丰峰谷海河和湖化华江康林陵隆宁平浦山寿水顺台泰田通西溪阳义源远原泽州";
    private const string Surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
    private const string Given = "建国军华平明东伟强磊洋勇艳杰娟涛超秀英敏静丽霞芳玲红梅兰凤婷雪慧莉晨宇浩然志刚海燕春晓文斌宏亮立新振兴德安";
    private const string Streets = "人民路|解放路|建设路|中山路|和平路|新华路|胜利路|文化路|长江路|黄河路|迎宾大道|世纪大道|政务大道|府前街|光明路";

    /// <summary>Province count for <paramref name="centers"/> centers: about a hundred centers each, 2 to 31.</summary>
    public static int ProvinceCount(int centers) => Math.Clamp((centers + 96) / 97, Math.Min(centers, 2), Provinces.Length);

    /// <summary>Builds the regions (parents before children) and the centers, ids assigned from 1.</summary>
    public static (List<Region> Regions, List<Center> Centers) Build(int centerCount, Random random, DateTimeOffset stamp, string stampedBy)
    {
        var regions = new List<Region>();
        var centers = new List<Center>();
        var provinceCount = ProvinceCount(centerCount);
        for (var p = 0; p < provinceCount; p++)
        {
            var (code, name, _) = Provinces[p];
            var here = (centerCount / provinceCount) + (p < centerCount % provinceCount ? 1 : 0);
            var province = Add(regions, code + "0000", name, RegionLevel.Province, null);
            centers.Add(NewCenter(centers.Count + 1, province, CenterLevel.Provincial, name + "公共资源交易中心", random, stamp, stampedBy));

            // The rest: each prefecture a center, and up to nine county centers under it.
            var rest = here - 1;
            var prefectureCount = rest == 0 ? 0 : (rest + 9) / 10;
            var used = new HashSet<string>(StringComparer.Ordinal);
            var counties = new List<Region>[prefectureCount];
            var prefectures = new Region[prefectureCount];
            for (var k = 0; k < prefectureCount; k++)
            {
                var prefectureName = UniqueName(random, used) + (random.Next(6) == 0 ? "州" : "市");
                prefectures[k] = Add(regions, $"{code}{k + 1:00}00", prefectureName, RegionLevel.Prefecture, province);
                counties[k] = [];
                centers.Add(NewCenter(centers.Count + 1, prefectures[k], CenterLevel.Prefecture, prefectureName + "公共资源交易中心", random, stamp, stampedBy));
            }

            for (var c = 0; c < rest - prefectureCount; c++)
            {
                var k = c % prefectureCount;
                var countyName = UniqueName(random, used) + (random.Next(4) == 0 ? "区" : "县");
                var county = Add(regions, $"{code}{k + 1:00}{counties[k].Count + 1:00}", countyName, RegionLevel.County, prefectures[k]);
                counties[k].Add(county);
                centers.Add(NewCenter(centers.Count + 1, county, CenterLevel.County, prefectures[k].Name + countyName + "公共资源交易中心", random, stamp, stampedBy));
            }
        }

        return (regions, centers);
    }

    /// <summary>A person's name: a surname and one or two given-name characters.</summary>
    public static string PersonName(Random random) =>
        string.Concat(Surnames[random.Next(Surnames.Length)].ToString(), Given[random.Next(Given.Length)].ToString(),
            random.Next(3) == 0 ? "" : Given[random.Next(Given.Length)].ToString());

    private static Region Add(List<Region> regions, string code, string name, RegionLevel level, Region? parent)
    {
        var region = new Region { Id = regions.Count + 1, Code = code, Name = name, Level = level, ParentId = parent?.Id };
        regions.Add(region);
        return region;
    }

    private static Center NewCenter(int id, Region region, CenterLevel level, string name, Random random, DateTimeOffset stamp, string stampedBy)
    {
        var streets = Streets.Split('|');
        return new Center
        {
            Id = id,
            Code = "SY" + region.Code,
            Name = name,
            Level = level,
            RegionId = region.Id,
            ContactPerson = PersonName(random) + "（合成）",
            ContactPhone = string.Create(CultureInfo.InvariantCulture, $"0{random.Next(10, 999):000}-{random.Next(2000000, 9999999)}"),
            Address = $"{region.Name}{streets[random.Next(streets.Length)]}{random.Next(1, 400)}号政务服务中心（合成数据）",
            CreatedAt = stamp,
            ModifiedAt = stamp,
            ModifiedBy = stampedBy,
        };
    }

    private static string UniqueName(Random random, HashSet<string> used)
    {
        for (var attempt = 0; ; attempt++)
        {
            var name = string.Concat(First[random.Next(First.Length)].ToString(), Second[random.Next(Second.Length)].ToString());
            if (attempt > 50)
            {
                name += First[random.Next(First.Length)];
            }

            if (name[0] != name[1] && used.Add(name))
            {
                return name;
            }
        }
    }
}
