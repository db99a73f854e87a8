namespace Tickr.Bench.WsFanout;

/// <summary>N subscribers sharing one <see cref="Delivery"/>; disposing closes them all.</summary>
internal sealed class Fanout : IAsyncDisposable
{
    private readonly Subscriber[] _subscribers;

    private readonly int _concurrency;

    private Fanout(Subscriber[] subscribers, Delivery delivery, int concurrency)
    {
        _subscribers = subscribers;
        Delivery = delivery;
        _concurrency = concurrency;
    }

    public Delivery Delivery { get; }

    /// <summary>
    /// Opens <paramref name="count"/> acknowledged graphql-transport-ws connections, <paramref name="concurrency"/>
    /// handshakes at a time, with no operation yet (so connection and subscription costs can be told apart).
    /// </summary>
    public static async Task<Fanout> ConnectAsync(Uri url, int count, int messages, int concurrency)
    {
        var subscribers = new Subscriber[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
        {
            var subscriber = new Subscriber();
            await subscriber.ConnectAsync(url, ct);
            subscribers[i] = subscriber;
        });
        return new Fanout(subscribers, new Delivery(count, messages), concurrency);
    }

    /// <summary>Sends one <c>onMessage</c> subscribe on every connection.</summary>
    public Task SubscribeAllAsync() =>
        Parallel.ForEachAsync(_subscribers, new ParallelOptions { MaxDegreeOfParallelism = _concurrency },
            async (s, ct) => await s.SubscribeAsync(Delivery, ct));

    public async ValueTask DisposeAsync()
    {
        await Parallel.ForEachAsync(_subscribers, async (s, _) => await s.DisposeAsync());
    }
}
