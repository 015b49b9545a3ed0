using System.Linq.Expressions;
using System.Reflection;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;

namespace Assessment.Web.OData;

/// <summary>
/// Turns parsed <c>$filter</c> and <c>$orderby</c> expressions (<see cref="SingleValueNode"/> trees from
/// <see cref="ODataUriParser"/>) into LINQ expressions over a row parameter, so EF Core translates them
/// to SQL. Literals become closure members, which EF sends as parameters (the database reuses its plans);
/// only <c>null</c> stays a constant so that comparisons with it become <c>IS NULL</c>. Anything not
/// translated here is refused with 501, never ignored or evaluated in memory.
/// </summary>
internal sealed class ExpressionBinder(ParameterExpression row, bool sqliteTimestamps, int maxNodeCount)
{
    private static readonly MethodInfo StringCompare = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;
    private static readonly MethodInfo StringConcat = typeof(string).GetMethod(nameof(string.Concat), [typeof(string), typeof(string)])!;
    private static readonly MethodInfo TimestampPart = typeof(SqliteTimestampFunctions).GetMethod(nameof(SqliteTimestampFunctions.Part))!;
    private static readonly MethodInfo TimestampDate = typeof(SqliteTimestampFunctions).GetMethod(nameof(SqliteTimestampFunctions.Date))!;
    private static readonly MethodInfo DateFromDateTime = typeof(DateOnly).GetMethod(nameof(DateOnly.FromDateTime), [typeof(DateTime)])!;

    private int nodeCount;

    public ParameterExpression Row => row;

    /// <summary>Nodes bound so far (over all expressions bound with this binder).</summary>
    public int NodeCount => nodeCount;

    public Expression<Func<TRow, bool>> BindFilter<TRow>(FilterClause filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var body = AsBoolean(Bind(filter.Expression));
        return Expression.Lambda<Func<TRow, bool>>(body, row);
    }

    public Expression Bind(SingleValueNode node)
    {
        if (++nodeCount > maxNodeCount)
        {
            throw FeedQueryException.Bad($"查询条件过于复杂：$filter 与 $orderby 合计超过 {maxNodeCount} 个节点。");
        }

        return node switch
        {
            ConstantNode constant => BindConstant(constant.Value, constant.TypeReference),
            ConvertNode convert => BindConvert(convert),
            BinaryOperatorNode binary => BindBinary(binary),
            UnaryOperatorNode unary => BindUnary(unary),
            SingleValuePropertyAccessNode property => BindProperty(property),
            SingleValueFunctionCallNode call => BindFunction(call),
            InNode @in => BindIn(@in),
            SingleNavigationNode => throw FeedQueryException.NotSupported("在 $filter/$orderby 中引用导航属性（各数据集已预先关联所需字段）"),
            AnyNode or AllNode => throw FeedQueryException.NotSupported("any/all"),
            SingleValueOpenPropertyAccessNode open => throw FeedQueryException.Bad($"属性“{open.Name}”不存在。"),
            _ => throw FeedQueryException.NotSupported($"此类查询表达式（{node.Kind}）"),
        };
    }

    private MemberExpression BindProperty(SingleValuePropertyAccessNode node)
    {
        if (node.Source is not ResourceRangeVariableReferenceNode)
        {
            throw FeedQueryException.NotSupported("在 $filter/$orderby 中引用导航属性（各数据集已预先关联所需字段）");
        }

        var property = row.Type.GetProperty(node.Property.Name)
            ?? throw FeedQueryException.Bad($"属性“{node.Property.Name}”不存在。");
        return Expression.Property(row, property);
    }

    private static Expression BindConstant(object? value, IEdmTypeReference? type)
    {
        if (value is null)
        {
            return Expression.Constant(null, type is null ? typeof(object) : Nullable(ClrType(type)));
        }

        var converted = value switch
        {
            Date date => new DateOnly(date.Year, date.Month, date.Day),
            float single => (double)single,
            short or byte or sbyte => Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture),
            _ => value,
        };
        if (converted is not (string or int or long or decimal or double or bool or DateOnly or DateTimeOffset))
        {
            throw FeedQueryException.NotSupported($"此类常量（{value.GetType().Name}）");
        }

