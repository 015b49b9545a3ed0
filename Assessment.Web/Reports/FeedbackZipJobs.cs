using System.Collections.Concurrent;
using System.IO.Compression;
using System.Threading.Channels;
using Assessment.Reports;
using Assessment.Web.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Assessment.Web.Reports;

public enum ReportJobStatus
{
    Queued,
    Running,
    Completed,
    Failed,
}

/// <summary>A zip of every center's feedback letter for a cycle, generated in the background; progress is <see cref="Done"/> of <see cref="Total"/>.</summary>
public sealed class FeedbackZipJob(Guid id, long sequence, int cycleId, int year, string requestedBy)
{
    private int done;

    /// <summary>Order of creation (the oldest finished jobs are dropped first).</summary>
    internal long Sequence { get; } = sequence;

    public Guid Id { get; } = id;

    public int CycleId { get; } = cycleId;

    public int Year { get; } = year;

    public string RequestedBy { get; } = requestedBy;

    public ReportJobStatus Status { get; internal set; } = ReportJobStatus.Queued;

    public int Total { get; internal set; }

    public int Done => Volatile.Read(ref done);

    public string? Error { get; internal set; }

    /// <summary>The zip, once <see cref="ReportJobStatus.Completed"/>.</summary>
    public byte[]? Zip { get; internal set; }

    public string FileName => $"{Year}年度考核情况反馈意见.zip";

    internal void Advance() => Interlocked.Increment(ref done);
}

/// <summary>
/// The queue and the registry of zip jobs (in memory: a job and its file last until the application restarts,
/// at most <see cref="MaxJobs"/> are kept). A hosted worker takes jobs one at a time.
/// </summary>
public sealed class FeedbackZipJobs
{
    public const int MaxJobs = 50;

    private readonly ConcurrentDictionary<Guid, FeedbackZipJob> jobs = new();
    private readonly Channel<FeedbackZipJob> queue = Channel.CreateUnbounded<FeedbackZipJob>();
    private long sequence;

    internal ChannelReader<FeedbackZipJob> Queue => queue.Reader;

    public FeedbackZipJob Enqueue(int cycleId, int year, string requestedBy)
    {
        // A second request for a cycle whose zip is still being made (a double click, a retry after a lost
        // response) follows the same job instead of making the letters twice.
        if (jobs.Values.FirstOrDefault(j => j.CycleId == cycleId && j.Status is ReportJobStatus.Queued or ReportJobStatus.Running) is { } pending)
        {
            return pending;
        }

        foreach (var old in jobs.Values.Where(j => j.Status is ReportJobStatus.Completed or ReportJobStatus.Failed).OrderByDescending(j => j.Sequence).Skip(MaxJobs - 1))
        {
            jobs.TryRemove(old.Id, out _);
        }

        var job = new FeedbackZipJob(Guid.NewGuid(), Interlocked.Increment(ref sequence), cycleId, year, requestedBy);
        jobs[job.Id] = job;
        queue.Writer.TryWrite(job);
        return job;
    }

    public FeedbackZipJob? Find(Guid id) => jobs.GetValueOrDefault(id);
}

/// <summary>Runs the queued zip jobs, each in a scope of its own.</summary>
internal sealed partial class FeedbackZipWorker(FeedbackZipJobs jobs, IServiceScopeFactory scopes, ILogger<FeedbackZipWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var job in jobs.Queue.ReadAllAsync(stoppingToken))
        {
            try
            {
                job.Status = ReportJobStatus.Running;
                job.Zip = await BuildAsync(job, stoppingToken);
                job.Status = ReportJobStatus.Completed;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e, job.Id);
                job.Error = e is Workflow.WorkflowException ? e.Message : "生成失败，请稍后重试。";
                job.Status = ReportJobStatus.Failed;
            }
        }
    }

    private async Task<byte[]> BuildAsync(FeedbackZipJob job, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AssessmentDbContext>();
        var models = scope.ServiceProvider.GetRequiredService<ReportModels>();
        var cycle = await models.PublishedCycleAsync(job.CycleId, cancellationToken);
        var centers = await db.CycleResults.AsNoTracking().Where(r => r.CycleId == cycle.Id)
            .OrderBy(r => r.Rank).ThenBy(r => r.CenterId).Select(r => r.Center!).ToListAsync(cancellationToken);
        job.Total = centers.Count;
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var center in centers)
            {
                var letter = FeedbackLetterWriter.Write(await models.FeedbackLetterAsync(cycle, center, cancellationToken));
                var entry = zip.CreateEntry($"{center.Code}-{center.Name}-{cycle.Year}年度考核情况反馈意见.docx", CompressionLevel.Fastest);
                await using (var stream = await entry.OpenAsync(cancellationToken))
                {
                    await stream.WriteAsync(letter, cancellationToken);
                }

                job.Advance();
            }
        }

        return buffer.ToArray();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Feedback zip job {JobId} failed.")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid jobId);
}
