using Tickr.Domain.Catalog;
using Tickr.Graph.Schema.Relay;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Catalog;

/// <summary>A place where events happen.</summary>
[GraphQLName("Venue")]
public sealed class VenueNode(Venue v) : INode
{
    public const string TypeName = "Venue";

    internal Venue Entity => v;

    /// <summary>The venue's global id.</summary>
    public string Id => GlobalId.Encode(TypeName, v.Id);

    /// <summary>The venue's name, e.g. "Théâtre municipal de Tunis".</summary>
    public string Name => v.Name;

    /// <summary>Street address.</summary>
    public string Address => v.Address;

    /// <summary>The city, e.g. "Tunis".</summary>
    public string City => v.City;

    /// <summary>ISO 3166-1 alpha-2 country code (TN).</summary>
    public string CountryCode => v.CountryCode;

    /// <summary>Where the venue is on a map, when known.</summary>
    public GeoLocation? Location => v.Location is { } p ? new GeoLocation(p.Latitude, p.Longitude) : null;

    /// <summary>Seats or standing places, when known (informative: ticket types and quotas set what is sold).</summary>
    public int? Capacity => v.Capacity;
}

/// <summary>WGS 84 coordinates.</summary>
/// <param name="Latitude">Degrees north (negative: south).</param>
/// <param name="Longitude">Degrees east (negative: west).</param>
public sealed record GeoLocation(double Latitude, double Longitude);
