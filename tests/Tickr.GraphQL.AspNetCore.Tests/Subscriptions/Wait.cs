namespace Tickr.GraphQL.AspNetCore.Tests.Subscriptions;

/// <summary>Waiting on expected events. Timeouts are failure guards only, never what a test asserts.</summary>
internal static class Wait
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>Reconnection after a Redis restart goes through the client's retry back-off: allow more.</summary>
    public static readonly TimeSpan ReconnectTimeout = TimeSpan.FromSeconds(30);

    public static async Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
        => await UntilAsync(() => Task.FromResult(condition()), what, timeout);

    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Timeout);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>The next message of a stream, failing if none arrives in time or the stream ends.</summary>
    public static async Task<T> NextAsync<T>(IAsyncEnumerator<T> messages)
    {
        var hasNext = await messages.MoveNextAsync().AsTask().WaitAsync(Timeout);
        Assert.True(hasNext, "the stream ended instead of delivering a message");
        return messages.Current;
    }

    public static async Task<List<T>> NextAsync<T>(IAsyncEnumerator<T> messages, int count)
    {
        var received = new List<T>(count);
        for (var i = 0; i < count; i++)
        {
            received.Add(await NextAsync(messages));
        }

        return received;
    }
}