        return Parameter(converted, converted.GetType());
    }

    /// <summary>A value EF sends as a parameter: a member of a closure object, never an inlined constant.</summary>
    internal static MemberExpression Parameter(object? value, Type type)
    {
        var box = Activator.CreateInstance(typeof(Closure<>).MakeGenericType(type), value)!;
        return Expression.Property(Expression.Constant(box), nameof(Closure<int>.Value));
    }

    private Expression BindConvert(ConvertNode node)
    {
        var source = Bind(node.Source);
        if (node.TypeReference is null)
        {
            return source;
        }

        var target = ClrType(node.TypeReference);
        if (node.TypeReference.IsNullable || IsNullable(source.Type))
        {
            target = Nullable(target);
        }

        if (source is ConstantExpression { Value: null })
        {
            return Expression.Constant(null, Nullable(target));
        }

        if (source.Type == target)
        {
            return source;
        }

        // A literal converted to the property's type stays a parameter of that type.
        if (source is MemberExpression { Expression: ConstantExpression { Value: IClosure closure } })
        {
            return Parameter(ConvertValue(closure.Value, Underlying(target)), target);
        }

        return Expression.Convert(source, target);
    }

    private static object? ConvertValue(object? value, Type target) => value switch
    {
        null => null,
        _ when value.GetType() == target => value,
        DateOnly date when target == typeof(DateTimeOffset) => new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
        _ => Convert.ChangeType(value, target, System.Globalization.CultureInfo.InvariantCulture),
    };

    private UnaryExpression BindUnary(UnaryOperatorNode node)
    {
        var operand = Bind(node.Operand);
        return node.OperatorKind switch
        {
            UnaryOperatorKind.Not => Expression.Not(AsBoolean(operand)),
            UnaryOperatorKind.Negate => Expression.Negate(operand),
            _ => throw FeedQueryException.NotSupported($"运算符 {node.OperatorKind}"),
        };
    }

    private BinaryExpression BindBinary(BinaryOperatorNode node)
    {
        var left = Bind(node.Left);
        var right = Bind(node.Right);
        if (node.OperatorKind is BinaryOperatorKind.And or BinaryOperatorKind.Or)
        {
            return node.OperatorKind == BinaryOperatorKind.And
                ? Expression.AndAlso(AsBoolean(left), AsBoolean(right))
                : Expression.OrElse(AsBoolean(left), AsBoolean(right));
        }

        if (node.OperatorKind == BinaryOperatorKind.Has)
        {
            throw FeedQueryException.NotSupported("has 运算符");
        }

        (left, right) = Promote(left, right);
        if (Underlying(left.Type) == typeof(string) && node.OperatorKind is BinaryOperatorKind.GreaterThan
                or BinaryOperatorKind.GreaterThanOrEqual or BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual)
        {
            // Strings order by string.Compare, which EF translates to SQL comparison.
            left = Expression.Call(StringCompare, left, right);
            right = Expression.Constant(0);
        }

        var arithmetic = node.OperatorKind is BinaryOperatorKind.Add or BinaryOperatorKind.Subtract or BinaryOperatorKind.Multiply
            or BinaryOperatorKind.Divide or BinaryOperatorKind.Modulo;
        if (arithmetic && !IsNumeric(Underlying(left.Type)))
        {
            throw FeedQueryException.NotSupported($"对 {Underlying(left.Type).Name} 值的算术运算");
        }

        return node.OperatorKind switch
        {
            BinaryOperatorKind.Equal => Expression.Equal(left, right),
            BinaryOperatorKind.NotEqual => Expression.NotEqual(left, right),
            BinaryOperatorKind.GreaterThan => Expression.GreaterThan(left, right),
            BinaryOperatorKind.GreaterThanOrEqual => Expression.GreaterThanOrEqual(left, right),
            BinaryOperatorKind.LessThan => Expression.LessThan(left, right),
            BinaryOperatorKind.LessThanOrEqual => Expression.LessThanOrEqual(left, right),
            BinaryOperatorKind.Add => Expression.Add(left, right),
            BinaryOperatorKind.Subtract => Expression.Subtract(left, right),
            BinaryOperatorKind.Multiply => Expression.Multiply(left, right),
            BinaryOperatorKind.Divide => Expression.Divide(left, right),
            BinaryOperatorKind.Modulo => Expression.Modulo(left, right),
            _ => throw FeedQueryException.NotSupported($"运算符 {node.OperatorKind}"),
        };
    }

    private MethodCallExpression BindIn(InNode node)
    {
        var left = Bind(node.Left);
        if (node.Right is not CollectionConstantNode list)
        {
            throw FeedQueryException.NotSupported("in 运算符右侧的非常量集合");
        }

        nodeCount += list.Collection.Count;
        if (nodeCount > maxNodeCount)
        {
            throw FeedQueryException.Bad($"查询条件过于复杂：$filter 与 $orderby 合计超过 {maxNodeCount} 个节点。");
        }

        var elementType = left.Type;
        var values = (System.Collections.IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(elementType))!;
        foreach (var item in list.Collection)
        {
            var value = item.Value switch
            {
                Date date => new DateOnly(date.Year, date.Month, date.Day),
                _ => item.Value,
            };
            values.Add(value is null ? null : ConvertValue(value, Underlying(elementType)));
        }

        var contains = typeof(Enumerable).GetMethods()
            .Single(m => m.Name == nameof(Enumerable.Contains) && m.GetParameters().Length == 2)
            .MakeGenericMethod(elementType);
        return Expression.Call(contains, Parameter(values, values.GetType()), left);
    }

    private Expression BindFunction(SingleValueFunctionCallNode node)
    {
        var args = node.Parameters.Select(p => p is SingleValueNode value
            ? Bind(value)
            : throw FeedQueryException.NotSupported($"函数 {node.Name} 的此类参数")).ToArray();
        var name = node.Name.ToLowerInvariant();
        return (name, args.Length) switch
        {
            ("contains", 2) => StringCall(args[0], nameof(string.Contains), args[1]),
            ("startswith", 2) => StringCall(args[0], nameof(string.StartsWith), args[1]),
            ("endswith", 2) => StringCall(args[0], nameof(string.EndsWith), args[1]),
            ("indexof", 2) => StringCall(args[0], nameof(string.IndexOf), args[1]),
            ("tolower", 1) => StringCall(args[0], nameof(string.ToLower)),
            ("toupper", 1) => StringCall(args[0], nameof(string.ToUpper)),
            ("trim", 1) => StringCall(args[0], nameof(string.Trim)),
            ("length", 1) => Expression.Property(RequireString(args[0]), nameof(string.Length)),
            ("substring", 2) => Expression.Call(RequireString(args[0]), typeof(string).GetMethod(nameof(string.Substring), [typeof(int)])!, AsInt(args[1])),
            ("substring", 3) => Expression.Call(RequireString(args[0]), typeof(string).GetMethod(nameof(string.Substring), [typeof(int), typeof(int)])!, AsInt(args[1]), AsInt(args[2])),
            ("concat", 2) => Expression.Call(StringConcat, RequireString(args[0]), RequireString(args[1])),
            ("year" or "month" or "day" or "hour" or "minute" or "second", 1) => DatePart(name, args[0]),
            ("date", 1) => DateOf(args[0]),
            _ => throw FeedQueryException.NotSupported($"函数 {node.Name}"),
        };
    }

    private static MethodCallExpression StringCall(Expression target, string method, params Expression[] args)
    {
        var types = args.Select(a => a.Type).ToArray();
        foreach (var arg in args)
        {
            RequireString(arg);
        }

        return Expression.Call(RequireString(target), typeof(string).GetMethod(method, types)!, args);
    }

    private static Expression RequireString(Expression value) =>
        value.Type == typeof(string) ? value : throw FeedQueryException.Bad("字符串函数的参数必须是字符串。");

    private static Expression AsInt(Expression value) =>
        value.Type == typeof(int) ? value
        : Underlying(value.Type) == typeof(int) || IsNumeric(Underlying(value.Type)) ? Expression.Convert(value, typeof(int))
        : throw FeedQueryException.Bad("substring 的位置与长度必须是整数。");

    private Expression DatePart(string part, Expression value)
    {
        var type = Underlying(value.Type);
        var nonNull = IsNullable(value.Type) ? Expression.Property(value, "Value") : value;
        if (type == typeof(DateOnly))
        {
            return part switch
            {
                "year" => Expression.Property(nonNull, nameof(DateOnly.Year)),
                "month" => Expression.Property(nonNull, nameof(DateOnly.Month)),
                "day" => Expression.Property(nonNull, nameof(DateOnly.Day)),
                _ => throw FeedQueryException.Bad($"Edm.Date 值没有 {part}()。"),
            };
        }

        if (type != typeof(DateTimeOffset))
        {
            throw FeedQueryException.Bad($"{part}() 的参数必须是日期或时间。");
        }

        if (sqliteTimestamps)
        {
            var format = part switch
            {
                "year" => "%Y",
                "month" => "%m",
                "day" => "%d",
                "hour" => "%H",
                "minute" => "%M",
                _ => "%S",
            };
            return Expression.Call(TimestampPart, nonNull, Expression.Constant(format));
        }

        // Timestamps are stored in UTC: their parts are the UTC parts.
        var utc = Expression.Property(nonNull, nameof(DateTimeOffset.UtcDateTime));
        return Expression.Property(utc, part switch
        {
            "year" => nameof(DateTime.Year),
            "month" => nameof(DateTime.Month),
            "day" => nameof(DateTime.Day),
            "hour" => nameof(DateTime.Hour),
            "minute" => nameof(DateTime.Minute),
            _ => nameof(DateTime.Second),
        });
    }

    private Expression DateOf(Expression value)
    {
        var type = Underlying(value.Type);
        var nonNull = IsNullable(value.Type) ? Expression.Property(value, "Value") : value;
        if (type == typeof(DateOnly))
        {
            return nonNull;
        }

        if (type != typeof(DateTimeOffset))
        {
            throw FeedQueryException.Bad("date() 的参数必须是时间戳。");
        }

        return sqliteTimestamps
            ? Expression.Call(TimestampDate, nonNull)
            : Expression.Call(DateFromDateTime, Expression.Property(nonNull, nameof(DateTimeOffset.UtcDateTime)));
    }

    private static (Expression Left, Expression Right) Promote(Expression left, Expression right)
    {
        if (left is ConstantExpression { Value: null })
        {
            return (Expression.Constant(null, Nullable(right.Type)), Lift(right));
        }

        if (right is ConstantExpression { Value: null })
        {
            return (Lift(left), Expression.Constant(null, Nullable(left.Type)));
        }

        var l = Underlying(left.Type);
        var r = Underlying(right.Type);
        if (l != r)
        {
            if (!IsNumeric(l) || !IsNumeric(r))
            {
                throw FeedQueryException.Bad($"不能比较或运算 {l.Name} 与 {r.Name} 类型的值。");
            }

            var wider = NumericRank(l) >= NumericRank(r) ? l : r;
            left = ConvertTo(left, wider);
            right = ConvertTo(right, wider);
        }

        if (IsNullable(left.Type) != IsNullable(right.Type))
        {
            left = Lift(left);
            right = Lift(right);
        }

        return (left, right);
    }

    private static Expression ConvertTo(Expression value, Type underlying)
    {
        var target = IsNullable(value.Type) ? Nullable(underlying) : underlying;
        if (value.Type == target)
        {
            return value;
        }

        return value is MemberExpression { Expression: ConstantExpression { Value: IClosure closure } }
            ? Parameter(ConvertValue(closure.Value, underlying), target)
            : Expression.Convert(value, target);
    }

    private static Expression Lift(Expression value) =>
        value.Type.IsValueType && !IsNullable(value.Type) ? Expression.Convert(value, Nullable(value.Type)) : value;

    private static Expression AsBoolean(Expression value) =>
        value.Type == typeof(bool) ? value
        : value.Type == typeof(bool?) ? Expression.Equal(value, Expression.Constant(true, typeof(bool?)))
        : throw FeedQueryException.Bad("筛选条件必须是布尔表达式。");

    private static bool IsNumeric(Type type) => NumericRank(type) > 0;

    private static int NumericRank(Type type) =>
        type == typeof(int) ? 1 : type == typeof(long) ? 2 : type == typeof(decimal) ? 3 : type == typeof(double) ? 4 : 0;

    private static bool IsNullable(Type type) => System.Nullable.GetUnderlyingType(type) is not null;

    private static Type Underlying(Type type) => System.Nullable.GetUnderlyingType(type) ?? type;

    private static Type Nullable(Type type) =>
        type.IsValueType && !IsNullable(type) ? typeof(Nullable<>).MakeGenericType(type) : type;

    internal static Type ClrType(IEdmTypeReference type) => type.PrimitiveKind() switch
    {
        EdmPrimitiveTypeKind.String => typeof(string),
        EdmPrimitiveTypeKind.Int32 or EdmPrimitiveTypeKind.Int16 or EdmPrimitiveTypeKind.Byte or EdmPrimitiveTypeKind.SByte => typeof(int),
        EdmPrimitiveTypeKind.Int64 => typeof(long),
        EdmPrimitiveTypeKind.Decimal => typeof(decimal),
        EdmPrimitiveTypeKind.Double or EdmPrimitiveTypeKind.Single => typeof(double),
        EdmPrimitiveTypeKind.Boolean => typeof(bool),
        EdmPrimitiveTypeKind.Date => typeof(DateOnly),
        EdmPrimitiveTypeKind.DateTimeOffset => typeof(DateTimeOffset),
        var kind => throw FeedQueryException.NotSupported($"{kind} 类型的值"),
    };

    private interface IClosure
    {
        object? Value { get; }
    }

    /// <summary>Holds a literal; EF turns a member of a captured object into a SQL parameter.</summary>
    private sealed class Closure<T>(T value) : IClosure
    {
        public T Value { get; } = value;

        object? IClosure.Value => Value;
    }
}
