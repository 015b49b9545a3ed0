using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Assessment.Web.Persistence.Configurations;

internal sealed class PublicationSettingsConfiguration : IEntityTypeConfiguration<PublicationSettings>
{
    public void Configure(EntityTypeBuilder<PublicationSettings> builder)
    {
        builder.ToTable("PublicationSettings");
        builder.HasIndex(s => s.CycleId).IsUnique();
        builder.HasOne(s => s.Cycle).WithMany().HasForeignKey(s => s.CycleId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.IssuerName).HasMaxLength(PublicationSettings.NameMaxLength);
        builder.Property(s => s.IssuerMark).HasMaxLength(PublicationSettings.NameMaxLength);
        builder.Property(s => s.NumberPrefix).HasMaxLength(PublicationSettings.NameMaxLength);
        builder.Property(s => s.Title).HasMaxLength(PublicationSettings.LineMaxLength);
        builder.Property(s => s.PrintingOffice).HasMaxLength(PublicationSettings.NameMaxLength);
        builder.Property(s => s.Disclosure).HasMaxLength(PublicationSettings.NameMaxLength);
        builder.Property(s => s.Basis).HasMaxLength(PublicationSettings.LineMaxLength);
        builder.Property(s => s.Organizer).HasMaxLength(PublicationSettings.NameMaxLength);
        builder.Property(s => s.AssessmentName).HasMaxLength(PublicationSettings.LineMaxLength);
        builder.Property(s => s.ShortName).HasMaxLength(PublicationSettings.NameMaxLength);
        builder.Property(s => s.ProblemsIntro).HasMaxLength(PublicationSettings.TextMaxLength);
        builder.Property(s => s.ResultsIntro).HasMaxLength(PublicationSettings.TextMaxLength);
        builder.Property(s => s.ReportTo).HasMaxLength(PublicationSettings.NameMaxLength);
        builder.Property(s => s.ModifiedBy).HasMaxLength(AuditEntry.ActorMaxLength);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.PrimitiveCollection(s => s.Addressees);
        builder.PrimitiveCollection(s => s.CopyTo);
        builder.PrimitiveCollection(s => s.Distribution);
        builder.PrimitiveCollection(s => s.SituationIntro);
        builder.PrimitiveCollection(s => s.Requirements);
        Json(builder.Property(s => s.Situation));
        Json(builder.Property(s => s.Highlights));
        Json(builder.Property(s => s.Problems));
    }

    /// <summary>A list of records as one JSON text column (both providers), compared by content.</summary>
    private static void Json<T>(PropertyBuilder<List<T>> property)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        property.HasConversion(
            v => JsonSerializer.Serialize(v, options),
            v => JsonSerializer.Deserialize<List<T>>(v, options) ?? new List<T>(),
            new ValueComparer<List<T>>(
                (a, b) => JsonSerializer.Serialize(a, options) == JsonSerializer.Serialize(b, options),
                v => JsonSerializer.Serialize(v, options).GetHashCode(StringComparison.Ordinal),
                v => JsonSerializer.Deserialize<List<T>>(JsonSerializer.Serialize(v, options), options)!));
    }
}
