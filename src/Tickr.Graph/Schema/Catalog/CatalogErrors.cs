using Tickr.GraphQL.Types.Building;

// The error unions of the catalog mutations, and which error types join each. A mutation can only return the types
// listed here (UserError.As reports any other as a server bug), so this file is the contract a client matches on.
namespace Tickr.Graph.Schema.Catalog
{
    /// <summary>Why <c>createVenue</c> failed.</summary>
    [UnionType("CreateVenueError")]
    public interface ICreateVenueError;

    /// <summary>Why <c>updateVenue</c> failed.</summary>
    [UnionType("UpdateVenueError")]
    public interface IUpdateVenueError;

    /// <summary>Why <c>createEvent</c> failed.</summary>
    [UnionType("CreateEventError")]
    public interface ICreateEventError;

    /// <summary>Why <c>updateEvent</c> failed.</summary>
    [UnionType("UpdateEventError")]
    public interface IUpdateEventError;

    /// <summary>Why <c>publishEvent</c> failed.</summary>
    [UnionType("PublishEventError")]
    public interface IPublishEventError;

    /// <summary>Why <c>cancelEvent</c> failed.</summary>
    [UnionType("CancelEventError")]
    public interface ICancelEventError;

    /// <summary>Why <c>addTicketType</c> failed.</summary>
    [UnionType("AddTicketTypeError")]
    public interface IAddTicketTypeError;

    /// <summary>Why <c>updateTicketType</c> failed.</summary>
    [UnionType("UpdateTicketTypeError")]
    public interface IUpdateTicketTypeError;

    /// <summary>Why <c>createQuota</c> failed.</summary>
    [UnionType("CreateQuotaError")]
    public interface ICreateQuotaError;

    /// <summary>Why <c>updateQuota</c> failed.</summary>
    [UnionType("UpdateQuotaError")]
    public interface IUpdateQuotaError;

    /// <summary>Why <c>createPromoCode</c> failed.</summary>
    [UnionType("CreatePromoCodeError")]
    public interface ICreatePromoCodeError;
}

namespace Tickr.Graph.Schema.Errors
{
    using Tickr.Graph.Schema.Catalog;

    // Every catalog mutation: a value breaks a rule (empty title, end before start, EUR price on a TND event…), the
    // target or a referenced object is unknown or outside the caller's organizations, or the caller's role is too low.
    public sealed partial class InvalidInputError
        : ICreateVenueError, IUpdateVenueError, ICreateEventError, IUpdateEventError, IPublishEventError, ICancelEventError,
          IAddTicketTypeError, IUpdateTicketTypeError, ICreateQuotaError, IUpdateQuotaError, ICreatePromoCodeError;

    public sealed partial class NotFoundError
        : ICreateVenueError, IUpdateVenueError, ICreateEventError, IUpdateEventError, IPublishEventError, ICancelEventError,
          IAddTicketTypeError, IUpdateTicketTypeError, ICreateQuotaError, IUpdateQuotaError, ICreatePromoCodeError;

    public sealed partial class NotAuthorizedError
        : ICreateVenueError, IUpdateVenueError, ICreateEventError, IUpdateEventError, IPublishEventError, ICancelEventError,
          IAddTicketTypeError, IUpdateTicketTypeError, ICreateQuotaError, IUpdateQuotaError, ICreatePromoCodeError;

    // Every write to an existing row can lose the race against another writer (optimistic concurrency).
    public sealed partial class ConcurrentUpdateError
        : IUpdateVenueError, IUpdateEventError, IPublishEventError, ICancelEventError,
          IAddTicketTypeError, IUpdateTicketTypeError, ICreateQuotaError, IUpdateQuotaError, ICreatePromoCodeError;

    // Cancelled and ended events are frozen; only drafts are published.
    public sealed partial class InvalidStatusError
        : IUpdateEventError, IPublishEventError, ICancelEventError,
          IAddTicketTypeError, IUpdateTicketTypeError, ICreateQuotaError, IUpdateQuotaError, ICreatePromoCodeError;

    // Event slugs are unique across Tickr; promo codes within their event.
    public sealed partial class DuplicateError : ICreateEventError, IUpdateEventError, ICreatePromoCodeError;

    public sealed partial class NoTicketTypesError : IPublishEventError;

    // Capacities that tickets already draw on.
    public sealed partial class CapacityBelowSoldError : IUpdateTicketTypeError, ICreateQuotaError, IUpdateQuotaError;
}
