using Microsoft.EntityFrameworkCore;
using Tickr.Domain.Catalog;
using Tickr.Domain.Common;
using Tickr.Domain.Ticketing;
using Tickr.Graph.Live;
using Tickr.Graph.Ticketing;
using Tickr.Graph.Schema.Catalog;
using Tickr.Graph.Schema.Catalog.Mutations;
using Tickr.Graph.Schema.Common;
using Tickr.Graph.Schema.Errors;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Execution.DataLoader;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Ticketing;

/// <summary>Check-in lists: the gates of an event and the ticket types each admits.</summary>
[MutationType]
public sealed class CheckInListMutations
{
    /// <summary>
    /// Creates a check-in list (a gate, a session, a VIP entrance) for an event: each ticket is admitted once per list.
    /// Name the ticket types it admits, or none for all of them. Managers and owners of the event's organization.
    /// </summary>
    /// <param name="input">The list.</param>
    /// <param name="context">The request.</param>
    public Task<CreateCheckInListPayload> CreateCheckInListAsync(CreateCheckInListInput input, IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        return CatalogWrite.RunAsync<ICreateCheckInListError, CreateCheckInListPayload>(context, async write =>
        {
            var eventId = Ids.Require(input.EventId, EventNode.TypeName, "input.eventId");
            var typeIds = TypeIds(input.TicketTypeIds);
            var e = await write.Db.Events.AsNoTracking().Include(x => x.TicketTypes).FirstOrDefaultAsync(x => x.Id == eventId, write.CancellationToken)
                ?? throw CatalogWrite.Refuse(new NotFoundError("No event with this id, or it belongs to an organization you are not a member of.", input.EventId));
            await write.RequireManageAsync(e.OrganizationId, input.EventId, "event");
            RequireOwnTypes(e, typeIds);
            var list = CheckInList.Create(e.Id, input.Name, typeIds, write.Now);
            write.Db.CheckInLists.Add(list);
            await write.SaveAsync();
            context.Services.GetRequiredService<LiveUpdates>().CheckInsChanged(e.Id);
            return new CreateCheckInListPayload(new CheckInListNode(list), []);
        }, errors => new CreateCheckInListPayload(null, errors));
    }

    /// <summary>Renames a check-in list or changes the ticket types it admits. Managers and owners of the event's organization.</summary>
    /// <param name="input">The list and the change.</param>
    /// <param name="context">The request.</param>
    public Task<UpdateCheckInListPayload> UpdateCheckInListAsync(UpdateCheckInListInput input, IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        return CatalogWrite.RunAsync<IUpdateCheckInListError, UpdateCheckInListPayload>(context, async write =>
        {
            var (list, e) = await LoadAsync(write, input.ListId);
            var typeIds = input.Has(nameof(input.TicketTypeIds))
                ? TypeIds(input.TicketTypeIds ?? [])
                : list.TicketTypes.Select(t => t.TicketTypeId).ToList();
            RequireOwnTypes(e, typeIds);
            list.Update(input.Required(input.Name, list.Name, nameof(input.Name)), typeIds);
            await write.SaveAsync();
            context.DataLoader<CheckInListByIdLoader>().Clear(list.Id);
            context.DataLoader<CheckInListsByEventLoader>().Clear(e.Id);
            context.DataLoader<CheckInCountsByEventLoader>().Clear(e.Id);
            context.Services.GetRequiredService<CheckInDoor>().Forget(list.Id);
            context.Services.GetRequiredService<LiveUpdates>().CheckInsChanged(e.Id);
            return new UpdateCheckInListPayload(new CheckInListNode(list), []);
        }, errors => new UpdateCheckInListPayload(null, errors));
    }

    /// <summary>
    /// Deletes a check-in list that has admitted nobody yet (a list with admissions is kept: they are the event's
    /// attendance record). Managers and owners of the event's organization.
    /// </summary>
    /// <param name="input">The list.</param>
    /// <param name="context">The request.</param>
    public Task<DeleteCheckInListPayload> DeleteCheckInListAsync(DeleteCheckInListInput input, IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        return CatalogWrite.RunAsync<IDeleteCheckInListError, DeleteCheckInListPayload>(context, async write =>
        {
            var (list, e) = await LoadAsync(write, input.ListId);
            // The delete only happens when no admission exists, in one statement, so a scan racing it either lands first
            // (and the list stays) or fails on the missing list.
            var deleted = await write.Db.CheckInLists
                .Where(l => l.Id == list.Id && !write.Db.CheckIns.Any(c => c.CheckInListId == l.Id))
                .ExecuteDeleteAsync(write.CancellationToken);
            if (deleted == 0)
            {
                var admitted = await write.Db.CheckIns.CountAsync(c => c.CheckInListId == list.Id, write.CancellationToken);
                throw admitted > 0
                    ? CatalogWrite.Refuse(new InvalidStatusError($"This list has admitted {admitted} ticket(s); it is kept as the attendance record."))
                    : CatalogWrite.Refuse(new ConcurrentUpdateError("The list was deleted meanwhile."));
            }
            context.DataLoader<CheckInListByIdLoader>().Clear(list.Id);
            context.DataLoader<CheckInListsByEventLoader>().Clear(e.Id);
            context.Services.GetRequiredService<CheckInDoor>().Forget(list.Id);
            context.Services.GetRequiredService<LiveUpdates>().CheckInsChanged(e.Id);
            return new DeleteCheckInListPayload(input.ListId, []);
        }, errors => new DeleteCheckInListPayload(null, errors));
    }

