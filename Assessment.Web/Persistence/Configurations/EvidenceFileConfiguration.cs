using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Assessment.Web.Persistence.Configurations;

internal sealed class EvidenceFileConfiguration : IEntityTypeConfiguration<EvidenceFile>
{
    public void Configure(EntityTypeBuilder<EvidenceFile> builder)
    {
        builder.Property(e => e.ItemId).HasMaxLength(Answer.ItemIdMaxLength);
        builder.Property(e => e.StoragePath).HasMaxLength(EvidenceFile.StoragePathMaxLength);
        builder.Property(e => e.OriginalFileName).HasMaxLength(EvidenceFile.FileNameMaxLength);
        builder.Property(e => e.ContentType).HasMaxLength(EvidenceFile.ContentTypeMaxLength);
        builder.Property(e => e.Sha256).HasMaxLength(EvidenceFile.Sha256Length);
        builder.Property(e => e.UploadedBy).HasMaxLength(EvidenceFile.UserMaxLength);
        builder.HasIndex(e => e.StoragePath).IsUnique();
        builder.HasIndex(e => new { e.AssessmentId, e.ItemId });
        builder.HasIndex(e => e.Sha256);

        // Restrict: deleting the row must go with deleting the stored file, deliberately.
        builder.HasOne<AssessmentRecord>().WithMany().HasForeignKey(e => e.AssessmentId).OnDelete(DeleteBehavior.Restrict);
    }
}
