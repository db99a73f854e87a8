using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Tickr.GraphQL.AspNetCore.WebSockets;

namespace Tickr.Graph.Auth;

/// <summary>
/// Authenticates a graphql-transport-ws connection from the bearer token in its <c>connection_init</c> payload
/// (<c>Authorization: "Bearer …"</c>, or <c>token</c>), because browsers cannot send headers on a WebSocket. The token
/// is checked by the JWT bearer handler's own token handlers and <c>TokenValidationParameters</c>, so a token is valid
/// here exactly when it is valid over HTTP. An invalid token refuses the connection (4403); no token keeps the user
/// of the upgrade request (anonymous unless it carried a valid <c>Authorization</c> header).
/// </summary>
public sealed partial class JwtWebSocketAuthenticator : IWebSocketAuthenticator
{
    private readonly IOptionsMonitor<JwtBearerOptions> _options;
    private readonly ILogger<JwtWebSocketAuthenticator> _logger;

    public JwtWebSocketAuthenticator(IOptionsMonitor<JwtBearerOptions> options, ILogger<JwtWebSocketAuthenticator> logger)
    {
        _options = options;
        _logger = logger;
    }

    public async ValueTask<bool> AuthenticateAsync(WebSocketConnectContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        // GetBearerToken matches the property name case-insensitively, so "authorization" is covered too.
        var token = context.GetBearerToken("Authorization") ?? context.GetBearerToken("token");
        if (string.IsNullOrWhiteSpace(token))
        {
            return true;
        }

        var options = _options.Get(JwtBearerDefaults.AuthenticationScheme);
        Exception? failure = null;
        foreach (var handler in options.TokenHandlers)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = await handler.ValidateTokenAsync(token, options.TokenValidationParameters).ConfigureAwait(false);
            if (result.IsValid)
            {
                context.User = new ClaimsPrincipal(result.ClaimsIdentity);
                return true;
            }
            failure ??= result.Exception;
        }
        LogRejected(_logger, failure?.Message ?? "no token handler accepted the token");
        return false;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "WebSocket connection refused: invalid bearer token ({Reason}).")]
    private static partial void LogRejected(ILogger logger, string reason);
}
