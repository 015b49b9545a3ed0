using System.Globalization;
using Assessment.Scoring.Scoring;
using Assessment.Web.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using static Assessment.Tests.Web.PersistenceBuilders;

namespace Assessment.Tests.Web;

/// <summary>
/// What the persistence layer guarantees, proved on each provider by <see cref="PersistenceOnSqliteTests"/>
/// and <see cref="PersistenceOnPostgresTests"/>. Tests of one class share a migrated database and run one
/// at a time; each creates rows of its own.
/// </summary>
public abstract class PersistenceContract
{
    private static readonly DateTimeOffset Now = new(2021, 12, 20, 10, 0, 0, TimeSpan.FromHours(8));

    /// <summary>The class's migrated database.</summary>
    protected abstract TestDatabase Database { get; }

    /// <summary>A new database with no tables, dropped after the class.</summary>
    protected abstract Task<TestDatabase> CreateEmptyDatabaseAsync();

    [TestMethod]
    public async Task Migrations_apply_to_an_empty_database_and_seed_the_four_roles()
    {
        var empty = await CreateEmptyDatabaseAsync();
        await empty.MigrateAsync();

        await using var session = empty.Open();
        var database = session.Db.Database;
        Assert.IsEmpty(await database.GetPendingMigrationsAsync());
        CollectionAssert.AreEqual(database.GetMigrations().ToList(), (await database.GetAppliedMigrationsAsync()).ToList());
        var roles = await session.Db.Roles.Select(r => r.Name).ToListAsync();
        CollectionAssert.AreEquivalent(Roles.All.Select(r => r.Name).ToList(), roles);
    }

    [TestMethod]
    public async Task Model_has_no_changes_missing_from_the_migration_snapshot()
    {
        await using var session = Database.Open();
        Assert.IsFalse(session.Db.Database.HasPendingModelChanges(), "Add a migration: see Assessment.Web/Persistence/README.md.");
    }

    [TestMethod]
    public async Task Stale_update_of_an_assessment_throws_a_concurrency_exception()
    {
        var id = await NewAssessmentIdAsync();
        await using var first = Database.Open();
        await using var second = Database.Open();
        var mine = await first.Db.Assessments.SingleAsync(a => a.Id == id);
        var theirs = await second.Db.Assessments.SingleAsync(a => a.Id == id);

        mine.Status = AssessmentStatus.Submitted;
        await first.Db.SaveChangesAsync();
        theirs.Status = AssessmentStatus.Finalized;

        Assert.AreEqual(2L, mine.Version);
        await Assert.ThrowsExactlyAsync<DbUpdateConcurrencyException>(() => second.Db.SaveChangesAsync());
        await using var check = Database.Open();
        Assert.AreEqual(AssessmentStatus.Submitted, (await check.Db.Assessments.SingleAsync(a => a.Id == id)).Status);
    }

    [TestMethod]
    public async Task Saving_an_answer_raises_the_assessment_version_so_a_stale_If_Match_fails()
    {
        var id = await NewAssessmentIdAsync();
        await using (var session = Database.Open())
        {
            var assessment = await session.Db.Assessments.SingleAsync(a => a.Id == id);
            session.Db.Answers.Add(new Answer { AssessmentId = id, ItemId = "A1", Met = true });
            await session.Db.SaveChangesAsync();
            Assert.AreEqual(2L, assessment.Version);
        }

        await using (var session = Database.Open())
        {
            var assessment = await session.Db.Assessments.SingleAsync(a => a.Id == id);
            session.Db.Entry(assessment).Property(a => a.Version).OriginalValue = 1L; // the client's stale If-Match
            session.Db.Answers.Add(new Answer { AssessmentId = id, ItemId = "A2", Met = false });
            await Assert.ThrowsExactlyAsync<DbUpdateConcurrencyException>(() => session.Db.SaveChangesAsync());
        }

        await using var check = Database.Open();
        Assert.AreEqual("A1", await check.Db.Answers.Where(a => a.AssessmentId == id).Select(a => a.ItemId).SingleAsync());
        Assert.AreEqual(2L, (await check.Db.Assessments.SingleAsync(a => a.Id == id)).Version);
    }

