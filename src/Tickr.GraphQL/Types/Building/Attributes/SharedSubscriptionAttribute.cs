using Tickr.GraphQL.Execution;

namespace Tickr.GraphQL.Types.Building;

/// <summary>
/// On a subscription field (a method of a <c>[SubscriptionType]</c> class or of the subscription type): its events
/// are executed and serialized once per group of subscribers with the same operation, variables and sharing scope,
/// instead of once per subscriber (<see cref="OutputField.Sharing"/>). Without <see cref="Scope"/>, the result must
/// be the same for every subscriber the subscribe method admitted; authorization checks still run per subscriber in
/// the subscribe method, which must do them when called (not inside an <c>async</c> iterator body, which a joining
/// subscriber's stream never runs).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SharedSubscriptionAttribute : Attribute
{
    /// <summary>
    /// Optional: a type implementing <see cref="ISubscriptionSharingScope"/> with a public parameterless constructor,
    /// whose scope value splits subscribers into groups (e.g. per organization or role).
    /// </summary>
    public Type? Scope { get; set; }
}

/// <summary>Computes a subscriber's sharing scope (see <see cref="SubscriptionSharing"/>).</summary>
public interface ISubscriptionSharingScope
{
    /// <summary>The subscriber's scope; null keeps this subscriber on its own (not shared).</summary>
    string? GetScope(IResolverContext context);
}
