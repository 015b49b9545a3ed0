using System.Security.Claims;
using Assessment.Web.Persistence;
using Assessment.Web.Workflow;

namespace Assessment.Web.Security;

/// <summary>
/// Who may read or change which assessment and which results, beyond the endpoint's role policy:
/// center staff only their own center's self-assessment (and their own inspection only once the cycle is
/// published, never another center's), inspectors only the inspections they are assigned to, the bureau
/// everything, analysts only published results.
/// </summary>
public static class AccessRules
{
    public static bool CanRead(ClaimsPrincipal user, AssessmentRecord assessment)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(assessment);
        if (user.IsInRole(Roles.BureauAdmin))
        {
            return true;
        }

        if (user.IsInRole(Roles.Inspector) && IsAssigned(user, assessment))
        {
            return true;
        }

        return user.IsInRole(Roles.CenterStaff)
            && user.CenterOf() == assessment.CenterId
            && (assessment.Kind == AssessmentKind.SelfAssessment || assessment.Cycle?.Status == CycleStatus.Published);
    }

    public static bool CanEdit(ClaimsPrincipal user, AssessmentRecord assessment)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(assessment);
        return user.IsInRole(Roles.BureauAdmin)
            || (user.IsInRole(Roles.Inspector) && assessment.Kind == AssessmentKind.Inspection && IsAssigned(user, assessment))
            || (user.IsInRole(Roles.CenterStaff) && assessment.Kind == AssessmentKind.SelfAssessment && user.CenterOf() == assessment.CenterId);
    }

    /// <summary>Published results are for every role; unpublished ones exist for nobody but the bureau.</summary>
    public static bool CanReadResults(ClaimsPrincipal user, AssessmentCycle cycle)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(cycle);
        return cycle.Status == CycleStatus.Published || user.IsInRole(Roles.BureauAdmin);
    }

    /// <summary>403 unless <see cref="CanRead"/>.</summary>
    public static void DemandRead(ClaimsPrincipal user, AssessmentRecord assessment)
    {
        if (!CanRead(user, assessment))
        {
            throw WorkflowException.Forbidden($"您无权查看考核 {assessment.Id}。");
        }
    }

    /// <summary>403 unless <see cref="CanEdit"/>.</summary>
    public static void DemandEdit(ClaimsPrincipal user, AssessmentRecord assessment)
    {
        if (!CanEdit(user, assessment))
        {
            throw WorkflowException.Forbidden($"您无权修改考核 {assessment.Id}。");
        }
    }

    private static bool IsAssigned(ClaimsPrincipal user, AssessmentRecord assessment) =>
        user.UserId() is { } id && assessment.Inspectors.Any(i => i.Id == id);
}
