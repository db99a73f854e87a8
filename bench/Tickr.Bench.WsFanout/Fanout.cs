namespace Tickr.Bench.WsFanout;

/// <summary>N subscribers sharing one <see cref="Delivery"/>; disposing closes them all.</summary>
internal sealed class Fanout : IAsyncDisposable
{
    private readonly Subscriber[] _subscribers;

    private Fanout(Subscriber[] subscribers, Delivery delivery)
    {
        _subscribers = subscribers;
        Delivery = delivery;
    }

    public Delivery Delivery { get; }

    /// <summary>Opens <paramref name="count"/> subscriptions, <paramref name="concurrency"/> handshakes at a time.</summary>
    public static async Task<Fanout> OpenAsync(Uri url, int count, int messages, int concurrency)
    {
        var delivery = new Delivery(count, messages);
        var subscribers = new Subscriber[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
        {
            var subscriber = new Subscriber();
            await subscriber.ConnectAndSubscribeAsync(url, delivery, ct);
            subscribers[i] = subscriber;
        });
        return new Fanout(subscribers, delivery);
    }

    public async ValueTask DisposeAsync()
    {
        await Parallel.ForEachAsync(_subscribers, async (s, _) => await s.DisposeAsync());
    }
}
