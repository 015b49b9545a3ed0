using Assessment.Scoring.Criteria;
using Assessment.Scoring.Scoring;
using Assessment.Web.Persistence;
using Assessment.Web.Rectification;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Assessment.Tests.Web;

/// <summary>
/// The feed tests' dataset, deterministic: 12 centers in 3 prefectures, the two shipped criteria versions,
/// a published 2021 cycle and an open 2022 cycle, an inspection and a self-assessment per center and
/// cycle (finalized with frozen scorecards, except some 2022 ones), 2021 rankings, one user per role, and
/// rectification ledgers made with the real <see cref="LedgerService"/>: 2021 ledgers of six centers raised from
/// their inspections (actions at every stage: planned or 长期坚持, not started, in progress, completed, closed,
/// sent back, some split into specific problems) and hand-entered 2022 ledgers (inspection tour, audit, other)
/// of the staff user's center and one more.
/// </summary>
internal static class ODataFeedData
{
    public const string Password = "Qinghai2021pass";
    public const string Admin = "admin";
    public const string Analyst = "analyst";
    public const string Staff = "staff";
    public const string Inspector = "inspector";
    public const string NoRole = "norole";

    public const int CenterCount = 12;

    private static readonly string[] Prefectures = ["西宁市", "海东市", "海北州"];

    /// <summary>The center the staff user works for (its code is QH-XN-01).</summary>
    public static int StaffCenterId { get; private set; }

    /// <summary>The center the inspector is assigned to (in 2022).</summary>
    public static int InspectedCenterId { get; private set; }

    public static async Task SeedAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AssessmentDbContext>();
        var province = new Region { Code = "630000", Name = "青海省", Level = RegionLevel.Province };
        var prefectures = Prefectures.Select((name, i) => new Region
        {
            Code = $"63{i + 1:00}00",
            Name = name,
            Level = RegionLevel.Prefecture,
            Parent = province,
        }).ToArray();
        var centers = Enumerable.Range(1, CenterCount).Select(i =>
        {
            var prefecture = prefectures[(i - 1) % 3];
            var county = i > 3;
            var region = county
                ? new Region { Code = $"{prefecture.Code[..4]}{i:00}", Name = $"{prefecture.Name[..2]}第{i}县", Level = RegionLevel.County, Parent = prefecture }
                : prefecture;
            var abbreviation = new[] { "XN", "HD", "HB" }[(i - 1) % 3];
            return new Center
            {
                Code = $"QH-{abbreviation}-{i:00}",
                Name = county ? $"{region.Name}公共资源交易中心" : $"{prefecture.Name}公共资源交易中心",
                Level = county ? CenterLevel.County : CenterLevel.Prefecture,
                Region = region,
                ContactPerson = i % 4 == 0 ? null : $"联系人{i}",
                ContactPhone = i % 3 == 0 ? null : $"0971-81{i:0000}",
                Address = i % 5 == 0 ? null : $" 青海省{region.Name}{i}号 ",
            };
        }).ToArray();
        db.Centers.AddRange(centers);

        var versions = new[] { "qh-demo-2021.yaml", "qh-demo-2022.yaml" }.Select(file =>
        {
            var yaml = File.ReadAllText(RepositoryPaths.Criteria(file));
            var parsed = CriteriaParser.Parse(yaml, file).Version ?? throw new InvalidOperationException(file);
            var record = new CriteriaVersionRecord
            {
                Id = parsed.Id,
                Scheme = parsed.Scheme,
                Title = parsed.Title,
                EffectiveDate = parsed.EffectiveDate,
                // The column holds the 64 hex digits; the loader's hash is written "sha256:<hex>".
                ContentHash = parsed.ContentHash.Replace("sha256:", "", StringComparison.Ordinal),
                SourceYaml = yaml,
                ImportedAt = new DateTimeOffset(parsed.EffectiveDate.Year, 1, 5, 9, 0, 0, TimeSpan.FromHours(8)),
            };
            return (Parsed: parsed, Record: record);
        }).ToArray();
        db.CriteriaVersions.AddRange(versions.Select(v => v.Record));

