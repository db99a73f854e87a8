namespace Tickr.GraphQL.AspNetCore;

/// <summary>Keys of the entries the transports put into a request's <c>ContextData</c>.</summary>
public static class GraphQLContextKeys
{
    /// <summary>The <see cref="System.Security.Claims.ClaimsPrincipal"/> of the request or WebSocket connection.</summary>
    public const string User = "Tickr.User";

    /// <summary>The <see cref="Microsoft.AspNetCore.Http.HttpContext"/> of the request (the upgrade request for WebSockets).</summary>
    public const string HttpContext = "Tickr.HttpContext";

    /// <summary>The <c>connection_init</c> payload (a JsonElement) of a WebSocket connection.</summary>
    public const string ConnectionInitPayload = "Tickr.ConnectionInitPayload";

    /// <summary>
    /// Present (true) in the context data of a shared subscription group's executions (<c>[SharedSubscription]</c>
    /// fields): one execution serves many subscribers, so resolvers must not read who is watching.
    /// </summary>
    public const string SharedExecution = "Tickr.SharedExecution";
}
