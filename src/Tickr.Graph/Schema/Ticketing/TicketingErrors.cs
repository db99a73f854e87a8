using Tickr.GraphQL.Types.Building;

// The error unions of check-in lists, scans and transfers, and which error types join each.
namespace Tickr.Graph.Schema.Ticketing
{
    /// <summary>Why <c>createCheckInList</c> failed.</summary>
    [UnionType("CreateCheckInListError")]
    public interface ICreateCheckInListError;

    /// <summary>Why <c>updateCheckInList</c> failed.</summary>
    [UnionType("UpdateCheckInListError")]
    public interface IUpdateCheckInListError;

    /// <summary>Why <c>deleteCheckInList</c> failed.</summary>
    [UnionType("DeleteCheckInListError")]
    public interface IDeleteCheckInListError;

    /// <summary>Why <c>checkIn</c> could not scan (a refused ticket is a <c>result</c>, not an error).</summary>
    [UnionType("CheckInError")]
    public interface ICheckInError;

    /// <summary>Why <c>uploadOfflineScans</c> could not take the batch.</summary>
    [UnionType("UploadOfflineScansError")]
    public interface IUploadOfflineScansError;

    /// <summary>Why <c>transferTicket</c> failed.</summary>
    [UnionType("TransferTicketError")]
    public interface ITransferTicketError;
}

namespace Tickr.Graph.Schema.Errors
{
    using Tickr.Graph.Schema.Ticketing;

    // A malformed value (name, device id, email, a ticket type of another event, too many scans).
    public sealed partial class InvalidInputError
        : ICreateCheckInListError, IUpdateCheckInListError, IDeleteCheckInListError, ICheckInError, IUploadOfflineScansError, ITransferTicketError;

    // The list, event or ticket is unknown or outside the caller's organizations (or not the caller's ticket).
    public sealed partial class NotFoundError
        : ICreateCheckInListError, IUpdateCheckInListError, IDeleteCheckInListError, ICheckInError, IUploadOfflineScansError, ITransferTicketError;

    // A member whose role (or a read-only API key) does not allow the action.
    public sealed partial class NotAuthorizedError
        : ICreateCheckInListError, IUpdateCheckInListError, IDeleteCheckInListError, ICheckInError, IUploadOfflineScansError;

    // Deleting a list that admitted people; transferring a revoked, checked-in or started event's ticket.
    public sealed partial class InvalidStatusError : IDeleteCheckInListError, ITransferTicketError;

    public sealed partial class ConcurrentUpdateError : IUpdateCheckInListError, IDeleteCheckInListError, ITransferTicketError;
}
