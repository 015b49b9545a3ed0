using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Assessment.Web.Persistence.Configurations;

internal sealed class AssessmentRecordConfiguration : IEntityTypeConfiguration<AssessmentRecord>
{
    public void Configure(EntityTypeBuilder<AssessmentRecord> builder)
    {
        builder.ToTable("Assessments");
        builder.Property(a => a.AmendmentReason).HasMaxLength(AssessmentRecord.AmendmentReasonMaxLength);
        builder.Property(a => a.ModifiedBy).HasMaxLength(AuditEntry.ActorMaxLength);

        // A plain number checked on update works the same on SQLite and PostgreSQL (no rowversion there);
        // ChangeStampInterceptor raises it.
        builder.Property(a => a.Version).IsConcurrencyToken();

        // One original and a linear chain of amendments per center, cycle and kind.
        builder.HasIndex(a => new { a.CycleId, a.CenterId, a.Kind, a.Revision }).IsUnique();
        builder.HasIndex(a => a.PreviousRevisionId).IsUnique();
        builder.HasIndex(a => new { a.CenterId, a.Status });

        builder.HasOne(a => a.Center).WithMany().HasForeignKey(a => a.CenterId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Cycle).WithMany().HasForeignKey(a => a.CycleId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.PreviousRevision).WithOne().HasForeignKey<AssessmentRecord>(a => a.PreviousRevisionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.Answers).WithOne().HasForeignKey(a => a.AssessmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.VetoFindings).WithOne().HasForeignKey(v => v.AssessmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(a => a.Scorecard).WithOne().HasForeignKey<ScorecardRecord>(s => s.AssessmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.Inspectors).WithMany().UsingEntity<AssessmentInspector>(
            right => right.HasOne<AppUser>().WithMany().HasForeignKey(j => j.UserId).OnDelete(DeleteBehavior.Restrict),
            left => left.HasOne<AssessmentRecord>().WithMany().HasForeignKey(j => j.AssessmentId).OnDelete(DeleteBehavior.Cascade));
    }
}
