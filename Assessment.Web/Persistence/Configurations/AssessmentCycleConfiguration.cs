using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Assessment.Web.Persistence.Configurations;

internal sealed class AssessmentCycleConfiguration : IEntityTypeConfiguration<AssessmentCycle>
{
    public void Configure(EntityTypeBuilder<AssessmentCycle> builder)
    {
        builder.ToTable("Cycles");
        builder.Property(c => c.Title).HasMaxLength(AssessmentCycle.TitleMaxLength);
        builder.Property(c => c.CriteriaVersionId).HasMaxLength(CriteriaVersionRecord.IdMaxLength);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.Property(c => c.ModifiedBy).HasMaxLength(AuditEntry.ActorMaxLength);
        builder.HasIndex(c => c.Year);
        builder.HasOne(c => c.CriteriaVersion).WithMany().HasForeignKey(c => c.CriteriaVersionId).OnDelete(DeleteBehavior.Restrict);
    }
}
