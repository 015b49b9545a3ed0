using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Assessment.Web.Persistence.Configurations;

internal sealed class ScorecardRecordConfiguration : IEntityTypeConfiguration<ScorecardRecord>
{
    public void Configure(EntityTypeBuilder<ScorecardRecord> builder)
    {
        builder.ToTable("Scorecards");
        builder.Property(s => s.CriteriaVersionId).HasMaxLength(CriteriaVersionRecord.IdMaxLength);
        builder.Property(s => s.CriteriaHash).HasMaxLength(CriteriaVersionRecord.HashLength);
        builder.Property(s => s.Grade).HasMaxLength(ScorecardRecord.GradeMaxLength);
        builder.Ignore(s => s.IsVetoed);
        builder.HasIndex(s => s.AssessmentId).IsUnique();
        builder.HasOne(s => s.CriteriaVersion).WithMany().HasForeignKey(s => s.CriteriaVersionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(s => s.Items).WithOne().HasForeignKey(i => i.ScorecardId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.Dimensions).WithOne().HasForeignKey(d => d.ScorecardId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.Vetoes).WithOne().HasForeignKey(v => v.ScorecardId).OnDelete(DeleteBehavior.Cascade);
    }
}
