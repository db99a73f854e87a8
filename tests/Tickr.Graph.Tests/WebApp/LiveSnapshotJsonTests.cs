using System.Text.Json;
using Tickr.Graph.Live;

namespace Tickr.Graph.Tests.WebApp;

/// <summary>The live snapshots' new parts survive the Redis bus (JSON between instances).</summary>
public sealed class LiveSnapshotJsonTests
{
    [Fact]
    public void Sales_and_check_in_snapshots_round_trip_with_their_minutes_and_gates()
    {
        var at = new DateTimeOffset(2026, 12, 4, 21, 7, 0, TimeSpan.Zero);
        var sales = new SalesSnapshot(Guid.NewGuid(), at, 3, 290_000, 11_600, 0, "TND", 2,
            [new MinuteSalesCount(at.AddMinutes(-1), 0, 0, 0), new MinuteSalesCount(at, 2, 3, 290_000)]);
        var checkIns = new CheckInSnapshot(Guid.NewGuid(), at, [new CheckInListCount(Guid.NewGuid(), "Main", 2, 10)],
            [new GateCount("Porte 1", 1, 1, at), new GateCount(null, 1, 0, at.AddMinutes(-9))]);

        foreach (var options in new[] { JsonSerializerOptions.Default, JsonSerializerOptions.Web })
        {
            var salesBack = JsonSerializer.Deserialize<SalesSnapshot>(JsonSerializer.SerializeToUtf8Bytes(sales, options), options)!;
            Assert.Equal((2, 3), (salesBack.OrdersPaid, salesBack.TicketsSold));
            Assert.Equal(sales.LastHour, salesBack.LastHour);
            var checkInsBack = JsonSerializer.Deserialize<CheckInSnapshot>(JsonSerializer.SerializeToUtf8Bytes(checkIns, options), options)!;
            Assert.Equal(checkIns.Gates, checkInsBack.Gates);
            Assert.Equal(checkIns.Lists, checkInsBack.Lists);
        }
    }
}
