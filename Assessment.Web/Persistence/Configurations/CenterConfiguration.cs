using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Assessment.Web.Persistence.Configurations;

internal sealed class CenterConfiguration : IEntityTypeConfiguration<Center>
{
    public void Configure(EntityTypeBuilder<Center> builder)
    {
        builder.Property(c => c.Code).HasMaxLength(Center.CodeMaxLength);
        builder.Property(c => c.Name).HasMaxLength(Center.NameMaxLength);
        builder.Property(c => c.ContactPerson).HasMaxLength(Center.ContactMaxLength);
        builder.Property(c => c.ContactPhone).HasMaxLength(Center.PhoneMaxLength);
        builder.Property(c => c.Address).HasMaxLength(Center.AddressMaxLength);
        builder.Property(c => c.ModifiedBy).HasMaxLength(AuditEntry.ActorMaxLength);
        builder.HasIndex(c => c.Code).IsUnique();
        builder.HasOne(c => c.Region).WithMany().HasForeignKey(c => c.RegionId).OnDelete(DeleteBehavior.Restrict);
    }
}
