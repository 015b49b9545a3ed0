using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Assessment.Scoring.Checklists;
using Assessment.Scoring.Criteria;
using Assessment.Scoring.Cycles;
using Assessment.Scoring.Scoring;
using Assessment.Web.Criteria;
using Assessment.Web.Persistence;
using Assessment.Web.Rectification;
using Assessment.Web.Workflow;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Assessment.Web.Synthetic;

/// <summary>How much synthetic data to make, and from which seed.</summary>
public sealed record SyntheticSize(int Centers, int Years, int Seed = SyntheticSize.DefaultSeed)
{
    public const int DefaultSeed = 2021;

    /// <summary>The last cycle's year: the demo's current cycle (qh-demo-2022). Earlier years count back from it.</summary>
    public const int LastYear = 2022;

    /// <summary>The criteria version of the first published cycle under the current rules.</summary>
    public static string CriteriaFor(int year) => year >= 2022 ? "qh-demo-2022" : "qh-demo-2021";

    public IReadOnlyList<int> CycleYears => Enumerable.Range(LastYear - Years + 1, Years).ToList();
}

public enum SyntheticSeedStatus
{
    Seeded,

    /// <summary>The database holds regions, centers, cycles or users: nothing was written.</summary>
    DatabaseNotEmpty,
}

/// <summary>What a synthetic seed wrote.</summary>
public sealed record SyntheticSeedResult(SyntheticSeedStatus Status)
{
    public int Regions { get; init; }

    public int Centers { get; init; }

    public IReadOnlyList<int> Years { get; init; } = [];

    public int Assessments { get; init; }

    public long Answers { get; init; }

    public long ItemScores { get; init; }

    public int Findings { get; init; }

    public int Results { get; init; }

    public long Rows { get; init; }

    public IReadOnlyList<string> UserNames { get; init; } = [];

    public TimeSpan Elapsed { get; init; }
}

