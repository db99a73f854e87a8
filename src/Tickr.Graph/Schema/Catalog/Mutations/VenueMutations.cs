using Tickr.Domain.Catalog;
using Tickr.Domain.Common;
using Tickr.Graph.Schema.Identity;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Catalog.Mutations;

/// <summary>Venues: the places an organization's events are held.</summary>
[MutationType]
public sealed class VenueMutations
{
    /// <summary>Registers a venue for an organization. Managers and owners of the organization (or its READ_WRITE API keys).</summary>
    /// <param name="input">The venue.</param>
    /// <param name="context">The request.</param>
    public Task<CreateVenuePayload?> CreateVenueAsync(CreateVenueInput input, IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        return CatalogWrite.RunAsync<ICreateVenueError, CreateVenuePayload?>(context, async write =>
        {
            var organizationId = Ids.Require(input.OrganizationId, OrganizationNode.TypeName, "input.organizationId");
            await write.RequireManageAsync(organizationId, input.OrganizationId, "organization");
            var venue = Venue.Create(organizationId, new VenueDetails(
                input.Name, input.Address, input.City, input.CountryCode,
                Location(input.Latitude, input.Longitude), input.Capacity), write.Now);
            write.Db.Venues.Add(venue);
            await write.SaveAsync();
            return new CreateVenuePayload(new VenueNode(venue), []);
        }, errors => new CreateVenuePayload(null, errors));
    }

    /// <summary>Changes a venue; only the fields given change. Event search follows a new name or city at once.</summary>
    /// <param name="input">The venue and the change.</param>
    /// <param name="context">The request.</param>
    public Task<UpdateVenuePayload?> UpdateVenueAsync(UpdateVenueInput input, IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        return CatalogWrite.RunAsync<IUpdateVenueError, UpdateVenuePayload?>(context, async write =>
        {
            var venueId = Ids.Require(input.VenueId, VenueNode.TypeName, "input.venueId");
            var venue = await write.LoadVenueAsync(venueId, input.VenueId);
            venue.Update(new VenueDetails(
                input.Required(input.Name, venue.Name, nameof(input.Name)),
                input.Required(input.Address, venue.Address, nameof(input.Address)),
                input.Required(input.City, venue.City, nameof(input.City)),
                input.Required(input.CountryCode, venue.CountryCode, nameof(input.CountryCode)),
                Location(
                    input.Clearable(input.Latitude, venue.Latitude, nameof(input.Latitude)),
                    input.Clearable(input.Longitude, venue.Longitude, nameof(input.Longitude))),
                input.Clearable(input.Capacity, venue.Capacity, nameof(input.Capacity))));
            await write.SaveAsync();
            write.Forget(venue);
            return new UpdateVenuePayload(new VenueNode(venue), []);
        }, errors => new UpdateVenuePayload(null, errors));
    }

    /// <summary>Both coordinates or neither: half a location is a mistake, not a point.</summary>
    private static GeoPoint? Location(double? latitude, double? longitude) => (latitude, longitude) switch
    {
        (null, null) => null,
        ({ } lat, { } lon) => new GeoPoint(lat, lon),
        _ => throw new DomainException(DomainErrorCode.InvalidValue, "Give both latitude and longitude, or neither.", latitude is null ? "latitude" : "longitude"),
    };
}
