using System.Diagnostics;

namespace Tickr.Bench.WsFanout;

/// <summary>
/// Counts, per published message of one phase, the subscribers that still have to receive it, and stamps the
/// moment the last one did. Messages are numbered; the subscriber loops report numbers, never strings. A message
/// a subscriber's queue dropped (the server keeps bounded, drop-oldest queues) never completes: it is counted as
/// incomplete, not waited for.
/// </summary>
internal sealed class Delivery(int subscribers, int messages, long counterBase = 0)
{
    private readonly int[] _remaining = Enumerable.Repeat(subscribers, messages).ToArray();
    private readonly long[] _lastReceivedAt = new long[messages];
    private readonly TaskCompletionSource[] _done = Enumerable.Range(0, messages)
        .Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
    private long _received;
    private long _frames;
    private int _unexpected;

    public int Subscribers => subscribers;

    public int Messages => messages;

    public int UnexpectedCount => Volatile.Read(ref _unexpected);

    /// <summary>
    /// <c>next</c> messages received (every subscriber). Equal to the receipts, except in counter mode, where one
    /// coalesced message reports several publishes.
    /// </summary>
    public long FrameCount => Interlocked.Read(ref _frames);

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

    /// <summary>Counter mode: the value a message carries maps to sequence <c>value - CounterBase - 1</c>.</summary>
    public long CounterBase => counterBase;

    /// <summary>
    /// Counter mode: a subscriber received counter value <paramref name="value"/>, which reports every sequence up to
    /// it that this subscriber had not seen yet (<paramref name="last"/>: its highest reported sequence, updated).
    /// Values at or below the base are earlier phases' late messages.
    /// </summary>
    public void ReceivedCounter(ref int last, long value)
    {
        Interlocked.Increment(ref _frames);
        var sequence = value - counterBase - 1;
        if (sequence >= _remaining.Length)
        {
            Unexpected($"counter value {value} (base {counterBase})");
            return;
        }
        for (var s = last + 1; s <= sequence; s++)
        {
            Received(s);
        }
        if (sequence > last)
        {
            last = (int)sequence;
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
