using Assessment.Scoring.Criteria;
using Assessment.Scoring.Scoring;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Assessment.Web.Persistence;

/// <summary>
/// The system of record. Abstract: each provider has its own subclass
/// (<see cref="SqliteAssessmentDbContext"/>, <see cref="PostgresAssessmentDbContext"/>) because each has
/// its own migrations, which EF finds by context type. Inject <see cref="AssessmentDbContext"/>.
/// </summary>
public abstract class AssessmentDbContext(DbContextOptions options)
    : IdentityDbContext<AppUser, IdentityRole, string>(options)
{
    public DbSet<Region> Regions => Set<Region>();

    public DbSet<Center> Centers => Set<Center>();

    public DbSet<CriteriaVersionRecord> CriteriaVersions => Set<CriteriaVersionRecord>();

    public DbSet<AssessmentCycle> Cycles => Set<AssessmentCycle>();

    public DbSet<AssessmentRecord> Assessments => Set<AssessmentRecord>();

    public DbSet<AssessmentInspector> AssessmentInspectors => Set<AssessmentInspector>();

    public DbSet<Answer> Answers => Set<Answer>();

    public DbSet<VetoFindingRecord> VetoFindings => Set<VetoFindingRecord>();

    public DbSet<ScorecardRecord> Scorecards => Set<ScorecardRecord>();

    public DbSet<EvidenceFile> EvidenceFiles => Set<EvidenceFile>();

    public DbSet<CycleResult> CycleResults => Set<CycleResult>();

    public DbSet<PublicationSettings> PublicationSettings => Set<PublicationSettings>();

    public DbSet<PublicationCorrection> PublicationCorrections => Set<PublicationCorrection>();

    public DbSet<RectificationLedger> RectificationLedgers => Set<RectificationLedger>();

    public DbSet<LedgerAspect> LedgerAspects => Set<LedgerAspect>();

    public DbSet<Finding> Findings => Set<Finding>();

    public DbSet<RectificationAction> RectificationActions => Set<RectificationAction>();

    public DbSet<RectificationVerification> RectificationVerifications => Set<RectificationVerification>();

    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    public DbSet<IdempotencyRecord> IdempotencyKeys => Set<IdempotencyRecord>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(
            typeof(AssessmentDbContext).Assembly,
            t => t.Namespace == typeof(Configurations.RegionConfiguration).Namespace);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // Enums as their names: readable in SQL and in the audit log, and safe when members are reordered.
        StoreAsName<RegionLevel>(configurationBuilder);
        StoreAsName<CenterLevel>(configurationBuilder);
        StoreAsName<CycleStatus>(configurationBuilder);
        StoreAsName<AssessmentKind>(configurationBuilder);
        StoreAsName<AssessmentStatus>(configurationBuilder);
        StoreAsName<InspectionMethod>(configurationBuilder);
        StoreAsName<ItemStatus>(configurationBuilder);
        StoreAsName<AuditAction>(configurationBuilder);
        StoreAsName<FindingSource>(configurationBuilder);
        StoreAsName<FindingSeverity>(configurationBuilder);
        StoreAsName<ActionStatus>(configurationBuilder);
        StoreAsName<VerificationDecision>(configurationBuilder);
    }

    private static void StoreAsName<TEnum>(ModelConfigurationBuilder configurationBuilder)
        where TEnum : struct, Enum =>
        configurationBuilder.Properties<TEnum>().HaveConversion<string>().HaveMaxLength(24);
}
