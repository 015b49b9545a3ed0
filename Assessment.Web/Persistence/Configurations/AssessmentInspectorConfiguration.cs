using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Assessment.Web.Persistence.Configurations;

/// <summary>The join of assessments and inspectors; its relationships are set up with <see cref="AssessmentRecord.Inspectors"/>.</summary>
internal sealed class AssessmentInspectorConfiguration : IEntityTypeConfiguration<AssessmentInspector>
{
    public void Configure(EntityTypeBuilder<AssessmentInspector> builder)
    {
        builder.ToTable("AssessmentInspectors");
        builder.HasKey(j => new { j.AssessmentId, j.UserId });
        builder.HasIndex(j => j.UserId);
    }
}
