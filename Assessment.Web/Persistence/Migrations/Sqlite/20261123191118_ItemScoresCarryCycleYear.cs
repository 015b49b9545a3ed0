using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Assessment.Web.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ItemScoresCarryCycleYear : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CycleYear",
                table: "ScorecardItems",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Data step (added by hand to the generated migration): scorecards frozen before this migration get the
            // year of their assessment's cycle, as Freeze now writes it. The check constraint that holds it is the next
            // migration (ItemScoresYearChecked): on SQLite it rebuilds the table, which EF cannot run in the same
            // transaction as these steps, so it is kept apart to leave no half-applied migration behind.
            migrationBuilder.Sql(
                """
                UPDATE "ScorecardItems" SET "CycleYear" = (
                    SELECT c."Year" FROM "Scorecards" AS s
                    INNER JOIN "Assessments" AS a ON a."Id" = s."AssessmentId"
                    INNER JOIN "Cycles" AS c ON c."Id" = a."CycleId"
                    WHERE s."Id" = "ScorecardItems"."ScorecardId");
                """);

            migrationBuilder.CreateIndex(
                name: "IX_ScorecardItems_CycleYear_Id",
                table: "ScorecardItems",
                columns: new[] { "CycleYear", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ScorecardItems_CycleYear_Id",
                table: "ScorecardItems");

            migrationBuilder.DropColumn(
                name: "CycleYear",
                table: "ScorecardItems");
        }
    }
}
