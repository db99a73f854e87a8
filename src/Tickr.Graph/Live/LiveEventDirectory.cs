using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Tickr.Data;
using Tickr.Domain.Catalog;

namespace Tickr.Graph.Live;

/// <summary>What a live subscription needs to know about an event before admitting a subscriber.</summary>
/// <param name="EventId">The event.</param>
/// <param name="OrganizationId">Its organization (never changes).</param>
/// <param name="IsDraft">Still a draft: visible to its organization only.</param>
public sealed record LiveEvent(Guid EventId, Guid OrganizationId, bool IsDraft);

/// <summary>
/// The events the live subscriptions are asked about, read once for every subscriber asking at the same time.
/// Subscribers come in storms — thousands of clients (re)connecting to one on-sale event within seconds after a deploy
/// or a network blip — and a database read per subscribe exhausted the connection pool (10,000 subscribers in 10 s on
/// the fan-out benchmark: "The connection pool has been exhausted", every subscriber refused with an internal error).
/// Concurrent look-ups of one event share a single read; a public event is then remembered (an event leaves draft
/// once and never returns to it, and its organization never changes), a draft is not (it may be published any time).
/// </summary>
public sealed class LiveEventDirectory(IDbContextFactory<TickrDbContext> contexts, TimeProvider clock)
{
    /// <summary>How long a public event is remembered before it is read again.</summary>
    public static readonly TimeSpan PublicLifetime = TimeSpan.FromMinutes(1);

    /// <summary>At most this many events are remembered; beyond, the memory starts afresh.</summary>
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<Guid, (LiveEvent Event, DateTimeOffset Until)> _public = new();
    private readonly ConcurrentDictionary<Guid, Lazy<Task<LiveEvent?>>> _reading = new();
    private long _reads;

    /// <summary>Database reads made so far (diagnostics and tests).</summary>
    public long ReadCount => Interlocked.Read(ref _reads);

    /// <summary>The event, or null when there is none with this id.</summary>
    /// <param name="eventId">The event.</param>
    /// <param name="cancellationToken">Stops this caller's wait (not the shared read, which other callers may await).</param>
    public Task<LiveEvent?> FindAsync(Guid eventId, CancellationToken cancellationToken)
    {
        if (_public.TryGetValue(eventId, out var known) && known.Until > clock.GetUtcNow())
        {
            return Task.FromResult<LiveEvent?>(known.Event);
        }
        var read = _reading.GetOrAdd(eventId, static (id, self) => new Lazy<Task<LiveEvent?>>(() => self.ReadAsync(id)), this);
        return read.Value.WaitAsync(cancellationToken);
    }

    private async Task<LiveEvent?> ReadAsync(Guid eventId)
    {
        try
        {
            Interlocked.Increment(ref _reads);
            // Not the first caller's token: the read is everyone's who is waiting for it.
            await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
            var found = await db.Events.AsNoTracking().Where(e => e.Id == eventId)
                .Select(e => new LiveEvent(e.Id, e.OrganizationId, e.Status == EventStatus.Draft))
                .FirstOrDefaultAsync(CancellationToken.None);
            if (found is { IsDraft: false })
            {
                if (_public.Count >= Capacity)
                {
                    _public.Clear();
                }
                _public[eventId] = (found, clock.GetUtcNow() + PublicLifetime);
            }
            return found;
        }
        finally
        {
            // The next caller reads again (or finds the remembered public event); failures are not remembered.
            _reading.TryRemove(eventId, out _);
        }
    }
}
