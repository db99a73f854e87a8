using System.Text;
using Microsoft.AspNetCore.Authentication;

namespace Tickr.Graph.Auth;

/// <summary>
/// Answers 401 to a request whose credentials are invalid: an invalid or expired bearer token, or an unknown, expired
/// or revoked API key. ASP.NET Core's authentication would otherwise run it as anonymous, and a client with an expired
/// token would see "not logged in" data instead of being told to refresh. Requests without credentials pass: which
/// fields need a user is the resolvers' decision.
/// </summary>
public sealed class RejectInvalidCredentialsMiddleware
{
    private static readonly byte[] BearerBody = Encoding.UTF8.GetBytes(
        """{"errors":[{"message":"The bearer token is invalid or expired.","extensions":{"code":"UNAUTHENTICATED"}}]}""");

    private static readonly byte[] ApiKeyBody = Encoding.UTF8.GetBytes(
        """{"errors":[{"message":"The API key is invalid, expired or revoked.","extensions":{"code":"UNAUTHENTICATED"}}]}""");

    private readonly RequestDelegate _next;

    public RejectInvalidCredentialsMiddleware(RequestDelegate next) => _next = next;

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var apiKey = ApiKeyAuthenticationHandler.IsPresented(context.Request);
        if (apiKey || context.Request.Headers.Authorization.Count > 0)
        {
            // The default (policy) scheme forwards to the bearer or the API-key handler, which cache their result per
            // request: this does not validate the credentials a second time.
            var result = await context.AuthenticateAsync().ConfigureAwait(false);
            if (result.Failure is not null)
            {
                // The challenge sets 401 and WWW-Authenticate (Bearer error="invalid_token", RFC 6750; or ApiKey).
                await context.ChallengeAsync().ConfigureAwait(false);
                if (!context.Response.HasStarted)
                {
                    context.Response.ContentType = "application/json; charset=utf-8";
                    await context.Response.Body.WriteAsync(apiKey ? ApiKeyBody : BearerBody, context.RequestAborted).ConfigureAwait(false);
                }
                return;
            }
        }
        await _next(context).ConfigureAwait(false);
    }
}
