using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tickr.Graph.Tests.TestHost;

namespace Tickr.Graph.Tests.Catalog;

/// <summary>createVenue and updateVenue on PostgreSQL.</summary>
public sealed class VenueMutationTests(TickrPostgres database) : CatalogMutationTestBase(database), IClassFixture<TickrPostgres>
{
    [Theory]
    [InlineData("empty name", "name")]
    [InlineData("empty city", "city")]
    [InlineData("three-letter country", "countryCode")]
    [InlineData("latitude 91", "latitude")]
    [InlineData("longitude without latitude", "latitude")]
    [InlineData("capacity 0", "capacity")]
    [InlineData("capacity too large", "capacity")]
    public async Task CreateVenue_with_an_invalid_value_returns_InvalidInputError_and_creates_nothing(string rule, string field)
    {
        var organizer = await Api.OrganizerAsync("Venues");
        var input = new Dictionary<string, object?>
        {
            ["organizationId"] = organizer.Id, ["name"] = "Salle", ["address"] = "1 rue de Rome", ["city"] = "Tunis",
        };
        switch (rule)
        {
            case "empty name": input["name"] = " "; break;
            case "empty city": input["city"] = ""; break;
            case "three-letter country": input["countryCode"] = "TUN"; break;
            case "latitude 91": input["latitude"] = 91.0; input["longitude"] = 10.0; break;
            case "longitude without latitude": input["longitude"] = 10.0; break;
            case "capacity 0": input["capacity"] = 0; break;
            case "capacity too large": input["capacity"] = 1_000_001; break;
        }
        var before = await Api.CountsAsync(organizer);

        var payload = await Api.MutateAsync("createVenue", input, organizer.Token, "venue { id }");

        Assert.Equal(field, CatalogApi.FieldOf(CatalogApi.SingleError(payload, "InvalidInputError")));
        Assert.Equal(before, await Api.CountsAsync(organizer));
    }

    [Fact]
    public async Task UpdateVenue_changes_only_what_is_given_and_nulls_clear_the_location()
    {
        var organizer = await Api.OrganizerAsync("Venue patch");
        var created = await Api.SucceedAsync("createVenue", new
        {
            organizationId = organizer.Id, name = "Théâtre de l'Étoile du Nord", address = "41 av. Farhat Hached", city = "Tunis",
            latitude = 36.80, longitude = 10.18, capacity = 250,
        }, organizer.Token, "venue { id }");
        var venueId = created.GetProperty("venue").GetProperty("id").GetString()!;
        const string selection = "venue { name address city countryCode location { latitude } capacity }";

        var moved = (await Api.SucceedAsync("updateVenue", new { venueId, address = "42 av. Farhat Hached", latitude = (double?)null, longitude = (double?)null },
            organizer.Token, selection)).GetProperty("venue");
        Assert.Equal("42 av. Farhat Hached", moved.GetProperty("address").GetString());
        Assert.Equal(JsonValueKind.Null, moved.GetProperty("location").ValueKind);
        Assert.Equal(250, moved.GetProperty("capacity").GetInt32());
        Assert.Equal("Théâtre de l'Étoile du Nord", moved.GetProperty("name").GetString());

        var id = CatalogApi.Key(venueId);
        await using var db = await Api.Contexts.CreateDbContextAsync();
        var version = await db.Venues.Where(v => v.Id == id).Select(v => EF.Property<int>(v, "Version")).SingleAsync();
        var half = await Api.MutateAsync("updateVenue", new { venueId, latitude = 36.8 }, organizer.Token);
        Assert.Equal("longitude", CatalogApi.FieldOf(CatalogApi.SingleError(half, "InvalidInputError")));
        var nullCity = await Api.MutateAsync("updateVenue", new { venueId, city = (string?)null, name = "Autre nom" }, organizer.Token);
        Assert.Equal("city", CatalogApi.FieldOf(CatalogApi.SingleError(nullCity, "InvalidInputError")));
        Assert.Equal(version, await db.Venues.Where(v => v.Id == id).Select(v => EF.Property<int>(v, "Version")).SingleAsync());
    }

    [Fact]
    public async Task Two_updates_racing_on_one_venue_give_one_success_and_one_ConcurrentUpdateError()
    {
        var organizer = await Api.OrganizerAsync("Venue race");
        var venueId = (await Api.SucceedAsync("createVenue", new { organizationId = organizer.Id, name = "Course", address = "x", city = "Nabeul" },
            organizer.Token, "venue { id }")).GetProperty("venue").GetProperty("id").GetString()!;
        Barrier.Arm(2);

        var results = await Task.WhenAll(
            Api.MutateAsync("updateVenue", new { venueId, name = "Nom A" }, organizer.Token),
            Api.MutateAsync("updateVenue", new { venueId, capacity = 99 }, organizer.Token));

        Assert.Single(results, r => r.GetProperty("errors").GetArrayLength() == 0);
        CatalogApi.SingleError(Assert.Single(results, r => r.GetProperty("errors").GetArrayLength() > 0), "ConcurrentUpdateError");
    }
}
