using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Assessment.Web.Persistence;

// Used by `dotnet ef migrations add` only (see README.md): they build the model without starting the
// web host and never open the connection.

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAssessmentDbContext>
{
    public SqliteAssessmentDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAssessmentDbContext>().UseSqlite("Data Source=:memory:").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAssessmentDbContext>
{
    public PostgresAssessmentDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAssessmentDbContext>().UseNpgsql("Host=localhost;Database=design_time").Options);
}