        var cycles = new[]
        {
            new AssessmentCycle
            {
                Year = 2021, Title = "2021年度全省公共资源交易中心考核", CriteriaVersionId = versions[0].Record.Id,
                ScheduleStart = new DateOnly(2021, 10, 18), ScheduleEnd = new DateOnly(2021, 12, 17),
                Status = CycleStatus.Published, PublishedAt = new DateTimeOffset(2022, 1, 20, 10, 0, 0, TimeSpan.FromHours(8)),
            },
            new AssessmentCycle
            {
                Year = 2022, Title = "2022年度全省公共资源交易中心考核", CriteriaVersionId = versions[1].Record.Id,
                ScheduleStart = new DateOnly(2022, 10, 10), ScheduleEnd = new DateOnly(2022, 12, 20),
                Status = CycleStatus.Open,
            },
        };
        db.Cycles.AddRange(cycles);
        await db.SaveChangesAsync();

        var assessments = new List<AssessmentRecord>();
        for (var c = 0; c < cycles.Length; c++)
        {
            var criteria = versions[c].Parsed;
            for (var i = 0; i < centers.Length; i++)
            {
                foreach (var kind in new[] { AssessmentKind.Inspection, AssessmentKind.SelfAssessment })
                {
                    var finalized = c == 0 || (i + (int)kind) % 2 == 0;
                    var assessment = new AssessmentRecord
                    {
                        Kind = kind,
                        CenterId = centers[i].Id,
                        CycleId = cycles[c].Id,
                        Status = finalized ? AssessmentStatus.Finalized : (i % 3 == 0 ? AssessmentStatus.Draft : AssessmentStatus.Submitted),
                        SubmittedAt = finalized || i % 3 != 0 ? At(cycles[c].Year, 12, 1 + i, 9 + (i % 5), 3 * i, 7 * i % 60) : null,
                        FinalizedAt = finalized ? At(cycles[c].Year, 12, 10 + i, 8 + (i % 9), 5 * i % 60, 11 * i % 60) : null,
                    };
                    if (finalized)
                    {
                        assessment.Scorecard = Scorecard(criteria, cycles[c].Year, i, kind, assessment.FinalizedAt!.Value);
                    }

                    assessments.Add(assessment);
                }
            }
        }

        db.Assessments.AddRange(assessments);
        await db.SaveChangesAsync();

        // A second revision of one 2021 inspection: the first is no longer current.
        var amended = assessments[2];
        await db.Entry(amended).Collection(a => a.Answers).LoadAsync();
        var revision = amended.Amend("复核更正");
        revision.Status = AssessmentStatus.Finalized;
        revision.FinalizedAt = At(2021, 12, 30, 15, 45, 30);
        revision.Scorecard = Scorecard(versions[0].Parsed, cycles.Single(y => y.Id == amended.CycleId).Year, 1, AssessmentKind.Inspection, revision.FinalizedAt.Value, bonus: 1.5m);
        db.Assessments.Add(revision);
        await db.SaveChangesAsync();

        // 2021 rankings from the current inspections.
        var current = assessments.Where(a => a.CycleId == cycles[0].Id && a.Kind == AssessmentKind.Inspection && a != amended).Append(revision)
            .OrderByDescending(a => a.Scorecard!.Total).ToList();
        for (var r = 0; r < current.Count; r++)
        {
            var a = current[r];
            var rank = r > 0 && current[r - 1].Scorecard!.Total == a.Scorecard!.Total ? r : r + 1;
            db.CycleResults.Add(new CycleResult
            {
                CycleId = a.CycleId,
                CenterId = a.CenterId,
                AssessmentId = a.Id,
                Rank = rank,
                Percentile = Math.Round(100m * (current.Count - r) / current.Count, 2),
                Total = a.Scorecard!.Total,
                Grade = a.Scorecard.Grade,
                IsDemonstration = r < 3,
                DemonstrationReasons = r < 3 ? ["总分位列前三"] : [],
            });
        }

        await db.SaveChangesAsync();
        StaffCenterId = centers[0].Id;
        InspectedCenterId = centers[1].Id;
        var inspected = assessments.Single(a => a.CenterId == InspectedCenterId && a.CycleId == cycles[1].Id && a.Kind == AssessmentKind.Inspection);

        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        await AddUserAsync(users, Admin, Roles.BureauAdmin, null);
        await AddUserAsync(users, Analyst, Roles.Analyst, null);
        await AddUserAsync(users, Staff, Roles.CenterStaff, StaffCenterId);
        var inspector = await AddUserAsync(users, Inspector, Roles.Inspector, null);
        await AddUserAsync(users, NoRole, null, null);
        db.AssessmentInspectors.Add(new AssessmentInspector { AssessmentId = inspected.Id, UserId = inspector.Id });
        await db.SaveChangesAsync();

