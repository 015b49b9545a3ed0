using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Assessment.Web.Persistence.Configurations;

internal sealed class ItemScoreRecordConfiguration : IEntityTypeConfiguration<ItemScoreRecord>
{
    public void Configure(EntityTypeBuilder<ItemScoreRecord> builder)
    {
        // A row without its year would drop out of every year-filtered feed page: refused by the database too (raw
        // SQL inserts, e.g. benchmarks, bypass the required property).
        builder.ToTable("ScorecardItems", table => table.HasCheckConstraint("CK_ScorecardItems_CycleYear", "\"CycleYear\" > 0"));
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
