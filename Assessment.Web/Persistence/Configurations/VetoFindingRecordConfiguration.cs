using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Assessment.Web.Persistence.Configurations;

internal sealed class VetoFindingRecordConfiguration : IEntityTypeConfiguration<VetoFindingRecord>
{
    public void Configure(EntityTypeBuilder<VetoFindingRecord> builder)
    {
        builder.ToTable("VetoFindings");
        builder.Property(v => v.VetoId).HasMaxLength(VetoFindingRecord.VetoIdMaxLength);
        builder.Property(v => v.Note).HasMaxLength(VetoFindingRecord.NoteMaxLength);
        builder.HasIndex(v => new { v.AssessmentId, v.VetoId }).IsUnique();
    }
}