    [TestMethod]
    public async Task Update_is_audited_with_the_actor_and_the_changed_values_before_and_after()
    {
        var center = NewCenter();
        await using (var session = Database.Open())
        {
            session.Db.Centers.Add(center);
            await session.Db.SaveChangesAsync();
        }

        await using (var session = Database.Open(new FixedActor("user-7", "王审核")))
        {
            var loaded = await session.Db.Centers.SingleAsync(c => c.Id == center.Id);
            loaded.ContactPerson = "赵静";
            await session.Db.SaveChangesAsync();
        }

        await using var check = Database.Open();
        var entry = await check.Db.AuditLog.SingleAsync(e =>
            e.EntityType == nameof(Center) && e.EntityId == center.Id.ToString(CultureInfo.InvariantCulture) && e.Action == AuditAction.Update);
        Assert.AreEqual("user-7", entry.ActorId);
        Assert.AreEqual("王审核", entry.ActorName);
        // Centers carry change stamps (for the OData feed's ModifiedAt): they change with the contact person.
        using var before = System.Text.Json.JsonDocument.Parse(entry.Before!);
        using var after = System.Text.Json.JsonDocument.Parse(entry.After!);
        Assert.AreEqual("李明", before.RootElement.GetProperty("ContactPerson").GetString());
        Assert.AreEqual("赵静", after.RootElement.GetProperty("ContactPerson").GetString());
        Assert.AreEqual("user-7", after.RootElement.GetProperty("ModifiedBy").GetString());
        CollectionAssert.AreEquivalent(
            new[] { "ContactPerson", "ModifiedAt", "ModifiedBy" },
            after.RootElement.EnumerateObject().Select(p => p.Name).ToArray(),
            "only the changed values");
    }

    [TestMethod]
    public async Task Synchronous_save_is_stamped_versioned_and_audited_like_an_asynchronous_one()
    {
        var id = await NewAssessmentIdAsync();
        await using var session = Database.Open(new FixedActor("user-9", "同步用户"));
        var assessment = session.Db.Assessments.Single(a => a.Id == id);
        var created = assessment.CreatedAt;
        assessment.Status = AssessmentStatus.Submitted;
        session.Db.SaveChanges();

        Assert.AreEqual(2L, assessment.Version);
        Assert.AreEqual("user-9", assessment.ModifiedBy);
        Assert.IsGreaterThanOrEqualTo(created, assessment.ModifiedAt);
        var key = id.ToString(CultureInfo.InvariantCulture);
        var entry = session.Db.AuditLog.Single(e => e.EntityType == nameof(AssessmentRecord) && e.EntityId == key && e.Action == AuditAction.Update);
        StringAssert.Contains(entry.After, "\"Status\":\"Submitted\"");
        StringAssert.Contains(entry.After, "\"Version\":2");
    }

    [TestMethod]
    public async Task Insert_and_delete_are_audited_with_the_generated_key()
    {
        var region = new Region { Code = Unique("R"), Name = "门源回族自治县", Level = RegionLevel.County };
        await using (var session = Database.Open())
        {
            session.Db.Regions.Add(region);
            await session.Db.SaveChangesAsync();
            session.Db.Regions.Remove(region);
            await session.Db.SaveChangesAsync();
        }

        await using var check = Database.Open();
        var key = region.Id.ToString(CultureInfo.InvariantCulture);
        var entries = await check.Db.AuditLog.Where(e => e.EntityType == nameof(Region) && e.EntityId == key).OrderBy(e => e.Id).ToListAsync();
        Assert.HasCount(2, entries);
        Assert.AreEqual(AuditAction.Insert, entries[0].Action);
        Assert.IsNull(entries[0].Before);
        StringAssert.Contains(entries[0].After, $"\"Id\":{key}");
        StringAssert.Contains(entries[0].After, "门源回族自治县");
        Assert.AreEqual(AuditAction.Delete, entries[1].Action);
        StringAssert.Contains(entries[1].Before, "门源回族自治县");
        Assert.IsNull(entries[1].After);
    }

