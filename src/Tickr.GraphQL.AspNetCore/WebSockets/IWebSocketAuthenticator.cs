namespace Tickr.GraphQL.AspNetCore.WebSockets;

/// <summary>
/// Host hook run on <c>connection_init</c>: validate credentials from the payload (e.g. a bearer token, with the same
/// rules as the HTTP endpoint), set <see cref="WebSocketConnectContext.User"/> and context data, or refuse the
/// connection (closed with 4403 Forbidden). Credentials that expire set <see cref="WebSocketConnectContext.ExpiresAt"/>:
/// the connection is then closed with 4403 when that time is reached. With no authenticator registered, every connection is accepted with the
/// user of the upgrade request.
/// </summary>
public interface IWebSocketAuthenticator
{
    /// <summary>True to acknowledge the connection; false to close it with 4403.</summary>
    ValueTask<bool> AuthenticateAsync(WebSocketConnectContext context, CancellationToken cancellationToken);
}