        var verifier = await users.FindByNameAsync(Admin) ?? throw new InvalidOperationException(Admin);
        await SeedLedgersAsync(scope.ServiceProvider, db, current.Where(a => centers.Take(LedgerCenters2021).Any(c => c.Id == a.CenterId)).ToList(),
            cycles[1].Id, [centers[0].Id, centers[5].Id], verifier.Id);
    }

    /// <summary>Centers (the first ones) with a 2021 ledger raised from their inspection.</summary>
    public const int LedgerCenters2021 = 6;

    private static async Task SeedLedgersAsync(
        IServiceProvider services, AssessmentDbContext db, List<AssessmentRecord> inspections2021, int cycle2022, int[] centers2022, string verifierId)
    {
        var ledgers = services.GetRequiredService<LedgerService>();
        var k = 0;
        foreach (var inspection in inspections2021.OrderBy(a => a.CenterId))
        {
            var evidence = new EvidenceFile
            {
                AssessmentId = inspection.Id,
                StoragePath = $"2021/{inspection.Id}/rectification.pdf",
                OriginalFileName = "整改佐证.pdf",
                ContentType = "application/pdf",
                Size = 2048,
                Sha256 = new string('c', 64),
                UploadedBy = "seed",
                UploadedAt = At(2022, 4, 1, 9, 0, 0),
            };
            db.EvidenceFiles.Add(evidence);
            await db.SaveChangesAsync();

            var ledger = await ledgers.CreateLedgerFromInspectionAsync(inspection.Id);
            foreach (var finding in ledger.Findings.OrderBy(f => f.Order).ToList())
            {
                if (finding.Order % 6 == 0)
                {
                    await ledgers.AddActionAsync(finding, new ActionPlanRequest(SpecificProblem: $"{finding.ItemId}细化问题：制度执行不到位"));
                }

                foreach (var action in finding.Actions.OrderBy(a => a.Order).ToList())
                {
                    await AdvanceAsync(ledgers, action, inspection.CenterId, evidence.Id, verifierId, k++);
                }
            }
        }

        foreach (var centerId in centers2022)
        {
            var findings = await ledgers.AddFindingsAsync(centerId, cycle2022,
            [
                new FindingRequest("作风建设方面", FindingSource.InspectionTour, "窗口服务人员存在推诿现象", FindingSeverity.Serious, "市委第三巡察组",
                    DimensionCode: "A",
                    Actions:
                    [
                        new ActionPlanRequest("首问负责制落实不到位", "杜绝推诿", "严格落实首问负责制", "王副主任", "综合科", "李四", new DateOnly(2023, 3, 31)),
                        new ActionPlanRequest("投诉处理不及时", "投诉3日内办结", "建立投诉台账", "王副主任", "综合科", "张三", new DateOnly(2031, 6, 30), "投诉处理办法"),
                    ]),
                new FindingRequest("财务管理方面", FindingSource.Audit, "保证金退还超期", FindingSeverity.Grave, "省审计厅",
                    Actions: [new ActionPlanRequest(Target: "按期退还", Measures: "系统自动退还", ResponsibleDepartment: "财务科", Deadline: new DateOnly(2030, 12, 31))]),
                new FindingRequest("其他方面", FindingSource.Other, "档案归档不及时", Actions: [new ActionPlanRequest(Measures: "长期坚持按月归档")]),
            ]);
            var first = findings[0].Actions.OrderBy(a => a.Order).First();
            await ledgers.SetStatusAsync(first, new StatusRequest(ActionStatus.InProgress, null, "已完成培训"), null);
        }
    }

    /// <summary>Moves the <paramref name="k"/>-th action of the 2021 ledgers to a stage chosen by <paramref name="k"/>.</summary>
    private static async Task AdvanceAsync(LedgerService ledgers, RectificationAction action, int centerId, int evidenceId, string verifierId, int k)
    {
        // Deadlines far from any day the tests run: long past, or years ahead; every fifth is 长期坚持 (none).
        DateOnly? deadline = (k % 5) switch
        {
            0 => null,
            1 => new DateOnly(2022, 3 + (k % 9), 1 + (k % 27)),
            2 => new DateOnly(2022, 12, 31),
            3 => new DateOnly(2031, 1 + (k % 12), 15),
            _ => new DateOnly(2023, 6, 30),
        };
        await ledgers.UpdatePlanAsync(action, new ActionPlanRequest(
            action.SpecificProblem,
            $"整改目标{k}",
            k % 7 == 0 ? null : $"整改措施{k}：完善制度、加强培训",
            k % 3 == 0 ? "张主任" : "王副主任",
            k % 2 == 0 ? "交易科" : "综合科",
            k % 11 == 0 ? null : $"责任人{k % 4}",
            deadline,
            k % 4 == 0 ? "建立长效机制" : null), null);

        switch (k % 8)
        {
            case 0:
                return;
            case 1 or 5:
                await ledgers.SetStatusAsync(action, new StatusRequest(ActionStatus.InProgress, null, $"已完成{k % 5 + 1}项"), null);
                return;
        }

        await ledgers.SetStatusAsync(action, new StatusRequest(ActionStatus.Completed, new DateOnly(2022, 1 + (k % 12), 1 + (k % 28))), null);
        await ledgers.SetEvidenceAsync(action, centerId, [evidenceId], null);
        switch (k % 8)
        {
            case 3 or 6:
                await ledgers.CloseAsync(action, $"佐证齐全，同意销号{k}", verifierId);
                break;
            case 4:
                await ledgers.SendBackAsync(action, "佐证材料不足", verifierId);
                break;
            case 7:
                await ledgers.CloseAsync(action, "同意销号", verifierId);
                await ledgers.SendBackAsync(action, "复查发现问题反弹", verifierId);
                break;
        }
    }

    private static DateTimeOffset At(int year, int month, int day, int hour, int minute, int second) =>
        new(year, month, Math.Min(day, 28), hour, minute, second, TimeSpan.Zero);

    private static ScorecardRecord Scorecard(CriteriaVersion criteria, int cycleYear, int center, AssessmentKind kind, DateTimeOffset frozenAt, decimal bonus = 0)
    {
        var record = new ScorecardRecord
        {
            CriteriaVersionId = criteria.Id,
            CriteriaHash = criteria.ContentHash.Replace("sha256:", "", StringComparison.Ordinal),
            Grade = "",
            FrozenAt = frozenAt,
        };
        var items = criteria.Items.Select((item, j) =>
        {
            var notApplicable = item.NotApplicableAllowed && (center + j) % 7 == 0;
            var quality = 0.55m + (0.04m * center);
            var ratio = Math.Clamp(quality + ((((j * 3) + (int)kind) % 5) - 2) * 0.05m, 0, 1);
            return new ItemScoreRecord
            {
                CycleYear = cycleYear,
                ItemId = item.Id,
                DimensionCode = item.DimensionCode,
                Status = notApplicable ? ItemStatus.NotApplicable : ItemStatus.Scored,
                Points = notApplicable ? null : Math.Round(item.MaxPoints * ratio, 2),
                MaxPoints = item.MaxPoints,
                Explanation = notApplicable ? "不适用" : $"得分率 {ratio * 100:0}%",
            };
        }).ToList();
        record.Items.AddRange(items);
        foreach (var dimension in criteria.Dimensions)
        {
            var inDimension = items.Where(i => i.DimensionCode == dimension.Code).ToList();
            var applicable = inDimension.Where(i => i.Points is not null).ToList();
            var max = applicable.Sum(i => i.MaxPoints);
            var earned = applicable.Sum(i => i.Points!.Value);
            record.Dimensions.Add(new DimensionScoreRecord
            {
                Code = dimension.Code,
                Name = dimension.Name,
                Weight = dimension.Weight,
                Earned = earned,
                ApplicableMax = max,
                Score = max == 0 ? null : Math.Round(earned / max * dimension.Weight, 4),
            });
        }

        record.Total = Math.Min(100, record.Dimensions.Sum(d => d.Score ?? 0) + bonus);
        record.Grade = record.Total >= 90 ? "优秀" : record.Total >= 80 ? "良好" : record.Total >= 60 ? "合格" : "不合格";
        if (center == 4 && kind == AssessmentKind.Inspection)
        {
            record.Vetoes.Add(new ScorecardVetoRecord { VetoId = "V1", Title = "发生重大违规", Reason = "测试用否决" });
        }

        return record;
    }

    private static async Task<AppUser> AddUserAsync(UserManager<AppUser> users, string name, string? role, int? centerId)
    {
        var user = new AppUser { UserName = name, DisplayName = name, CenterId = centerId };
        Check(await users.CreateAsync(user, Password));
        if (role is not null)
        {
            Check(await users.AddToRoleAsync(user, role));
        }

        return user;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
