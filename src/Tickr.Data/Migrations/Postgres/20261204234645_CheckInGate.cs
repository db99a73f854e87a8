using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tickr.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CheckInGate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "gate",
                table: "check_ins",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "gate",
                table: "check_ins");
        }
    }
}
