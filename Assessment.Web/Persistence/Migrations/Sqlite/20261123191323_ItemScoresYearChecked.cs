using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Assessment.Web.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ItemScoresYearChecked : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddCheckConstraint(
                name: "CK_ScorecardItems_CycleYear",
                table: "ScorecardItems",
                sql: "\"CycleYear\" > 0");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "CK_ScorecardItems_CycleYear",
                table: "ScorecardItems");
        }
    }
}
