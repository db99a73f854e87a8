namespace Tickr.GraphQL.AspNetCore.Subscriptions;

/// <summary>One topic's subscribers. Publishing reads a copy-on-write array, so it never takes a lock.</summary>
internal class Topic
{
    private Subscriber[] _subscribers = [];

    public Topic(string name) => Name = name;

    public string Name { get; }

    /// <summary>A snapshot; safe to iterate while subscribers come and go.</summary>
    public Subscriber[] Subscribers => Volatile.Read(ref _subscribers);

    /// <summary>Guards changes to the subscriber set and <see cref="Removed"/>; never held while publishing.</summary>
    internal Lock Gate { get; } = new();

    /// <summary>Set when the last subscriber left and the entry was taken out of its table: it must not be reused.</summary>
    internal bool Removed { get; set; }

    internal void SetSubscribers(Subscriber[] subscribers) => Volatile.Write(ref _subscribers, subscribers);
}
