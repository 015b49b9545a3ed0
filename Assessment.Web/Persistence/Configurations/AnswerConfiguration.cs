using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Assessment.Web.Persistence.Configurations;

internal sealed class AnswerConfiguration : IEntityTypeConfiguration<Answer>
{
    public void Configure(EntityTypeBuilder<Answer> builder)
    {
        builder.Property(a => a.ItemId).HasMaxLength(Answer.ItemIdMaxLength);
        builder.Property(a => a.Level).HasMaxLength(Answer.LevelMaxLength);
        builder.Property(a => a.Note).HasMaxLength(Answer.NoteMaxLength);
        builder.Property(a => a.ModifiedBy).HasMaxLength(AuditEntry.ActorMaxLength);

        // A JSON array on SQLite, integer[] on PostgreSQL.
        builder.PrimitiveCollection(a => a.EvidenceIds);
        builder.HasIndex(a => new { a.AssessmentId, a.ItemId }).IsUnique();
    }
}
