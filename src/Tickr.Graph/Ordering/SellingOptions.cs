namespace Tickr.Graph.Ordering;

/// <summary>Selling settings (<c>Tickr:Selling</c>).</summary>
public sealed class SellingOptions
{
    public const string Section = "Tickr:Selling";

    /// <summary>How long a reservation holds its tickets while the buyer pays (default 10 minutes).</summary>
    public TimeSpan HoldDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often the sweeper looks for expired reservations (default 15 s).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The server's public address, for the URLs a hosted payment page returns the buyer to (Clictopay). Default: the
    /// address of the request that started the checkout.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>
    /// How many reservations this server instance runs at once (default 32): the others wait in memory, in arrival
    /// order, instead of all taking a database connection and queueing on the pool (a flash sale's burst). Keep it
    /// well under the connection pool's size (Npgsql's default: 100), which the rest of the API shares.
    /// </summary>
    public int MaxConcurrentReservations { get; set; } = 32;

    /// <summary>
    /// How long a reservation may wait for its turn (default 10 s); past it, the request fails with the GraphQL error
    /// code <c>SERVICE_BUSY</c> (nothing was reserved; the client may retry).
    /// </summary>
    public TimeSpan ReservationQueueTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long an event's sale rules (prices, sales windows, limits, promo codes) may be served from memory without
    /// being read again (default 1 s; zero reads them on every reservation). Edits saved through this instance take
    /// effect at once; this bounds how stale an edit made through another instance can be (Tickr.Data's SaleRulesCache).
    /// </summary>
    public TimeSpan SaleRulesCacheDuration { get; set; } = TimeSpan.FromSeconds(1);
}
