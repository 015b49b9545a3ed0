using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Assessment.Web.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PublicationCorrections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PublicationCorrections",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CycleId = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Previous = table.Column<string>(type: "TEXT", nullable: false),
                    Corrected = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    CorrectedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CorrectedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    CorrectedByName = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublicationCorrections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PublicationCorrections_Cycles_CycleId",
                        column: x => x.CycleId,
                        principalTable: "Cycles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PublicationCorrections_CycleId",
                table: "PublicationCorrections",
                column: "CycleId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PublicationCorrections");
        }
    }
}
