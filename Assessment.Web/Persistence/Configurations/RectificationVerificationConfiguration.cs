using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Assessment.Web.Persistence.Configurations;

internal sealed class RectificationVerificationConfiguration : IEntityTypeConfiguration<RectificationVerification>
{
    public void Configure(EntityTypeBuilder<RectificationVerification> builder)
    {
        builder.Property(v => v.Text).HasMaxLength(RectificationVerification.TextMaxLength);
        builder.Property(v => v.VerifierId).HasMaxLength(AuditEntry.ActorMaxLength);
        builder.HasIndex(v => new { v.ActionId, v.At });
    }
}
