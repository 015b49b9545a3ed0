using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Assessment.Web.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PublicationSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PublicationSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CycleId = table.Column<int>(type: "INTEGER", nullable: false),
                    IssuerName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    IssuerMark = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    NumberPrefix = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    NumberYear = table.Column<int>(type: "INTEGER", nullable: true),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Addressees = table.Column<string>(type: "TEXT", nullable: false),
                    CopyTo = table.Column<string>(type: "TEXT", nullable: false),
                    Distribution = table.Column<string>(type: "TEXT", nullable: false),
                    PrintingOffice = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SignatureDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PrintDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Disclosure = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Basis = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Organizer = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    AssessmentName = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ShortName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    SituationIntro = table.Column<string>(type: "TEXT", nullable: false),
                    Situation = table.Column<string>(type: "TEXT", nullable: false),
                    Highlights = table.Column<string>(type: "TEXT", nullable: false),
                    ProblemsIntro = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    Problems = table.Column<string>(type: "TEXT", nullable: false),
                    ResultsIntro = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    Requirements = table.Column<string>(type: "TEXT", nullable: false),
                    RectifyWithinDays = table.Column<int>(type: "INTEGER", nullable: false),
                    ReportTo = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ModifiedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ModifiedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublicationSettings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PublicationSettings_Cycles_CycleId",
                        column: x => x.CycleId,
                        principalTable: "Cycles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PublicationSettings_CycleId",
                table: "PublicationSettings",
                column: "CycleId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PublicationSettings");
        }
    }
}