    private static async Task<(CheckInList List, Event Event)> LoadAsync(CatalogWrite write, string listId)
    {
        var id = Ids.Require(listId, CheckInListNode.TypeName, "input.listId");
        var notFound = new NotFoundError("No check-in list with this id, or it belongs to an organization you are not a member of.", listId);
        var list = await write.Db.CheckInLists.Include(l => l.TicketTypes).FirstOrDefaultAsync(l => l.Id == id, write.CancellationToken)
            ?? throw CatalogWrite.Refuse(notFound);
        var e = await write.Db.Events.AsNoTracking().Include(x => x.TicketTypes).FirstAsync(x => x.Id == list.EventId, write.CancellationToken);
        await write.RequireManageAsync(e.OrganizationId, listId, "check-in list");
        return (list, e);
    }

    private static List<Guid> TypeIds(IReadOnlyList<string> ids) =>
        ids.Select((id, i) => Ids.Require(id, TicketTypeNode.TypeName, $"input.ticketTypeIds[{i}]")).Distinct().ToList();

    private static void RequireOwnTypes(Event e, List<Guid> typeIds)
    {
        if (typeIds.Any(id => e.TicketTypes.All(t => t.Id != id)))
        {
            throw new DomainException(DomainErrorCode.Mismatch, "Every ticket type of a check-in list must be a ticket type of its event.", "ticketTypeIds");
        }
    }
}

/// <summary>A new check-in list.</summary>
public sealed class CreateCheckInListInput
{
    /// <summary>The event.</summary>
    [ID]
    public required string EventId { get; init; }

    /// <summary>The list's name, e.g. "Main gate" (at most 80 characters).</summary>
    public required string Name { get; init; }

    /// <summary>The event's ticket types the list admits; empty: every type.</summary>
    [ID]
    public required IReadOnlyList<string> TicketTypeIds { get; init; }
}

/// <summary>The result of <c>createCheckInList</c>.</summary>
public sealed class CreateCheckInListPayload(CheckInListNode? list, IReadOnlyList<ICreateCheckInListError> errors)
{
    /// <summary>The new list; null when it was not created.</summary>
    public CheckInListNode? CheckInList => list;

    /// <summary>Why it was not created; empty on success.</summary>
    public IReadOnlyList<ICreateCheckInListError> Errors => errors;
}

/// <summary>A change to a check-in list: only the fields given change.</summary>
public sealed class UpdateCheckInListInput : PatchInput
{
    /// <summary>The list.</summary>
    [ID]
    public required string ListId { get; init; }

    /// <summary>A new name.</summary>
    public string? Name { get; init => field = Given(value); }

    /// <summary>The ticket types it admits from now on (empty or null: every type).</summary>
    [ID]
    public IReadOnlyList<string>? TicketTypeIds { get; init => field = Given(value); }
}

/// <summary>The result of <c>updateCheckInList</c>.</summary>
public sealed class UpdateCheckInListPayload(CheckInListNode? list, IReadOnlyList<IUpdateCheckInListError> errors)
{
    /// <summary>The list after the change; null when nothing changed.</summary>
    public CheckInListNode? CheckInList => list;

    /// <summary>Why nothing changed; empty on success.</summary>
    public IReadOnlyList<IUpdateCheckInListError> Errors => errors;
}

/// <summary>The check-in list to delete.</summary>
public sealed class DeleteCheckInListInput
{
    /// <summary>The list.</summary>
    [ID]
    public required string ListId { get; init; }
}

/// <summary>The result of <c>deleteCheckInList</c>.</summary>
public sealed class DeleteCheckInListPayload(string? deletedListId, IReadOnlyList<IDeleteCheckInListError> errors)
{
    /// <summary>The deleted list's id; null when nothing was deleted.</summary>
    [ID]
    public string? DeletedListId => deletedListId;

    /// <summary>Why nothing was deleted; empty on success.</summary>
    public IReadOnlyList<IDeleteCheckInListError> Errors => errors;
}
