using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Assessment.Web.Persistence.Configurations;

internal sealed class ScorecardVetoRecordConfiguration : IEntityTypeConfiguration<ScorecardVetoRecord>
{
    public void Configure(EntityTypeBuilder<ScorecardVetoRecord> builder)
    {
        builder.ToTable("ScorecardVetoes");
        builder.Property(v => v.VetoId).HasMaxLength(VetoFindingRecord.VetoIdMaxLength);
        builder.Property(v => v.Title).HasMaxLength(ScorecardVetoRecord.TitleMaxLength);
        builder.Property(v => v.Reason).HasMaxLength(ScorecardVetoRecord.ReasonMaxLength);
        builder.HasIndex(v => new { v.ScorecardId, v.VetoId }).IsUnique();
    }
}
