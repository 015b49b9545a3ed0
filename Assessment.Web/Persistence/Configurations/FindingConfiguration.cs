using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Assessment.Web.Persistence.Configurations;

internal sealed class FindingConfiguration : IEntityTypeConfiguration<Finding>
{
    public void Configure(EntityTypeBuilder<Finding> builder)
    {
        builder.Property(f => f.SourceDetail).HasMaxLength(Finding.SourceDetailMaxLength);
        builder.Property(f => f.ItemId).HasMaxLength(Answer.ItemIdMaxLength);
        builder.Property(f => f.DimensionCode).HasMaxLength(Finding.DimensionCodeMaxLength);
        builder.Property(f => f.Description).HasMaxLength(Finding.DescriptionMaxLength);
        builder.Property(f => f.Explanation).HasMaxLength(Finding.ExplanationMaxLength);
        builder.Property(f => f.ModifiedBy).HasMaxLength(AuditEntry.ActorMaxLength);
        builder.HasIndex(f => new { f.LedgerId, f.Order });

        // One finding per inspection item in a ledger (NULLs, i.e. manual findings, never collide).
        builder.HasIndex(f => new { f.LedgerId, f.AssessmentId, f.ItemId }).IsUnique();

        builder.HasOne(f => f.Aspect).WithMany().HasForeignKey(f => f.AspectId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AssessmentRecord>().WithMany().HasForeignKey(f => f.AssessmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(f => f.Actions).WithOne(a => a.Finding).HasForeignKey(a => a.FindingId).OnDelete(DeleteBehavior.Cascade);
    }
}
