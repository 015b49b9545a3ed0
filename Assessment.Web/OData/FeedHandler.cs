using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using Assessment.Web.Persistence;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;

namespace Assessment.Web.OData;

/// <summary>
/// Answers every GET under <c>/odata</c>: the service document, <c>$metadata</c>, an entity set, its
/// <c>/$count</c>. Options are applied in the reference server's order — scope, <c>$filter</c>, count,
/// stable <c>$orderby</c> (key appended), <c>$skiptoken</c>, <c>$skip</c>, <c>$top</c>, page (one row more
/// than the page, to know whether a next page exists), <c>$select</c> — all in one database query; each
/// <c>$expand</c>ed navigation is one more query for the page's keys.
/// </summary>
internal sealed class FeedHandler(FeedModel model, AssessmentDbContext db, IOptions<ODataFeedOptions> options, TimeProvider clock)
{
    private static readonly HashSet<string> Supported = new(StringComparer.Ordinal)
    {
        "$filter", "$select", "$orderby", "$top", "$skip", "$count", "$expand", "$skiptoken", "$format",
    };

    private static readonly HashSet<string> NotImplemented = new(StringComparer.OrdinalIgnoreCase)
    {
        "$apply", "$search", "$compute", "$levels", "$index", "$schemaversion", "$deltatoken", "$id",
    };

    private static readonly MethodInfo RunMethod = typeof(FeedHandler).GetMethod(nameof(RunAsync), BindingFlags.NonPublic | BindingFlags.Instance)!;
    private static readonly MethodInfo FetchMethod = typeof(FeedHandler).GetMethod(nameof(FetchAsync), BindingFlags.NonPublic | BindingFlags.Instance)!;

    private readonly ODataFeedOptions limits = options.Value;

    private DateTimeOffset? requestTime;

    /// <summary>The time every query of this request is evaluated against (e.g. overdue actions).</summary>
    private DateTimeOffset RequestTime => requestTime ??= clock.GetUtcNow();

    /// <summary>The query parameter that carries an API key: never echoed into links.</summary>
    public const string ApiKeyParameter = "api_key";

    public async Task HandleAsync(HttpContext context, string? path)
    {
        path ??= "";
        var request = context.Request;
        var serviceRoot = new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/odata/");
        if (path.Length == 0)
        {
            CheckOptions(request.Query, allowNone: true);
            await FeedResponses.WriteAsync(context, model.Edm, FeedResponses.Settings(serviceRoot), 200,
                writer => writer.WriteServiceDocument(model.Edm.GenerateServiceDocument()));
            return;
        }

        if (path == "$metadata")
        {
            if (CheckOptions(request.Query, allowNone: true).ContainsKey("$format"))
            {
                throw new FeedQueryException(StatusCodes.Status406NotAcceptable, "NotAcceptable", "$metadata 只提供 XML 格式（CSDL）。");
            }

            await FeedResponses.MetadataAsync(context, model.Edm);
            return;
        }

        if (path == "$batch")
        {
            throw FeedQueryException.NotSupported("$batch 批量请求");
        }

        var query = CheckOptions(request.Query, allowNone: false);
        var relative = new Uri(Uri.EscapeDataString(path).Replace("%2F", "/", StringComparison.Ordinal).Replace("%24", "$", StringComparison.Ordinal)
            + QueryString.Create(query.Where(p => p.Key != "$format")).ToUriComponent(), UriKind.Relative);
        var parser = new ODataUriParser(model.Edm, serviceRoot, relative)
        {
            Resolver = new ODataUriResolver { EnableCaseInsensitive = true },
        };
        parser.Settings.MaximumExpansionDepth = 1;

        ODataPath odataPath;
        try
        {
            odataPath = parser.ParsePath();
        }
        catch (ODataUnrecognizedPathException)
        {
            throw new FeedQueryException(StatusCodes.Status404NotFound, "NotFound", $"数据集“{path}”不存在。");
        }
        catch (ODataException e)
        {
            // E.g. a key beyond the key's type (Centers(99999999999)): the client's mistake, not the server's.
            throw FeedQueryException.Bad("路径无效：" + e.Message);
        }

        var segments = odataPath.ToList();
        if (segments is not [EntitySetSegment setSegment, ..] || segments.Count > 2 || (segments.Count == 2 && segments[1] is not CountSegment))
        {
            throw FeedQueryException.NotSupported("此路径（仅支持数据集及其 /$count）");
        }

        var set = model.Set(setSegment.EntitySet.Name);
        var scope = await FeedScope.ForAsync(context.User, db, context.RequestAborted);
        if (scope.IsEmpty)
        {
            throw new FeedQueryException(StatusCodes.Status403Forbidden, "Forbidden", "您的账号无权读取数据源。");
        }

        var parsed = Parse(parser, segments.Count == 2);
        using var budget = new CancellationTokenSource(limits.TimeBudget, clock);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(budget.Token, context.RequestAborted);
        try
        {
            var run = (Task)RunMethod.MakeGenericMethod(set.RowType).Invoke(this, [context, set, scope, parsed, odataPath, serviceRoot, cancellation.Token])!;
            await run;
        }
        catch (Exception e) when (e is OperationCanceledException && budget.IsCancellationRequested && !context.RequestAborted.IsCancellationRequested)
        {
            throw new FeedQueryException(StatusCodes.Status503ServiceUnavailable, "Timeout",
                $"查询超过了 {limits.TimeBudget.TotalSeconds:0.#} 秒的时限，已取消。请用 $filter 缩小范围或减小每页行数后重试。");
        }
    }

