using Tickr.Domain.Catalog;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Catalog.Mutations;

/// <summary>Ticket types: what an event sells, at what price, how many, when.</summary>
[MutationType]
public sealed class TicketTypeMutations
{
    /// <summary>Adds a ticket type to a draft or published event. Managers and owners of its organization.</summary>
    /// <param name="input">The ticket type.</param>
    /// <param name="context">The request.</param>
    public Task<AddTicketTypePayload?> AddTicketTypeAsync(AddTicketTypeInput input, IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        return CatalogWrite.RunAsync<IAddTicketTypeError, AddTicketTypePayload?>(context, async write =>
        {
            var eventId = Ids.Require(input.EventId, EventNode.TypeName, "input.eventId");
            var e = await write.LoadEventAsync(eventId, input.EventId);
            var type = e.AddTicketType(new TicketTypeDetails(
                input.Name,
                input.Description,
                input.Price.ToMoney("price"),
                input.Capacity,
                input.SalesStartAt,
                input.SalesEndAt,
                input.MinPerOrder,
                input.MaxPerOrder,
                input.IsHidden,
                input.AccessCode), write.Now);
            await write.SaveAsync(e);
            return new AddTicketTypePayload(new TicketTypeNode(type, e), []);
        }, errors => new AddTicketTypePayload(null, errors));
    }

    /// <summary>Changes a ticket type; only the fields given change. Its capacity never goes below what is sold or held.</summary>
    /// <param name="input">The ticket type and the change.</param>
    /// <param name="context">The request.</param>
    public Task<UpdateTicketTypePayload?> UpdateTicketTypeAsync(UpdateTicketTypeInput input, IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        return CatalogWrite.RunAsync<IUpdateTicketTypeError, UpdateTicketTypePayload?>(context, async write =>
        {
            var ticketTypeId = Ids.Require(input.TicketTypeId, TicketTypeNode.TypeName, "input.ticketTypeId");
            var e = await write.LoadEventOfTicketTypeAsync(ticketTypeId, input.TicketTypeId);
            var current = e.FindTicketType(ticketTypeId)!;
            var hidden = input.Required(input.IsHidden, current.IsHidden, nameof(input.IsHidden));
            // A type made public has no access code unless the client insists on one (which the domain refuses).
            var accessCode = input.Has(nameof(input.AccessCode)) ? input.AccessCode : hidden ? current.AccessCode : null;
            var type = e.UpdateTicketType(ticketTypeId, new TicketTypeDetails(
                input.Required(input.Name, current.Name, nameof(input.Name)),
                input.Clearable(input.Description, current.Description, nameof(input.Description)),
                input.Required(input.Price, current.Price, p => p.ToMoney("price"), nameof(input.Price)),
                input.Required(input.Capacity, current.Capacity, nameof(input.Capacity)),
                input.Clearable(input.SalesStartAt, current.SalesWindow.StartsAt, nameof(input.SalesStartAt)),
                input.Clearable(input.SalesEndAt, current.SalesWindow.EndsAt, nameof(input.SalesEndAt)),
                input.Required(input.MinPerOrder, current.MinPerOrder, nameof(input.MinPerOrder)),
                input.Required(input.MaxPerOrder, current.MaxPerOrder, nameof(input.MaxPerOrder)),
                hidden,
                accessCode), write.Now);
            await write.SaveAsync(e);
            return new UpdateTicketTypePayload(new TicketTypeNode(type, e), []);
        }, errors => new UpdateTicketTypePayload(null, errors));
    }
}
