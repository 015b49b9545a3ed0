using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Assessment.Web.Persistence.Configurations;

internal sealed class CriteriaVersionRecordConfiguration : IEntityTypeConfiguration<CriteriaVersionRecord>
{
    public void Configure(EntityTypeBuilder<CriteriaVersionRecord> builder)
    {
        builder.ToTable("CriteriaVersions");
        builder.Property(v => v.Id).HasMaxLength(CriteriaVersionRecord.IdMaxLength).ValueGeneratedNever();
        builder.Property(v => v.Scheme).HasMaxLength(CriteriaVersionRecord.SchemeMaxLength);
        builder.Property(v => v.Title).HasMaxLength(CriteriaVersionRecord.TitleMaxLength);
        builder.Property(v => v.ContentHash).HasMaxLength(CriteriaVersionRecord.HashLength);
        builder.HasIndex(v => v.Scheme);
    }
}
