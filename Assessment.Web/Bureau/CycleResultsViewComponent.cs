using Microsoft.AspNetCore.Mvc;

namespace Assessment.Web.Bureau;

/// <summary>
/// The ranking table and the charts beside it (totals against the demonstration line, a center's dimension profile
/// against the province mean, year over year), in one place for the bureau's dashboard and the results pages.
/// The page loads ECharts and <c>js/charts.js</c>; without them the tables carry every number.
/// </summary>
public sealed class CycleResultsViewComponent : ViewComponent
{
    /// <param name="results">The ranking to show.</param>
    /// <param name="centerLink">A link per center (<c>{0}</c> = center id), or null for none.</param>
    public IViewComponentResult Invoke(CycleResultsView results, string? centerLink = null)
    {
        ViewData["CenterLink"] = centerLink;
        return View(results);
    }
}
