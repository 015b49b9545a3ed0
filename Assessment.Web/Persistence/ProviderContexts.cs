using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Assessment.Web.Persistence;

/// <summary>The embedded default. Migrations in Migrations/Sqlite.</summary>
public sealed class SqliteAssessmentDbContext(DbContextOptions<SqliteAssessmentDbContext> options)
    : AssessmentDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // Date parts of the tick-stored timestamps, for the OData feed's year()/month()/… functions.
        OData.SqliteTimestampFunctions.Register(builder);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);

        // SQLite has no date-time or decimal type, and EF stores both as TEXT that SQL cannot order or
        // compare (EF refuses ORDER BY on them). Timestamps are stored as UTC ticks (INTEGER): exact,
        // ordered, comparable and indexable in SQL; values read back with offset zero (the UI shows
        // China Standard Time). ISO text would need every writer to normalize to UTC and fixed width.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();

        // Scores are stored as REAL (double): they order, filter and aggregate in SQL. A double keeps
        // 15–17 significant digits, far more than a score out of 100 needs; equal decimals stay equal.
        // (PostgreSQL keeps exact numeric.)
        configurationBuilder.Properties<decimal>().HaveConversion<double>();
    }
}

/// <summary>The server option. Migrations in Migrations/Postgres.</summary>
public sealed class PostgresAssessmentDbContext(DbContextOptions<PostgresAssessmentDbContext> options)
    : AssessmentDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);

        // timestamptz takes only offset-zero values from Npgsql: normalize whatever offset the caller used.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<ToUtcConverter>();
    }
}

/// <summary>A DateTimeOffset as its UTC ticks; read back with offset zero.</summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));

/// <summary>A DateTimeOffset converted to offset zero (the same instant).</summary>
public sealed class ToUtcConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(
    v => v.ToUniversalTime(),
    v => v.ToUniversalTime());
