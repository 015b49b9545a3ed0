using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Assessment.Web.Persistence.Configurations;

internal sealed class RectificationLedgerConfiguration : IEntityTypeConfiguration<RectificationLedger>
{
    public void Configure(EntityTypeBuilder<RectificationLedger> builder)
    {
        builder.ToTable("RectificationLedgers");
        builder.Property(l => l.ModifiedBy).HasMaxLength(AuditEntry.ActorMaxLength);
        builder.Property(l => l.Version).IsConcurrencyToken();
        builder.HasIndex(l => new { l.CenterId, l.CycleId }).IsUnique();
        builder.HasOne(l => l.Center).WithMany().HasForeignKey(l => l.CenterId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(l => l.Cycle).WithMany().HasForeignKey(l => l.CycleId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(l => l.Aspects).WithOne().HasForeignKey(a => a.LedgerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(l => l.Findings).WithOne().HasForeignKey(f => f.LedgerId).OnDelete(DeleteBehavior.Cascade);
    }
}
