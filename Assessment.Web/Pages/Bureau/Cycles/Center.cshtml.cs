using Assessment.Scoring.Cycles;
using Assessment.Scoring.Scoring;
using Assessment.Web.Bureau;
using Assessment.Web.Persistence;
using Assessment.Web.Security;
using Assessment.Web.Workflow;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Assessment.Web.Pages.Bureau.Cycles;

/// <summary>
/// A center's self-assessment against the inspection, item by item and per dimension, with the engine's re-check flag
/// (<see cref="SelfAssessmentComparer"/>), over the current revisions as they stand (scored by the engine now).
/// </summary>
[Authorize(Policy = Policies.BureauAdmin)]
public sealed class CenterModel(BureauQueries queries) : PageModel
{
    public AssessmentCycle Cycle { get; private set; } = null!;

    public Persistence.Center Center { get; private set; } = null!;

    public AssessmentRecord? Self { get; private set; }

    public AssessmentRecord? Inspection { get; private set; }

    public Scorecard? SelfCard { get; private set; }

    public Scorecard? InspectionCard { get; private set; }

    /// <summary>The engine's comparison; null unless both exist.</summary>
    public SelfAssessmentComparison? Comparison { get; private set; }

    public decimal RecheckThreshold { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, int centerId, CancellationToken cancellationToken)
    {
        Cycle = await queries.CycleAsync(id, cancellationToken);
        var criteria = queries.CriteriaOf(Cycle);
        Self = await queries.CurrentAsync(id, centerId, AssessmentKind.SelfAssessment, cancellationToken);
        Inspection = await queries.CurrentAsync(id, centerId, AssessmentKind.Inspection, cancellationToken);
        if ((Self ?? Inspection)?.Center is not { } center)
        {
            return NotFound();
        }

        Center = center;
        RecheckThreshold = criteria.RecheckThreshold;
        SelfCard = Self is null ? null : Scorer.Score(criteria, Self.ToChecklist(criteria.Id));
        InspectionCard = Inspection is null ? null : Scorer.Score(criteria, Inspection.ToChecklist(criteria.Id));
        if (SelfCard is not null && InspectionCard is not null)
        {
            Comparison = SelfAssessmentComparer.Compare(criteria, new CenterResult(center.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), center.Name, InspectionCard, SelfCard));
        }

        return Page();
    }
}
