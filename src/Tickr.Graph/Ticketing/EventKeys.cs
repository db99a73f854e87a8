using System.Collections.Concurrent;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Tickr.Data;
using Tickr.Data.Ticketing;
using Tickr.Domain.Ticketing;

namespace Tickr.Graph.Ticketing;

/// <summary>
/// Each event's ticket-signing key pair: created on first use, stored with its private key protected by Data
/// Protection (whose key ring every instance shares through the database), cached in memory once read. Signs ticket
/// tokens and verifies them at the door.
/// </summary>
public sealed class EventKeys(IDbContextFactory<TickrDbContext> contexts, IDataProtectionProvider protection, TimeProvider clock)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Tickr.EventSigningKeys.v1");
    private readonly ConcurrentDictionary<Guid, Task<EventSigningKey>> _keys = new();

    /// <summary>The event's key (with its private part), created if the event has none yet.</summary>
    public Task<EventSigningKey> GetAsync(Guid eventId, CancellationToken cancellationToken)
    {
        var task = _keys.GetOrAdd(eventId, id => LoadOrCreateAsync(id, CancellationToken.None));
        if (task.IsFaulted || task.IsCanceled)
        {
            _keys.TryRemove(new KeyValuePair<Guid, Task<EventSigningKey>>(eventId, task));
        }
        return task.WaitAsync(cancellationToken);
    }

    /// <summary>A signed token of the ticket's current version.</summary>
    public async Task<string> IssueTokenAsync(Ticket ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var key = await GetAsync(ticket.EventId, cancellationToken);
        return key.Sign(new TicketClaims(ticket.EventId, ticket.Id, ticket.TicketTypeId, ticket.Version));
    }

    private async Task<EventSigningKey> LoadOrCreateAsync(Guid eventId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.EventSigningKeys.AsNoTracking().FirstOrDefaultAsync(k => k.EventId == eventId, cancellationToken) is { } stored)
        {
            return EventSigningKey.ImportPrivateKey(_protector.Unprotect(stored.ProtectedPrivateKey));
        }
        var created = EventSigningKey.Create();
        db.EventSigningKeys.Add(new EventSigningKeyRecord
        {
            EventId = eventId,
            KeyId = created.KeyId,
            PublicKey = created.ExportPublicKey(),
            ProtectedPrivateKey = _protector.Protect(created.ExportPrivateKey()),
            CreatedAt = clock.GetUtcNow(),
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return created;
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(db, e, out _))
        {
            // Another instance created the event's key at the same moment: use theirs.
            created.Dispose();
            await using var again = await contexts.CreateDbContextAsync(cancellationToken);
            var theirs = await again.EventSigningKeys.AsNoTracking().FirstAsync(k => k.EventId == eventId, cancellationToken);
            return EventSigningKey.ImportPrivateKey(_protector.Unprotect(theirs.ProtectedPrivateKey));
        }
    }
}
