using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Catalog.Mutations;

/// <summary>A new venue of an organization.</summary>
public sealed class CreateVenueInput
{
    /// <summary>The organization that registers the venue; its events can then be held there.</summary>
    [ID]
    public required string OrganizationId { get; init; }

    /// <summary>The venue's name, e.g. "Théâtre municipal de Tunis" (at most 120 characters).</summary>
    public required string Name { get; init; }

    /// <summary>Street address (at most 200 characters).</summary>
    public required string Address { get; init; }

    /// <summary>The city, e.g. "Tunis"; the public catalog filters and searches by it.</summary>
    public required string City { get; init; }

    /// <summary>ISO 3166-1 alpha-2 country code (default TN).</summary>
    public string? CountryCode { get; init; }

    /// <summary>Degrees north, -90 to 90 (give it with longitude, or neither).</summary>
    public double? Latitude { get; init; }

    /// <summary>Degrees east, -180 to 180 (give it with latitude, or neither).</summary>
    public double? Longitude { get; init; }

    /// <summary>Seats or standing places (1 to 1,000,000), when known; informative, ticket types set what is sold.</summary>
    public int? Capacity { get; init; }
}

/// <summary>The result of <c>createVenue</c>.</summary>
public sealed class CreateVenuePayload(VenueNode? venue, IReadOnlyList<ICreateVenueError> errors)
{
    /// <summary>The new venue; null when the venue was not created (see <c>errors</c>).</summary>
    public VenueNode? Venue => venue;

    /// <summary>Why the venue was not created; empty on success.</summary>
    public IReadOnlyList<ICreateVenueError> Errors => errors;
}
