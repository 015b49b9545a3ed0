using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Assessment.Web.Persistence.Configurations;

internal sealed class LedgerAspectConfiguration : IEntityTypeConfiguration<LedgerAspect>
{
    public void Configure(EntityTypeBuilder<LedgerAspect> builder)
    {
        builder.ToTable("LedgerAspects");
        builder.Property(a => a.Title).HasMaxLength(LedgerAspect.TitleMaxLength);
        builder.HasIndex(a => new { a.LedgerId, a.Title }).IsUnique();
    }
}