/// <summary>
/// Writes a deterministic synthetic dataset of any size into an empty database: regions and centers
/// (<see cref="SyntheticGeography"/>), one cycle per year ending with <see cref="SyntheticSize.LastYear"/> on the
/// shipped criteria versions, for every center and year a finalized self-assessment and inspection answered item by
/// item (<see cref="SyntheticAnswers"/>) with the scorecard the engine computes frozen
/// (<see cref="ScorecardRecord.Freeze"/>), the rectification ledgers of the inspections (<see cref="SyntheticLedgers"/>),
/// and every cycle but the last published: ranked by <see cref="CycleAnalyzer"/> and stored with
/// <see cref="CyclePublisher.ResultsOf"/>, as the bureau's publisher does. An admin and an analyst account read it.
/// </summary>
/// <remarks>
/// The same size and seed always give the same content (one <see cref="Random"/> per center and year, derived from
/// the seed; dates derived from the year). Rows are written by <see cref="BulkWriter"/> in one transaction per
/// chunk of centers: the audit log gets one entry for the whole dataset, not one per row (as seeding, never for
/// user changes). A seed that fails part-way leaves the chunks already committed: start again with an empty database.
/// </remarks>
public sealed class SyntheticSeeder(
    AssessmentDbContext db, UserManager<AppUser> users, CriteriaRegistry registry, CriteriaImporter importer,
    EvidenceStore evidence, IOptions<RectificationOptions> rectification, DatabaseMaintenance maintenance)
{
    public const string PasswordVariable = "ASSESSMENT_NEW_PASSWORD";

    /// <summary>The password of the synthetic accounts when <see cref="PasswordVariable"/> is not set. Synthetic data only.</summary>
    public const string DefaultPassword = "Synthetic-Data-2026";

    public const string AdminName = "admin";
    public const string AnalystName = "analyst";

    /// <summary>Stamped as <c>ModifiedBy</c> on every synthetic row and named in the audit entry.</summary>
    public const string StampedBy = "synthetic-seed";

    private const int ChunkCenters = 500;

    /// <param name="password">The password of the <see cref="AdminName"/> and <see cref="AnalystName"/> accounts.</param>
    /// <param name="progress">Where a line goes after each chunk of centers ("2024: 1200/3000 centers, 45 s").</param>
    public async Task<SyntheticSeedResult> SeedAsync(SyntheticSize size, string password, TextWriter progress, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        ArgumentNullException.ThrowIfNull(size);
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentOutOfRangeException.ThrowIfLessThan(size.Centers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(size.Years, 1);
        var clock = Stopwatch.StartNew();
        if (!await IsEmptyAsync(cancellationToken).ConfigureAwait(false))
        {
            return new SyntheticSeedResult(SyntheticSeedStatus.DatabaseNotEmpty);
        }

        var versions = size.CycleYears.Select(SyntheticSize.CriteriaFor).Distinct().ToDictionary(id => id, id => registry.Find(id)
            ?? throw new InvalidOperationException($"合成数据需要考核标准版本 {id}，但考核标准目录中没有加载它。(Criteria version {id} is not loaded.)"));
        foreach (var id in versions.Keys)
        {
            await importer.EnsureImportedAsync(id, cancellationToken).ConfigureAwait(false);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        var admin = await AddUserAsync(AdminName, "合成数据管理员", Roles.BureauAdmin, password).ConfigureAwait(false);
        await AddUserAsync(AnalystName, "合成数据分析员", Roles.Analyst, password).ConfigureAwait(false);

        var writer = new BulkWriter(db);
        var ids = new SyntheticIds();
        var world = new Random(size.Seed);
        var stamp = SyntheticClock.At(size.CycleYears[0], 9, 1, 9);
        var (regions, centers) = SyntheticGeography.Build(size.Centers, world, stamp, StampedBy);
        var quality = centers.Select(c => Quality(c, world)).ToArray();
        var selfBias = centers.Select(_ => world.NextDouble() < 0.12 ? 0.2 + (world.NextDouble() * 0.2) : world.NextDouble() * 0.08).ToArray();
        var answerers = versions.Values.ToDictionary(v => v.Id, v => new SyntheticAnswers(v, new Random(Mix(size.Seed, v.EffectiveDate.Year, -1)), RateItem(v)));
        var cycles = size.CycleYears.Select((year, i) => NewCycle(i + 1, year, SyntheticSize.CriteriaFor(year))).ToList();
        await writer.InTransactionAsync(async () =>
        {
            await writer.WriteAsync(regions, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(centers, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(cycles, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

        var closedBasis = rectification.Value.RateBasis == RateBasis.Closed;
        var rates = new Dictionary<int, decimal>();        // previous cycle's ledger completion rate, by center id
        var pendingEvidence = new Dictionary<int, int>();  // center id → evidence id of its previous ledger
        PreviousCycle? previousCards = null;
        long answers = 0, itemScores = 0;
        var findings = 0;
        var results = 0;
        foreach (var cycle in cycles)
        {
            var last = cycle == cycles[^1];
            var criteria = versions[cycle.CriteriaVersionId];
            var answerer = answerers[criteria.Id];
            var centerResults = new List<CenterResult>(centers.Count);
            var inspectionIds = new Dictionary<int, int>(centers.Count);
            var nextRates = new Dictionary<int, decimal>();
            var nextEvidence = new Dictionary<int, int>();
            for (var start = 0; start < centers.Count; start += ChunkCenters)
            {
                var chunk = new Chunk();
                for (var c = start; c < Math.Min(centers.Count, start + ChunkCenters); c++)
                {
                    var center = centers[c];
                    var random = new Random(Mix(size.Seed, cycle.Year, c));
                    var q = Math.Clamp(quality[c] + (0.004 * (cycle.Year - size.CycleYears[0])) + ((random.NextDouble() - 0.5) * 0.06), 0.3, 0.995);
                    decimal? rate = rates.TryGetValue(center.Id, out var r) ? r : null;
                    var (self, selfCard) = Assess(chunk, ids, answerer, cycle, center, AssessmentKind.SelfAssessment, Math.Min(0.995, q + selfBias[c]), rate, random);
                    var (inspection, card) = Assess(chunk, ids, answerer, cycle, center, AssessmentKind.Inspection, q, rate, random);
                    if (pendingEvidence.TryGetValue(center.Id, out var evidenceId))
                    {
                        // Last year's ledger evidence, filed with this year's self-assessment under the rate item.
                        chunk.Evidence.Add(await EvidenceAsync(evidenceId, center, self, answerer.RateItem, admin.Id, cycle.Year, cancellationToken).ConfigureAwait(false));
                        if (self.Answers.FirstOrDefault(a => a.ItemId == answerer.RateItem) is { } rateAnswer)
                        {
                            rateAnswer.EvidenceIds = [evidenceId];
                        }
                    }

                    var fileId = last ? 0 : ids.Next<EvidenceFile>();
                    var ledger = SyntheticLedgers.Build(ids, criteria, inspection, card, cycle.Year, workedThrough: !last, q,
                        fileId, admin.Id, closedBasis, random, StampedBy);
                    if (!last)
                    {
                        nextEvidence[center.Id] = fileId;
                    }

                    chunk.Add(ledger);
                    nextRates[center.Id] = LedgerProgress.Rate(ledger.Done, ledger.Total);
                    centerResults.Add(new CenterResult(CyclePublisher.CenterKey(center.Id), center.Name, card, selfCard, rate));
                    inspectionIds[center.Id] = inspection.Id;
                }

                await writer.InTransactionAsync(() => chunk.WriteAsync(writer, cancellationToken), cancellationToken).ConfigureAwait(false);
                answers += chunk.Answers.Count;
                itemScores += chunk.Items.Count;
                findings += chunk.Findings.Count;
                var done = Math.Min(centers.Count, start + ChunkCenters);
                await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{cycle.Year}: {done}/{centers.Count} centers, {clock.Elapsed.TotalSeconds:0} s")).ConfigureAwait(false);
            }

            if (!last)
            {
                results += await PublishAsync(writer, ids, cycle, criteria, centerResults, previousCards, inspectionIds, cancellationToken).ConfigureAwait(false);
                previousCards = new PreviousCycle(centerResults.ToDictionary(r => r.CenterId, r => r.Inspection, StringComparer.Ordinal));
            }

            rates = nextRates;
            pendingEvidence = nextEvidence;
        }

        await writer.FinishAsync(cancellationToken).ConfigureAwait(false);
        db.AuditLog.Add(new AuditEntry
        {
            ActorName = StampedBy,
            At = SyntheticClock.At(SyntheticSize.LastYear, 12, 31, 23),
            EntityType = "SyntheticDataset",
            EntityId = size.Seed.ToString(CultureInfo.InvariantCulture),
            Action = AuditAction.Insert,
            After = JsonSerializer.Serialize(new { size.Centers, size.Years, size.Seed, Rows = writer.Rows, Note = "合成数据批量写入，逐行审计日志从略" }),
        });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);

        // Millions of rows arrived at once: the planner's statistics must describe them before the first query.
        await maintenance.UpdateStatisticsAsync(cancellationToken).ConfigureAwait(false);

        return new SyntheticSeedResult(SyntheticSeedStatus.Seeded)
        {
            Regions = regions.Count,
            Centers = centers.Count,
            Years = size.CycleYears,
            Assessments = ids.Count<AssessmentRecord>(),
            Answers = answers,
            ItemScores = itemScores,
            Findings = findings,
            Results = results,
            Rows = writer.Rows,
            UserNames = [AdminName, AnalystName],
            Elapsed = clock.Elapsed,
        };
    }

    private async Task<bool> IsEmptyAsync(CancellationToken cancellationToken) =>
        !await db.Centers.AnyAsync(cancellationToken).ConfigureAwait(false)
        && !await db.Regions.AnyAsync(cancellationToken).ConfigureAwait(false)
        && !await db.Cycles.AnyAsync(cancellationToken).ConfigureAwait(false)
        && !await db.Users.AnyAsync(cancellationToken).ConfigureAwait(false);

    private async Task<AppUser> AddUserAsync(string name, string displayName, string role, string password)
    {
        var user = new AppUser { UserName = name, DisplayName = displayName };
        var created = await users.CreateAsync(user, password).ConfigureAwait(false);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException($"无法创建账号 {name}：{string.Join(" ", created.Errors.Select(e => e.Description))}");
        }

        var granted = await users.AddToRoleAsync(user, role).ConfigureAwait(false);
        return granted.Succeeded ? user : throw new InvalidOperationException($"无法为账号 {name} 授予角色 {role}。");
    }

    private string? RateItem(CriteriaVersion version) =>
        rectification.Value.RateItems.TryGetValue(version.Scheme, out var items) ? items.FirstOrDefault() : null;

    /// <summary>A center's lasting quality (0–1): provincial centers tend to be better equipped than county ones.</summary>
    private static double Quality(Center center, Random random)
    {
        var baseLine = center.Level switch { CenterLevel.Provincial => 0.93, CenterLevel.Prefecture => 0.88, _ => 0.84 };
        return Math.Clamp(baseLine + ((random.NextDouble() + random.NextDouble() - 1) * 0.2), 0.5, 0.995);
    }

    /// <summary>A seed for one center's year, the same whatever the chunking (no process-randomized hash).</summary>
    private static int Mix(int seed, int year, int center) => unchecked((((seed * 1_000_003) + year) * 7_919) + (center * 104_729) + 17);

    private static AssessmentCycle NewCycle(int id, int year, string criteriaId)
    {
        var created = SyntheticClock.At(year, 9, 1, 9);
        return new AssessmentCycle
        {
            Id = id,
            Year = year,
            Title = $"{year}年度示范公共资源交易中心考评（合成数据）",
            CriteriaVersionId = criteriaId,
            ScheduleStart = new DateOnly(year, 10, 18),
            ScheduleEnd = new DateOnly(year, 12, 17),
            Status = CycleStatus.UnderReview,
            Version = 1,
            CreatedAt = created,
            ModifiedAt = created,
            ModifiedBy = StampedBy,
        };
    }

    private static (AssessmentRecord Record, Scorecard Card) Assess(
        Chunk chunk, SyntheticIds ids, SyntheticAnswers answerer, AssessmentCycle cycle, Center center, AssessmentKind kind, double quality, decimal? rate, Random random)
    {
        var year = cycle.Year;
        var submitted = kind == AssessmentKind.SelfAssessment
            ? SyntheticClock.At(year, 10, 10 + random.Next(8), 16)
            : SyntheticClock.At(year, 10, 18, 18).AddDays(random.Next(55));
        var finalized = SyntheticClock.At(year, 12, 17, 17);
        var record = new AssessmentRecord
        {
            Id = ids.Next<AssessmentRecord>(),
            Kind = kind,
            CenterId = center.Id,
            CycleId = cycle.Id,
            Status = AssessmentStatus.Finalized,
            SubmittedAt = submitted,
            FinalizedAt = finalized,
            Version = 1,
            CreatedAt = SyntheticClock.At(year, 10, 1, 9),
            ModifiedAt = finalized,
            ModifiedBy = StampedBy,
        };
        var criteria = answerer.Criteria;
        var stamp = submitted;
        record.Answers.AddRange(answerer.Answer(quality, rate, random, allowNotApplicable: true, stamp, StampedBy));
        if (kind == AssessmentKind.Inspection && random.NextDouble() < 0.004 && criteria.Vetoes.Count > 0)
        {
            var veto = criteria.Vetoes[random.Next(criteria.Vetoes.Count)];
            record.VetoFindings.Add(new VetoFindingRecord { VetoId = veto.Id, Note = "考核组据实认定（合成数据）。" });
        }

        var card = Scorer.Score(criteria, record.ToChecklist(criteria.Id));
        if (!card.IsComplete)
        {
            // Rarely every item of a dimension is 不适用: answer again without.
            record.Answers.Clear();
            record.Answers.AddRange(answerer.Answer(quality, rate, random, allowNotApplicable: false, stamp, StampedBy));
            card = Scorer.Score(criteria, record.ToChecklist(criteria.Id));
        }

        foreach (var answer in record.Answers)
        {
            answer.Id = ids.Next<Answer>();
            answer.AssessmentId = record.Id;
        }

        foreach (var veto in record.VetoFindings)
        {
            veto.Id = ids.Next<VetoFindingRecord>();
            veto.AssessmentId = record.Id;
        }

        var frozen = ScorecardRecord.Freeze(card, cycle.Year, finalized);
        frozen.Id = ids.Next<ScorecardRecord>();
        frozen.AssessmentId = record.Id;
        foreach (var item in frozen.Items)
        {
            item.Id = ids.Next<ItemScoreRecord>();
            item.ScorecardId = frozen.Id;
        }

        foreach (var dimension in frozen.Dimensions)
        {
            dimension.Id = ids.Next<DimensionScoreRecord>();
            dimension.ScorecardId = frozen.Id;
        }

        foreach (var veto in frozen.Vetoes)
        {
            veto.Id = ids.Next<ScorecardVetoRecord>();
            veto.ScorecardId = frozen.Id;
        }

        chunk.Add(record, frozen);
        return (record, card);
    }

    /// <summary>The compiled evidence of a center's ledger (one small PDF each, stored as an upload is: content-addressed).</summary>
    private async Task<EvidenceFile> EvidenceAsync(int id, Center center, AssessmentRecord self, string? rateItem, string uploader, int year, CancellationToken cancellationToken)
    {
        var title = $"{center.Name}{year - 1}年度考评反馈问题整改佐证材料汇编";
        var text = $"%PDF-1.4\n% {title}（{center.Code}，合成数据）\n%%EOF\n";
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(text));
        var file = await evidence.StoreAsync(content, EvidenceStore.Pdf, title + ".pdf", cancellationToken).ConfigureAwait(false);
        file.Id = id;
        file.AssessmentId = self.Id;
        file.ItemId = rateItem;
        file.UploadedBy = uploader;
        file.UploadedAt = SyntheticClock.At(year, 10, 5, 10);
        return file;
    }

    /// <summary>Ranks the cycle with the engine and stores the results as the publisher does; marks the cycle published.</summary>
    private async Task<int> PublishAsync(
        BulkWriter writer, SyntheticIds ids, AssessmentCycle cycle, CriteriaVersion criteria, List<CenterResult> centerResults,
        PreviousCycle? previous, Dictionary<int, int> inspectionIds, CancellationToken cancellationToken)
    {
        var analysis = CycleAnalyzer.Analyze(criteria, centerResults, previous);
        var published = SyntheticClock.At(cycle.Year + 1, 1, 20, 10);
        var stored = CyclePublisher.ResultsOf(cycle.Id, analysis, centerId => inspectionIds[centerId]);
        var dimensions = new List<CycleDimensionResult>();
        foreach (var result in stored)
        {
            result.Id = ids.Next<CycleResult>();
            result.CreatedAt = published;
            result.ModifiedAt = published;
            result.ModifiedBy = StampedBy;
            foreach (var dimension in result.Dimensions)
            {
                dimension.Id = ids.Next<CycleDimensionResult>();
                dimension.CycleResultId = result.Id;
                dimensions.Add(dimension);
            }
        }

        await writer.InTransactionAsync(async () =>
        {
            await writer.WriteAsync(stored, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(dimensions, cancellationToken).ConfigureAwait(false);
            await db.Cycles.Where(c => c.Id == cycle.Id).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.Status, CycleStatus.Published)
                .SetProperty(c => c.PublishedAt, published)
                .SetProperty(c => c.ModifiedAt, published)
                .SetProperty(c => c.Version, 2L), cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return stored.Count;
    }

    /// <summary>The rows of a chunk of centers, written in key order of their dependencies.</summary>
    private sealed class Chunk
    {
        public List<AssessmentRecord> Assessments { get; } = [];
        public List<Answer> Answers { get; } = [];
        public List<VetoFindingRecord> Vetoes { get; } = [];
        public List<ScorecardRecord> Scorecards { get; } = [];
        public List<ItemScoreRecord> Items { get; } = [];
        public List<DimensionScoreRecord> Dimensions { get; } = [];
        public List<ScorecardVetoRecord> ScorecardVetoes { get; } = [];
        public List<EvidenceFile> Evidence { get; } = [];
        public List<RectificationLedger> Ledgers { get; } = [];
        public List<LedgerAspect> Aspects { get; } = [];
        public List<Finding> Findings { get; } = [];
        public List<RectificationAction> Actions { get; } = [];
        public List<RectificationVerification> Verifications { get; } = [];

        public void Add(AssessmentRecord record, ScorecardRecord scorecard)
        {
            Assessments.Add(record);
            Answers.AddRange(record.Answers);
            Vetoes.AddRange(record.VetoFindings);
            Scorecards.Add(scorecard);
            Items.AddRange(scorecard.Items);
            Dimensions.AddRange(scorecard.Dimensions);
            ScorecardVetoes.AddRange(scorecard.Vetoes);
        }

        public void Add(SyntheticLedgers.Built ledger)
        {
            Ledgers.Add(ledger.Ledger);
            Aspects.AddRange(ledger.Aspects);
            Findings.AddRange(ledger.Findings);
            Actions.AddRange(ledger.Actions);
            Verifications.AddRange(ledger.Verifications);
        }

        public async Task WriteAsync(BulkWriter writer, CancellationToken cancellationToken)
        {
            await writer.WriteAsync(Assessments, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(Answers, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(Vetoes, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(Scorecards, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(Items, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(Dimensions, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(ScorecardVetoes, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(Evidence, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(Ledgers, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(Aspects, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(Findings, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(Actions, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(Verifications, cancellationToken).ConfigureAwait(false);
        }
    }
}
