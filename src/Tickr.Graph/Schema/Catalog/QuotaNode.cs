using Tickr.Domain.Catalog;
using Tickr.Graph.Schema.Catalog.Loaders;
using Tickr.Graph.Schema.Relay;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Catalog;

/// <summary>
/// A capacity shared by several ticket types of an event: a 500-seat hall sold as early bird and regular has one
/// quota of 500 over both. Visible to the event's organization only.
/// </summary>
[GraphQLName("Quota")]
public sealed class QuotaNode(Quota q, Event owner) : INode
{
    public const string TypeName = "Quota";

    /// <summary>The quota's global id.</summary>
    public string Id => GlobalId.Encode(TypeName, q.Id);

    /// <summary>The quota's name, e.g. "Main hall".</summary>
    public string Name => q.Name;

    /// <summary>How many tickets the quota's ticket types may sell together.</summary>
    public int Capacity => q.Capacity;

    /// <summary>Tickets sold across the quota's ticket types.</summary>
    public async Task<int> GetSoldAsync(PoolInventoryByEventLoader inventory) => (await CountsAsync(inventory))?.Sold ?? q.Sold;

    /// <summary>Tickets held by unpaid reservations across the quota's ticket types.</summary>
    public async Task<int> GetHeldAsync(PoolInventoryByEventLoader inventory) => (await CountsAsync(inventory))?.Held ?? q.Held;

    /// <summary>Capacity minus sold and held.</summary>
    public async Task<int> GetRemainingAsync(PoolInventoryByEventLoader inventory) => (await CountsAsync(inventory))?.Remaining ?? q.Remaining;

    private async Task<PoolInventory?> CountsAsync(PoolInventoryByEventLoader inventory)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        return (await inventory.LoadAsync(q.EventId)).FirstOrDefault(p => p.PoolId == q.Id);
    }

    /// <summary>The ticket types that draw on this quota.</summary>
    public async Task<IReadOnlyList<TicketTypeNode>> GetTicketTypesAsync(TicketTypesByEventLoader ticketTypes)
    {
        ArgumentNullException.ThrowIfNull(ticketTypes);
        var all = await ticketTypes.LoadAsync(q.EventId);
        return all.Where(o => q.Covers(o.Type.Id)).Select(o => new TicketTypeNode(o.Type, owner, o)).ToArray();
    }
}
