using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Catalog.Mutations;

/// <summary>Quotas: capacities shared by several ticket types of an event.</summary>
[MutationType]
public sealed class QuotaMutations
{
    /// <summary>Creates a quota over some of an event's ticket types. Managers and owners of its organization.</summary>
    /// <param name="input">The quota.</param>
    /// <param name="context">The request.</param>
    public Task<CreateQuotaPayload?> CreateQuotaAsync(CreateQuotaInput input, IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        return CatalogWrite.RunAsync<ICreateQuotaError, CreateQuotaPayload?>(context, async write =>
        {
            var eventId = Ids.Require(input.EventId, EventNode.TypeName, "input.eventId");
            var ticketTypeIds = input.TicketTypeIds
                .Select((id, i) => Ids.Require(id, TicketTypeNode.TypeName, $"input.ticketTypeIds[{i}]"))
                .ToArray();
            var e = await write.LoadEventAsync(eventId, input.EventId);
            var quota = e.CreateQuota(input.Name, input.Capacity, ticketTypeIds, write.Now);
            await write.SaveAsync(e);
            return new CreateQuotaPayload(new QuotaNode(quota, e), []);
        }, errors => new CreateQuotaPayload(null, errors));
    }

    /// <summary>Renames a quota or changes its capacity (never below what its ticket types sold or hold).</summary>
    /// <param name="input">The quota and the change.</param>
    /// <param name="context">The request.</param>
    public Task<UpdateQuotaPayload?> UpdateQuotaAsync(UpdateQuotaInput input, IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        return CatalogWrite.RunAsync<IUpdateQuotaError, UpdateQuotaPayload?>(context, async write =>
        {
            var quotaId = Ids.Require(input.QuotaId, QuotaNode.TypeName, "input.quotaId");
            var e = await write.LoadEventOfQuotaAsync(quotaId, input.QuotaId);
            var current = e.Quotas.First(q => q.Id == quotaId);
            var quota = e.UpdateQuota(
                quotaId,
                input.Required(input.Name, current.Name, nameof(input.Name)),
                input.Required(input.Capacity, current.Capacity, nameof(input.Capacity)),
                write.Now);
            await write.SaveAsync(e);
            return new UpdateQuotaPayload(new QuotaNode(quota, e), []);
        }, errors => new UpdateQuotaPayload(null, errors));
    }
}
