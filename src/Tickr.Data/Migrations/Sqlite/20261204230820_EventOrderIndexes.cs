using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tickr.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EventOrderIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_orders_event_id_created_at",
                table: "orders",
                columns: new[] { "event_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_orders_event_id_paid_at",
                table: "orders",
                columns: new[] { "event_id", "paid_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_orders_event_id_created_at",
                table: "orders");

            migrationBuilder.DropIndex(
                name: "ix_orders_event_id_paid_at",
                table: "orders");
        }
    }
}
