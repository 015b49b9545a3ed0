using Assessment.Web.Persistence;

namespace Assessment.Web.Workflow;

/// <summary>
/// The one way an uploaded file becomes evidence of an assessment, for the API and the pages alike: checked, received
/// into the store's incoming folder, its row saved in the caller's transaction, and the file placed at its
/// content-addressed name only as that transaction commits (<see cref="CommitHooks"/>). A save that is refused or
/// fails after the upload (a stale version, an invalid answer, a rolled-back transaction) leaves no placed file and
/// no row, and the received bytes are deleted.
/// </summary>
public sealed class EvidenceUploads(EvidenceStore store, AssessmentService assessments, AssessmentDbContext db, WriteTransaction writes, CommitHooks hooks)
{
    /// <summary>
    /// Attaches <paramref name="upload"/> to assessment <paramref name="assessmentId"/> (for <paramref name="itemId"/>, when
    /// given). Joins the open transaction — the caller's, or the idempotency middleware's — and is placed when it commits;
    /// without one, opens and commits its own. Refusals are <see cref="WorkflowException"/>s: the assessment not editable
    /// or <paramref name="expectedVersion"/> stale (checked before any byte is written), 413 over the size limit (naming
    /// <paramref name="field"/>), 415 for a type that is not accepted or not what the bytes are, 400 for a bad name or an
    /// empty file, 507 when the disk is full.
    /// </summary>
    public async Task<EvidenceFile> AttachAsync(
        int assessmentId, long? expectedVersion, IFormFile upload, string? itemId, string field = "file", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upload);
        assessments.EnsureCanAddEvidence(await assessments.LoadAsync(assessmentId, cancellationToken), expectedVersion, itemId);
        if (upload.Length > store.MaxBytes)
        {
            throw new WorkflowException(StatusCodes.Status413PayloadTooLarge, $"文件超过大小限制（{store.MaxBytes / 1024 / 1024} MB）。",
                new Dictionary<string, string[]> { [field] = ["文件过大。"] });
        }

        StagedEvidence? staged;
        await using (var content = upload.OpenReadStream())
        {
            staged = await store.StageAsync(content, upload.ContentType, upload.FileName, cancellationToken);
        }

        try
        {
            var file = staged.File;
            file.ItemId = itemId;
            await assessments.RecordEvidenceAsync(assessmentId, expectedVersion, file, cancellationToken);
            var own = db.Database.CurrentTransaction is null && !writes.IsRequested
                ? await db.Database.BeginTransactionAsync(cancellationToken)
                : null;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                var transaction = db.Database.CurrentTransaction
                    ?? throw new InvalidOperationException("An evidence row was saved outside a transaction: its file could not be placed at the commit.");
                hooks.Enlist(transaction, staged);
                staged = null; // the hooks place it at the commit, or delete it
                if (own is not null)
                {
                    await own.CommitAsync(cancellationToken);
                }
            }
            finally
            {
                if (own is not null)
                {
                    await own.DisposeAsync();
                }
            }

            return file;
        }
        finally
        {
            staged?.Dispose();
        }
    }
}
