using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Assessment.Web.Persistence.Configurations;

internal sealed class RectificationActionConfiguration : IEntityTypeConfiguration<RectificationAction>
{
    public void Configure(EntityTypeBuilder<RectificationAction> builder)
    {
        builder.Property(a => a.SpecificProblem).HasMaxLength(RectificationAction.SpecificProblemMaxLength);
        builder.Property(a => a.Target).HasMaxLength(RectificationAction.TextMaxLength);
        builder.Property(a => a.Measures).HasMaxLength(RectificationAction.TextMaxLength);
        builder.Property(a => a.ResponsibleLeader).HasMaxLength(RectificationAction.NameMaxLength);
        builder.Property(a => a.ResponsibleDepartment).HasMaxLength(RectificationAction.NameMaxLength);
        builder.Property(a => a.ResponsiblePerson).HasMaxLength(RectificationAction.NameMaxLength);
        builder.Property(a => a.ProgressNote).HasMaxLength(RectificationAction.NoteMaxLength);
        builder.Property(a => a.LastingRules).HasMaxLength(RectificationAction.TextMaxLength);
        builder.Property(a => a.ClosedBy).HasMaxLength(AuditEntry.ActorMaxLength);
        builder.Property(a => a.ClosingConclusion).HasMaxLength(RectificationVerification.TextMaxLength);
        builder.Property(a => a.SentBackReason).HasMaxLength(RectificationVerification.TextMaxLength);
        builder.Property(a => a.ModifiedBy).HasMaxLength(AuditEntry.ActorMaxLength);
        builder.Property(a => a.Version).IsConcurrencyToken();

        // A JSON array on SQLite, integer[] on PostgreSQL.
        builder.PrimitiveCollection(a => a.EvidenceIds);
        builder.HasIndex(a => new { a.FindingId, a.Order });
        builder.HasIndex(a => new { a.Status, a.Deadline });
        builder.HasMany(a => a.Verifications).WithOne().HasForeignKey(v => v.ActionId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(a => a.IsClosed);
    }
}