    [TestMethod]
    public async Task Second_answer_for_the_same_item_is_rejected_and_nothing_of_that_save_is_stored()
    {
        var id = await NewAssessmentIdAsync();
        await using (var session = Database.Open())
        {
            session.Db.Answers.Add(new Answer { AssessmentId = id, ItemId = "C1", Met = true });
            await session.Db.SaveChangesAsync();
        }

        int auditCount;
        await using (var session = Database.Open())
        {
            auditCount = await session.Db.AuditLog.CountAsync();
            session.Db.Answers.Add(new Answer { AssessmentId = id, ItemId = "C1", Met = false });
            await Assert.ThrowsExactlyAsync<DbUpdateException>(() => session.Db.SaveChangesAsync());
        }

        await using var check = Database.Open();
        Assert.AreEqual(1, await check.Db.Answers.CountAsync(a => a.AssessmentId == id));
        Assert.AreEqual(2L, (await check.Db.Assessments.SingleAsync(a => a.Id == id)).Version, "the version raise was rolled back");
        Assert.AreEqual(auditCount, await check.Db.AuditLog.CountAsync(), "no audit entry for a failed save");
    }

    [TestMethod]
    public async Task Criteria_version_used_by_a_finalized_assessment_cannot_be_modified_or_deleted()
    {
        string criteriaId;
        await using (var session = Database.Open())
        {
            var assessment = await SaveNewAssessmentAsync(session.Db);
            assessment.Status = AssessmentStatus.Finalized;
            assessment.FinalizedAt = Now;
            await session.Db.SaveChangesAsync();
            criteriaId = assessment.Cycle!.CriteriaVersionId;
        }

        await using (var session = Database.Open())
        {
            var version = await session.Db.CriteriaVersions.SingleAsync(v => v.Id == criteriaId);
            version.SourceYaml += "# changed\n";
            var error = await Assert.ThrowsExactlyAsync<CriteriaVersionLockedException>(() => session.Db.SaveChangesAsync());
            Assert.AreEqual(criteriaId, error.VersionId);
        }

        await using (var session = Database.Open())
        {
            session.Db.CriteriaVersions.Remove(await session.Db.CriteriaVersions.SingleAsync(v => v.Id == criteriaId));
            Assert.ThrowsExactly<CriteriaVersionLockedException>(() => session.Db.SaveChanges());
        }

        await using var check = Database.Open();
        Assert.AreEqual("id: test-2021\n", (await check.Db.CriteriaVersions.SingleAsync(v => v.Id == criteriaId)).SourceYaml);
    }

    [TestMethod]
    public async Task Criteria_version_not_yet_used_by_a_finalized_assessment_can_be_corrected()
    {
        await using var session = Database.Open();
        var assessment = await SaveNewAssessmentAsync(session.Db);
        assessment.Cycle!.CriteriaVersion!.Title = "更正后的标题";
        await session.Db.SaveChangesAsync();

        await using var check = Database.Open();
        Assert.AreEqual("更正后的标题", (await check.Db.CriteriaVersions.SingleAsync(v => v.Id == assessment.Cycle.CriteriaVersionId)).Title);
    }

    [TestMethod]
    public async Task Timestamps_keep_the_instant_and_order_and_filter_in_SQL_across_offsets()
    {
        var user = Unique("u");
        var east = new DateTimeOffset(2021, 11, 1, 10, 0, 0, TimeSpan.FromHours(8)); // 02:00 UTC
        var utc = new DateTimeOffset(2021, 11, 1, 3, 0, 0, TimeSpan.Zero);
        var west = new DateTimeOffset(2021, 10, 31, 20, 0, 0, TimeSpan.FromHours(-10)); // 06:00 UTC
        await using (var session = Database.Open())
        {
            foreach (var (key, at) in new[] { ("west", west), ("east", east), ("utc", utc) })
            {
                session.Db.IdempotencyKeys.Add(new IdempotencyRecord { Key = key, UserId = user, RequestHash = "h", ResponseStatus = 200, CreatedAt = at });
            }

            await session.Db.SaveChangesAsync();
        }

        await using var check = Database.Open();
        var mine = check.Db.IdempotencyKeys.Where(r => r.UserId == user);
        Assert.AreEqual("east utc west", string.Join(' ', await mine.OrderBy(r => r.CreatedAt).Select(r => r.Key).ToListAsync()));
        var cutoff = new DateTimeOffset(2021, 11, 1, 10, 30, 0, TimeSpan.FromHours(8)); // 02:30 UTC
        Assert.AreEqual("utc west", string.Join(' ', await mine.Where(r => r.CreatedAt > cutoff).OrderBy(r => r.CreatedAt).Select(r => r.Key).ToListAsync()));
        Assert.AreEqual(east, (await mine.SingleAsync(r => r.Key == "east")).CreatedAt);
    }

