using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Tickr.Data;
using Tickr.Domain.Catalog;
using Tickr.Domain.Common;
using Tickr.Graph.Schema.Identity;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Catalog.Mutations;

/// <summary>An event's life: create it as a draft, edit it, publish it, cancel it.</summary>
[MutationType]
public sealed class EventMutations
{
    /// <summary>Attempts at a free generated slug before falling back to a random suffix (only concurrent creations collide).</summary>
    private const int GeneratedSlugAttempts = 5;

    /// <summary>Slug candidates checked per query when the title's slug is taken (title, title-2 … title-20).</summary>
    private const int SlugCandidatesPerQuery = 20;

    /// <summary>Room left after a generated slug's base for a suffix such as <c>-123456</c>.</summary>
    private const int SlugBaseMaxLength = Slug.MaxLength - 8;

    /// <summary>
    /// Creates a draft event. Managers and owners of the organization (or its READ_WRITE API keys). Without a
    /// <c>slug</c>, one is made from the title (-2, -3… appended when taken); a given slug that is taken is a DuplicateError.
    /// </summary>
    /// <param name="input">The event.</param>
    /// <param name="context">The request.</param>
    public Task<CreateEventPayload?> CreateEventAsync(CreateEventInput input, IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        return CatalogWrite.RunAsync<ICreateEventError, CreateEventPayload?>(context, async write =>
        {
            var organizationId = Ids.Require(input.OrganizationId, OrganizationNode.TypeName, "input.organizationId");
            var venueId = Ids.Optional(input.VenueId, VenueNode.TypeName, "input.venueId");
            var categoryId = Ids.Optional(input.CategoryId, CategoryNode.TypeName, "input.categoryId");
            await write.RequireManageAsync(organizationId, input.OrganizationId, "organization");
            if (venueId is { } venue)
            {
                await write.RequireOwnVenueAsync(venue, input.VenueId!, organizationId, "venueId");
            }
            if (categoryId is { } category)
            {
                await write.RequireCategoryAsync(category, input.CategoryId!);
            }
            var currency = Currency.FromCode(input.Currency);
            var details = new EventDetails(input.Title, input.Description, input.ImageUrl, input.StartsAt, input.EndsAt,
                input.TimeZone, venueId, categoryId, input.RefundPolicy?.ToPolicy(), input.MaxTicketsPerBuyer);

            if (input.Slug is not null)
            {
                // A chosen slug is the organizer's: taken means DuplicateError (from the unique index, so that two
                // concurrent creations with the same slug get one success and one error).
                var chosen = Event.Create(organizationId, details, input.Slug.Trim(), currency, write.Now);
                write.Db.Events.Add(chosen);
                await write.SaveAsync();
                return new CreateEventPayload(new EventNode(chosen), []);
            }

            var title = BaseSlug(input.Title);
            var created = Event.Create(organizationId, details, await FreeSlugAsync(write.Db, title, write.CancellationToken), currency, write.Now);
            write.Db.Events.Add(created);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await write.SaveAsync();
                    return new CreateEventPayload(new EventNode(created), []);
                }
                catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(write.Db, e, out var violation)
                    && violation?.Is<Event>(nameof(Event.Slug)) == true)
                {
                    // Another creation took the slug between our check and our insert: take the next free one. The
                    // insert failed as a whole, so the event is still only in this context.
                    var next = attempt < GeneratedSlugAttempts
                        ? await FreeSlugAsync(write.Db, title, write.CancellationToken)
                        : title + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
                    created.ChangeSlug(next, write.Now);
                }
            }
        }, errors => new CreateEventPayload(null, errors));
    }

    /// <summary>
    /// Changes an event; only the fields given change. Managers and owners of its organization. Concurrent changes are
    /// never lost: the later one gets a ConcurrentUpdateError and can retry on the current event.
    /// </summary>
    /// <param name="input">The event and the change.</param>
    /// <param name="context">The request.</param>
    public Task<UpdateEventPayload?> UpdateEventAsync(UpdateEventInput input, IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        return CatalogWrite.RunAsync<IUpdateEventError, UpdateEventPayload?>(context, async write =>
        {
            var eventId = Ids.Require(input.EventId, EventNode.TypeName, "input.eventId");
            var newVenueId = Ids.Optional(input.VenueId, VenueNode.TypeName, "input.venueId");
            var newCategoryId = Ids.Optional(input.CategoryId, CategoryNode.TypeName, "input.categoryId");
            var e = await write.LoadEventAsync(eventId, input.EventId);
            if (input.Has(nameof(input.VenueId)) && newVenueId is { } venue && venue != e.VenueId)
            {
                await write.RequireOwnVenueAsync(venue, input.VenueId!, e.OrganizationId, "venueId");
            }
            if (input.Has(nameof(input.CategoryId)) && newCategoryId is { } category && category != e.CategoryId)
            {
                await write.RequireCategoryAsync(category, input.CategoryId!);
            }
            e.Update(new EventDetails(
                input.Required(input.Title, e.Title, nameof(input.Title)),
                input.Clearable(input.Description, e.Description, nameof(input.Description)),
                input.Clearable(input.ImageUrl, e.ImageUrl, nameof(input.ImageUrl)),
                input.Required(input.StartsAt, e.StartsAt, nameof(input.StartsAt)),
                input.Required(input.EndsAt, e.EndsAt, nameof(input.EndsAt)),
                input.Required(input.TimeZone, e.TimeZoneId, nameof(input.TimeZone)),
                input.Clearable(newVenueId, e.VenueId, nameof(input.VenueId)),
                input.Clearable(newCategoryId, e.CategoryId, nameof(input.CategoryId)),
                input.Required(input.RefundPolicy, e.RefundPolicy, p => p.ToPolicy(), nameof(input.RefundPolicy)),
                input.Clearable(input.MaxTicketsPerBuyer, e.MaxTicketsPerBuyer, nameof(input.MaxTicketsPerBuyer))), write.Now);
            var slug = input.Required(input.Slug?.Trim(), e.Slug, nameof(input.Slug));
            if (slug != e.Slug)
            {
                e.ChangeSlug(slug, write.Now);
            }
            await write.SaveAsync(e);
            return new UpdateEventPayload(new EventNode(e), []);
        }, errors => new UpdateEventPayload(null, errors));
    }

    /// <summary>Puts a draft event on sale. It needs a ticket type and must not have ended.</summary>
    /// <param name="input">The event.</param>
    /// <param name="context">The request.</param>
    public Task<PublishEventPayload?> PublishEventAsync(PublishEventInput input, IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        return CatalogWrite.RunAsync<IPublishEventError, PublishEventPayload?>(context, async write =>
        {
            var eventId = Ids.Require(input.EventId, EventNode.TypeName, "input.eventId");
            var e = await write.LoadEventAsync(eventId, input.EventId);
            e.Publish(write.Now);
            await write.SaveAsync(e);
            return new PublishEventPayload(new EventNode(e), []);
        }, errors => new PublishEventPayload(null, errors));
    }

    /// <summary>Calls off a draft or published event: sales stop and the event can no longer be changed.</summary>
    /// <param name="input">The event and the reason.</param>
    /// <param name="context">The request.</param>
    public Task<CancelEventPayload?> CancelEventAsync(CancelEventInput input, IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        return CatalogWrite.RunAsync<ICancelEventError, CancelEventPayload?>(context, async write =>
        {
            var eventId = Ids.Require(input.EventId, EventNode.TypeName, "input.eventId");
            var e = await write.LoadEventAsync(eventId, input.EventId);
            e.Cancel(input.Reason, write.Now);
            await write.SaveAsync(e);
            return new CancelEventPayload(new EventNode(e), []);
        }, errors => new CancelEventPayload(null, errors));
    }

    /// <summary>The title's slug, shortened to leave room for a suffix; "event" for a title with no Latin letter or digit.</summary>
    private static string BaseSlug(string title)
    {
        var slug = Slug.From(title ?? "");
        if (slug.Length > SlugBaseMaxLength)
        {
            slug = slug[..SlugBaseMaxLength].TrimEnd('-');
        }
        return slug.Length == 0 ? "event" : slug;
    }

    /// <summary>The first of <c>base</c>, <c>base-2</c>, <c>base-3</c>… that no event uses, a bounded query at a time.</summary>
    private static async Task<string> FreeSlugAsync(TickrDbContext db, string baseSlug, CancellationToken cancellationToken)
    {
        for (var first = 1; ; first += SlugCandidatesPerQuery)
        {
            var candidates = Enumerable.Range(first, SlugCandidatesPerQuery)
                .Select(n => n == 1 ? baseSlug : baseSlug + "-" + n.ToString(CultureInfo.InvariantCulture))
                .ToList();
            var taken = await db.Events.AsNoTracking().Where(e => candidates.Contains(e.Slug)).Select(e => e.Slug)
                .ToListAsync(cancellationToken);
            if (candidates.FirstOrDefault(c => !taken.Contains(c)) is { } free)
            {
                return free;
            }
        }
    }
}
