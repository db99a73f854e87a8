using System.Runtime.CompilerServices;
using System.Security.Claims;
using Tickr.GraphQL.AspNetCore.Subscriptions;
using Tickr.GraphQL.AspNetCore.WebSockets;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Types;
using Tickr.GraphQL.Types.Building;

namespace Tickr.GraphQL.AspNetCore.Tests.SharedSubscriptions;

/// <summary>
/// A code-first schema like the product's: a stock event published on the bus per event id, watched through a
/// shared subscription field, the same field unshared, a per-tenant shared field and a per-viewer one. Every
/// execution of <c>Stock.remaining</c> is counted, so tests can tell one execution per event from one per subscriber.
/// </summary>
public static class SharedSchema
{
    public static Schema Create() => new SchemaBuilder()
        .AddQueryType<SharedQuery>()
        .AddMutationType<SharedMutation>()
        .AddSubscriptionType<SharedSubscription>()
        .Build();

    public static string Topic(string eventId) => "stock:" + eventId;

    /// <summary>The authenticated user's name, or null for an anonymous connection.</summary>
    internal static string? UserName(IResolverContext context) =>
        (context.ContextData.TryGetValue(GraphQLContextKeys.User, out var user) ? user as ClaimsPrincipal : null)?.Identity is { IsAuthenticated: true } identity
            ? identity.Name
            : null;
}

/// <summary>Counts the executions of <c>Stock.remaining</c> (a singleton).</summary>
public sealed class StockCounters
{
    private int _remaining;

    public int Remaining => Volatile.Read(ref _remaining);

    public void Reset() => Volatile.Write(ref _remaining, 0);

    internal void Increment() => Interlocked.Increment(ref _remaining);
}

/// <summary>A bus message: the stock of one event changed.</summary>
public sealed record StockMessage(string EventId, int Remaining, string Note);

public sealed class Stock(StockMessage message)
{
    public string EventId => message.EventId;

    /// <summary>Counted; a negative stock is a resolver failure (shared errors).</summary>
    public int Remaining([Service] StockCounters counters)
    {
        counters.Increment();
        if (message.Remaining < 0)
        {
            throw new GraphQLException("negative stock", "NEGATIVE_STOCK");
        }
        return message.Remaining;
    }

    /// <summary>A text of a given size (for slow-subscriber tests).</summary>
    public string Note => message.Note;
}

public sealed class SharedQuery
{
    public string Hello => "hi";
}

public sealed class SharedMutation
{
    public async Task<bool> PublishStock(string eventId, int remaining, [Service] ITopicEventSender sender, CancellationToken cancellationToken, int noteSize = 0)
    {
        await sender.PublishAsync(SharedSchema.Topic(eventId), new StockMessage(eventId, remaining, new string('n', noteSize)), cancellationToken);
        return true;
    }
}

/// <summary>Shared per tenant: the scope is the viewer's "tenant" claim; no tenant, no sharing.</summary>
public sealed class TenantScope : ISubscriptionSharingScope
{
    public string? GetScope(IResolverContext context) =>
        (context.ContextData.TryGetValue(GraphQLContextKeys.User, out var user) ? user as ClaimsPrincipal : null)?.FindFirst("tenant")?.Value;
}

public sealed class SharedSubscription
{
    /// <summary>Shared by every subscriber.</summary>
    [SharedSubscription]
    public IAsyncEnumerable<Stock> StockChanged(string eventId, [Service] ITopicEventReceiver receiver, CancellationToken cancellationToken) =>
        Watch(receiver, eventId, cancellationToken);

    /// <summary>Shared by everyone signed in; anonymous subscribers are refused when they subscribe.</summary>
    [SharedSubscription]
    public IAsyncEnumerable<Stock> MemberStockChanged(string eventId, IResolverContext context, [Service] ITopicEventReceiver receiver, CancellationToken cancellationToken)
    {
        _ = SharedSchema.UserName(context) ?? throw new GraphQLException("Sign in to watch the stock.", "UNAUTHENTICATED");
        return Watch(receiver, eventId, cancellationToken);
    }

    /// <summary>The same events, executed by every subscriber itself.</summary>
    public IAsyncEnumerable<Stock> StockChangedUnshared(string eventId, [Service] ITopicEventReceiver receiver, CancellationToken cancellationToken) =>
        Watch(receiver, eventId, cancellationToken);

    /// <summary>Shared within a tenant.</summary>
    [SharedSubscription(Scope = typeof(TenantScope))]
    public IAsyncEnumerable<Stock> TenantStockChanged(string eventId, [Service] ITopicEventReceiver receiver, CancellationToken cancellationToken) =>
        Watch(receiver, eventId, cancellationToken);

    private static async IAsyncEnumerable<Stock> Watch(ITopicEventReceiver receiver, string eventId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var stream = await receiver.SubscribeAsync<StockMessage>(SharedSchema.Topic(eventId), cancellationToken: cancellationToken);
        await foreach (var message in stream.WithCancellation(cancellationToken))
        {
            yield return new Stock(message);
        }
    }
}

/// <summary>Bearer "user:NAME" or "user:NAME@TENANT" signs in; anything else is anonymous.</summary>
public sealed class NameAuthenticator : IWebSocketAuthenticator
{
    public ValueTask<bool> AuthenticateAsync(WebSocketConnectContext context, CancellationToken cancellationToken)
    {
        if (context.GetBearerToken() is { } token && token.StartsWith("user:", StringComparison.Ordinal))
        {
            var parts = token[5..].Split('@');
            var claims = new List<Claim> { new(ClaimTypes.Name, parts[0]) };
            if (parts.Length > 1)
            {
                claims.Add(new Claim("tenant", parts[1]));
            }
            context.User = new ClaimsPrincipal(new ClaimsIdentity(claims, "Bearer"));
        }
        return new(true);
    }
}