    [TestMethod]
    public async Task Scores_order_and_filter_in_SQL()
    {
        await using (var session = Database.Open())
        {
            var cycle = NewCycle(NewCriteriaVersion());
            foreach (var total in new[] { 90.5m, 89.25m, 91.125m })
            {
                session.Db.CycleResults.Add(new CycleResult { Cycle = cycle, Center = NewCenter(), Total = total, Percentile = total / 2, Rank = 0, Grade = "优秀" });
            }

            await session.Db.SaveChangesAsync();
            var id = cycle.Id;

            await using var check = Database.Open();
            var totals = await check.Db.CycleResults.Where(r => r.CycleId == id && r.Total >= 90m).OrderByDescending(r => r.Total).Select(r => r.Total).ToListAsync();
            Assert.HasCount(2, totals);
            Assert.AreEqual(91.125m, totals[0]);
            Assert.AreEqual(90.5m, totals[1]);
        }
    }

    [TestMethod]
    public async Task Frozen_scorecard_keeps_what_the_engine_computed_and_answers_rescore_the_same()
    {
        var criteriaId = Unique("frozen-");
        var criteria = new CriteriaBuilder().WithId(criteriaId)
            .Dimension("A", "服务内容", 50m).Dimension("B", "业务咨询", 50m)
            .YesNo("A1", "A", 3m).Levels("A2", "A", 3m, ("full", 3m), ("part", 1m)).Deduction("A3", "A", 3m, 0.5m)
            .YesNo("B1", "B", 2m).YesNo("B2", "B", 2m, naAllowed: true)
            .Veto("V1", linkedItem: "B1")
            .Build();
        var checklist = new ChecklistBuilder(criteriaId).Yes("A1").Level("A2", "part").Number("A3", 3).No("B1").NotApplicable("B2").Build();
        var card = Scorer.Score(criteria, checklist);
        Assert.IsTrue(card.IsComplete);

        int id;
        await using (var session = Database.Open())
        {
            var assessment = await SaveNewAssessmentAsync(session.Db, criteriaId);
            assessment.Answers.AddRange(checklist.Answers.Select(a => new Answer
            {
                ItemId = a.ItemId, Met = a.Met, Level = a.Level, Number = a.Number, NotApplicable = a.NotApplicable,
            }));
            assessment.Status = AssessmentStatus.Finalized;
            assessment.Scorecard = ScorecardRecord.Freeze(card, assessment.Cycle!.Year, Now);
            await session.Db.SaveChangesAsync();
            id = assessment.Id;
        }

        await using var check = Database.Open();
        var stored = await check.Db.Assessments
            .Include(a => a.Answers).Include(a => a.Scorecard!.Items).Include(a => a.Scorecard!.Dimensions).Include(a => a.Scorecard!.Vetoes)
            .SingleAsync(a => a.Id == id);
        var frozen = stored.Scorecard!;
        Assert.AreEqual((double)card.Total!.Value, (double)frozen.Total, 1e-9);
        Assert.AreEqual(card.Grade, frozen.Grade);
        Assert.AreEqual(criteria.ContentHash, frozen.CriteriaHash);
        Assert.AreEqual(card.Items.Count, frozen.Items.Count);
        var a3 = frozen.Items.Single(i => i.ItemId == "A3");
        Assert.AreEqual(card.Item("A3").Explanation, a3.Explanation);
        Assert.AreEqual(1.5m, a3.Points);
        Assert.AreEqual(ItemStatus.NotApplicable, frozen.Items.Single(i => i.ItemId == "B2").Status);
        Assert.AreEqual((double)card.Dimension("A").Score!.Value, (double)frozen.Dimensions.Single(d => d.Code == "A").Score!.Value, 1e-9);
        Assert.AreEqual("V1", frozen.Vetoes.Single().VetoId);

        var rescored = Scorer.Score(criteria, stored.ToChecklist(criteriaId));
        Assert.AreEqual((double)card.Total.Value, (double)rescored.Total!.Value, 1e-9);
    }

