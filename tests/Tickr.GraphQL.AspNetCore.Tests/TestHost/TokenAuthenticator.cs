using System.Security.Claims;
using Tickr.GraphQL.AspNetCore.WebSockets;

namespace Tickr.GraphQL.AspNetCore.Tests.TestHost;

/// <summary>Test authenticator: "good-token" is user alice, "boom" throws, anything else is refused (4403).</summary>
public sealed class TokenAuthenticator : IWebSocketAuthenticator
{
    public ValueTask<bool> AuthenticateAsync(WebSocketConnectContext context, CancellationToken cancellationToken)
    {
        var token = context.GetBearerToken();
        if (token == "boom")
        {
            throw new InvalidOperationException("authenticator failure");
        }
        if (token != "good-token")
        {
            return new(false);
        }
        context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "alice")], "Bearer"));
        context.ContextData["tenant"] = "ws-tenant";
        context.AcknowledgementPayload = new { user = "alice" };
        return new(true);
    }
}
