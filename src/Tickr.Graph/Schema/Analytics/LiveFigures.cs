using Tickr.Domain.Common;
using Tickr.Graph.Live;
using Tickr.Graph.Schema.Common;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Analytics;

/// <summary>Orders paid during one minute.</summary>
[GraphQLName("MinuteSales")]
public sealed class MinuteSalesNode(MinuteSalesCount m, Currency currency)
{
    /// <summary>The minute's start (UTC, seconds zero).</summary>
    public DateTimeOffset Minute => m.Minute;

    /// <summary>Orders paid during the minute (those refunded since included).</summary>
    public int Orders => m.Orders;

    /// <summary>Tickets in those orders.</summary>
    public int Tickets => m.Tickets;

    /// <summary>What their buyers paid.</summary>
    public MoneyAmount Gross => new(new Money(m.GrossMinorUnits, currency));

    internal static IReadOnlyList<MinuteSalesNode> From(IReadOnlyList<MinuteSalesCount>? minutes, Currency currency) =>
        minutes is null ? [] : minutes.Select(m => new MinuteSalesNode(m, currency)).ToArray();
}

/// <summary>
/// Admissions at one gate: the gate named on the scanning devices (the web scanner sends <c>deviceId</c> as
/// "&lt;gate&gt; · &lt;device&gt;"); scans from devices that name no gate are grouped under a null gate.
/// </summary>
[GraphQLName("GateCheckIns")]
public sealed class GateCheckInsNode(GateCount g)
{
    /// <summary>The gate's name; null for scans from devices that name no gate.</summary>
    public string? Gate => g.Gate;

    /// <summary>Admissions recorded there (through any check-in list).</summary>
    public int CheckedIn => g.CheckedIn;

    /// <summary>Admissions scanned there in the five minutes before the figures were read.</summary>
    public int LastFiveMinutes => g.LastFiveMinutes;

    /// <summary>The gate's current pace: lastFiveMinutes / 5, in admissions per minute.</summary>
    public double PerMinute => g.LastFiveMinutes / LiveUpdates.GateRateWindow.TotalMinutes;

    /// <summary>When the latest admission there was scanned.</summary>
    public DateTimeOffset? LastAdmissionAt => g.LastAdmissionAt;

    internal static IReadOnlyList<GateCheckInsNode> From(IReadOnlyList<GateCount>? gates) =>
        gates is null ? [] : gates.Select(g => new GateCheckInsNode(g)).ToArray();
}
