using Microsoft.EntityFrameworkCore;
using Tickr.Data.Audit;
using Tickr.Data.Identity;
using Tickr.Data.Notifications;
using Tickr.Data.Ticketing;
using Tickr.Domain.Catalog;
using Tickr.Domain.Ordering;
using Tickr.Domain.Ticketing;

namespace Tickr.Data.Ordering;

/// <summary>
/// Tables of selling and entry: inventory buckets, orders and their holds, payments, refunds, tickets, check-ins,
/// the outbox and the audit log. CHECK and unique constraints repeat the rules that must hold whatever the code does:
/// no bucket above its capacity, one check-in per ticket and list, one order per idempotency key, one handling per
/// webhook event.
/// </summary>
internal static class OrderingMappings
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<InventoryBucket>(b =>
        {
            b.ToTable("inventory_buckets", t => t.HasCheckConstraint("ck_inventory_buckets_capacity",
                "held >= 0 AND sold >= 0 AND capacity >= 0 AND held + sold <= capacity"));
            b.HasKey(x => new { x.PoolId, x.Bucket });
            b.HasIndex(x => x.EventId);
        });

        builder.Entity<Order>(b =>
        {
            b.ToTable("orders", t =>
            {
                t.HasCheckConstraint("ck_orders_amounts",
                    "subtotal >= 0 AND discount >= 0 AND total = subtotal - discount AND commission >= 0 AND commission <= total AND refunded >= 0 AND refunded <= total");
            });
            b.HasKey(o => o.Id);
            b.Property(o => o.Id).ValueGeneratedNever();
            b.Property(o => o.Number).HasMaxLength(16);
            b.HasIndex(o => o.Number).IsUnique();
            b.Property(o => o.BuyerEmail).HasMaxLength(256);
            b.Property(o => o.Status).HasConversion(v => v.ToString().ToLowerInvariant(), v => Enum.Parse<OrderStatus>(v, true)).HasMaxLength(16);
            b.Property(o => o.Currency).HasConversion(CurrencyConverter.Instance).HasMaxLength(3);
            b.Property(o => o.SubtotalMinorUnits).HasColumnName("subtotal");
            b.Property(o => o.DiscountMinorUnits).HasColumnName("discount");
            b.Property(o => o.TotalMinorUnits).HasColumnName("total");
            b.Property(o => o.CommissionMinorUnits).HasColumnName("commission");
            b.Property(o => o.RefundedMinorUnits).HasColumnName("refunded");
            b.Property(o => o.IdempotencyKey).HasMaxLength(Order.MaxIdempotencyKeyLength);
            b.Property(o => o.RequestHash).HasMaxLength(64);
            b.Ignore(o => o.NetMinorUnits);
            b.Ignore(o => o.Subtotal);
            b.Ignore(o => o.Discount);
            b.Ignore(o => o.Total);
            b.Ignore(o => o.Commission);
            b.Ignore(o => o.Net);
            b.Ignore(o => o.Refunded);
            b.Ignore(o => o.Refundable);
            b.Ignore(o => o.TicketCount);
            b.Ignore(o => o.IsFree);
            b.Ignore(o => o.DiscountedTicketCount);
            // A retry with the same key finds the first order; two racing requests cannot both insert.
            b.HasIndex(o => new { o.BuyerId, o.IdempotencyKey }).IsUnique();
            // The buyer's wallet; the organizer's orders by event; the sweeper's due reservations.
            b.HasIndex(o => new { o.BuyerId, o.CreatedAt });
            b.HasIndex(o => new { o.EventId, o.Status });
            // The organizer's order table (newest first) and the dashboard's paid-orders-per-minute series.
            b.HasIndex(o => new { o.EventId, o.CreatedAt });
            b.HasIndex(o => new { o.EventId, o.PaidAt });
            b.HasIndex(o => new { o.Status, o.ExpiresAt });
            b.HasOne<Event>().WithMany().HasForeignKey(o => o.EventId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<TickrUser>().WithMany().HasForeignKey(o => o.BuyerId).OnDelete(DeleteBehavior.Restrict);
            b.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
            b.Navigation(o => o.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
            ConcurrencyVersion.Configure(b);
        });

        builder.Entity<OrderLine>(b =>
        {
            b.ToTable("order_lines", t => t.HasCheckConstraint("ck_order_lines_amounts",
                "quantity > 0 AND unit_price >= 0 AND unit_discount >= 0 AND unit_discount <= unit_price AND unit_commission >= 0"));
            b.HasKey(l => l.Id);
            b.Property(l => l.Id).ValueGeneratedNever();
            b.Property(l => l.TicketTypeName).HasMaxLength(80);
            b.Property(l => l.UnitPriceMinorUnits).HasColumnName("unit_price");
            b.Property(l => l.UnitDiscountMinorUnits).HasColumnName("unit_discount");
            b.Property(l => l.UnitCommissionMinorUnits).HasColumnName("unit_commission");
            b.Ignore(l => l.TotalMinorUnits);
            b.Ignore(l => l.CommissionMinorUnits);
            b.Ignore(l => l.NetMinorUnits);
            b.HasIndex(l => l.TicketTypeId);
            b.HasOne<TicketType>().WithMany().HasForeignKey(l => l.TicketTypeId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<OrderHold>(b =>
        {
            b.ToTable("order_holds", t => t.HasCheckConstraint("ck_order_holds_quantity", "quantity > 0"));
            b.HasKey(h => new { h.OrderId, h.PoolId, h.Bucket });
            b.HasOne<Order>().WithMany().HasForeignKey(h => h.OrderId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<BuyerAllowance>(b =>
        {
            b.ToTable("buyer_allowances", t => t.HasCheckConstraint("ck_buyer_allowances_tickets", "tickets >= 0"));
            b.HasKey(a => new { a.EventId, a.BuyerId });
        });

        builder.Entity<PaymentRecord>(b =>
        {
            b.ToTable("payments", t => t.HasCheckConstraint("ck_payments_amount", "amount >= 0"));
            b.HasKey(p => p.Id);
            b.Property(p => p.Id).ValueGeneratedNever();
            b.Property(p => p.Provider).HasMaxLength(16);
            b.Property(p => p.ProviderReference).HasMaxLength(200);
            b.Property(p => p.Status).HasMaxLength(16);
            b.Property(p => p.AmountMinorUnits).HasColumnName("amount");
            b.Property(p => p.Currency).HasMaxLength(3);
            b.Property(p => p.ClientSecret).HasMaxLength(500);
            b.Property(p => p.RedirectUrl).HasMaxLength(2_000);
            b.HasIndex(p => new { p.Provider, p.ProviderReference }).IsUnique();
            b.HasIndex(p => p.OrderId);
            b.HasOne<Order>().WithMany().HasForeignKey(p => p.OrderId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<RefundRecord>(b =>
        {
            b.ToTable("refunds", t => t.HasCheckConstraint("ck_refunds_amount", "amount > 0"));
            b.HasKey(r => r.Id);
            b.Property(r => r.Id).ValueGeneratedNever();
            b.Property(r => r.AmountMinorUnits).HasColumnName("amount");
            b.Property(r => r.Currency).HasMaxLength(3);
            b.Property(r => r.Status).HasMaxLength(16);
            b.Property(r => r.ProviderReference).HasMaxLength(200);
            b.Property(r => r.Reason).HasMaxLength(500);
            b.HasIndex(r => r.OrderId);
            b.HasOne<Order>().WithMany().HasForeignKey(r => r.OrderId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ProcessedWebhook>(b =>
        {
            b.ToTable("processed_webhooks");
            b.HasKey(w => new { w.Provider, w.EventId });
            b.Property(w => w.Provider).HasMaxLength(16);
            b.Property(w => w.EventId).HasMaxLength(200);
        });

        builder.Entity<Ticket>(b =>
        {
            b.ToTable("tickets", t => t.HasCheckConstraint("ck_tickets_version", "version >= 1"));
            b.HasKey(t => t.Id);
            b.Property(t => t.Id).ValueGeneratedNever();
            b.Property(t => t.HolderEmail).HasMaxLength(256);
            b.Property(t => t.Status).HasConversion(v => v.ToString().ToLowerInvariant(), v => Enum.Parse<TicketStatus>(v, true)).HasMaxLength(16);
            b.HasIndex(t => t.OrderId);
            b.HasIndex(t => t.EventId);
            b.HasIndex(t => t.HolderId);
            b.HasIndex(t => t.HolderEmail);
            b.HasOne<Order>().WithMany().HasForeignKey(t => t.OrderId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<TicketType>().WithMany().HasForeignKey(t => t.TicketTypeId).OnDelete(DeleteBehavior.Restrict);
            ConcurrencyVersion.Configure(b);
        });

        builder.Entity<CheckInList>(b =>
        {
            b.ToTable("check_in_lists");
            b.HasKey(l => l.Id);
            b.Property(l => l.Id).ValueGeneratedNever();
            b.Property(l => l.Name).HasMaxLength(80);
            b.HasIndex(l => l.EventId);
            b.HasOne<Event>().WithMany().HasForeignKey(l => l.EventId).OnDelete(DeleteBehavior.Cascade);
            b.HasMany(l => l.TicketTypes).WithOne().HasForeignKey(x => x.CheckInListId).OnDelete(DeleteBehavior.Cascade);
            b.Navigation(l => l.TicketTypes).UsePropertyAccessMode(PropertyAccessMode.Field);
        });

        builder.Entity<CheckInListTicketType>(b =>
        {
            b.ToTable("check_in_list_ticket_types");
            b.HasKey(x => new { x.CheckInListId, x.TicketTypeId });
            b.HasOne<TicketType>().WithMany().HasForeignKey(x => x.TicketTypeId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<CheckIn>(b =>
        {
            b.ToTable("check_ins");
            b.HasKey(c => c.Id);
            b.Property(c => c.Id).ValueGeneratedNever();
            b.Property(c => c.DeviceId).HasMaxLength(100);
            // Exactly one admission per ticket and list, whatever the concurrency.
            b.HasIndex(c => new { c.CheckInListId, c.TicketId }).IsUnique();
            b.HasIndex(c => c.TicketId);
            b.HasIndex(c => c.EventId);
            b.HasOne<CheckInList>().WithMany().HasForeignKey(c => c.CheckInListId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne<Ticket>().WithMany().HasForeignKey(c => c.TicketId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<EventSigningKeyRecord>(b =>
        {
            b.ToTable("event_signing_keys");
            b.HasKey(k => k.EventId);
            b.Property(k => k.KeyId).HasMaxLength(32);
            b.HasOne<Event>().WithOne().HasForeignKey<EventSigningKeyRecord>(k => k.EventId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<OutboxMessage>(b =>
        {
            b.ToTable("outbox_messages");
            b.HasKey(m => m.Id);
            b.Property(m => m.Id).ValueGeneratedNever();
            b.Property(m => m.Kind).HasMaxLength(64);
            b.Property(m => m.DeduplicationKey).HasMaxLength(200);
            b.Property(m => m.LastError).HasMaxLength(2_000);
            b.HasIndex(m => m.DeduplicationKey).IsUnique();
            // The dispatcher's scan: undelivered messages by due time.
            b.HasIndex(m => new { m.SentAt, m.FailedAt, m.NextAttemptAt });
        });

        builder.Entity<AuditEntry>(b =>
        {
            b.ToTable("audit_entries");
            b.HasKey(a => a.Id);
            b.Property(a => a.Id).ValueGeneratedNever();
            b.Property(a => a.Action).HasMaxLength(64);
            b.Property(a => a.IpAddress).HasMaxLength(64);
            b.HasIndex(a => new { a.EventId, a.At });
            b.HasIndex(a => new { a.SubjectId, a.At });
        });
    }
}
