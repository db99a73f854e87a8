using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tickr.GraphQL.Execution;

namespace Tickr.GraphQL.AspNetCore.SharedSubscriptions;

/// <summary>
/// The subscribers of one <see cref="SubscriptionKey"/>: one source stream (the subscribe resolver run once more for
/// the group, in the group's own service scope, with the first subscriber's context data minus its HttpContext),
/// each event executed and serialized once, the bytes offered to every member's queue. Created with its first
/// member; stopped (source cancelled and disposed, scope disposed) when its last member leaves or its source ends,
/// and never reused after that.
/// </summary>
internal sealed class SubscriptionGroup
{
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    private readonly SharedSubscriptionRegistry _registry;
    private readonly CancellationTokenSource _stop = new();
    // Members, changed only under the registry's lock; the fan-out loop reads a snapshot rebuilt after changes.
    private readonly HashSet<SharedSubscriber> _members = [];
    private SharedSubscriber[]? _snapshot;

    public SubscriptionGroup(SharedSubscriptionRegistry registry, SubscriptionKey key)
    {
        _registry = registry;
        Key = key;
    }

    public SubscriptionKey Key { get; }

    /// <summary>Set under the registry's lock once the group must take no new member.</summary>
    public bool Closed { get; set; }

    /// <summary>Number of members (read under the registry's lock).</summary>
    public int Count => _members.Count;

    /// <summary>The fan-out loop; completes after the group stopped and released its source and scope.</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    /// <summary>Source events executed by this group (each executed and serialized once for every member).</summary>
    public long ExecutedEvents => Interlocked.Read(ref _executed);

    private long _executed;

    public void Add(SharedSubscriber member)
    {
        _members.Add(member);
        member.Group = this;
        _snapshot = null;
    }

    public bool Remove(SharedSubscriber member)
    {
        var removed = _members.Remove(member);
        _snapshot = null;
        return removed;
    }

    /// <summary>Takes every member out (the group ends); under the registry's lock.</summary>
    public SharedSubscriber[] TakeAll()
    {
        var all = _members.ToArray();
        _members.Clear();
        _snapshot = [];
        return all;
    }

    public void Start(GraphQLExecutor executor, PreparedRequest request, IReadOnlyDictionary<string, object?>? variables, IDictionary<string, object?> contextData) =>
        Completion = Task.Run(() => RunAsync(executor, request, variables, contextData));

    /// <summary>Stops the group (its last member left): cancels the source, which ends the fan-out loop.</summary>
    public void Stop()
    {
        try
        {
            _stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The loop already ended.
        }
    }

    private async Task RunAsync(GraphQLExecutor executor, PreparedRequest request, IReadOnlyDictionary<string, object?>? variables, IDictionary<string, object?> contextData)
    {
        var token = _stop.Token;
        try
        {
            await using var scope = _registry.Scopes.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var source = await executor.CreateSourceStreamAsync(request, variables, null, services, contextData, token).ConfigureAwait(false);
            if (source.Stream is not { } stream)
            {
                // Unexpected (every member's own subscribe resolver admitted it), but it is this event's answer for all.
                Broadcast(Serialize(source.Failure!));
                return;
            }
            await foreach (var result in executor.MapSourceStream(request, stream, variables, services, contextData, token).ConfigureAwait(false))
            {
                Interlocked.Increment(ref _executed);
                // Errors of an event's execution are in the result: every member gets them as that event's result.
                Broadcast(Serialize(result));
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The last member left.
        }
        catch (Exception ex)
        {
            _registry.Logger.LogError(ex, "Shared subscription group failed");
            Broadcast(Serialize(_registry.Unexpected(ex)));
        }
        finally
        {
            // Members still here see their stream end ('complete'); the key gets a new group on the next subscribe.
            _registry.Close(this);
            _stop.Dispose();
        }
    }

    private void Broadcast(ReadOnlyMemory<byte> json)
    {
        var members = Volatile.Read(ref _snapshot) ?? _registry.Snapshot(this);
        foreach (var member in members)
        {
            member.Offer(json);
        }
    }

    /// <summary>Rebuilds the member snapshot; under the registry's lock.</summary>
    public SharedSubscriber[] BuildSnapshot() => _snapshot ??= [.. _members];

    private static ReadOnlyMemory<byte> Serialize(ExecutionResult result)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            ExecutionResultWriter.Write(writer, result);
        }
        return buffer.WrittenSpan.ToArray();
    }
}
