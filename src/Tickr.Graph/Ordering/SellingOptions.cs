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
}
