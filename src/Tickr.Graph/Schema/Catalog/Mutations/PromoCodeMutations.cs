using Tickr.Domain.Catalog;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Catalog.Mutations;

/// <summary>Promo codes: discounts buyers unlock by typing a code.</summary>
[MutationType]
public sealed class PromoCodeMutations
{
    /// <summary>Creates a promo code for an event. Managers and owners of its organization; a code the event already has is a DuplicateError.</summary>
    /// <param name="input">The promo code.</param>
    /// <param name="context">The request.</param>
    public Task<CreatePromoCodePayload?> CreatePromoCodeAsync(CreatePromoCodeInput input, IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        return CatalogWrite.RunAsync<ICreatePromoCodeError, CreatePromoCodePayload?>(context, async write =>
        {
            var eventId = Ids.Require(input.EventId, EventNode.TypeName, "input.eventId");
            var ticketTypeIds = (input.TicketTypeIds ?? [])
                .Select((id, i) => Ids.Require(id, TicketTypeNode.TypeName, $"input.ticketTypeIds[{i}]"))
                .ToArray();
            var e = await write.LoadEventAsync(eventId, input.EventId);
            var promo = e.CreatePromoCode(new PromoCodeDetails(
                input.Code,
                input.Kind,
                input.PercentOff,
                input.AmountOff?.ToMoney("amountOff"),
                input.MaxUses,
                input.ValidFrom,
                input.ValidUntil,
                ticketTypeIds), write.Now);
            await write.SaveAsync(e);
            return new CreatePromoCodePayload(new PromoCodeNode(promo, e), []);
        }, errors => new CreatePromoCodePayload(null, errors));
    }
}