    private static Dictionary<string, string?> CheckOptions(IQueryCollection query, bool allowNone)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, values) in query)
        {
            if (key == ApiKeyParameter)
            {
                continue;
            }

            var name = key.ToLowerInvariant();
            if (NotImplemented.Contains(name))
            {
                throw FeedQueryException.NotSupported($"查询参数 {key}");
            }

            if (!Supported.Contains(name))
            {
                throw FeedQueryException.Bad($"不支持的查询参数“{key}”。");
            }

            if (values.Count != 1 || result.ContainsKey(name))
            {
                throw FeedQueryException.Bad($"查询参数 {key} 只能出现一次。");
            }

            if (allowNone && name != "$format")
            {
                throw FeedQueryException.Bad($"查询参数 {key} 只能用于数据集。");
            }

            if (name == "$format" && values[0] is { } format && !format.Equals("json", StringComparison.OrdinalIgnoreCase)
                && !format.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            {
                throw new FeedQueryException(StatusCodes.Status406NotAcceptable, "NotAcceptable", "本数据源只提供 JSON 格式（$format=json）。");
            }

            result[name] = values[0] ?? "";
        }

        return result;
    }

    private sealed record ParsedQuery(
        FilterClause? Filter,
        OrderByClause? OrderBy,
        SelectExpandClause? SelectExpand,
        long? Top,
        long? Skip,
        bool Count,
        string? SkipToken,
        bool CountOnly);

    private ParsedQuery Parse(ODataUriParser parser, bool countOnly)
    {
        try
        {
            var parsed = new ParsedQuery(
                parser.ParseFilter(),
                parser.ParseOrderBy(),
                parser.ParseSelectAndExpand(),
                parser.ParseTop(),
                parser.ParseSkip(),
                parser.ParseCount() ?? false,
                parser.ParseSkipToken(),
                countOnly);
            if (parsed.Top is < 0 || parsed.Skip is < 0)
            {
                throw FeedQueryException.Bad("$top 与 $skip 不能为负数。");
            }

            if (parsed.Top > limits.MaxTop)
            {
                throw FeedQueryException.Bad($"$top 不能超过 {limits.MaxTop}；请跟随 @odata.nextLink 分页读取。");
            }

            return parsed;
        }
        catch (ODataException e)
        {
            throw FeedQueryException.Bad("查询无效：" + e.Message);
        }
    }

    private async Task RunAsync<TRow>(
        HttpContext context, FeedSet<TRow> set, FeedScope scope, ParsedQuery parsed, ODataPath path, Uri serviceRoot, CancellationToken cancellationToken)
        where TRow : class, new()
    {
        var rowParameter = Expression.Parameter(typeof(TRow), "row");
        var binder = new ExpressionBinder(rowParameter, db.Database.IsSqlite(), limits.MaxNodeCount);
        var rows = set.Query(new FeedQueryContext(db, scope, RequestTime));
        if (parsed.Filter is not null)
        {
            rows = rows.Where(binder.BindFilter<TRow>(parsed.Filter));
        }

        if (parsed.CountOnly)
        {
            await FeedResponses.TextAsync(context, (await CountAsync(rows, cancellationToken)).ToString(CultureInfo.InvariantCulture));
            return;
        }

        var expansions = Expansions(set, parsed.SelectExpand);
        long? total = parsed.Count ? await CountAsync(rows, cancellationToken) : null;

        // Stable order: the requested keys, then the key.
        var keyProperty = typeof(TRow).GetProperty(set.KeyProperty)!;
        var orderKeys = OrderKeys(binder, parsed.OrderBy);
        var keyOrderOnly = orderKeys.Count == 0 && keyProperty.PropertyType == typeof(int);
        if (!orderKeys.Any(k => k.Expression is MemberExpression m && m.Member == keyProperty))
        {
            orderKeys.Add((Expression.Property(rowParameter, keyProperty), false));
        }

        var token = parsed.SkipToken is null ? (SkipToken?)null : SkipToken.Parse(parsed.SkipToken);
        if (token is { AfterKey: { } after })
        {
            if (!keyOrderOnly)
            {
                throw FeedQueryException.Bad("$skiptoken 与本查询的排序不符：请使用服务器返回的 @odata.nextLink。");
            }

            rows = rows.Where(Expression.Lambda<Func<TRow, bool>>(
                Expression.GreaterThan(Expression.Property(rowParameter, keyProperty), ExpressionBinder.Parameter(after, typeof(int))), rowParameter));
        }

        var ordered = Order(rows, rowParameter, orderKeys);
        // A tampered $skiptoken or an absurd $skip: the database takes an int offset.
        if ((token?.Offset ?? 0) > int.MaxValue || (parsed.Skip ?? 0) > int.MaxValue || (token?.Offset ?? 0) + (parsed.Skip ?? 0) > int.MaxValue)
        {
            throw FeedQueryException.Bad($"$skip 与 $skiptoken 合计不能超过 {int.MaxValue}。");
        }

        var offset = (token?.Offset ?? 0) + (parsed.Skip ?? 0);
        var pageSize = PageSize(context, limits.PageSize);
        var take = (int)Math.Min(parsed.Top ?? long.MaxValue, pageSize);
        var page = ordered;
        if (offset > 0)
        {
            page = Call(nameof(Queryable.Skip), page, checked((int)offset));
        }

        page = Call(nameof(Queryable.Take), page, take + 1);
        var selected = Selected(set, parsed.SelectExpand);
        var needed = selected.Select(p => p.Name).Append(set.KeyProperty).Concat(expansions.Select(e => e.Navigation.ForeignKey)).ToHashSet(StringComparer.Ordinal);
        page = page.Select(Projection<TRow>(needed));
        var list = await ToListAsync(page, cancellationToken);

        Uri? next = null;
        if (list.Count > take)
        {
            list.RemoveAt(list.Count - 1);
            if (parsed.Top is not { } top || top > take)
            {
                var nextToken = keyOrderOnly
                    ? SkipToken.After((int)keyProperty.GetValue(list[^1])!)
                    : SkipToken.At(offset + take);
                next = NextLink(context.Request, nextToken, parsed.Top is { } t ? t - take : null);
            }
        }

        var expanded = new List<(Expansion Expansion, IReadOnlyDictionary<object, object> Rows)>();
        foreach (var expansion in expansions)
        {
            var keys = list.Select(r => expansion.ForeignKey.GetValue(r)).OfType<object>().Distinct().ToList();
            var fetch = (Task<IReadOnlyDictionary<object, object>>)FetchMethod.MakeGenericMethod(expansion.Target.RowType)
                .Invoke(this, [expansion.Target, scope, keys, expansion.Selected, cancellationToken])!;
            expanded.Add((expansion, await fetch));
        }

        var entitySet = (IEdmEntitySet)((EntitySetSegment)path.FirstSegment).EntitySet;
        var uri = new ODataUri
        {
            ServiceRoot = serviceRoot,
            Path = new ODataPath(path.FirstSegment),
            SelectAndExpand = parsed.SelectExpand is { AllSelected: false } clause
                ? new SelectExpandClause(clause.SelectedItems.Where(i => i is not ExpandedNavigationSelectItem), false)
                : null,
        };
        if (PreferredPageSize(context) is { } preferred && preferred < limits.PageSize)
        {
            context.Response.Headers["Preference-Applied"] = $"odata.maxpagesize={preferred}";
        }

        if (expanded.Count == 0)
        {
            // The common case (every analyst query without $expand): the same payload, written directly.
            var contextUrl = FeedJsonWriter.ContextUrl(serviceRoot, set.Name, SelectedInRequestOrder(uri.SelectAndExpand));
            await FeedResponses.WriteJsonAsync(context, 256 + (list.Count * 32 * selected.Length), buffer =>
                FeedJsonWriter.Write(buffer, contextUrl, total, list, selected, next));
            return;
        }

        await FeedResponses.WriteAsync(context, model.Edm, FeedResponses.Settings(serviceRoot, uri), 200, messageWriter =>
            WriteWithLibrary(messageWriter, entitySet, model.EntityType(set), list, selected, total, next, expanded));
    }

    /// <summary>A page written by Microsoft.OData.Core: pages with <c>$expand</c>, and the reference the tests hold <see cref="FeedJsonWriter"/> to.</summary>
    internal static void WriteWithLibrary<TRow>(
        ODataMessageWriter messageWriter, IEdmEntitySet entitySet, IEdmEntityType entityType, IReadOnlyList<TRow> rows, PropertyInfo[] selected,
        long? total, Uri? next, IReadOnlyList<(Expansion Expansion, IReadOnlyDictionary<object, object> Rows)> expanded)
        where TRow : class
    {
        var writer = messageWriter.CreateODataResourceSetWriter(entitySet, entityType);
        writer.WriteStart(new ODataResourceSet { Count = total, NextPageLink = next });
        foreach (var row in rows)
        {
            writer.WriteStart(Resource(row, selected));
            foreach (var (expansion, targets) in expanded)
            {
                writer.WriteStart(new ODataNestedResourceInfo { Name = expansion.Navigation.Name, IsCollection = false });
                var key = expansion.ForeignKey.GetValue(row);
                writer.WriteStart(key is not null && targets.TryGetValue(key, out var target) ? Resource(target, expansion.Selected) : null);
                writer.WriteEnd();
                writer.WriteEnd();
            }

            writer.WriteEnd();
        }

        writer.WriteEnd();
    }

    private async Task<IReadOnlyDictionary<object, object>> FetchAsync<TTarget>(
        FeedSet<TTarget> target, FeedScope scope, List<object> keys, PropertyInfo[] selected, CancellationToken cancellationToken)
        where TTarget : class, new()
    {
        if (keys.Count == 0)
        {
            return new Dictionary<object, object>();
        }

        var row = Expression.Parameter(typeof(TTarget), "target");
        var keyProperty = typeof(TTarget).GetProperty(target.KeyProperty)!;
        var values = (System.Collections.IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(keyProperty.PropertyType))!;
        foreach (var key in keys)
        {
            values.Add(key);
        }

        var contains = typeof(Enumerable).GetMethods()
            .Single(m => m.Name == nameof(Enumerable.Contains) && m.GetParameters().Length == 2)
            .MakeGenericMethod(keyProperty.PropertyType);
        var predicate = Expression.Lambda<Func<TTarget, bool>>(
            Expression.Call(contains, ExpressionBinder.Parameter(values, values.GetType()), Expression.Property(row, keyProperty)), row);
        var needed = selected.Select(p => p.Name).Append(target.KeyProperty).ToHashSet(StringComparer.Ordinal);
        var query = target.Query(new FeedQueryContext(db, scope, RequestTime)).Where(predicate).Select(Projection<TTarget>(needed));
        var found = await ToListAsync(query, cancellationToken);
        return found.ToDictionary(r => keyProperty.GetValue(r)!, r => (object)r);
    }

    internal sealed record Expansion(FeedNavigation Navigation, FeedSet Target, PropertyInfo ForeignKey, PropertyInfo[] Selected);

    private List<Expansion> Expansions(FeedSet set, SelectExpandClause? clause)
    {
        var result = new List<Expansion>();
        foreach (var item in clause?.SelectedItems.OfType<ExpandedNavigationSelectItem>() ?? [])
        {
            if (item.FilterOption is not null || item.OrderByOption is not null || item.TopOption is not null || item.SkipOption is not null
                || item.CountOption is not null || item.SearchOption is not null || item.LevelsOption is not null || item.ComputeOption is not null)
            {
                throw FeedQueryException.NotSupported("$expand 内除 $select 以外的查询参数");
            }

            if (item.SelectAndExpand?.SelectedItems.OfType<ExpandedNavigationSelectItem>().Any() == true)
            {
                throw FeedQueryException.NotSupported("多级 $expand（只支持展开一级）");
            }

            var name = item.PathToNavigationProperty.LastSegment.Identifier;
            var navigation = set.Navigations.Single(n => n.Name == name);
            var target = model.Set(navigation.TargetSet);
            result.Add(new Expansion(navigation, target, set.RowType.GetProperty(navigation.ForeignKey)!, Selected(target, item.SelectAndExpand)));
        }

        return result;
    }

    /// <summary>The names <c>$select</c> listed, in its order (as the context URL gives them); null when every property is selected.</summary>
    internal static List<string>? SelectedInRequestOrder(SelectExpandClause? clause) =>
        clause is null || clause.AllSelected
            ? null
            : clause.SelectedItems.Select(item => item switch
            {
                PathSelectItem path => path.SelectedPath.LastSegment.Identifier,
                WildcardSelectItem => "*",
                _ => throw FeedQueryException.NotSupported("$select 中的此类项（只支持属性名与 *）"),
            }).ToList();

    private static PropertyInfo[] Selected(FeedSet set, SelectExpandClause? clause)
    {
        var all = FeedRowProperties.Of(set.RowType);
        if (clause is null || clause.AllSelected || clause.SelectedItems.OfType<WildcardSelectItem>().Any())
        {
            return all;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in clause.SelectedItems)
        {
            switch (item)
            {
                case PathSelectItem { SelectedPath.LastSegment: PropertySegment property } when item is PathSelectItem { SelectedPath.Count: 1 }:
                    names.Add(property.Property.Name);
                    break;
                case ExpandedNavigationSelectItem:
                    break;
                default:
                    throw FeedQueryException.NotSupported("$select 中的此类项（只支持属性名与 *）");
            }
        }

        return names.Count == 0 ? all : all.Where(p => names.Contains(p.Name)).ToArray();
    }

    private List<(Expression Expression, bool Descending)> OrderKeys(ExpressionBinder binder, OrderByClause? clause)
    {
        var keys = new List<(Expression, bool)>();
        for (var item = clause; item is not null; item = item.ThenBy)
        {
            if (keys.Count == limits.MaxOrderByKeys)
            {
                throw FeedQueryException.Bad($"$orderby 最多 {limits.MaxOrderByKeys} 个排序键。");
            }

            keys.Add((binder.Bind(item.Expression), item.Direction == OrderByDirection.Descending));
        }

        return keys;
    }

    private static IQueryable<TRow> Order<TRow>(IQueryable<TRow> rows, ParameterExpression row, List<(Expression Expression, bool Descending)> keys)
    {
        var expression = rows.Expression;
        for (var i = 0; i < keys.Count; i++)
        {
            var (key, descending) = keys[i];
            var method = (i == 0, descending) switch
            {
                (true, false) => nameof(Queryable.OrderBy),
                (true, true) => nameof(Queryable.OrderByDescending),
                (false, false) => nameof(Queryable.ThenBy),
                (false, true) => nameof(Queryable.ThenByDescending),
            };
            expression = Expression.Call(typeof(Queryable), method, [typeof(TRow), key.Type], expression, Expression.Quote(Expression.Lambda(key, row)));
        }

        return rows.Provider.CreateQuery<TRow>(expression);
    }

    // Skip and Take with their counts as parameters, as EF would for variables.
    private static IQueryable<TRow> Call<TRow>(string method, IQueryable<TRow> rows, int count) =>
        rows.Provider.CreateQuery<TRow>(Expression.Call(typeof(Queryable), method, [typeof(TRow)], rows.Expression, ExpressionBinder.Parameter(count, typeof(int))));

    /// <summary>Reads only the needed columns: a new row with just those members set.</summary>
    private static Expression<Func<TRow, TRow>> Projection<TRow>(HashSet<string> needed)
    {
        var row = Expression.Parameter(typeof(TRow), "row");
        var bindings = FeedRowProperties.Of(typeof(TRow))
            .Where(p => needed.Contains(p.Name))
            .Select(p => Expression.Bind(p, Expression.Property(row, p)));
        return Expression.Lambda<Func<TRow, TRow>>(Expression.MemberInit(Expression.New(typeof(TRow)), bindings), row);
    }

    private static ODataResource Resource(object row, PropertyInfo[] properties) => new()
    {
        Properties = properties.Select(p => new ODataProperty { Name = p.Name, Value = ODataValue(p.GetValue(row)) }).ToList(),
    };

    private static object? ODataValue(object? value) => value switch
    {
        DateOnly date => new Date(date.Year, date.Month, date.Day),
        _ => value,
    };

    private static async Task<long> CountAsync<TRow>(IQueryable<TRow> rows, CancellationToken cancellationToken) =>
        rows.Provider is IAsyncQueryProvider ? await rows.LongCountAsync(cancellationToken) : rows.LongCount();

    private static async Task<List<TRow>> ToListAsync<TRow>(IQueryable<TRow> rows, CancellationToken cancellationToken) =>
        rows.Provider is IAsyncQueryProvider ? await rows.ToListAsync(cancellationToken) : rows.ToList();

    private static int PageSize(HttpContext context, int serverPageSize) =>
        PreferredPageSize(context) is { } preferred ? Math.Min(preferred, serverPageSize) : serverPageSize;

    /// <summary>The client's <c>Prefer: odata.maxpagesize=N</c>, if any and valid.</summary>
    private static int? PreferredPageSize(HttpContext context)
    {
        foreach (var header in context.Request.Headers["Prefer"])
        {
            foreach (var preference in (header ?? "").Split(','))
            {
                var parts = preference.Split('=', 2, StringSplitOptions.TrimEntries);
                if (parts.Length == 2 && parts[0].Equals("odata.maxpagesize", StringComparison.OrdinalIgnoreCase)
                    && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size > 0)
                {
                    return size;
                }
            }
        }

        return null;
    }

    /// <summary>The absolute link to the next page: the same request with the token, the rest of <c>$top</c>, and no API key.</summary>
    private static Uri NextLink(HttpRequest request, SkipToken token, long? remainingTop)
    {
        var kept = QueryHelpers.ParseQuery(request.QueryString.Value)
            .Where(p => p.Key is not (ApiKeyParameter or "$skip" or "$skiptoken" or "$top" or "$count"))
            .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)))
            .ToList();
        if (remainingTop is { } top)
        {
            kept.Add(new("$top", top.ToString(CultureInfo.InvariantCulture)));
        }

        kept.Add(new("$skiptoken", token.ToString()));
        return new Uri(UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path, QueryString.Create(kept)));
    }
}
