using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tickr.Domain.Catalog;
using Tickr.Domain.Common;
using Tickr.Domain.Identity;

namespace Tickr.Data.Catalog;

/// <summary>
/// Tables of the catalog. CHECK constraints repeat the domain's invariants as the last line of defence (sold + held
/// never above capacity, whatever the code does), and every filter the schema offers has an index.
/// Ids are made by the domain (<c>Guid.CreateVersion7</c>), never by the database: keys are <c>ValueGeneratedNever</c>, so
/// a ticket type added to a tracked event is inserted, not mistaken for an existing row to update.
/// </summary>
internal static class CatalogMappings
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<Category>(b =>
        {
            b.ToTable("categories");
            b.HasKey(c => c.Id);
            b.Property(c => c.Id).ValueGeneratedNever();
            b.Property(c => c.Slug).HasMaxLength(Slug.MaxLength);
            b.HasIndex(c => c.Slug).IsUnique();
            b.Property(c => c.Name).HasMaxLength(80);
            b.HasData(StandardCategories.All);
        });

        builder.Entity<Venue>(b =>
        {
            b.ToTable("venues");
            b.HasKey(v => v.Id);
            b.Property(v => v.Id).ValueGeneratedNever();
            b.Property(v => v.Name).HasMaxLength(120);
            b.Property(v => v.Address).HasMaxLength(200);
            b.Property(v => v.City).HasMaxLength(80);
            b.Property(v => v.CountryCode).HasMaxLength(2);
            b.Ignore(v => v.Location);
            // The city as filters compare it (lower-case, no accents), maintained on save: `venues(city: "sousse")`.
            b.Property<string>(EventSearchText.CityKey).HasMaxLength(80);
            b.HasIndex(EventSearchText.CityKey);
            b.HasIndex(v => v.OrganizationId);
            b.HasOne<Organization>().WithMany().HasForeignKey(v => v.OrganizationId).OnDelete(DeleteBehavior.Restrict);
            ConcurrencyVersion.Configure(b);
        });

        builder.Entity<Event>(b =>
        {
            b.ToTable("events", t =>
            {
                t.HasCheckConstraint("ck_events_period", "ends_at > starts_at");
                t.HasCheckConstraint("ck_events_refund_deadline", "refund_policy_deadline_hours_before_start >= 0");
            });
            b.HasKey(e => e.Id);
            b.Property(e => e.Id).ValueGeneratedNever();
            b.Property(e => e.Title).HasMaxLength(Event.TitleMaxLength);
            b.Property(e => e.Slug).HasMaxLength(Slug.MaxLength);
            b.HasIndex(e => e.Slug).IsUnique();
            b.Property(e => e.Description).HasMaxLength(Event.DescriptionMaxLength);
            b.Property(e => e.ImageUrl).HasMaxLength(2_000);
            b.Property(e => e.TimeZoneId).HasColumnName("time_zone").HasMaxLength(64);
            b.Property(e => e.Currency).HasConversion(CurrencyConverter.Instance).HasMaxLength(3);
            b.Property(e => e.MaxTicketsPerBuyer);
            b.Property(e => e.Status).HasConversion(v => v.ToString().ToLowerInvariant(), v => Enum.Parse<EventStatus>(v, true)).HasMaxLength(16);
            b.ComplexProperty(e => e.RefundPolicy);
            b.Property<string>(EventSearchText.VenueText).HasMaxLength(220);
            // The public catalog: published events by date; an organization's own events by date; the relations.
            b.HasIndex(e => new { e.Status, e.StartsAt });
            b.HasIndex(e => new { e.OrganizationId, e.StartsAt });
            b.HasIndex(e => e.VenueId);
            b.HasIndex(e => e.CategoryId);
            b.HasOne<Organization>().WithMany().HasForeignKey(e => e.OrganizationId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Venue>().WithMany().HasForeignKey(e => e.VenueId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Category>().WithMany().HasForeignKey(e => e.CategoryId).OnDelete(DeleteBehavior.SetNull);
            b.HasMany(e => e.TicketTypes).WithOne().HasForeignKey(t => t.EventId).OnDelete(DeleteBehavior.Cascade);
            b.HasMany(e => e.Quotas).WithOne().HasForeignKey(q => q.EventId).OnDelete(DeleteBehavior.Cascade);
            b.HasMany(e => e.PromoCodes).WithOne().HasForeignKey(p => p.EventId).OnDelete(DeleteBehavior.Cascade);
            b.Navigation(e => e.TicketTypes).UsePropertyAccessMode(PropertyAccessMode.Field);
            b.Navigation(e => e.Quotas).UsePropertyAccessMode(PropertyAccessMode.Field);
            b.Navigation(e => e.PromoCodes).UsePropertyAccessMode(PropertyAccessMode.Field);
            ConcurrencyVersion.Configure(b);
        });

        builder.Entity<TicketType>(b =>
        {
            b.ToTable("ticket_types", t =>
            {
                t.HasCheckConstraint("ck_ticket_types_capacity", "capacity >= 0");
                t.HasCheckConstraint("ck_ticket_types_price", "price >= 0");
                t.HasCheckConstraint("ck_ticket_types_per_order", "min_per_order >= 1 AND max_per_order >= min_per_order");
                t.HasCheckConstraint("ck_ticket_types_access_code", "is_hidden OR access_code IS NULL");
            });
            b.HasKey(t => t.Id);
            b.Property(t => t.Id).ValueGeneratedNever();
            b.Property(t => t.Name).HasMaxLength(80);
            b.Property(t => t.Description).HasMaxLength(2_000);
            MapMoney(b.ComplexProperty(t => t.Price), "price", "currency");
            b.ComplexProperty(t => t.SalesWindow, w =>
            {
                w.Property(x => x.StartsAt).HasColumnName("sales_start_at");
                w.Property(x => x.EndsAt).HasColumnName("sales_end_at");
            });
            b.Property(t => t.AccessCode).HasMaxLength(Codes.MaxLength);
            // Sold and held live in inventory_buckets (Tickr.Data.Ordering.InventoryStore), not in this row.
            b.Ignore(t => t.Remaining);
            b.Ignore(t => t.Sold);
            b.Ignore(t => t.Held);
            b.HasIndex(t => new { t.EventId, t.Position });
            ConcurrencyVersion.Configure(b);
        });

        builder.Entity<Quota>(b =>
        {
            b.ToTable("quotas", t => t.HasCheckConstraint("ck_quotas_capacity", "capacity >= 0"));
            b.HasKey(q => q.Id);
            b.Property(q => q.Id).ValueGeneratedNever();
            b.Property(q => q.Name).HasMaxLength(80);
            b.Ignore(q => q.Remaining);
            b.Ignore(q => q.Sold);
            b.Ignore(q => q.Held);
            b.HasIndex(q => q.EventId);
            b.HasMany(q => q.TicketTypes).WithOne().HasForeignKey(x => x.QuotaId).OnDelete(DeleteBehavior.Cascade);
            b.Navigation(q => q.TicketTypes).UsePropertyAccessMode(PropertyAccessMode.Field);
            ConcurrencyVersion.Configure(b);
        });

        builder.Entity<QuotaTicketType>(b =>
        {
            b.ToTable("quota_ticket_types");
            b.HasKey(x => new { x.QuotaId, x.TicketTypeId });
            // "Which quotas limit this ticket type" when reserving.
            b.HasIndex(x => x.TicketTypeId);
            b.HasOne<TicketType>().WithMany().HasForeignKey(x => x.TicketTypeId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<PromoCode>(b =>
        {
            b.ToTable("promo_codes", t =>
            {
                t.HasCheckConstraint("ck_promo_codes_uses", "times_used >= 0 AND (max_uses IS NULL OR times_used <= max_uses)");
                t.HasCheckConstraint("ck_promo_codes_discount",
                    "(kind = 'Percentage' AND percent_off BETWEEN 1 AND 100 AND amount_off IS NULL) OR (kind = 'FixedAmount' AND amount_off > 0 AND percent_off IS NULL)");
            });
            b.HasKey(p => p.Id);
            b.Property(p => p.Id).ValueGeneratedNever();
            b.Property(p => p.Code).HasMaxLength(Codes.MaxLength);
            b.HasIndex(p => new { p.EventId, p.Code }).IsUnique();
            b.Property(p => p.Kind).HasConversion<string>().HasMaxLength(16);
            b.Property(p => p.AmountOffMinorUnits).HasColumnName("amount_off");
            b.Property(p => p.Currency).HasConversion(CurrencyConverter.Instance).HasMaxLength(3);
            b.Ignore(p => p.AmountOff);
            b.Ignore(p => p.RemainingUses);
            b.HasMany(p => p.TicketTypes).WithOne().HasForeignKey(x => x.PromoCodeId).OnDelete(DeleteBehavior.Cascade);
            b.Navigation(p => p.TicketTypes).UsePropertyAccessMode(PropertyAccessMode.Field);
            ConcurrencyVersion.Configure(b);
        });

        builder.Entity<PromoCodeTicketType>(b =>
        {
            b.ToTable("promo_code_ticket_types");
            b.HasKey(x => new { x.PromoCodeId, x.TicketTypeId });
            b.HasIndex(x => x.TicketTypeId);
            b.HasOne<TicketType>().WithMany().HasForeignKey(x => x.TicketTypeId).OnDelete(DeleteBehavior.NoAction);
        });
    }

    private static void MapMoney<T>(ComplexPropertyBuilder<T> money, string amountColumn, string currencyColumn)
        where T : notnull
    {
        money.Property(typeof(long), nameof(Money.MinorUnits)).HasColumnName(amountColumn);
        money.Property(typeof(Currency), nameof(Money.Currency)).HasColumnName(currencyColumn).HasConversion(CurrencyConverter.Instance).HasMaxLength(3);
    }
}