    [TestMethod]
    public async Task An_item_score_written_without_its_cycle_year_is_refused_by_the_database()
    {
        int scorecardId;
        await using (var session = Database.Open())
        {
            var criteriaId = Unique("year-check-");
            var criteria = new CriteriaBuilder().WithId(criteriaId).Dimension("A", "服务内容", 100m).YesNo("A1", "A", 3m).Build();
            var assessment = await SaveNewAssessmentAsync(session.Db, criteriaId);
            assessment.Status = AssessmentStatus.Finalized;
            assessment.Scorecard = ScorecardRecord.Freeze(Scorer.Score(criteria, new ChecklistBuilder(criteriaId).Yes("A1").Build()), assessment.Cycle!.Year, Now);
            await session.Db.SaveChangesAsync();
            scorecardId = assessment.Scorecard.Id;
        }

        await using var raw = Database.Open();
        var insert = $"""
            INSERT INTO "ScorecardItems" ("ScorecardId", "ItemId", "DimensionCode", "Status", "Points", "MaxPoints", "Explanation")
            VALUES ({scorecardId}, 'X1', 'A', 'Scored', 1, 1, '没有年度')
            """;
        await Assert.ThrowsAsync<System.Data.Common.DbException>(() => raw.Db.Database.ExecuteSqlRawAsync(insert));
        Assert.AreEqual(1, await raw.Db.Set<ItemScoreRecord>().CountAsync(i => i.ScorecardId == scorecardId), "only the frozen item");
    }

    [TestMethod]
    public async Task Migrating_a_database_with_frozen_scorecards_gives_every_item_the_year_of_its_cycle()
    {
        // A database at the schema before ItemScoresCarryCycleYear, holding frozen scorecards of two years: made by
        // migrating down from the current schema (Down drops the check constraint and the column, the rows stay), then
        // migrated up again.
        var database = await CreateEmptyDatabaseAsync();
        await database.MigrateAsync();
        var years = new Dictionary<int, int>();
        await using (var session = database.Open())
        {
            foreach (var year in new[] { 2019, 2021 })
            {
                var criteriaId = Unique("migrate-");
                var criteria = new CriteriaBuilder().WithId(criteriaId).Dimension("A", "服务内容", 100m).YesNo("A1", "A", 3m).YesNo("A2", "A", 2m).Build();
                var card = Scorer.Score(criteria, new ChecklistBuilder(criteriaId).Yes("A1").No("A2").Build());
                var assessment = await SaveNewAssessmentAsync(session.Db, criteriaId);
                assessment.Cycle!.Year = year;
                assessment.Status = AssessmentStatus.Finalized;
                assessment.Scorecard = ScorecardRecord.Freeze(card, year, Now);
                await session.Db.SaveChangesAsync();
                years[assessment.Scorecard.Id] = year;
            }
        }

        await using (var session = database.Open())
        {
            var migrations = session.Db.Database.GetMigrations().ToList();
            var added = migrations.FindIndex(m => m.EndsWith("_ItemScoresCarryCycleYear", StringComparison.Ordinal));
            Assert.IsGreaterThan(0, added, "the migration that adds the year");
            var migrator = session.Db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>();
            await migrator.MigrateAsync(migrations[added - 1]);
            Assert.AreEqual(4, await session.Db.Database.SqlQueryRaw<int>("""SELECT COUNT(*) AS "Value" FROM "ScorecardItems" """).SingleAsync(),
                "the items survive the way down");
            await migrator.MigrateAsync();
        }

        await using var check = database.Open();
        var items = await check.Db.Set<ItemScoreRecord>().ToListAsync();
        Assert.HasCount(4, items);
        foreach (var item in items)
        {
            Assert.AreEqual(years[item.ScorecardId], item.CycleYear, $"item {item.ItemId} of scorecard {item.ScorecardId}");
        }
    }

