using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Tickr.GraphQL.AspNetCore.WebSockets;

/// <summary>What an <see cref="IWebSocketAuthenticator"/> sees and sets on <c>connection_init</c>.</summary>
public sealed class WebSocketConnectContext
{
    internal WebSocketConnectContext(HttpContext httpContext, JsonElement? payload, IDictionary<string, object?> contextData)
    {
        HttpContext = httpContext;
        Payload = payload;
        ContextData = contextData;
        User = httpContext.User;
    }

    /// <summary>The upgrade request (its headers, cookies, and the user ASP.NET Core authenticated, if any).</summary>
    public HttpContext HttpContext { get; }

    /// <summary>The <c>connection_init</c> payload (a JSON object), or null when none was sent.</summary>
    public JsonElement? Payload { get; }

    /// <summary>The user of every operation on this connection (put into <see cref="GraphQLContextKeys.User"/>).</summary>
    public ClaimsPrincipal User { get; set; }

    /// <summary>Entries copied into the <c>ContextData</c> of every operation on this connection.</summary>
    public IDictionary<string, object?> ContextData { get; }

    /// <summary>
    /// When the connection's credentials stop being valid (e.g. a token's <c>exp</c>), or null (the default) for a
    /// connection that lives as long as the socket. At that time the server closes the socket with 4403 Forbidden
    /// (graphql-ws PROTOCOL.md: the code for a connection the server does not, or no longer, permit): running
    /// operations are cancelled and nothing more is sent, not even their <c>complete</c>. A time already reached when
    /// the authenticators return refuses the connection like a <c>false</c> result. Several authenticators share this
    /// property: one that sets it should keep an earlier value set by another.
    /// </summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>Optional payload of the <c>connection_ack</c> message (serialized with System.Text.Json).</summary>
    public object? AcknowledgementPayload { get; set; }

    /// <summary>
    /// The payload's string property <paramref name="name"/> (e.g. <c>"Authorization"</c>), with a leading
    /// <c>Bearer </c> removed; null when absent.
    /// </summary>
    public string? GetBearerToken(string name = "Authorization")
    {
        if (Payload is not { ValueKind: JsonValueKind.Object } payload)
        {
            return null;
        }
        foreach (var property in payload.EnumerateObject())
        {
            if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.String)
            {
                var value = property.Value.GetString()!;
                return value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? value[7..].Trim() : value;
            }
        }
        return null;
    }
}
