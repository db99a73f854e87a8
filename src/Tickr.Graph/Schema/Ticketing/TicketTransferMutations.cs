using Microsoft.EntityFrameworkCore;
using Tickr.Data;
using Tickr.Data.Ordering;
using Tickr.Data.Ticketing;
using Tickr.Domain.Common;
using Tickr.Graph.Schema.Catalog;
using Tickr.Graph.Schema.Errors;
using Tickr.Graph.Schema.Ordering;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Execution.DataLoader;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Ticketing;

/// <summary>Attendee self-service: giving a ticket to someone else.</summary>
[MutationType]
public sealed class TicketTransferMutations
{
    /// <summary>
    /// Gives one of the caller's tickets to someone else, by email: the ticket gets a new version, so the old QR code
    /// is refused at the door (REVOKED), and the new holder is emailed their ticket (they see it in their wallet when
    /// they have an account with that address). Not once the ticket was checked in, nor once the event has started.
    /// </summary>
    /// <param name="input">The ticket and the new holder's email.</param>
    /// <param name="context">The request.</param>
    public async Task<TransferTicketPayload> TransferTicketAsync(TransferTicketInput input, IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        var user = context.RequireUserId();
        var ticketId = Ids.Require(input.TicketId, TicketNode.TypeName, "input.ticketId");
        var now = context.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        await using var db = await context.Services.GetRequiredService<IDbContextFactory<TickrDbContext>>().CreateDbContextAsync(context.CancellationToken);
        try
        {
            var ticket = await TicketTransfer.TransferAsync(db, ticketId, user, input.ToEmail, now, OrderingMutations.Source(context), context.CancellationToken);
            if (ticket is null)
            {
                return new TransferTicketPayload(null, [new NotFoundError("No ticket with this id among yours.", input.TicketId)]);
            }
            context.DataLoader<TicketByIdLoader>().Clear(ticket.Id);
            return new TransferTicketPayload(new TicketNode(ticket), []);
        }
        catch (DomainException e)
        {
            return new TransferTicketPayload(null, UserError.From<ITransferTicketError>(e));
        }
        catch (DbUpdateConcurrencyException)
        {
            return new TransferTicketPayload(null, [new ConcurrentUpdateError("The ticket changed meanwhile (transferred or refunded); read it again.")]);
        }
    }
}

/// <summary>Which ticket to give, and to whom.</summary>
public sealed class TransferTicketInput
{
    /// <summary>One of the caller's tickets.</summary>
    [ID]
    public required string TicketId { get; init; }

    /// <summary>The new holder's email address.</summary>
    public required string ToEmail { get; init; }
}

/// <summary>The result of <c>transferTicket</c>.</summary>
public sealed class TransferTicketPayload(TicketNode? ticket, IReadOnlyList<ITransferTicketError> errors)
{
    /// <summary>The ticket after the transfer (new holder, new version); null on error.</summary>
    public TicketNode? Ticket => ticket;

    /// <summary>Why it was not transferred; empty on success.</summary>
    public IReadOnlyList<ITransferTicketError> Errors => errors;
}
