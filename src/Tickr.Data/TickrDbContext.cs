using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Tickr.Data.Audit;
using Tickr.Data.Catalog;
using Tickr.Data.Notifications;
using Tickr.Data.Ordering;
using Tickr.Data.Ticketing;
using Tickr.Data.Identity;
using Tickr.Domain.Catalog;
using Tickr.Domain.Identity;
using Tickr.Domain.Ordering;
using Tickr.Domain.Ticketing;

namespace Tickr.Data;

/// <summary>
/// Tickr's database. The model is the same on both providers except where a provider offers more (PostgreSQL's
/// full-text search); each provider has its own subclass so that it has its own migrations
/// (<see cref="Providers.PostgresTickrDbContext"/>, <see cref="Providers.SqliteTickrDbContext"/>).
/// Not thread-safe, like every DbContext: resolvers and DataLoader batches each create their own from
/// <see cref="IDbContextFactory{TContext}"/>.
/// </summary>
public abstract class TickrDbContext(DbContextOptions options)
    : IdentityDbContext<TickrUser, TickrRole, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<OrganizationMember> OrganizationMembers => Set<OrganizationMember>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<Venue> Venues => Set<Venue>();
    public DbSet<Event> Events => Set<Event>();
    public DbSet<TicketType> TicketTypes => Set<TicketType>();
    public DbSet<Quota> Quotas => Set<Quota>();
    public DbSet<PromoCode> PromoCodes => Set<PromoCode>();
    public DbSet<InventoryBucket> InventoryBuckets => Set<InventoryBucket>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<OrderLine> OrderLines => Set<OrderLine>();
    public DbSet<OrderHold> OrderHolds => Set<OrderHold>();
    public DbSet<BuyerAllowance> BuyerAllowances => Set<BuyerAllowance>();
    public DbSet<PaymentRecord> Payments => Set<PaymentRecord>();
    public DbSet<RefundRecord> Refunds => Set<RefundRecord>();
    public DbSet<ProcessedWebhook> ProcessedWebhooks => Set<ProcessedWebhook>();
    public DbSet<Ticket> Tickets => Set<Ticket>();
    public DbSet<CheckInList> CheckInLists => Set<CheckInList>();
    public DbSet<CheckIn> CheckIns => Set<CheckIn>();
    public DbSet<EventSigningKeyRecord> EventSigningKeys => Set<EventSigningKeyRecord>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    /// <summary>
    /// ASP.NET Core Data Protection's key ring, shared by every server instance: a token protected by one instance
    /// (email confirmation, password reset) is readable by the others.
    /// </summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>The provider this context runs on.</summary>
    public abstract DatabaseProvider Provider { get; }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        IdentityMappings.Configure(builder);
        CatalogMappings.Configure(builder);
        OrderingMappings.Configure(builder);
        ConfigureProvider(builder);
    }

    /// <summary>What only one provider has (search columns, column types).</summary>
    protected abstract void ConfigureProvider(ModelBuilder builder);

    /// <summary>
    /// Use <see cref="SaveChangesAsync(bool, CancellationToken)"/>: derived search columns are filled asynchronously.
    /// The one exception is Data Protection's key repository, whose interface is synchronous: its rows need none of
    /// that work.
    /// </summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (ChangeTracker.Entries().All(e => e.State == EntityState.Unchanged || e.Entity is DataProtectionKey))
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        throw new NotSupportedException("Tickr saves asynchronously only (SaveChangesAsync).");
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        ConcurrencyVersion.Bump(ChangeTracker);
        // Sale rules cached by SaleRulesCache go stale when this unit of work writes them: bumped before the write (a
        // load that starts meanwhile is not kept) and after it (a load that read the old rows is not kept either).
        var catalogChanges = CatalogChanges.Collect(ChangeTracker);
        CatalogChanges.Bump(catalogChanges);
        try
        {
            return await SaveAllChangesAsync(acceptAllChangesOnSuccess, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            CatalogChanges.Bump(catalogChanges);
        }
    }

    private async Task<int> SaveAllChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        var renamedVenues = await EventSearchText.RefreshAsync(this, cancellationToken).ConfigureAwait(false);
        var pools = InventoryStore.ChangedPools(ChangeTracker);
        if (pools.Count > 0)
        {
            // A new or resized ticket type and its inventory buckets are written by the same SaveChanges (one transaction).
            await InventoryStore.PrepareBucketsAsync(this, pools, cancellationToken).ConfigureAwait(false);
        }
        if (renamedVenues.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken).ConfigureAwait(false);
        }
        // A renamed venue and its events' search text change together or not at all: one transaction, unless the
        // caller already runs one.
        var own = Database.CurrentTransaction is null
            ? await Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false)
            : null;
        try
        {
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken).ConfigureAwait(false);
            await EventSearchText.PropagateAsync(this, renamedVenues, cancellationToken).ConfigureAwait(false);
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
            return written;
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}

/// <summary>The database engines Tickr runs on.</summary>
public enum DatabaseProvider
{
    /// <summary>Production: concurrency-safe inventory, full-text search.</summary>
    PostgreSql,

    /// <summary>The embedded default: one file, one writer at a time.</summary>
    Sqlite,
}
