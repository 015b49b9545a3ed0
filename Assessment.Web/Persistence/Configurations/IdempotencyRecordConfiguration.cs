using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Assessment.Web.Persistence.Configurations;

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("IdempotencyKeys");
        builder.Property(i => i.Key).HasMaxLength(IdempotencyRecord.KeyMaxLength);
        builder.Property(i => i.UserId).HasMaxLength(IdempotencyRecord.UserMaxLength);
        builder.Property(i => i.RequestHash).HasMaxLength(IdempotencyRecord.HashLength);
        builder.Property(i => i.ResponseContentType).HasMaxLength(IdempotencyRecord.ContentTypeMaxLength);
        builder.HasIndex(i => new { i.UserId, i.Key }).IsUnique();
        builder.HasIndex(i => i.CreatedAt);
    }
}
