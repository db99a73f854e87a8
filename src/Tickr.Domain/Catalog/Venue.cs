using Tickr.Domain.Common;

namespace Tickr.Domain.Catalog;

/// <summary>A place where events happen, registered by an organization and usable by its events.</summary>
public sealed class Venue
{
    private Venue() { }

    public Guid Id { get; private set; }

    /// <summary>The organization that registered the venue and may edit it.</summary>
    public Guid OrganizationId { get; private set; }

    public string Name { get; private set; } = "";

    /// <summary>Street address.</summary>
    public string Address { get; private set; } = "";

    public string City { get; private set; } = "";

    /// <summary>ISO 3166-1 alpha-2 country code (TN).</summary>
    public string CountryCode { get; private set; } = "TN";

    public double? Latitude { get; private set; }

    public double? Longitude { get; private set; }

    /// <summary>Seats or standing places, when known (informative: ticket types and quotas set what is sold).</summary>
    public int? Capacity { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public GeoPoint? Location => Latitude is { } lat && Longitude is { } lon ? new GeoPoint(lat, lon) : null;

    public static Venue Create(Guid organizationId, VenueDetails details, DateTimeOffset now)
    {
        var venue = new Venue { Id = Guid.CreateVersion7(now), OrganizationId = organizationId, CreatedAt = now };
        venue.Update(details);
        return venue;
    }

    public void Update(VenueDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        // Every check before any assignment: a refused edit leaves the venue exactly as it was.
        var name = Text.Required(details.Name, "name", 120);
        var address = Text.Required(details.Address, "address", 200);
        var city = Text.Required(details.City, "city", 80);
        var country = Text.Required(details.CountryCode ?? "TN", "countryCode", 2).ToUpperInvariant();
        if (country.Length != 2 || !char.IsAsciiLetter(country[0]) || !char.IsAsciiLetter(country[1]))
        {
            throw new DomainException(DomainErrorCode.InvalidValue, "countryCode must be an ISO 3166-1 alpha-2 code (TN).", "countryCode");
        }
        if (details.Capacity is < 1 or > 1_000_000)
        {
            throw new DomainException(DomainErrorCode.InvalidValue, "capacity must be between 1 and 1,000,000.", "capacity");
        }

        Name = name;
        Address = address;
        City = city;
        CountryCode = country;
        Latitude = details.Location?.Latitude;
        Longitude = details.Location?.Longitude;
        Capacity = details.Capacity;
    }
}

/// <summary>What an organizer gives to create or edit a venue.</summary>
public sealed record VenueDetails(string Name, string Address, string City, string? CountryCode, GeoPoint? Location, int? Capacity);
