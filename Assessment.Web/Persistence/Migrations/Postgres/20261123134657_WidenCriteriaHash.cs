using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Assessment.Web.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class WidenCriteriaHash : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "CriteriaHash",
                table: "Scorecards",
                type: "character varying(71)",
                maxLength: 71,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64);

            migrationBuilder.AlterColumn<string>(
                name: "ContentHash",
                table: "CriteriaVersions",
                type: "character varying(71)",
                maxLength: 71,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "CriteriaHash",
                table: "Scorecards",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(71)",
                oldMaxLength: 71);

            migrationBuilder.AlterColumn<string>(
                name: "ContentHash",
                table: "CriteriaVersions",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(71)",
                oldMaxLength: 71);
        }
    }
}
