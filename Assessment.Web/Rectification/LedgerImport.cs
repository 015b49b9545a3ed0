using Assessment.Web.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Assessment.Web.Rectification;

/// <summary>A checked workbook waiting for confirmation: only its owner can confirm it, into the ledger it was read for.</summary>
public sealed record ImportPlan(string Token, string UserId, int CenterId, int CycleId, IReadOnlyList<ImportRow> Rows, DateTimeOffset ExpiresAt);

/// <summary>
/// Two-step import of an Excel ledger: <see cref="PreviewAsync"/> reads and checks the workbook and saves nothing;
/// when it has no error it keeps the rows under a token (in memory, 30 minutes); <see cref="ConfirmAsync"/> with
/// that token adds them to the ledger in one save. Nothing is stored from a workbook with any error. A row whose
/// problem and specific problem the ledger already holds is an error (importing the same workbook twice would
/// otherwise add every item twice), checked at preview and again at confirmation.
/// </summary>
/// <remarks>The pending plans live in this process's memory: a restart (or another instance) forgets them, and the user uploads again.</remarks>
public sealed class LedgerImport(IMemoryCache cache, TimeProvider clock, LedgerService ledgers, Persistence.AssessmentDbContext db)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    /// <summary>Tokens being confirmed right now: a double click confirms once (the plans live in this process too).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> Confirming = new(StringComparer.Ordinal);

    public async Task<ImportPreview> PreviewAsync(Stream workbook, string userId, int centerId, int cycleId, CancellationToken cancellationToken = default)
    {
        var read = LedgerWorkbook.Read(workbook);
        if (read.Errors.Count > 0)
        {
            return new ImportPreview(null, read.Rows, read.Errors);
        }

        var duplicates = await DuplicatesAsync(centerId, cycleId, read.Rows, cancellationToken);
        if (duplicates.Count > 0)
        {
            return new ImportPreview(null, read.Rows, duplicates);
        }

        var token = Guid.NewGuid().ToString("N");
        var plan = new ImportPlan(token, userId, centerId, cycleId, read.Rows, clock.GetUtcNow() + Lifetime);
        cache.Set(Key(token), plan, Lifetime);
        return new ImportPreview(token, read.Rows, []);
    }

    /// <summary>Adds the previewed rows to the ledger (all or nothing) and forgets the token.</summary>
    public async Task<int> ConfirmAsync(string token, string userId, CancellationToken cancellationToken = default)
    {
        if (!Confirming.TryAdd(token, 0))
        {
            throw new LedgerRuleException(409, "token", "这份导入正在确认中，请勿重复提交。");
        }

        try
        {
            return await ConfirmOnceAsync(token, userId, cancellationToken);
        }
        finally
        {
            Confirming.TryRemove(token, out _);
        }
    }

    private async Task<int> ConfirmOnceAsync(string token, string userId, CancellationToken cancellationToken)
    {
        if (!cache.TryGetValue<ImportPlan>(Key(token), out var plan) || plan is null || plan.UserId != userId || plan.ExpiresAt < clock.GetUtcNow())
        {
            throw new LedgerRuleException(404, "token", "导入预览不存在或已过期，请重新上传。");
        }

        var requests = new List<FindingRequest>();
        List<ActionPlanRequest>? actions = null;
        ImportRow? previous = null;
        var statuses = new List<(int Finding, int Action, ImportRow Row)>();
        foreach (var row in plan.Rows)
        {
            if (previous is null || previous.Aspect != row.Aspect || previous.Problem != row.Problem || previous.Source != row.Source)
            {
                actions = [];
                requests.Add(new FindingRequest(row.Aspect, row.Source, row.Problem, SourceDetail: row.SourceDetail, Actions: actions));
            }

            actions!.Add(new ActionPlanRequest(row.SpecificProblem, row.Target, row.Measures, row.ResponsibleLeader,
                row.ResponsibleDepartment, row.ResponsiblePerson, row.Deadline, row.LastingRules));
            statuses.Add((requests.Count - 1, actions.Count - 1, row));
            previous = row;
        }

        // One problem with several rows: each row is a specific problem and must say which (else the problem's text).
        foreach (var request in requests.Where(r => r.Actions!.Count > 1))
        {
            var list = (List<ActionPlanRequest>)request.Actions!;
            for (var i = 0; i < list.Count; i++)
            {
                list[i] = list[i] with { SpecificProblem = list[i].SpecificProblem ?? request.Description };
            }
        }

        // Statuses are set before the single save inside AddFindingsAsync, through the domain method.
        // No retrying execution strategy is configured (see Persistence/README.md), so a plain transaction is safe.
        int added;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // Another import (or a hand entry) may have added the same items since the preview.
            if ((await DuplicatesAsync(plan.CenterId, plan.CycleId, plan.Rows, cancellationToken)) is [var first, ..] duplicates)
            {
                throw new LedgerRuleException(409, "token", $"预览后台账中已加入了相同的事项（共{duplicates.Count}行，如第{first.Row}行），本次未导入任何内容，请重新上传。");
            }

            var findings = await ledgers.AddFindingsAsync(plan.CenterId, plan.CycleId, requests, cancellationToken);
            foreach (var (f, a, row) in statuses)
            {
                findings[f].Actions[a].SetStatus(row.Status, row.CompletedOn, row.ProgressNote);
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            added = findings.Sum(f => f.Actions.Count);
        }

        cache.Remove(Key(token));
        return added;
    }

    /// <summary>
    /// The rows whose problem and specific problem (the problem itself when the row does not split it) are already in
    /// the ledger of this center and cycle, compared after trimming.
    /// </summary>
    private async Task<List<ImportError>> DuplicatesAsync(int centerId, int cycleId, IReadOnlyList<ImportRow> rows, CancellationToken cancellationToken)
    {
        var ledgerId = await db.RectificationLedgers.AsNoTracking()
            .Where(l => l.CenterId == centerId && l.CycleId == cycleId)
            .Select(l => (int?)l.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (ledgerId is null)
        {
            return [];
        }

        var existing = (await db.RectificationActions.AsNoTracking()
                .Where(a => a.Finding!.LedgerId == ledgerId)
                .Select(a => new { a.Finding!.Description, a.SpecificProblem })
                .ToListAsync(cancellationToken))
            .Select(x => ItemKey(x.Description, x.SpecificProblem))
            .ToHashSet();
        return [.. rows
            .Where(row => existing.Contains(ItemKey(row.Problem, row.SpecificProblem)))
            .Select(row => new ImportError(row.Row, "具体问题", $"台账中已有相同的事项（问题“{Shorten(row.Problem)}”），不能重复导入。请删除该行，或在台账中修改原事项。"))];
    }

    private static (string Problem, string Specific) ItemKey(string problem, string? specific) =>
        (problem.Trim(), (string.IsNullOrWhiteSpace(specific) ? problem : specific).Trim());

    private static string Shorten(string text) => text.Length <= 30 ? text : string.Concat(text.AsSpan(0, 30), "…");

    private static string Key(string token) => "ledger-import:" + token;
}

public sealed record ImportPreview(string? Token, IReadOnlyList<ImportRow> Rows, IReadOnlyList<ImportError> Errors);
