using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Assessment.Web.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ItemScoresByDimension : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_ScorecardItems_ScorecardId_DimensionCode",
                table: "ScorecardItems",
                columns: new[] { "ScorecardId", "DimensionCode" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ScorecardItems_ScorecardId_DimensionCode",
                table: "ScorecardItems");
        }
    }
}
