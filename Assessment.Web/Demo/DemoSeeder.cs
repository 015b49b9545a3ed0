using Assessment.Scoring.Criteria;
using Assessment.Scoring.Cycles;
using Assessment.Scoring.Scoring;
using Assessment.Web.Criteria;
using Assessment.Web.Persistence;
using Assessment.Web.Rectification;
using Assessment.Web.Reports;
using Assessment.Web.Workflow;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Assessment.Web.Demo;

/// <summary>
/// Writes the demo data into an empty database, all in one transaction: the Qinghai regions and the eight
/// centers of the 2021 circular, the criteria versions qh-demo-2021 and qh-demo-2022 (YAML text and hash,
/// from the <see cref="CriteriaRegistry"/>), the demo accounts, the 2021 cycle with every self-assessment and
/// inspection answered and finalized — scorecards computed by the <see cref="Scorer"/> and frozen — left under
/// review, ready to publish, the 2021 rectification ledgers at various stages (<see cref="DemoLedgers"/>), and the
/// 2022 cycle open with work in progress, its drafts' rate item (E6) pre-answered from those ledgers.
/// </summary>
/// <remarks>
/// Refuses a database that already holds data of another origin (centers, cycles, regions or users): the demo
/// accounts have published passwords and must never appear in a real system. A database already seeded is
/// left as it is. Not registered in the container: create it with
/// <c>ActivatorUtilities.CreateInstance&lt;DemoSeeder&gt;(scope.ServiceProvider)</c>, or use
/// <see cref="DemoSeeding.SeedAsync"/>.
/// </remarks>
public sealed class DemoSeeder(
    AssessmentDbContext db, UserManager<AppUser> users, CriteriaRegistry registry, TimeProvider clock, EvidenceStore evidence, RectificationRates rates)
{
    private static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    /// <summary>What the database holds with respect to the demo.</summary>
    public async Task<DemoSeedStatus> StatusAsync(CancellationToken cancellationToken = default)
    {
        // Seeded in one transaction: all eight centers are there, or none of the demo is.
        var codes = DemoData.Centers.Select(c => c.Code).ToList();
        if (await db.Centers.CountAsync(c => codes.Contains(c.Code), cancellationToken).ConfigureAwait(false) == codes.Count)
        {
            return DemoSeedStatus.AlreadySeeded;
        }

        var empty = !await db.Centers.AnyAsync(cancellationToken).ConfigureAwait(false)
            && !await db.Regions.AnyAsync(cancellationToken).ConfigureAwait(false)
            && !await db.Cycles.AnyAsync(cancellationToken).ConfigureAwait(false)
            && !await db.Users.AnyAsync(cancellationToken).ConfigureAwait(false);
        return empty ? DemoSeedStatus.Seeded : DemoSeedStatus.DatabaseNotEmpty;
    }

    /// <summary>Seeds an empty database; otherwise changes nothing and says why.</summary>
    /// <exception cref="InvalidOperationException">The criteria versions are not loaded, or an imported version differs.</exception>
    public async Task<DemoSeedResult> SeedAsync(CancellationToken cancellationToken = default)
    {
        var status = await StatusAsync(cancellationToken).ConfigureAwait(false);
        if (status != DemoSeedStatus.Seeded)
        {
            return new DemoSeedResult(status);
        }

        var criteria2021 = Criteria(DemoData.Cycle2021.CriteriaId);
        var criteria2022 = Criteria(DemoData.Cycle2022.CriteriaId);
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            await ImportAsync(criteria2021, cancellationToken).ConfigureAwait(false);
            await ImportAsync(criteria2022, cancellationToken).ConfigureAwait(false);
            var centers = await AddCentersAsync(cancellationToken).ConfigureAwait(false);
            var accounts = await AddAccountsAsync(centers, cancellationToken).ConfigureAwait(false);
            var inspectors = new[] { DemoData.InspectorWang, DemoData.InspectorLi }.Select(n => accounts[n]).ToArray();

            var (cycle2021, analysis, inspections2021) = await AddCycle2021Async(criteria2021, centers, inspectors, cancellationToken).ConfigureAwait(false);
            var (cycle2022, assessments2022) = await AddCycle2022Async(criteria2022, centers, accounts, cancellationToken).ConfigureAwait(false);
            var selfAssessments2022 = assessments2022.Where(a => a.Kind == AssessmentKind.SelfAssessment).ToDictionary(a => a.Center!.Code, a => a.Id);
            await DemoLedgers.SeedAsync(db, registry, evidence, centers, inspections2021, selfAssessments2022, accounts[DemoData.Admin].Id, cancellationToken).ConfigureAwait(false);
            foreach (var draft in assessments2022.Where(a => a.Status == AssessmentStatus.Draft))
            {
                await rates.PrefillRateAnswersAsync(draft.Id, cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);

            return new DemoSeedResult(DemoSeedStatus.Seeded)
            {
                Cycle2021Id = cycle2021.Id,
                Cycle2022Id = cycle2022.Id,
                Analysis2021 = analysis,
                Centers = centers.Count,
                Regions = DemoData.Regions.Count,
                Accounts = accounts.Count,
            };
        }
    }

    private CriteriaVersion Criteria(string id) =>
        registry.Find(id) ?? throw new InvalidOperationException(
            $"演示数据需要考核标准版本 {id}，但考核标准目录中没有加载它。(Criteria version {id} is not loaded; check Criteria:Folder.)");

    /// <summary>Stores the version with the YAML text it was loaded from, after checking the text still has the registry's hash.</summary>
    private async Task ImportAsync(CriteriaVersion version, CancellationToken cancellationToken)
    {
        var existing = await db.CriteriaVersions.FirstOrDefaultAsync(v => v.Id == version.Id, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            if (existing.ContentHash != version.ContentHash)
            {
                throw new InvalidOperationException(
                    $"数据库中的考核标准版本 {version.Id} 与考核标准文件内容不一致。(Criteria version {version.Id} in the database has hash {existing.ContentHash}, the file {version.ContentHash}.)");
            }

            return;
        }

        var path = SourceFile(version);
        var yaml = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        var reread = CriteriaParser.Parse(yaml, path).Version;
        if (reread is null || reread.ContentHash != version.ContentHash)
        {
            throw new InvalidOperationException(
                $"考核标准文件 {path} 在加载后被修改。(The criteria file {path} changed after it was loaded; restart to load it again.)");
        }

        db.CriteriaVersions.Add(new CriteriaVersionRecord
        {
            Id = version.Id,
            Scheme = version.Scheme,
            Title = version.Title,
            EffectiveDate = version.EffectiveDate,
            ContentHash = version.ContentHash,
            SourceYaml = yaml,
            ImportedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    // The loader names a file as the user would type it (relative to the working directory when inside it).
    private static string SourceFile(CriteriaVersion version)
    {
        var path = version.SourcePath ?? throw new InvalidOperationException($"Criteria version {version.Id} has no source file.");
        if (File.Exists(path))
        {
            return Path.GetFullPath(path);
        }

        var shipped = Path.Combine(CriteriaFolder.Locate(), Path.GetFileName(path));
        return File.Exists(shipped) ? shipped : throw new InvalidOperationException($"The file of criteria version {version.Id} ({path}) is not found.");
    }

    private async Task<Dictionary<string, Center>> AddCentersAsync(CancellationToken cancellationToken)
    {
        var regions = new Dictionary<string, Region>(StringComparer.Ordinal);
        foreach (var demo in DemoData.Regions)
        {
            var region = new Region
            {
                Code = demo.Code,
                Name = demo.Name,
                Level = demo.Level,
                Parent = demo.ParentCode is null ? null : regions[demo.ParentCode],
            };
            regions.Add(demo.Code, region);
            db.Regions.Add(region);
        }

        var centers = new Dictionary<string, Center>(StringComparer.Ordinal);
        foreach (var demo in DemoData.Centers)
        {
            var center = new Center
            {
                Code = demo.Code,
                Name = demo.Name,
                Level = demo.Level,
                Region = regions[demo.RegionCode],
                ContactPerson = demo.Contact,
                ContactPhone = demo.Phone,
                Address = demo.Address,
            };
            centers.Add(demo.Code, center);
            db.Centers.Add(center);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return centers;
    }

    private async Task<Dictionary<string, AppUser>> AddAccountsAsync(Dictionary<string, Center> centers, CancellationToken cancellationToken)
    {
        var accounts = new Dictionary<string, AppUser>(StringComparer.Ordinal);
        foreach (var demo in DemoData.Accounts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var user = new AppUser
            {
                UserName = demo.UserName,
                DisplayName = demo.DisplayName,
                CenterId = demo.CenterCode is null ? null : centers[demo.CenterCode].Id,
            };
            Check(await users.CreateAsync(user, demo.Password).ConfigureAwait(false), demo.UserName);
            Check(await users.AddToRoleAsync(user, demo.Role).ConfigureAwait(false), demo.UserName);
            accounts.Add(demo.UserName, user);
        }

        return accounts;
    }

    private static void Check(IdentityResult result, string userName)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"无法创建演示账号 {userName}。(Demo account {userName} was refused: {string.Join(" ", result.Errors.Select(e => e.Description))})");
        }
    }

    private async Task<(AssessmentCycle Cycle, CycleAnalysis Analysis, Dictionary<string, int> Inspections)> AddCycle2021Async(
        CriteriaVersion criteria, Dictionary<string, Center> centers, AppUser[] inspectors, CancellationToken cancellationToken)
    {
        var cycle = NewCycle(DemoData.Cycle2021, criteria);
        var publication = PublicationDefaults.Circular2021(cycle);
        publication.Cycle = cycle;
        db.PublicationSettings.Add(publication);
        var reviewed = At(DemoData.Cycle2021.End, 17);
        var results = new List<CenterResult>();
        var inspections = new Dictionary<string, AssessmentRecord>(StringComparer.Ordinal);
        foreach (var plan in Profiles2021.All)
        {
            var center = centers[plan.CenterCode];
            var self = Finalized(AssessmentKind.SelfAssessment, cycle.Year, criteria, plan.SelfAssessment, At(plan.SelfSubmitted, 16), reviewed);
            var inspection = Finalized(AssessmentKind.Inspection, cycle.Year, criteria, plan.Inspection, At(plan.Visited, 18), reviewed);
            inspection.Inspectors.AddRange(inspectors);
            inspections.Add(plan.CenterCode, inspection);
            foreach (var assessment in new[] { self, inspection })
            {
                assessment.Center = center;
                assessment.Cycle = cycle;
                db.Assessments.Add(assessment);
            }

            // The engine's verdict on what was just frozen, for the command's summary.
            results.Add(new CenterResult(center.Code, center.Name, Rescore(criteria, inspection), Rescore(criteria, self)));
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return (cycle, CycleAnalyzer.Analyze(criteria, results), inspections.ToDictionary(i => i.Key, i => i.Value.Id, StringComparer.Ordinal));
    }

    private async Task<(AssessmentCycle Cycle, List<AssessmentRecord> Assessments)> AddCycle2022Async(
        CriteriaVersion criteria, Dictionary<string, Center> centers, Dictionary<string, AppUser> accounts, CancellationToken cancellationToken)
    {
        var cycle = NewCycle(DemoData.Cycle2022, criteria);
        var added = new List<AssessmentRecord>();
        foreach (var plan in Profiles2022.All)
        {
            var self = InProgress(AssessmentKind.SelfAssessment, criteria, plan.Self, plan.SelfFindings);
            var inspection = InProgress(AssessmentKind.Inspection, criteria, plan.Inspection, plan.InspectionFindings);
            inspection.Inspectors.AddRange(plan.Inspectors.Select(name => accounts[name]));
            foreach (var assessment in new[] { self, inspection })
            {
                assessment.Center = centers[plan.CenterCode];
                assessment.Cycle = cycle;
                db.Assessments.Add(assessment);
                added.Add(assessment);
            }
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return (cycle, added);
    }

    private AssessmentCycle NewCycle(DemoCycle demo, CriteriaVersion criteria)
    {
        var cycle = new AssessmentCycle
        {
            Year = demo.Year,
            Title = demo.Title,
            CriteriaVersionId = criteria.Id,
            ScheduleStart = demo.Start,
            ScheduleEnd = demo.End,
            Status = demo.Status,
        };
        db.Cycles.Add(cycle);
        return cycle;
    }

    /// <summary>Answered in full, submitted, and finalized with the scorecard the engine computes from the answers.</summary>
    private static AssessmentRecord Finalized(
        AssessmentKind kind, int cycleYear, CriteriaVersion criteria, IReadOnlyList<Finding> findings, DateTimeOffset submitted, DateTimeOffset finalized)
    {
        var assessment = new AssessmentRecord { Kind = kind, Status = AssessmentStatus.Finalized, SubmittedAt = submitted, FinalizedAt = finalized };
        assessment.Answers.AddRange(ChecklistComposer.Compose(criteria, findings));
        assessment.Scorecard = ScorecardRecord.Freeze(Rescore(criteria, assessment), cycleYear, finalized);
        return assessment;
    }

    private static AssessmentRecord InProgress(AssessmentKind kind, CriteriaVersion criteria, Progress progress, IReadOnlyList<Finding> findings)
    {
        var assessment = new AssessmentRecord
        {
            Kind = kind,
            Status = progress.Status,
            SubmittedAt = progress.SubmittedOn is { } on ? At(on, 16) : null,
        };
        assessment.Answers.AddRange(ChecklistComposer.Compose(criteria, findings, item => progress.Answers(item.DimensionCode)));
        if (progress.Status == AssessmentStatus.Submitted && !Rescore(criteria, assessment).IsComplete)
        {
            throw new InvalidOperationException($"Demo profile error: a submitted {kind} under {criteria.Id} must answer every item.");
        }

        return assessment;
    }

    private static Scorecard Rescore(CriteriaVersion criteria, AssessmentRecord assessment)
    {
        var card = Scorer.Score(criteria, assessment.ToChecklist(criteria.Id));
        if (assessment.Status == AssessmentStatus.Finalized && !card.IsComplete)
        {
            throw new InvalidOperationException(
                $"Demo profile error: a finalized {assessment.Kind} under {criteria.Id} does not score: {string.Join("; ", card.Problems.Select(p => p.Message))}");
        }

        return card;
    }

    private static DateTimeOffset At(DateOnly day, int hour) => new(day.ToDateTime(new TimeOnly(hour, 0)), ChinaStandardTime);
}

public enum DemoSeedStatus
{
    /// <summary>The database was empty and now holds the demo data.</summary>
    Seeded,

    /// <summary>The demo data is already there; nothing was changed.</summary>
    AlreadySeeded,

    /// <summary>The database holds other data; nothing was changed.</summary>
    DatabaseNotEmpty,
}

/// <summary>The outcome of a demo seed; the ids and the 2021 analysis only when <see cref="Status"/> is <see cref="DemoSeedStatus.Seeded"/>.</summary>
public sealed record DemoSeedResult(DemoSeedStatus Status)
{
    public int? Cycle2021Id { get; init; }

    public int? Cycle2022Id { get; init; }

    /// <summary>The engine's analysis of the 2021 inspections as seeded (ranking, grades, demonstration centers).</summary>
    public CycleAnalysis? Analysis2021 { get; init; }

    public int Regions { get; init; }

    public int Centers { get; init; }

    public int Accounts { get; init; }

    /// <summary>Whether the 2021 cycle was published through the registered <see cref="IDemoCyclePublisher"/>.</summary>
    public bool Published2021 { get; init; }

    /// <summary>Why publishing the 2021 cycle failed, when it did; the seed itself stays committed.</summary>
    public string? PublishError { get; init; }
}
