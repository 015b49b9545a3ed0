using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Microsoft.EntityFrameworkCore.Storage;

namespace Assessment.Web.OData;

/// <summary>
/// SQL functions over the SQLite timestamps, which are stored as UTC ticks (see
/// <see cref="Persistence.UtcTicksConverter"/>): EF cannot translate <c>DateTimeOffset.Year</c> on them,
/// so the feed's <c>year()</c>, <c>month()</c>, … and <c>date()</c> call these, translated to
/// <c>strftime(…, ticks / 10^7 - 62135596800, 'unixepoch')</c>. Never called outside a query.
/// </summary>
public static class SqliteTimestampFunctions
{
    private const long TicksPerSecond = 10_000_000L;

    // Seconds from 0001-01-01 (tick zero) to 1970-01-01 (the Unix epoch).
    private const long EpochSeconds = 62_135_596_800L;

    /// <summary>One part of the UTC timestamp, by strftime format (<c>%Y</c>, <c>%m</c>, …), as an integer.</summary>
    public static int Part(DateTimeOffset value, string format) =>
        throw new InvalidOperationException("SqliteTimestampFunctions.Part is translated to SQL; it cannot run in memory.");

    /// <summary>The UTC date of the timestamp.</summary>
    public static DateOnly Date(DateTimeOffset value) =>
        throw new InvalidOperationException("SqliteTimestampFunctions.Date is translated to SQL; it cannot run in memory.");

    internal static void Register(ModelBuilder builder)
    {
        builder.HasDbFunction(typeof(SqliteTimestampFunctions).GetMethod(nameof(Part))!)
            .HasTranslation(args => new SqlUnaryExpression(
                ExpressionType.Convert,
                Strftime(args[1], args[0], typeof(string), StringTypeMapping.Default),
                typeof(int),
                IntTypeMapping.Default));
        builder.HasDbFunction(typeof(SqliteTimestampFunctions).GetMethod(nameof(Date))!)
            .HasTranslation(args => Strftime(
                new SqlConstantExpression("%Y-%m-%d", StringTypeMapping.Default), args[0], typeof(DateOnly), null));
    }

    private static SqlFunctionExpression Strftime(SqlExpression format, SqlExpression ticks, Type type, RelationalTypeMapping? mapping)
    {
        var seconds = new SqlBinaryExpression(
            ExpressionType.Subtract,
            new SqlBinaryExpression(ExpressionType.Divide, ticks, new SqlConstantExpression(TicksPerSecond, LongTypeMapping.Default), typeof(long), LongTypeMapping.Default),
            new SqlConstantExpression(EpochSeconds, LongTypeMapping.Default),
            typeof(long),
            LongTypeMapping.Default);
        return new SqlFunctionExpression(
            "strftime",
            [format, seconds, new SqlConstantExpression("unixepoch", StringTypeMapping.Default)],
            nullable: true,
            argumentsPropagateNullability: [false, true, false],
            type,
            mapping);
    }
}
