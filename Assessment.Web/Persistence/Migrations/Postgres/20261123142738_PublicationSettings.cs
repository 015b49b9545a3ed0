using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Assessment.Web.Persistence.Migrations.Postgres
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CycleId = table.Column<int>(type: "integer", nullable: false),
                    IssuerName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    IssuerMark = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    NumberPrefix = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    NumberYear = table.Column<int>(type: "integer", nullable: true),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Addressees = table.Column<List<string>>(type: "text[]", nullable: false),
                    CopyTo = table.Column<List<string>>(type: "text[]", nullable: false),
                    Distribution = table.Column<List<string>>(type: "text[]", nullable: false),
                    PrintingOffice = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SignatureDate = table.Column<DateOnly>(type: "date", nullable: true),
                    PrintDate = table.Column<DateOnly>(type: "date", nullable: true),
                    Disclosure = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Basis = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Organizer = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    AssessmentName = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    ShortName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    SituationIntro = table.Column<List<string>>(type: "text[]", nullable: false),
                    Situation = table.Column<string>(type: "text", nullable: false),
                    Highlights = table.Column<string>(type: "text", nullable: false),
                    ProblemsIntro = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    Problems = table.Column<string>(type: "text", nullable: false),
                    ResultsIntro = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    Requirements = table.Column<List<string>>(type: "text[]", nullable: false),
                    RectifyWithinDays = table.Column<int>(type: "integer", nullable: false),
                    ReportTo = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ModifiedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ModifiedBy = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true)
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
