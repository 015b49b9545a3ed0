using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Assessment.Web.Persistence.Configurations;

internal sealed class ItemScoreRecordConfiguration : IEntityTypeConfiguration<ItemScoreRecord>
{
    public void Configure(EntityTypeBuilder<ItemScoreRecord> builder)
    {
        builder.ToTable("ScorecardItems");
        builder.Property(i => i.ItemId).HasMaxLength(Answer.ItemIdMaxLength);
        builder.Property(i => i.DimensionCode).HasMaxLength(DimensionScoreRecord.CodeMaxLength);
        builder.Property(i => i.Explanation).HasMaxLength(ItemScoreRecord.ExplanationMaxLength);
        builder.HasIndex(i => new { i.ScorecardId, i.ItemId }).IsUnique();

        // Analysts filter item scores by dimension (the feed's ItemScores): on the national dataset this halves the
        // SQL of a dimension-filtered page of a cycle (docs/performance.md).
        builder.HasIndex(i => new { i.ScorecardId, i.DimensionCode });

        // The feed pages a year's item scores in key order (keyset $skiptoken): this index yields them in that order.
        builder.HasIndex(i => new { i.CycleYear, i.Id });
    }
}
