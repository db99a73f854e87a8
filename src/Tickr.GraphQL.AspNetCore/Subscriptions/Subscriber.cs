namespace Tickr.GraphQL.AspNetCore.Subscriptions;

/// <summary>The bus's view of one subscriber: somewhere to put messages without ever waiting.</summary>
internal abstract class Subscriber
{
    /// <summary>The topic entry this subscriber was added to (set by <see cref="TopicTable{TTopic}"/>).</summary>
    public Topic? Entry { get; set; }

    /// <summary>Queues the message (or drops it per the overflow policy). Must not block or throw.</summary>
    public abstract void Deliver(Publication publication);

    /// <summary>Ends the stream after the queued messages (bus shutdown).</summary>
    public abstract void Complete();
}
