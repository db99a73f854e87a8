using Microsoft.EntityFrameworkCore;
using Tickr.Data;
using Tickr.Domain.Ticketing;
using Tickr.Graph.Schema.Identity;
using Tickr.Graph.Schema.Relay;
using Tickr.Graph.Schema.Ticketing;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Ordering;

/// <summary>The participant's wallet: their orders and the tickets they hold.</summary>
[ExtendObjectType(typeof(UserNode))]
public sealed class Wallet
{
    /// <summary>The user's orders, newest first.</summary>
    [GraphQLCost(1, SlicingArguments = ["first"])]
    public Task<Connection<OrderNode>> GetOrdersAsync(
        [Parent] UserNode user,
        [Service] IDbContextFactory<TickrDbContext> contexts,
        IResolverContext context,
        [GraphQLDescription("Page size, 0 to 100 (default 20).")] int? first = null,
        [GraphQLDescription("The cursor after which the page starts.")] string? after = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(context);
        var userId = user.Entity.Id;
        return Paging.ToConnectionAsync(
            contexts,
            db => db.Orders.AsNoTracking().Include(o => o.Lines).Where(o => o.BuyerId == userId).OrderByDescending(o => o.CreatedAt).ThenBy(o => o.Id),
            first,
            after,
            o => new OrderNode(o),
            context.CancellationToken);
    }

    /// <summary>The tickets the user holds (bought, or transferred to them), valid ones first, by event date.</summary>
    [GraphQLCost(1, SlicingArguments = ["first"])]
    public Task<Connection<TicketNode>> GetTicketsAsync(
        [Parent] UserNode user,
        [Service] IDbContextFactory<TickrDbContext> contexts,
        IResolverContext context,
        [GraphQLDescription("Page size, 0 to 100 (default 20).")] int? first = null,
        [GraphQLDescription("The cursor after which the page starts.")] string? after = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(context);
        var userId = user.Entity.Id;
        var email = user.Entity.Email ?? "";
        return Paging.ToConnectionAsync(
            contexts,
            db => db.Tickets.AsNoTracking()
                .Where(t => t.HolderId == userId || (t.HolderId == null && t.HolderEmail == email))
                .OrderBy(t => t.Status == TicketStatus.Valid ? 0 : 1).ThenByDescending(t => t.IssuedAt).ThenBy(t => t.Id),
            first,
            after,
            t => new TicketNode(t),
            context.CancellationToken);
    }
}
