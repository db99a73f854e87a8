using System.Globalization;

namespace Tickr.Bench.WsFanout;

/// <summary>
/// What the benchmark subscribes to and how it publishes: swap these to point it at another subscription (e.g. the
/// product's <c>inventoryChanged</c>). A subscriber reports a message by the integer that follows
/// <see cref="Marker"/> in it; the publish mutation gets <c>$seq</c> (Int) and <c>$text</c> (<c>"msg-" + seq</c>) as
/// variables, so the published value can carry the sequence number either way.
/// </summary>
internal sealed record Scenario
{
    /// <summary>The subscribe message payload (JSON) of the "without sharing" phase.</summary>
    public string UnsharedSubscribe { get; init; } = """{"query":"subscription { onMessage }"}""";

    /// <summary>The subscribe message payload (JSON) of the "with sharing" phase (a <c>[SharedSubscription]</c> field).</summary>
    public string SharedSubscribe { get; init; } = """{"query":"subscription { onMessageShared }"}""";

    /// <summary>The publish mutation (HTTP POST to the GraphQL URL), with <c>$seq</c> and/or <c>$text</c>.</summary>
    public string Publish { get; init; } = "mutation($text: String!) { publish(text: $text) }";

    /// <summary>What precedes the sequence number in a <c>next</c> message.</summary>
    public string Marker { get; init; } = "msg-";

    /// <summary>The <c>connection_init</c> payload (JSON object), e.g. <c>{"Authorization":"Bearer …"}</c>; none by default.</summary>
    public string? InitPayload { get; init; }

    /// <summary>
    /// Counter mode (<c>--counter true</c>, for the product's live counts): the integer after <see cref="Marker"/> is a
    /// counter that every publish raises by one (e.g. <c>held</c> with one-ticket reservations) rather than the
    /// message's number, and the server may coalesce changes (one message for several publishes). A message with
    /// counter value v reports every publish up to v to its subscriber; publish k is the k-th answered, and its
    /// latency runs from its answer (after its commit) to the last subscriber's first message reporting it.
    /// </summary>
    public bool Counter { get; init; }

    /// <summary>The counter's value before the run's first publish (counter mode).</summary>
    public long CounterStart { get; init; }

    /// <summary>Extra HTTP headers of the publish requests ("Name: value"), e.g. an organizer's token.</summary>
    public IReadOnlyList<string> PublishHeaders { get; init; } = [];

    public static string Text(int sequence) => "msg-" + sequence.ToString(CultureInfo.InvariantCulture);
}
