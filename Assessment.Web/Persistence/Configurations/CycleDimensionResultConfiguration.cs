using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Assessment.Web.Persistence.Configurations;

internal sealed class CycleDimensionResultConfiguration : IEntityTypeConfiguration<CycleDimensionResult>
{
    public void Configure(EntityTypeBuilder<CycleDimensionResult> builder)
    {
        builder.Property(d => d.Code).HasMaxLength(DimensionScoreRecord.CodeMaxLength);
        builder.Property(d => d.Name).HasMaxLength(DimensionScoreRecord.NameMaxLength);
        builder.HasIndex(d => new { d.CycleResultId, d.Code }).IsUnique();
    }
}
