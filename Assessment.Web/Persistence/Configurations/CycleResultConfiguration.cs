using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Assessment.Web.Persistence.Configurations;

internal sealed class CycleResultConfiguration : IEntityTypeConfiguration<CycleResult>
{
    public void Configure(EntityTypeBuilder<CycleResult> builder)
    {
        builder.Property(r => r.Grade).HasMaxLength(ScorecardRecord.GradeMaxLength);
        builder.PrimitiveCollection(r => r.DemonstrationReasons);
        builder.Property(r => r.ModifiedBy).HasMaxLength(AuditEntry.ActorMaxLength);
        builder.HasIndex(r => new { r.CycleId, r.CenterId }).IsUnique();
        builder.HasIndex(r => new { r.CycleId, r.Rank });
        builder.HasOne(r => r.Cycle).WithMany().HasForeignKey(r => r.CycleId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.Center).WithMany().HasForeignKey(r => r.CenterId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AssessmentRecord>().WithMany().HasForeignKey(r => r.AssessmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Dimensions).WithOne().HasForeignKey(d => d.CycleResultId).OnDelete(DeleteBehavior.Cascade);
    }
}
