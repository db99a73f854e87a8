using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tickr.GraphQL.Execution;

namespace Tickr.GraphQL.AspNetCore.SharedSubscriptions;

/// <summary>
/// The live groups of shared subscriptions of one server (one per <see cref="GraphQLRequestPipeline"/>): subscribers
/// of a shareable field with the same operation, variables and sharing scope join one group, which executes and
/// serializes each source event once. Diagnostics: <see cref="GroupCount"/>, <see cref="SubscriberCount"/>.
/// </summary>
public sealed class SharedSubscriptionRegistry
{
    private readonly Dictionary<SubscriptionKey, SubscriptionGroup> _groups = [];
    private readonly Lock _lock = new();
    private readonly Func<Exception, ExecutionResult> _unexpected;
    private int _subscribers;
    private long _executedEvents;

    internal SharedSubscriptionRegistry(IServiceScopeFactory scopes, ILogger logger, Func<Exception, ExecutionResult> unexpected)
    {
        Scopes = scopes;
        Logger = logger;
        _unexpected = unexpected;
    }

    internal IServiceScopeFactory Scopes { get; }

    internal ILogger Logger { get; }

    /// <summary>Live groups (each with at least one subscriber, or ending).</summary>
    public int GroupCount
    {
        get
        {
            lock (_lock)
            {
                return _groups.Count;
            }
        }
    }

    /// <summary>Subscribers currently in a group.</summary>
    public int SubscriberCount => Volatile.Read(ref _subscribers);

    /// <summary>Source events executed by groups that have ended (live groups add theirs when they end).</summary>
    public long ExecutedEventsOfEndedGroups => Interlocked.Read(ref _executedEvents);

    internal ExecutionResult Unexpected(Exception ex) => _unexpected(ex);

    /// <summary>
    /// Adds a subscriber to the live group of <paramref name="key"/>, or creates and starts that group (its source is
    /// created from <paramref name="request"/>, <paramref name="variables"/> and <paramref name="contextData"/>).
    /// </summary>
    internal SharedSubscriber Join(
        SubscriptionKey key,
        SharedSubscriptionOptions options,
        GraphQLExecutor executor,
        PreparedRequest request,
        IReadOnlyDictionary<string, object?>? variables,
        IDictionary<string, object?>? contextData)
    {
        var member = new SharedSubscriber(this, options.SubscriberQueue);
        SubscriptionGroup? created = null;
        lock (_lock)
        {
            if (!_groups.TryGetValue(key, out var group) || group.Closed)
            {
                group = created = new SubscriptionGroup(this, key);
                _groups[key] = group;
            }
            group.Add(member);
            _subscribers++;
        }
        if (created is not null)
        {
            created.Start(executor, request, variables, GroupContextData(contextData));
        }
        return member;
    }

    /// <summary>A member leaves; the last one stops the group.</summary>
    internal void Leave(SharedSubscriber member)
    {
        SubscriptionGroup? stop = null;
        lock (_lock)
        {
            var group = member.Group;
            if (!group.Remove(member))
            {
                return; // the group had already ended and let everyone go
            }
            _subscribers--;
            if (group.Count == 0 && !group.Closed)
            {
                group.Closed = true;
                RemoveEntry(group);
                stop = group;
            }
        }
        stop?.Stop();
    }

    /// <summary>The group's loop ended (source completed, failed, or stopped): release every member still in it.</summary>
    internal void Close(SubscriptionGroup group)
    {
        SharedSubscriber[] members;
        lock (_lock)
        {
            group.Closed = true;
            RemoveEntry(group);
            members = group.TakeAll();
            _subscribers -= members.Length;
            Interlocked.Add(ref _executedEvents, group.ExecutedEvents);
        }
        foreach (var member in members)
        {
            member.Complete();
        }
    }

    internal SharedSubscriber[] Snapshot(SubscriptionGroup group)
    {
        lock (_lock)
        {
            return group.BuildSnapshot();
        }
    }

    private void RemoveEntry(SubscriptionGroup group)
    {
        if (_groups.TryGetValue(group.Key, out var current) && ReferenceEquals(current, group))
        {
            _groups.Remove(group.Key);
        }
    }

    /// <summary>
    /// What the group's executions see: the first subscriber's context data without its HttpContext (the group
    /// outlives that request). Resolvers under a shared field must not depend on who is watching beyond the scope.
    /// </summary>
    private static Dictionary<string, object?> GroupContextData(IDictionary<string, object?>? contextData)
    {
        var data = contextData is null ? new Dictionary<string, object?>(StringComparer.Ordinal) : new Dictionary<string, object?>(contextData, StringComparer.Ordinal);
        data.Remove(GraphQLContextKeys.HttpContext);
        data[GraphQLContextKeys.SharedExecution] = true;
        return data;
    }
}
