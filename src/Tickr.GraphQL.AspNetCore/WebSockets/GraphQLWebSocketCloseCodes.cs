namespace Tickr.GraphQL.AspNetCore.WebSockets;

/// <summary>Close codes of the graphql-transport-ws protocol (graphql-ws PROTOCOL.md).</summary>
public static class GraphQLWebSocketCloseCodes
{
    public const string SubProtocol = "graphql-transport-ws";

    /// <summary>A message that is not valid JSON or not a valid protocol message.</summary>
    public const int BadRequest = 4400;

    /// <summary>A subscribe before the connection was acknowledged.</summary>
    public const int Unauthorized = 4401;

    /// <summary>
    /// The connection_init was refused by the authenticator, or the connection's
    /// <see cref="WebSocketConnectContext.ExpiresAt"/> was reached.
    /// </summary>
    public const int Forbidden = 4403;

    /// <summary>The client did not ask for the graphql-transport-ws subprotocol.</summary>
    public const int SubprotocolNotAcceptable = 4406;

    /// <summary>No connection_init within the configured time.</summary>
    public const int ConnectionInitialisationTimeout = 4408;

    /// <summary>A subscribe with the id of a running operation.</summary>
    public const int SubscriberAlreadyExists = 4409;

    /// <summary>A second connection_init.</summary>
    public const int TooManyInitialisationRequests = 4429;

    /// <summary>An unexpected server failure.</summary>
    public const int InternalServerError = 4500;
}
