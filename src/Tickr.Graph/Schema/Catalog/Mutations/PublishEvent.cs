using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Catalog.Mutations;

/// <summary>The draft event to put on sale.</summary>
public sealed class PublishEventInput
{
    /// <summary>The draft event to publish.</summary>
    [ID]
    public required string EventId { get; init; }
}

/// <summary>The result of <c>publishEvent</c>.</summary>
public sealed class PublishEventPayload(EventNode? published, IReadOnlyList<IPublishEventError> errors)
{
    /// <summary>The published event; null when it was not published (see <c>errors</c>).</summary>
    public EventNode? Event => published;

    /// <summary>Why the event was not published; empty on success.</summary>
    public IReadOnlyList<IPublishEventError> Errors => errors;
}
