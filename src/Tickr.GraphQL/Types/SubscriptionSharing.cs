using Tickr.GraphQL.Execution;

namespace Tickr.GraphQL.Types;

/// <summary>
/// Declares that the response events of a subscription root field may be executed once and shared by every
/// subscriber with the same operation, variables and <em>sharing scope</em>, instead of once per subscriber.
/// Hosts (Tickr.GraphQL.AspNetCore) group such subscribers; the subscribe resolver still runs for each subscriber
/// (its authorization checks are per subscriber), only the per-event execution and serialization are shared.
/// </summary>
/// <remarks>
/// Setting this is a promise about the whole selection a client may put under the field: for two subscribers of
/// the same scope, the same operation and variables give the same result for the same source event. Fields whose
/// result depends on who is watching (an order's status for its buyer, anything reading the viewer) must either not
/// be shared or use a <see cref="Scope"/> that tells viewers apart.
/// </remarks>
public sealed class SubscriptionSharing
{
    /// <summary>Shared by every subscriber the subscribe resolver admitted (the result does not depend on the viewer).</summary>
    public static SubscriptionSharing AllSubscribers { get; } = new(null);

    /// <param name="scope">
    /// The sharing scope of one subscriber, computed when it subscribes (after its subscribe resolver succeeded),
    /// from its resolver context (arguments, <see cref="IResolverContext.ContextData"/>, e.g. a role or an
    /// organization id): subscribers share only with subscribers of the same scope. Returning null keeps that
    /// subscriber on its own (per-subscriber execution). Null means one scope for everyone.
    /// </param>
    public SubscriptionSharing(Func<IResolverContext, string?>? scope) => Scope = scope;

    /// <summary>The scope function; null for <see cref="AllSubscribers"/>.</summary>
    public Func<IResolverContext, string?>? Scope { get; }

    /// <summary>The subscriber's scope: "" for <see cref="AllSubscribers"/>, null when it must not share.</summary>
    public string? GetScope(IResolverContext context) => Scope is null ? "" : Scope(context);
}
