using System.Diagnostics;

namespace Tickr.Bench.WsFanout;

/// <summary>
/// Counts, per published message of one phase, the subscribers that still have to receive it, and stamps the
/// moment the last one did. Messages are numbered; the subscriber loops report numbers, never strings. A message
/// a subscriber's queue dropped (the server keeps bounded, drop-oldest queues) never completes: it is counted as
/// incomplete, not waited for.
/// </summary>
internal sealed class Delivery(int subscribers, int messages)
{
    private readonly int[] _remaining = Enumerable.Repeat(subscribers, messages).ToArray();
    private readonly long[] _lastReceivedAt = new long[messages];
    private readonly TaskCompletionSource[] _done = Enumerable.Range(0, messages)
        .Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
    private long _received;
    private int _unexpected;

    public int Subscribers => subscribers;

    public int Messages => messages;

    public int UnexpectedCount => Volatile.Read(ref _unexpected);

    /// <summary>Receipts counted so far (every subscriber, every message).</summary>
    public long ReceivedCount => Interlocked.Read(ref _received);

    public Task AllReceived(int sequence) => _done[sequence].Task;

    public bool IsComplete(int sequence) => _done[sequence].Task.IsCompleted;

    /// <summary>Stopwatch timestamp of the last subscriber's receipt of message <paramref name="sequence"/>.</summary>
    public long LastReceivedAt(int sequence) => _lastReceivedAt[sequence];

    public int Remaining(int sequence) => Volatile.Read(ref _remaining[sequence]);

    public void Received(int sequence)
    {
        var now = Stopwatch.GetTimestamp();
        if ((uint)sequence >= (uint)_remaining.Length)
        {
            Unexpected($"sequence {sequence}");
            return;
        }
        Interlocked.Increment(ref _received);
        if (Interlocked.Decrement(ref _remaining[sequence]) == 0)
        {
            _lastReceivedAt[sequence] = now;
            _done[sequence].TrySetResult();
        }
    }

    public void Unexpected(string message)
    {
        if (Interlocked.Increment(ref _unexpected) <= 3)
        {
            Console.Error.WriteLine($"unexpected message: {message}");
        }
    }
}
