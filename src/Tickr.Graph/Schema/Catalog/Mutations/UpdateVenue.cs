using Tickr.Graph.Schema.Common;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Catalog.Mutations;

/// <summary>
/// Changes to a venue: fields left out keep their value; <c>latitude</c>/<c>longitude</c> and <c>capacity</c> can be
/// cleared with an explicit null. Renaming a venue (or changing its city) updates what event search finds.
/// </summary>
public sealed class UpdateVenueInput : PatchInput
{
    /// <summary>The venue to change.</summary>
    [ID]
    public required string VenueId { get; init; }

    /// <summary>The new name (cannot be null).</summary>
    public string? Name { get; init => field = Given(value); }

    /// <summary>The new street address (cannot be null).</summary>
    public string? Address { get; init => field = Given(value); }

    /// <summary>The new city (cannot be null).</summary>
    public string? City { get; init => field = Given(value); }

    /// <summary>The new ISO 3166-1 alpha-2 country code (cannot be null).</summary>
    public string? CountryCode { get; init => field = Given(value); }

    /// <summary>Degrees north; null (with longitude null) removes the location.</summary>
    public double? Latitude { get; init => field = Given(value); }

    /// <summary>Degrees east; null (with latitude null) removes the location.</summary>
    public double? Longitude { get; init => field = Given(value); }

    /// <summary>Seats or standing places; null: unknown.</summary>
    public int? Capacity { get; init => field = Given(value); }
}

/// <summary>The result of <c>updateVenue</c>.</summary>
public sealed class UpdateVenuePayload(VenueNode? venue, IReadOnlyList<IUpdateVenueError> errors)
{
    /// <summary>The venue as changed; null when nothing was changed (see <c>errors</c>).</summary>
    public VenueNode? Venue => venue;

    /// <summary>Why the venue was not changed; empty on success.</summary>
    public IReadOnlyList<IUpdateVenueError> Errors => errors;
}
