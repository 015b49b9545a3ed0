using System.Security.Claims;
using Assessment.Web.Persistence;
using Assessment.Web.Rectification;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Assessment.Web.Pages.Ledger;

/// <summary>
/// Import of a ledger the center keeps in Excel, in two steps with <see cref="LedgerImport"/>: the upload is read and
/// shown with every error (row and column); nothing is saved until the user confirms a preview without errors.
/// </summary>
[Authorize(Policy = RectificationPolicies.EditActions)]
public sealed class ImportModel(AssessmentDbContext db, LedgerAccess access, LedgerImport import) : PageModel
{
    public const long MaxBytes = 10 * 1024 * 1024;

    public Persistence.Center Center { get; private set; } = null!;

    public AssessmentCycle Cycle { get; private set; } = null!;

    public ImportPreview? Preview { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(int centerId, int cycleId, CancellationToken cancellationToken) =>
        await LoadAsync(centerId, cycleId, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostPreviewAsync(int centerId, int cycleId, IFormFile? workbook, CancellationToken cancellationToken)
    {
        if (await LoadAsync(centerId, cycleId, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        if (workbook is null || workbook.Length == 0)
        {
            return Refuse("请选择要导入的Excel工作簿（.xlsx）。");
        }

        if (workbook.Length > MaxBytes)
        {
            return Refuse("文件超过10 MB。");
        }

        // The OpenXML SDK reads synchronously: buffer the upload first.
        using var buffer = new MemoryStream();
        await using (var content = workbook.OpenReadStream())
        {
            await content.CopyToAsync(buffer, cancellationToken);
        }

        buffer.Position = 0;
        try
        {
            Preview = await import.PreviewAsync(buffer, UserId, centerId, cycleId, cancellationToken);
        }
        catch (LedgerRuleException e)
        {
            // Not a workbook (415), too large once unpacked (413): the service's message, with its status.
            var refused = Refuse(e.Message);
            Response.StatusCode = e.Status;
            return refused;
        }

        if (Preview.Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(int centerId, int cycleId, string? token, CancellationToken cancellationToken)
    {
        if (await LoadAsync(centerId, cycleId, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        try
        {
            var added = await import.ConfirmAsync(token ?? "", UserId, cancellationToken);
            return Redirect($"/ledger/{centerId}/{cycleId}?done=imported&item={added}");
        }
        catch (LedgerRuleException e)
        {
            return Refuse(e.Message);
        }
    }

    private PageResult Refuse(string message)
    {
        Error = message;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";

    private async Task<IActionResult?> LoadAsync(int centerId, int cycleId, CancellationToken cancellationToken)
    {
        try
        {
            await access.EnsureCanEditActionsAsync(User, centerId, cancellationToken);
        }
        catch (LedgerRuleException)
        {
            return Forbid();
        }

        var center = await db.Centers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == centerId, cancellationToken);
        var cycle = await db.Cycles.AsNoTracking().FirstOrDefaultAsync(c => c.Id == cycleId, cancellationToken);
        if (center is null || cycle is null)
        {
            return NotFound();
        }

        Center = center;
        Cycle = cycle;
        return null;
    }
}
