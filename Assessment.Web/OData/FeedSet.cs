using System.Reflection;
using Assessment.Web.Persistence;

namespace Assessment.Web.OData;

/// <summary>
/// One entity set of the feed: a flat row type and the query that produces its rows for a caller, with
/// the caller's authorization scope already applied. Adding a set is adding one subclass of
/// <see cref="FeedSet{TRow}"/> in this assembly: the model, routing and query binding find it.
/// </summary>
public abstract class FeedSet
{
    /// <summary>The entity set's name in the service document and <c>$metadata</c>, e.g. <c>Centers</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The row type; its public properties become the entity type's structural properties.</summary>
    public abstract Type RowType { get; }

    /// <summary>The key property (an <see cref="int"/> or <see cref="string"/> property of the row).</summary>
    public virtual string KeyProperty => "Id";

    /// <summary>Single-valued navigations to other sets, each through a foreign-key property of the row.</summary>
    public virtual IReadOnlyList<FeedNavigation> Navigations => [];

    /// <summary>A short description, written to <c>$metadata</c> as Core.Description.</summary>
    public abstract string Description { get; }

    internal abstract IQueryable QueryUntyped(FeedQueryContext context);

    /// <summary>Every concrete set in this assembly, in name order.</summary>
    public static IReadOnlyList<FeedSet> Discover() =>
        typeof(FeedSet).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsClass: true } && t.IsSubclassOf(typeof(FeedSet)) && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (FeedSet)Activator.CreateInstance(t)!)
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
}

/// <summary>A set whose rows are <typeparamref name="TRow"/>.</summary>
public abstract class FeedSet<TRow> : FeedSet
    where TRow : class, new()
{
    public override Type RowType => typeof(TRow);

    /// <summary>
    /// The rows the caller may see, as a query the database runs (an EF Core query over
    /// <see cref="FeedQueryContext.Db"/>): filter by <see cref="FeedQueryContext.Scope"/> here.
    /// </summary>
    public abstract IQueryable<TRow> Query(FeedQueryContext context);

    internal sealed override IQueryable QueryUntyped(FeedQueryContext context) => Query(context);
}

/// <summary>A single-valued navigation: <paramref name="Name"/> leads to the row of <paramref name="TargetSet"/> whose key is <paramref name="ForeignKey"/>.</summary>
public sealed record FeedNavigation(string Name, string TargetSet, string ForeignKey);

/// <summary>What a set's query needs: the database, the caller's scope and the time of the request.</summary>
public sealed class FeedQueryContext(AssessmentDbContext db, FeedScope scope, DateTimeOffset requestTime)
{
    public AssessmentDbContext Db { get; } = db;

    public FeedScope Scope { get; } = scope;

    /// <summary>When the request arrived (from the application's <see cref="TimeProvider"/>): one value for every query of a request.</summary>
    public DateTimeOffset RequestTime { get; } = requestTime;

    /// <summary>The request's date in China Standard Time (UTC+8), where deadlines are set.</summary>
    public DateOnly Today => DateOnly.FromDateTime(RequestTime.ToOffset(TimeSpan.FromHours(8)).DateTime);
}

/// <summary>Marks a row property whose value is never null (non-nullable reference types are not visible at run time).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class FeedRequiredAttribute : Attribute;

internal static class FeedRowProperties
{
    public static PropertyInfo[] Of(Type rowType) =>
        rowType.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.CanWrite).ToArray();
}
