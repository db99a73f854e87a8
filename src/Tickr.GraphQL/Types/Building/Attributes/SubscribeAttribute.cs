namespace Tickr.GraphQL.Types.Building;

/// <summary>
/// Marks a subscription field. Either the method itself returns the event stream (<c>IAsyncEnumerable&lt;T&gt;</c>,
/// possibly in a Task/ValueTask), or <see cref="With"/> names a method of the same class that does, and this
/// method turns each event (received as its <c>[Parent]</c> parameter) into the field value.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SubscribeAttribute : Attribute
{
    /// <summary>Name of the method producing the stream when this method only resolves each event.</summary>
    public string? With { get; set; }
}
