namespace Tickr.Graph.Schema;

/// <summary>
/// <c>extensions.code</c> values of errors raised by Tickr's resolvers (the engine's own codes are in
/// <c>Tickr.GraphQL.ErrorCodes</c>).
/// </summary>
public static class TickrErrorCodes
{
    /// <summary>The field needs an authenticated user and the request has none.</summary>
    public const string Unauthenticated = "UNAUTHENTICATED";

    /// <summary>
    /// The server had too many reservations in progress and this one waited longer than
    /// <c>Tickr:Selling:ReservationQueueTimeout</c> for its turn: nothing was reserved; retry a moment later.
    /// </summary>
    public const string ServiceBusy = "SERVICE_BUSY";
}
