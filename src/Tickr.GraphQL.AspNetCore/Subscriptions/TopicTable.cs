using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Tickr.GraphQL.AspNetCore.Subscriptions;

/// <summary>
/// Topic name → subscribers. Lookups (publishing) are lock-free; adding or removing a subscriber locks only
/// its topic. An emptied topic is removed from the table, and a removed entry is never reused, so "first
/// subscriber" and "last subscriber" happen exactly once per entry (the Redis bus subscribes/unsubscribes then).
/// </summary>
internal sealed class TopicTable<TTopic>
    where TTopic : Topic
{
    private readonly ConcurrentDictionary<string, TTopic> _topics = new(StringComparer.Ordinal);
    private readonly Func<string, TTopic> _factory;

    public TopicTable(Func<string, TTopic> factory) => _factory = factory;

    public int Count => _topics.Count;

    public ICollection<TTopic> Topics => _topics.Values;

    public bool TryGet(string name, [MaybeNullWhen(false)] out TTopic topic) => _topics.TryGetValue(name, out topic);

    /// <summary>Adds the subscriber; <c>first</c> is true when it is the topic entry's first subscriber.</summary>
    public TTopic Add(string name, Subscriber subscriber, out bool first)
    {
        while (true)
        {
            var topic = _topics.GetOrAdd(name, _factory);
            lock (topic.Gate)
            {
                if (topic.Removed)
                {
                    // Lost a race with the last subscriber leaving: the entry is already gone from the table.
                    continue;
                }

                var current = topic.Subscribers;
                first = current.Length == 0;
                topic.SetSubscribers([.. current, subscriber]);
                subscriber.Entry = topic;
                return topic;
            }
        }
    }

    /// <summary>Removes the subscriber; true when it was the last one and the topic entry was removed.</summary>
    public bool Remove(Subscriber subscriber)
    {
        if (subscriber.Entry is not TTopic topic)
        {
            return false;
        }

        lock (topic.Gate)
        {
            var current = topic.Subscribers;
            var index = Array.IndexOf(current, subscriber);
            if (index < 0)
            {
                return false;
            }

            if (current.Length > 1)
            {
                topic.SetSubscribers([.. current.AsSpan(0, index), .. current.AsSpan(index + 1)]);
                return false;
            }

            topic.SetSubscribers([]);
            topic.Removed = true;
            // Remove this exact entry only (a newer entry for the same name cannot exist yet, but be precise).
            _topics.TryRemove(new KeyValuePair<string, TTopic>(topic.Name, topic));
            return true;
        }
    }

    public int SubscriberCount(string name) => _topics.TryGetValue(name, out var topic) ? topic.Subscribers.Length : 0;
}