    [TestMethod]
    public async Task Amending_a_finalized_assessment_adds_a_revision_and_keeps_the_old_one()
    {
        int originalId;
        var inspector = new AppUser { UserName = Unique("inspector"), DisplayName = "张考核" };
        await using (var session = Database.Open())
        {
            var original = await SaveNewAssessmentAsync(session.Db);
            Assert.ThrowsExactly<InvalidOperationException>(() => original.Amend("草稿不能修订"));
            original.Inspectors.Add(inspector);
            original.Answers.Add(new Answer { ItemId = "A1", Met = true, Note = "服务指南齐全" });
            original.Status = AssessmentStatus.Finalized;
            await session.Db.SaveChangesAsync();
            originalId = original.Id;

            var amended = original.Amend("复核发现服务指南缺少收费标准");
            amended.Answers.Single().Met = false;
            session.Db.Assessments.Add(amended);
            await session.Db.SaveChangesAsync();

            session.Db.Assessments.Add(original.Amend("第二次修订同一版本"));
            await Assert.ThrowsExactlyAsync<DbUpdateException>(() => session.Db.SaveChangesAsync(), "a revision is amended at most once");
        }

        await using var check = Database.Open();
        var first = await check.Db.Assessments.SingleAsync(a => a.Id == originalId);
        var revisions = await check.Db.Assessments.Include(a => a.Answers).Include(a => a.Inspectors)
            .Where(a => a.CycleId == first.CycleId && a.CenterId == first.CenterId && a.Kind == first.Kind)
            .OrderBy(a => a.Revision).ToListAsync();
        Assert.HasCount(2, revisions);
        Assert.AreEqual(AssessmentStatus.Finalized, revisions[0].Status);
        Assert.IsTrue(revisions[0].Answers.Single().Met);
        Assert.AreEqual(2, revisions[1].Revision);
        Assert.AreEqual(AssessmentStatus.Draft, revisions[1].Status);
        Assert.AreEqual(originalId, revisions[1].PreviousRevisionId);
        Assert.AreEqual("复核发现服务指南缺少收费标准", revisions[1].AmendmentReason);
        Assert.IsFalse(revisions[1].Answers.Single().Met);
        Assert.AreEqual("服务指南齐全", revisions[1].Answers.Single().Note);
        Assert.AreEqual(inspector.Id, revisions[1].Inspectors.Single().Id);
    }

    [TestMethod]
    public async Task Center_staff_user_is_bound_to_a_center_given_a_seeded_role_and_the_grant_is_audited()
    {
        await using var session = Database.Open(new FixedActor("admin-1", "省局管理员甲"));
        var center = NewCenter("格尔木市公共资源交易中心");
        session.Db.Centers.Add(center);
        await session.Db.SaveChangesAsync();
        var users = session.Get<UserManager<AppUser>>();
        var user = new AppUser { UserName = Unique("staff"), DisplayName = "格尔木工作人员", CenterId = center.Id };

        Assert.IsTrue((await users.CreateAsync(user, "Qinghai-2021!")).Succeeded);
        Assert.IsTrue((await users.AddToRoleAsync(user, Roles.CenterStaff)).Succeeded);

        await using var check = Database.Open();
        var stored = await check.Db.Users.Include(u => u.Center).SingleAsync(u => u.Id == user.Id);
        Assert.AreEqual("格尔木市公共资源交易中心", stored.Center!.Name);
        CollectionAssert.AreEqual(new List<string> { Roles.CenterStaff }, (await check.Get<UserManager<AppUser>>().GetRolesAsync(stored)).ToList());
        Assert.AreEqual("交易中心工作人员", Roles.DisplayName(Roles.CenterStaff));
        var grant = await check.Db.AuditLog.SingleAsync(e => e.EntityType == "IdentityUserRole" && e.EntityId == user.Id + "," + Roles.CenterStaff);
        Assert.AreEqual("admin-1", grant.ActorId);
        var created = await check.Db.AuditLog.SingleAsync(e => e.EntityType == nameof(AppUser) && e.EntityId == user.Id && e.Action == AuditAction.Insert);
        StringAssert.Contains(created.After, "\"PasswordHash\":\"***\"");
    }

    private async Task<int> NewAssessmentIdAsync()
    {
        await using var session = Database.Open();
        return (await SaveNewAssessmentAsync(session.Db)).Id;
    }
}
