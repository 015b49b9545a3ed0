using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Assessment.Web.Persistence.Configurations;

internal sealed class DimensionScoreRecordConfiguration : IEntityTypeConfiguration<DimensionScoreRecord>
{
    public void Configure(EntityTypeBuilder<DimensionScoreRecord> builder)
    {
        builder.ToTable("ScorecardDimensions");
        builder.Property(d => d.Code).HasMaxLength(DimensionScoreRecord.CodeMaxLength);
        builder.Property(d => d.Name).HasMaxLength(DimensionScoreRecord.NameMaxLength);
        builder.HasIndex(d => new { d.ScorecardId, d.Code }).IsUnique();
    }
}
