using Tickr.Domain.Catalog;
using Tickr.Domain.Common;
using static Tickr.Domain.Tests.Catalog.Sample;

namespace Tickr.Domain.Tests.Catalog;

public sealed class VenueTests
{
    private static VenueDetails Carthage(string? country = "TN", GeoPoint? location = null, int? capacity = 7_500) =>
        new("Théâtre romain de Carthage", "Rue Hannibal", "Carthage", country, location ?? new GeoPoint(36.8578, 10.3236), capacity);

    [Fact]
    public void A_venue_keeps_its_trimmed_address_and_location()
    {
        var venue = Venue.Create(OrganizationId, Carthage() with { Name = "  Théâtre romain de Carthage " }, Now);

        Assert.Equal("Théâtre romain de Carthage", venue.Name);
        Assert.Equal("Carthage", venue.City);
        Assert.Equal("TN", venue.CountryCode);
        Assert.Equal(new GeoPoint(36.8578, 10.3236), venue.Location);
        Assert.Equal(7_500, venue.Capacity);
        Assert.Equal(OrganizationId, venue.OrganizationId);
    }

    [Theory]
    [InlineData(null, "TN")]
    [InlineData("tn", "TN")]
    [InlineData(" fr ", "FR")]
    public void The_country_is_an_upper_case_ISO_code_Tunisia_by_default(string? given, string stored)
    {
        Assert.Equal(stored, Venue.Create(OrganizationId, Carthage(given), Now).CountryCode);
    }

    [Theory]
    [InlineData("T")]
    [InlineData("TUN")]
    [InlineData("T1")]
    [InlineData("")]
    [InlineData("ت")]
    public void Anything_but_two_letters_is_not_a_country_code(string country)
    {
        Expect.Refusal(DomainErrorCode.InvalidValue, "countryCode", () => Venue.Create(OrganizationId, Carthage(country), Now));
    }

    [Theory]
    [InlineData(90.000001, 0, "latitude")]
    [InlineData(-90.5, 0, "latitude")]
    [InlineData(double.NaN, 0, "latitude")]
    [InlineData(double.PositiveInfinity, 0, "latitude")]
    [InlineData(0, 180.000001, "longitude")]
    [InlineData(0, -181, "longitude")]
    [InlineData(0, double.NaN, "longitude")]
    public void Coordinates_outside_the_globe_are_refused(double latitude, double longitude, string field)
    {
        Expect.Refusal(DomainErrorCode.InvalidValue, field, () => new GeoPoint(latitude, longitude));
    }

    [Theory]
    [InlineData(90, 180)]
    [InlineData(-90, -180)]
    [InlineData(0, 0)]
    public void The_edges_of_the_globe_are_coordinates(double latitude, double longitude)
    {
        var point = new GeoPoint(latitude, longitude);
        Assert.Equal((latitude, longitude), (point.Latitude, point.Longitude));
    }

    [Fact]
    public void A_venue_without_coordinates_has_no_location()
    {
        var venue = Venue.Create(OrganizationId, new VenueDetails("Salle", "1 rue X", "Sfax", null, null, null), Now);
        Assert.Null(venue.Location);
        Assert.Null(venue.Capacity);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(1_000_001)]
    public void A_known_capacity_is_between_1_and_a_million(int capacity)
    {
        Expect.Refusal(DomainErrorCode.InvalidValue, "capacity", () => Venue.Create(OrganizationId, Carthage(capacity: capacity), Now));
    }

    [Theory]
    [InlineData("name")]
    [InlineData("address")]
    [InlineData("city")]
    public void Name_address_and_city_are_required(string field)
    {
        var details = field switch
        {
            "name" => Carthage() with { Name = " " },
            "address" => Carthage() with { Address = "" },
            _ => Carthage() with { City = "\t" },
        };
        Expect.Refusal(DomainErrorCode.InvalidValue, field, () => Venue.Create(OrganizationId, details, Now));
    }

    [Fact]
    public void A_refused_venue_update_changes_nothing()
    {
        var venue = Venue.Create(OrganizationId, Carthage(), Now);
        var before = (venue.Name, venue.Address, venue.City, venue.CountryCode, venue.Location, venue.Capacity);

        Expect.Refusal(DomainErrorCode.InvalidValue, "capacity", () => venue.Update(
            new VenueDetails("Acropolium", "Colline de Byrsa", "Tunis", "FR", new GeoPoint(36.85, 10.32), 0)));
        Expect.Refusal(DomainErrorCode.InvalidValue, "countryCode", () => venue.Update(
            new VenueDetails("Acropolium", "Colline de Byrsa", "Tunis", "F1", null, 100)));

        Assert.Equal(before, (venue.Name, venue.Address, venue.City, venue.CountryCode, venue.Location, venue.Capacity));
    }
}
