namespace Assessment.Web.Workflow;

public static class WorkflowServiceCollectionExtensions
{
    /// <summary>
    /// Registers the workflow services (scoped, over <see cref="Persistence.AssessmentDbContext"/>):
    /// <see cref="CriteriaImporter"/>, <see cref="CycleService"/>, <see cref="AssessmentService"/>, <see cref="CyclePublisher"/>,
    /// <see cref="EvidenceUploads"/>; and the <see cref="EvidenceStore"/> singleton.
    /// </summary>
    public static IServiceCollection AddAssessmentWorkflow(this IServiceCollection services)
    {
        services.AddScoped<CriteriaImporter>();
        services.AddScoped<CycleService>();
        services.AddScoped<AssessmentService>();
        services.AddScoped<CyclePublisher>();
        services.AddSingleton<EvidenceStore>();
        services.AddScoped<EvidenceUploads>();
        services.AddOptions<EvidenceOptions>().BindConfiguration(EvidenceOptions.SectionName)
            .Validate(o => o.MaxBytes > 0, "Evidence:MaxBytes must be positive.")
            .Validate(o => o.SweepMinimumAgeMinutes >= 0, "Evidence:SweepMinimumAgeMinutes must not be negative.");
        return services;
    }
}
