using System.Text;

namespace Tickr.Bench.WsFanout;

/// <summary>N acknowledged connections; each phase subscribes once on every one of them. Disposing closes them all.</summary>
internal sealed class Fanout : IAsyncDisposable
{
    private readonly Subscriber[] _subscribers;
    private readonly int _concurrency;

    private Fanout(Subscriber[] subscribers, int concurrency)
    {
        _subscribers = subscribers;
        _concurrency = concurrency;
    }

    public int Count => _subscribers.Length;

    /// <summary>
    /// Opens <paramref name="count"/> acknowledged graphql-transport-ws connections, <paramref name="concurrency"/>
    /// handshakes at a time, with no operation yet (so connection and subscription costs can be told apart).
    /// </summary>
    public static async Task<Fanout> ConnectAsync(Uri url, int count, Scenario scenario, int concurrency)
    {
        var marker = Encoding.UTF8.GetBytes(scenario.Marker);
        var subscribers = new Subscriber[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
        {
            var subscriber = new Subscriber(marker, scenario.Counter);
            await subscriber.ConnectAsync(url, scenario.InitPayload, ct);
            subscribers[i] = subscriber;
        });
        return new Fanout(subscribers, concurrency);
    }

    /// <summary>Sends the subscribe message (operation <paramref name="id"/>) on every connection.</summary>
    public Task SubscribeAllAsync(string id, string payloadJson, Delivery delivery) =>
        Parallel.ForEachAsync(_subscribers, new ParallelOptions { MaxDegreeOfParallelism = _concurrency },
            async (s, ct) => await s.SubscribeAsync(id, payloadJson, delivery, ct));

    /// <summary>Completes operation <paramref name="id"/> on every connection.</summary>
    public Task CompleteAllAsync(string id) =>
        Parallel.ForEachAsync(_subscribers, new ParallelOptions { MaxDegreeOfParallelism = _concurrency },
            async (s, ct) => await s.CompleteAsync(id, ct));

    public async ValueTask DisposeAsync()
    {
        await Parallel.ForEachAsync(_subscribers, async (s, _) => await s.DisposeAsync());
    }
}
