using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Tickr.GraphQL.AspNetCore.WebSockets;

namespace Tickr.Graph.Auth;

/// <summary>
/// Authenticates a graphql-transport-ws connection from the bearer token in its <c>connection_init</c> payload
/// (<c>Authorization: "Bearer …"</c>, or <c>token</c>), because browsers cannot send headers on a WebSocket. The token
/// is checked by the JWT bearer handler's own token handlers and <c>TokenValidationParameters</c>, so a token is valid
/// here exactly when it is valid over HTTP, and the connection ends (4403) when the token stops being valid: its
/// <c>exp</c> plus the same <c>ClockSkew</c> validation allowed (<see cref="WebSocketConnectContext.ExpiresAt"/>). An
/// invalid token refuses the connection (4403); no token keeps the user
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
                if (ExpiresAt(result.SecurityToken, options.TokenValidationParameters) is { } expiresAt
                    && (context.ExpiresAt is not { } earlier || expiresAt < earlier))
                {
                    context.ExpiresAt = expiresAt;
                }
                return true;
            }
            failure ??= result.Exception;
        }
        LogRejected(_logger, failure?.Message ?? "no token handler accepted the token");
        return false;
    }

    /// <summary>
    /// The instant HTTP would start refusing the token: its <c>exp</c> plus the validation's clock skew (no extra
    /// margin), so one token is accepted for exactly as long on both transports. Null when lifetime is not validated
    /// or the token has no <c>exp</c>.
    /// </summary>
    private static DateTimeOffset? ExpiresAt(SecurityToken? token, TokenValidationParameters parameters)
    {
        if (token is null || !parameters.ValidateLifetime || token.ValidTo == DateTime.MinValue)
        {
            return null;
        }
        var validTo = new DateTimeOffset(DateTime.SpecifyKind(token.ValidTo, DateTimeKind.Utc));
        var skew = parameters.ClockSkew > TimeSpan.Zero ? parameters.ClockSkew : TimeSpan.Zero;
        return validTo > DateTimeOffset.MaxValue - skew ? null : validTo + skew;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "WebSocket connection refused: invalid bearer token ({Reason}).")]
    private static partial void LogRejected(ILogger logger, string reason);
}
