using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Assessment.Web.Persistence.Configurations;

internal sealed class PublicationCorrectionConfiguration : IEntityTypeConfiguration<PublicationCorrection>
{
    public void Configure(EntityTypeBuilder<PublicationCorrection> builder)
    {
        builder.ToTable("PublicationCorrections");
        builder.HasIndex(c => c.CycleId);
        builder.HasOne(c => c.Cycle).WithMany().HasForeignKey(c => c.CycleId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(c => c.Reason).HasMaxLength(PublicationCorrection.ReasonMaxLength);
        builder.Property(c => c.CorrectedById).HasMaxLength(AuditEntry.ActorMaxLength);
        builder.Property(c => c.CorrectedByName).HasMaxLength(AuditEntry.ActorMaxLength);
    }
}
